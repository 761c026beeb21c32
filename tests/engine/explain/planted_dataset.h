#pragma once
// Generated datasets whose class is decided by evidence planted at a known place, so tests can check that
// attributions point at it: a dark or bright square anywhere in a noisy image, a key word among
// filler words, a low or high tone in a known time span of a noisy clip, one decisive tabular feature.
// Every modality always carries its planted thing; `signal` says which ones follow the label (the others
// are drawn independently of it and carry no information).
#include <filesystem>
#include <set>
#include <string>
#include <vector>

namespace fusebench::testing {

struct PlantedSample {
  int label = 0;
  int square_x = 0, square_y = 0;  // the square's top-left pixel (side kSquare)
  int word_position = 0;           // the key word's index among the tokens
  double tone_start = 0, tone_end = 0;  // seconds
};

inline constexpr int kPlantedImage = 16, kSquare = 4, kPlantedRate = 8000;
inline constexpr double kPlantedSeconds = 0.5;
inline constexpr int kSignalFeature = 2;  // "f2" decides the class when tabular carries the signal

// A mono 16-bit WAV file of `wave` at `rate` (both planted datasets); throws naming the file when it cannot.
void writePlantedWav(const std::filesystem::path& file, const std::vector<float>& wave, int rate);

// Writes `samples` rows (two classes, "low" and "high"). `signal` holds any of image, text, audio, tabular.
std::vector<PlantedSample> writePlantedDataset(const std::filesystem::path& dir, int samples, const std::set<std::string>& signal,
                                               unsigned seed);

}  // namespace fusebench::testing
