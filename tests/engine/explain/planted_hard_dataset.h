#pragma once
// A harder planted-evidence dataset (three classes), made so the failures found from outside would show:
// - image 32 x 32: the class is a textured patch (checkerboard, horizontal or vertical stripes; side 4, 6 or
//   8) at a random place, among distractors of the same size and mean brightness (solid grey squares and a
//   patch of random speckle), so neither brightness nor "something is there" gives the class away;
// - text: a key word (alpha, beta, omega) at a random place among nine filler words, two of them
//   key-like distractors (gamma, delta) that appear in every class;
// - audio 0.5 s: a 0.1 s tone (500, 1000 or 2000 Hz) at a random time, and as loud a 0.1 s tone at
//   3000 Hz elsewhere. (A broadband noise burst was tried first: it covers the class bands too, so the
//   models rightly respond to it and "the evidence" is no longer one place.)
// Every modality carries the class.
#include <filesystem>
#include <vector>

namespace fusebench::testing {

struct HardPlantedSample {
  int label = 0;
  int patch_x = 0, patch_y = 0, patch_side = 0;  // the textured patch's top-left pixel and side
  int word_position = 0;                         // the key word's token index
  double tone_start = 0, tone_end = 0;           // seconds
};

inline constexpr int kHardImage = 32, kHardRate = 8000, kHardWords = 10;
inline constexpr double kHardSeconds = 0.5;

std::vector<HardPlantedSample> writeHardPlantedDataset(const std::filesystem::path& dir, int samples, unsigned seed);

}  // namespace fusebench::testing
