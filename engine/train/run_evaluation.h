#pragma once
// What one evaluation pass of the trainer gives (the validation split after an epoch, the test split at the
// end): the loss, the task's report, and for classification the logits and labels that calibration needs.
// Internal to engine/train. Plain header.
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "data/dataset_description.h"
#include "train/best_checkpoint.h"
#include "train/metrics.h"

namespace fusebench::train {

struct Evaluation {
  double loss = 0;
  ClassificationReport classification;
  RegressionReport regression;
  std::vector<float> logits;    // classification: [used x classes], for calibration
  std::vector<int64_t> labels;
  std::size_t used = 0, skipped = 0;
  nlohmann::json json(const std::vector<std::string>& classes, data::TargetTask task) const {
    // No samples (a dataset without a test split): no metrics at all, rather than an accuracy of 0.
    if (used == 0) return {{"samples", 0}, {"used", 0}, {"skipped", skipped}, {"note", "no samples in this split"}};
    nlohmann::json j = task == data::TargetTask::Regression ? regression.toJson() : classification.toJson(classes);
    j["loss"] = loss;
    j["used"] = used;
    j["skipped"] = skipped;
    return j;
  }
  double accuracy() const { return classification.accuracy; }
  ValidationScores scores(data::TargetTask task) const {
    return {loss, task == data::TargetTask::Classification ? &classification : nullptr,
            task == data::TargetTask::Regression ? &regression : nullptr};
  }
};

}  // namespace fusebench::train
