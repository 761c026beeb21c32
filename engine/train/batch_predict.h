#pragma once
// Predictions for a whole dataset (labeled or not) from a model bundle: a CSV row per sample, the skipped samples
// with their reasons, and optionally the exact model inputs as .npy files named like the ONNX export's inputs,
// so a deployment runtime can be fed the same tensors. Plain header: no torch.
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace fusebench::train {

struct BatchPredictRequest {
  std::string bundle;            // bundle or run folder
  std::string dataset;           // dataset folder (labeled or unlabeled)
  std::string split = "all";     // train | val | test | all, with the bundle's split settings
  std::size_t limit = 0;         // at most this many samples, in dataset order (0 = all)
  std::string out;               // predictions CSV
  std::string dump_inputs;       // folder for <input>.npy (empty = none)
  int threads = 0;
  // Progress: samples done of total, called on the calling thread after each batch.
  std::function<void(std::size_t done, std::size_t total)> progress;
};

struct BatchPredictOutcome {
  bool ok = false;
  std::string error;
  std::size_t predicted = 0;
  std::vector<std::string> skipped;  // "row 12 (line 13), column 'image', file '…': missing file"
  std::vector<std::string> columns;  // of the CSV
  std::vector<std::string> dumped;   // .npy files written
  // Classification probabilities are divided by the bundle's calibration temperature (1 when none).
  bool calibrated = false;
  double temperature = 1.0;
};

// Columns: id, predicted, then p_<class> per class (classification, multi-label: predicted is the labels with
// p >= 0.5 joined by ';'); regression: id, then value (value_<k> for several outputs).
BatchPredictOutcome predictDataset(const BatchPredictRequest& request);

}  // namespace fusebench::train
