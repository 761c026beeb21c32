#pragma once
// Which epoch's weights a run keeps as "best": the monitored validation metric, ties broken by the lower
// validation loss. Without the tie-break an accuracy reached early (validation loss 0.35) beats the same
// accuracy reached later at loss 0.00002, and the bundle answers with far less confident, worse-fitted
// weights. Plain header: no torch.
#include <string>

#include "data/dataset_description.h"
#include "train/metrics.h"

namespace fusebench::train {

// One validation pass as the rule reads it.
struct ValidationScores {
  double loss = 0;
  const ClassificationReport* classification = nullptr;  // classification targets
  const RegressionReport* regression = nullptr;          // regression targets
};

class CheckpointRule {
 public:
  // `configured`: the training setting best_metric (auto = val_accuracy for classification, else val_loss).
  // A metric the task does not have: `problem` says so, and the rule falls back to val_loss.
  CheckpointRule(const std::string& configured, data::TargetTask task, std::string* problem = nullptr);

  const std::string& metric() const { return metric_; }
  bool higherIsBetter() const { return higher_; }
  double value(const ValidationScores& s) const;
  // The worst possible value: what a run starts from.
  double initial() const;
  // Better than the best so far: a better metric, or an equal one at a lower loss.
  bool improves(double value, double loss, double bestValue, double bestLoss) const;
  // "highest val_accuracy; ties broken by the lower val_loss" (the log and the runs panel say this).
  std::string describe() const;

  // Every metric name the setting takes, and those that fit a task.
  static const std::vector<std::string>& allMetrics();
  static bool higherIsBetter(const std::string& metric);  // val_loss, val_mae, val_rmse: lower is better
  static std::vector<std::string> metricsFor(data::TargetTask task);

 private:
  std::string metric_;
  bool higher_ = false;
};

}  // namespace fusebench::train
