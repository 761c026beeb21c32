#include "planted_dataset.h"

#include <sndfile.h>

#include <cmath>
#include <fstream>
#include <opencv2/imgcodecs.hpp>
#include <random>

namespace fusebench::testing {

namespace fs = std::filesystem;

void writePlantedWav(const fs::path& file, const std::vector<float>& wave, int rate) {
  SF_INFO info{};
  info.samplerate = rate;
  info.channels = 1;
  info.format = SF_FORMAT_WAV | SF_FORMAT_PCM_16;
  SNDFILE* f = sf_open(file.string().c_str(), SFM_WRITE, &info);
  if (!f) throw std::runtime_error("cannot write " + file.string());
  sf_writef_float(f, wave.data(), static_cast<sf_count_t>(wave.size()));
  sf_close(f);
}

std::vector<PlantedSample> writePlantedDataset(const fs::path& dir, int samples, const std::set<std::string>& signal, unsigned seed) {
  fs::create_directories(dir / "img");
  fs::create_directories(dir / "snd");
  std::mt19937 rng(seed);
  auto uni = [&](double a, double b) { return std::uniform_real_distribution<double>(a, b)(rng); };
  auto pick = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); };
  std::normal_distribution<double> gauss(0.0, 1.0);
  const char* filler[] = {"soft", "cotton", "warm", "blue", "classic", "slim", "daily", "light", "fresh", "urban",
                          "basic", "smart", "cosy", "plain", "bold", "neat"};
  const char* keys[] = {"alpha", "omega"};
  std::ofstream(dir / "dataset.json") << R"({
  "format": "fusebench-dataset", "version": 1, "name": "planted", "manifest": "manifest.csv", "sample_rate": 8000,
  "columns": [
    {"name": "id", "role": "id"}, {"name": "image", "role": "image"}, {"name": "audio", "role": "audio"},
    {"name": "title", "role": "text"}, {"name": "f0", "role": "numeric"}, {"name": "f1", "role": "numeric"},
    {"name": "f2", "role": "numeric"}, {"name": "f3", "role": "numeric"},
    {"name": "label", "role": "target", "task": "classification", "classes": ["low", "high"]}
  ]
})";
  std::ofstream manifest(dir / "manifest.csv");
  manifest << "id,image,audio,title,f0,f1,f2,f3,label\n";
  std::vector<PlantedSample> out;
  for (int i = 0; i < samples; ++i) {
    PlantedSample s;
    s.label = i % 2;
    auto follows = [&](const char* m) { return signal.count(m) ? s.label : pick(2); };
    // Image: mid-grey noise and a square anywhere, dark (0) or bright (1).
    const bool bright = follows("image");
    s.square_x = pick(kPlantedImage - kSquare + 1);
    s.square_y = pick(kPlantedImage - kSquare + 1);
    cv::Mat img(kPlantedImage, kPlantedImage, CV_8UC1);
    for (int y = 0; y < kPlantedImage; ++y)
      for (int x = 0; x < kPlantedImage; ++x) img.at<uchar>(y, x) = static_cast<uchar>(uni(80, 170));
    for (int y = 0; y < kSquare; ++y)
      for (int x = 0; x < kSquare; ++x)
        img.at<uchar>(s.square_y + y, s.square_x + x) = static_cast<uchar>(bright ? uni(225, 255) : uni(0, 25));
    const std::string id = "p" + std::to_string(i);
    cv::imwrite((dir / "img" / (id + ".png")).string(), img);
    // Text: five filler words and the key word at a random place.
    std::vector<std::string> words;
    for (int w = 0; w < 5; ++w) words.push_back(filler[pick(16)]);
    s.word_position = pick(6);
    words.insert(words.begin() + s.word_position, keys[follows("text")]);
    std::string title;
    for (const auto& w : words) title += (title.empty() ? "" : " ") + w;
    // Audio: noise and a 0.12 s tone, low (500 Hz) or high (2000 Hz), starting anywhere it fits.
    const int n = static_cast<int>(kPlantedRate * kPlantedSeconds);
    const double hz = follows("audio") ? 2000.0 : 500.0;
    s.tone_start = uni(0.0, kPlantedSeconds - 0.12);
    s.tone_end = s.tone_start + 0.12;
    std::vector<float> wave(static_cast<std::size_t>(n));
    for (int t = 0; t < n; ++t) {
      const double sec = static_cast<double>(t) / kPlantedRate;
      double v = 0.03 * gauss(rng);
      if (sec >= s.tone_start && sec < s.tone_end) v += 0.3 * std::sin(2 * M_PI * hz * sec);
      wave[static_cast<std::size_t>(t)] = static_cast<float>(v);
    }
    writePlantedWav(dir / "snd" / (id + ".wav"), wave, kPlantedRate);
    // Tabular: four standard normal features; f2 is ±1.5 by class when tabular carries the signal.
    double feats[4];
    for (double& v : feats) v = gauss(rng);
    if (signal.count("tabular")) feats[kSignalFeature] = (s.label ? 1.5 : -1.5) + 0.3 * gauss(rng);
    manifest << id << ",img/" << id << ".png,snd/" << id << ".wav," << title;
    for (double v : feats) manifest << "," << v;
    manifest << "," << (s.label ? "high" : "low") << "\n";
    out.push_back(s);
  }
  return out;
}

}  // namespace fusebench::testing
