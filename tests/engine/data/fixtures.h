#pragma once
// Writes small real datasets for tests: PNG/JPEG images with OpenCV, WAV/FLAC audio with libsndfile, and
// a manifest with one sample per kind of problem `data validate` must report.
#include <filesystem>
#include <string>
#include <vector>

namespace fusebench::testing {

std::filesystem::path freshDir(const std::string& name);  // empty folder under the temp dir

void writeGrayPng(const std::filesystem::path& p, int w, int h, int value, bool sixteenBit = false);
void writeColorImage(const std::filesystem::path& p, int w, int h);  // extension picks the format
void writeSine(const std::filesystem::path& p, int rate, double seconds, double hz, int channels = 1,
               int format = 0 /* 0: WAV 16-bit */);
void truncateFile(const std::filesystem::path& p, double keep_fraction);
void writeText(const std::filesystem::path& p, const std::string& text);

// A dataset (image, audio, title, size, colour, label, id, split) with one good sample per class
// (3 classes x 4) plus one sample for every problem; `problems` receives (row, column, reason fragment).
struct ExpectedProblem {
  std::size_t row;
  std::string column;
  std::string reason;
};
std::filesystem::path writeProblemDataset(const std::string& name, std::vector<ExpectedProblem>* problems);

// A clean dataset of `per_class` x 3 samples with every modality, for loader tests.
std::filesystem::path writeCleanDataset(const std::string& name, int per_class, bool with_split_column = false);

}  // namespace fusebench::testing
