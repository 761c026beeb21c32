#pragma once
// Model outputs gathered over an evaluation pass, turned into the task's metrics. Shared by the trainer's
// validation/test passes and by `eval` on a bundle.
#include <torch/torch.h>

#include "data/dataset_description.h"
#include "train/metrics.h"

namespace fusebench::train {

class PredictionAccumulator {
 public:
  explicit PredictionAccumulator(data::TargetTask task) : task_(task) {}
  // output: the head's raw output [B, K]; target: the batch target; both on the CPU.
  void add(const torch::Tensor& output, const torch::Tensor& target);
  ClassificationReport classification(int64_t classes) const;
  RegressionReport regression() const;
  // The task's metrics as JSON (multi-label: the sample count only, for now).
  nlohmann::json json(const std::vector<std::string>& classes) const;

 private:
  data::TargetTask task_;
  std::vector<float> probabilities_, predictions_, targets_;
  std::vector<int64_t> labels_;
};

}  // namespace fusebench::train
