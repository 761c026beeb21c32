#include "train/predictions.h"

namespace fusebench::train {

void PredictionAccumulator::add(const torch::Tensor& output, const torch::Tensor& target) {
  if (output.dim() == 2) width_ = static_cast<std::size_t>(output.size(1));
  auto append = [](std::vector<float>& v, const torch::Tensor& t) {
    auto c = t.to(torch::kFloat).contiguous();
    v.insert(v.end(), c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
  };
  if (task_ == data::TargetTask::Regression) {
    append(predictions_, output);
    append(targets_, target);
    return;
  }
  // Metrics read the model's own probabilities (temperature 1): calibration changes no argmax, and the
  // calibration report compares both from the logits.
  append(probabilities_, outputScores(output, task_));
  if (task_ == data::TargetTask::Classification) {
    append(logits_, output);
    auto t = target.to(torch::kLong).contiguous();
    labels_.insert(labels_.end(), t.data_ptr<int64_t>(), t.data_ptr<int64_t>() + t.numel());
  }
}

void PredictionAccumulator::add(const torch::Tensor& output, const torch::Tensor& target,
                                const std::vector<std::size_t>& samples) {
  add(output, target);
  samples_.insert(samples_.end(), samples.begin(), samples.end());
}

std::vector<float> PredictionAccumulator::scores(std::size_t row, std::size_t width) const {
  const std::vector<float>& v = task_ == data::TargetTask::Regression ? predictions_ : probabilities_;
  if ((row + 1) * width > v.size()) return {};
  return {v.begin() + static_cast<std::ptrdiff_t>(row * width), v.begin() + static_cast<std::ptrdiff_t>((row + 1) * width)};
}

ClassificationReport PredictionAccumulator::classification(int64_t classes) const {
  return classificationReport(probabilities_, labels_, classes);
}

RegressionReport PredictionAccumulator::regression() const { return regressionReport(predictions_, targets_); }

nlohmann::json PredictionAccumulator::json(const std::vector<std::string>& classes) const {
  switch (task_) {
    case data::TargetTask::Classification:
      return classification(static_cast<int64_t>(classes.size())).toJson(classes);
    case data::TargetTask::Regression:
      return regression().toJson();
    case data::TargetTask::MultiLabel:
      break;
  }
  return {{"samples", probabilities_.size() / std::max<std::size_t>(1, classes.size())}};
}

}  // namespace fusebench::train
