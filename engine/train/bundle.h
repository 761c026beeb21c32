#pragma once
// A trained model as a self-contained folder: bundle.json (graph, fitted preprocessing with vocabularies
// and normalization statistics, class names, how the data was split) and weights.pt. Evaluation and
// prediction need nothing else: not the project, not the training data. Plain header: no torch.
#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace fusebench::train {

// A bundle folder, or a run folder (its model/ sub-folder is the bundle).
std::string bundleDir(const std::string& path);

struct EvalRequest {
  std::string bundle;       // bundle or run folder
  std::string dataset;      // dataset folder; empty = the one the model was trained on
  std::string split = "test";  // train | val | test | all
  int threads = 0;
};

struct EvalOutcome {
  bool ok = false;
  std::string error;
  nlohmann::json metrics;  // as in eval.json
};

EvalOutcome evaluateBundle(const EvalRequest& request);

struct PredictOutcome {
  bool ok = false;
  std::string error;
  nlohmann::json prediction;  // {"class": …, "probabilities": {class: p, …}} or {"values": […]}
};

// One sample given as column -> value (a file path for image and audio columns, text, numbers). Columns the
// model reads but the request lacks are missing modalities.
PredictOutcome predictWithBundle(const std::string& bundle, const std::map<std::string, std::string>& values);

}  // namespace fusebench::train
