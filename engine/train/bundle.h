#pragma once
// A trained model as a self-contained folder: bundle.json (graph, fitted preprocessing with vocabularies
// and normalization statistics, class names, how the data was split) and weights.pt. Evaluation and
// prediction need nothing else: not the project, not the training data. Plain header: no torch.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace fusebench::train {

// A bundle folder, or a run folder (its model/ sub-folder is the bundle).
std::string bundleDir(const std::string& path);

struct EvalRequest {
  std::string bundle;       // bundle or run folder
  std::string dataset;      // dataset folder; empty = the one the model was trained on
  std::string split = "test";  // train | val | test | all
  int threads = 0;
  std::vector<std::string> masked_fields;  // these inputs arrive as missing (robustness checks)
  bool keep_predictions = false;           // fill EvalOutcome::predictions
};

// One evaluated sample (classification and multi-label: probabilities per class; regression: values).
struct SamplePrediction {
  std::size_t sample = 0;  // index in the dataset (manifest row - 1)
  std::string id;
  int64_t label = -1, predicted = -1;  // classification
  std::vector<float> scores;           // probabilities, or predicted values for regression
};

struct EvalOutcome {
  bool ok = false;
  std::string error;
  nlohmann::json metrics;  // as in eval.json
  std::vector<std::string> classes;
  std::vector<SamplePrediction> predictions;  // when asked for, in dataset order
};

EvalOutcome evaluateBundle(const EvalRequest& request);

// Missing-modality robustness: the split evaluated once as is and once per input field with that field
// masked as missing. Classification: accuracy; regression: RMSE.
struct RobustnessEntry {
  std::string field, column, node;
  double score = 0;  // with this field missing
};

struct RobustnessOutcome {
  bool ok = false;
  std::string error;
  std::string metric;   // "accuracy" or "rmse"
  double baseline = 0;  // nothing masked
  std::size_t samples = 0;
  std::vector<RobustnessEntry> entries;
};

RobustnessOutcome evaluateRobustness(const EvalRequest& request);

struct PredictOutcome {
  bool ok = false;
  std::string error;
  std::map<std::string, std::string> values;  // the request, for asking other models the same
  nlohmann::json prediction;  // {"class": …, "probabilities": {class: p, …}} or {"values": […]}
};

// One sample given as column -> value (a file path for image and audio columns, text, numbers). Columns the
// model reads but the request lacks are missing modalities.
PredictOutcome predictWithBundle(const std::string& bundle, const std::map<std::string, std::string>& values);

}  // namespace fusebench::train
