#pragma once
// Model outputs gathered over an evaluation pass, turned into the task's metrics. Shared by the trainer's
// validation/test passes and by `eval` on a bundle.
#include <torch/torch.h>

#include "data/dataset_description.h"
#include "train/metrics.h"
#include "train/output_scores.h"

namespace fusebench::train {

class PredictionAccumulator {
 public:
  explicit PredictionAccumulator(data::TargetTask task) : task_(task) {}
  // output: the head's raw output [B, K]; target: the batch target; both on the CPU.
  void add(const torch::Tensor& output, const torch::Tensor& target);
  // The same, remembering which dataset samples the rows are (for per-sample results).
  void add(const torch::Tensor& output, const torch::Tensor& target, const std::vector<std::size_t>& samples);
  const std::vector<std::size_t>& samples() const { return samples_; }
  // Row r's scores (probabilities or regression values), true label and argmax (classification).
  std::vector<float> scores(std::size_t row, std::size_t width) const;
  std::size_t width() const { return width_; }  // scores per row (the head's outputs)
  int64_t label(std::size_t row) const { return row < labels_.size() ? labels_[row] : -1; }
  ClassificationReport classification(int64_t classes) const;
  // Classification: the raw head outputs [n x k] and the labels, for calibration.
  const std::vector<float>& logits() const { return logits_; }
  const std::vector<int64_t>& labels() const { return labels_; }
  RegressionReport regression() const;
  // The task's metrics as JSON (multi-label: the sample count only, for now).
  nlohmann::json json(const std::vector<std::string>& classes) const;

 private:
  data::TargetTask task_;
  std::vector<float> probabilities_, predictions_, targets_, logits_;
  std::vector<int64_t> labels_;
  std::vector<std::size_t> samples_;
  std::size_t width_ = 0;
};

}  // namespace fusebench::train
