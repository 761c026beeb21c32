#include "planted_hard_dataset.h"

#include "planted_dataset.h"

#include <cmath>
#include <fstream>
#include <opencv2/imgcodecs.hpp>
#include <random>
#include <stdexcept>
#include <string>

namespace fusebench::testing {

namespace fs = std::filesystem;

namespace {

struct Box {
  int x, y, side;
  bool overlaps(const Box& o) const {  // with a one-pixel gap
    return x < o.x + o.side + 1 && o.x < x + side + 1 && y < o.y + o.side + 1 && o.y < y + side + 1;
  }
};

// Dark 30 / bright 230 cells, mean 130 like the background: the texture, not the brightness, is the class.
uchar texture(int kind, int dx, int dy) {
  const bool bright = kind == 0 ? (dx + dy) % 2 == 0 : kind == 1 ? dy % 2 == 0 : dx % 2 == 0;
  return bright ? 230 : 30;
}

}  // namespace

std::vector<HardPlantedSample> writeHardPlantedDataset(const fs::path& dir, int samples, unsigned seed) {
  fs::create_directories(dir / "img");
  fs::create_directories(dir / "snd");
  std::mt19937 rng(seed);
  auto uni = [&](double a, double b) { return std::uniform_real_distribution<double>(a, b)(rng); };
  auto pick = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); };
  std::normal_distribution<double> gauss(0.0, 1.0);
  const char* filler[] = {"soft", "cotton", "warm", "blue", "classic", "slim", "daily", "light", "fresh", "urban",
                          "basic", "smart", "cosy", "plain", "bold", "neat"};
  const char* keys[] = {"alpha", "beta", "omega"};
  const char* distractors[] = {"gamma", "delta"};
  const double tones[] = {500.0, 1000.0, 2000.0};
  std::ofstream(dir / "dataset.json") << R"({
  "format": "fusebench-dataset", "version": 1, "name": "planted-hard", "manifest": "manifest.csv", "sample_rate": 8000,
  "columns": [
    {"name": "id", "role": "id"}, {"name": "image", "role": "image"}, {"name": "audio", "role": "audio"},
    {"name": "title", "role": "text"},
    {"name": "label", "role": "target", "task": "classification", "classes": ["check", "rows", "columns"]}
  ]
})";
  std::ofstream manifest(dir / "manifest.csv");
  manifest << "id,image,audio,title,label\n";
  std::vector<HardPlantedSample> out;
  for (int i = 0; i < samples; ++i) {
    HardPlantedSample s;
    s.label = i % 3;
    const std::string id = "h" + std::to_string(i);
    // Image: the patch, then three distractors wherever they fit without touching it or each other.
    cv::Mat img(kHardImage, kHardImage, CV_8UC1);
    for (int y = 0; y < kHardImage; ++y)
      for (int x = 0; x < kHardImage; ++x) img.at<uchar>(y, x) = static_cast<uchar>(uni(80, 170));
    const int sides[] = {4, 6, 8};
    s.patch_side = sides[pick(3)];
    Box patch{pick(kHardImage - s.patch_side + 1), pick(kHardImage - s.patch_side + 1), s.patch_side};
    s.patch_x = patch.x, s.patch_y = patch.y;
    std::vector<Box> placed{patch};
    for (int d = 0; d < 3; ++d) {
      const int side = sides[pick(3)];
      for (int attempt = 0; attempt < 50; ++attempt) {
        Box b{pick(kHardImage - side + 1), pick(kHardImage - side + 1), side};
        bool free = true;
        for (const auto& p : placed) free &= !b.overlaps(p);
        if (!free) continue;
        placed.push_back(b);
        const uchar grey = static_cast<uchar>(uni(30, 230));
        for (int dy = 0; dy < side; ++dy)
          for (int dx = 0; dx < side; ++dx)
            img.at<uchar>(b.y + dy, b.x + dx) = d == 2 ? (pick(2) ? 230 : 30) : grey;  // the last: speckle
        break;
      }
    }
    for (int dy = 0; dy < patch.side; ++dy)
      for (int dx = 0; dx < patch.side; ++dx) img.at<uchar>(patch.y + dy, patch.x + dx) = texture(s.label, dx, dy);
    cv::imwrite((dir / "img" / (id + ".png")).string(), img);
    // Text: nine words (fillers and key-like distractors), the key word at a random place.
    std::vector<std::string> words;
    for (int w = 0; w < kHardWords - 1; ++w) words.push_back(pick(4) == 0 ? distractors[pick(2)] : filler[pick(16)]);
    s.word_position = pick(kHardWords);
    words.insert(words.begin() + s.word_position, keys[s.label]);
    std::string title;
    for (const auto& w : words) title += (title.empty() ? "" : " ") + w;
    // Audio: noise, the tone, and as loud a tone at 3000 Hz (no class's) that does not overlap it.
    const int n = static_cast<int>(kHardRate * kHardSeconds);
    s.tone_start = uni(0.0, kHardSeconds - 0.1);
    s.tone_end = s.tone_start + 0.1;
    double burst = 0;
    do burst = uni(0.0, kHardSeconds - 0.1);
    while (std::abs(burst - s.tone_start) < 0.12);
    std::vector<float> wave(static_cast<std::size_t>(n));
    for (int t = 0; t < n; ++t) {
      const double sec = static_cast<double>(t) / kHardRate;
      double v = 0.03 * gauss(rng);
      if (sec >= s.tone_start && sec < s.tone_end) v += 0.3 * std::sin(2 * M_PI * tones[s.label] * sec);
      if (sec >= burst && sec < burst + 0.1) v += 0.3 * std::sin(2 * M_PI * 3000.0 * sec);
      wave[static_cast<std::size_t>(t)] = static_cast<float>(v);
    }
    writePlantedWav(dir / "snd" / (id + ".wav"), wave, kHardRate);
    manifest << id << ",img/" << id << ".png,snd/" << id << ".wav," << title << "," << (s.label == 0 ? "check" : s.label == 1 ? "rows" : "columns") << "\n";
    out.push_back(s);
  }
  return out;
}

}  // namespace fusebench::testing
