#pragma once
// The example dataset Fusebench opens by default: three modalities built from real data, no network.
//   image: Fashion-MNIST pictures (Debian's dataset-fashion-mnist), a share degraded by noise or occlusion;
//   audio: the class name spoken by espeak-ng with varied voices, speed and pitch, mixed with noise at a
//          random SNR (some clips near unintelligible), 8 kHz FLAC;
//   text:  a short noisy product title whose words overlap across classes; some titles missing.
// Each modality alone is ambiguous; together they decide the class. Seeded: same seed, same files.
#include <functional>
#include <string>

namespace fusebench::data {

struct ExampleDatasetOptions {
  std::string out;
  std::string fashion_mnist_dir = "/usr/share/datasets/fashion-mnist";
  std::string espeak = "espeak-ng";
  int train = 2400, val = 400, test = 400;
  uint64_t seed = 7;
};

struct ExampleDatasetResult {
  bool ok = false;
  bool reused = false;  // a complete dataset with the same settings was already there
  std::string error;
  std::size_t samples = 0;
  double seconds = 0;
};

// `progress` gets a line per step; `counted` (optional) the steps done of all there are (the spoken takes,
// then the samples), for a progress bar.
ExampleDatasetResult makeExampleDataset(const ExampleDatasetOptions& options,
                                        const std::function<void(const std::string&)>& progress = {},
                                        const std::function<void(std::size_t done, std::size_t total)>& counted = {});

}  // namespace fusebench::data
