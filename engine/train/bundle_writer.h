#pragma once
// Writing and opening model bundles (torch side; see bundle.h for the plain interface).
#include <map>
#include <optional>
#include <string>

#include "data/pipeline.h"
#include "model/fusion_model.h"
#include "train/bundle.h"
#include "train/train_config.h"

namespace fusebench::train {

bool writeBundle(const std::string& dir, const std::string& name, const GraphSpec& graph, const data::Pipeline& pipeline,
                 FusionModelImpl& model, const TrainConfig& config, const std::string& dataset, std::string& error,
                 const nlohmann::json& calibration = nlohmann::json::object());

struct OpenedBundle {
  std::string name, dataset;
  GraphSpec graph;
  std::optional<data::Pipeline> pipeline;
  FusionModel model{nullptr};
  double val_fraction = 0.1, test_fraction = 0.1;
  uint64_t seed = 42;
  // Temperature scaling fitted at training (bundle.json "calibration"); 1 when none was fitted.
  double temperature = 1.0;
  bool calibrated = false;
  nlohmann::json calibration;  // the record as written (empty object when none)
};

// Never throws: a missing or malformed bundle.json, weights that do not fit the graph, all come back in `error`.
std::optional<OpenedBundle> openBundle(const std::string& path, std::string& error);

// predictWithBundle (bundle.h) on a bundle already open: for callers that ask the same model again and again
// (an ensemble member on every what-if edit). `mc_dropout_passes`: 0 leaves Monte-Carlo dropout out (a member
// of an ensemble needs only its answer).
PredictOutcome predictWithOpenedBundle(OpenedBundle& bundle, const std::map<std::string, std::string>& values,
                                       int mc_dropout_passes = 20);

// A one-row dataset in memory holding the columns `pipeline` reads, from column -> value (file paths for
// image and audio, text, numbers; an absent or empty value is a missing modality). Unknown columns are an
// error naming the columns the model reads.
std::optional<data::Dataset> sampleDataset(const data::Pipeline& pipeline, const std::map<std::string, std::string>& values,
                                           std::string& error);

}  // namespace fusebench::train
