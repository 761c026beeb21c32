#include "train/best_checkpoint.h"

#include <algorithm>
#include <cmath>

namespace fusebench::train {

bool CheckpointRule::higherIsBetter(const std::string& m) { return m != "val_loss" && m != "val_mae" && m != "val_rmse"; }

const std::vector<std::string>& CheckpointRule::allMetrics() {
  static const std::vector<std::string> all = {"auto",        "val_loss",     "val_accuracy", "val_macro_f1",
                                               "val_balanced_accuracy", "val_roc_auc", "val_mae", "val_rmse", "val_r2"};
  return all;
}

std::vector<std::string> CheckpointRule::metricsFor(data::TargetTask task) {
  switch (task) {
    case data::TargetTask::Classification:
      return {"val_accuracy", "val_loss", "val_macro_f1", "val_balanced_accuracy", "val_roc_auc"};
    case data::TargetTask::Regression: return {"val_loss", "val_mae", "val_rmse", "val_r2"};
    default: return {"val_loss"};
  }
}

CheckpointRule::CheckpointRule(const std::string& configured, data::TargetTask task, std::string* problem) {
  metric_ = configured;
  if (metric_.empty() || metric_ == "auto") metric_ = task == data::TargetTask::Classification ? "val_accuracy" : "val_loss";
  const auto fits = metricsFor(task);
  if (std::find(fits.begin(), fits.end(), metric_) == fits.end()) {
    if (problem) {
      std::string names;
      for (const auto& m : fits) names += (names.empty() ? "" : ", ") + m;
      *problem = "best_metric '" + metric_ + "' does not apply to a " +
                 (task == data::TargetTask::Regression ? "regression" : "multi-label") + " target (" + names +
                 "); val_loss decides which checkpoint is best";
    }
    metric_ = "val_loss";
  }
  higher_ = higherIsBetter(metric_);
}

double CheckpointRule::value(const ValidationScores& s) const {
  if (metric_ == "val_loss") return s.loss;
  if (const auto* c = s.classification) {
    if (metric_ == "val_accuracy") return c->accuracy;
    if (metric_ == "val_macro_f1") return c->macro_f1;
    if (metric_ == "val_balanced_accuracy") return c->macro_recall;  // sklearn's balanced accuracy
    if (metric_ == "val_roc_auc") return c->macro_roc_auc;
  }
  if (const auto* r = s.regression) {
    if (metric_ == "val_mae") return r->mae;
    if (metric_ == "val_rmse") return r->rmse;
    if (metric_ == "val_r2") return r->r2;
  }
  return initial();
}

double CheckpointRule::initial() const { return higher_ ? -HUGE_VAL : HUGE_VAL; }

bool CheckpointRule::improves(double value, double loss, double bestValue, double bestLoss) const {
  if (std::isnan(value)) return false;
  if (std::isinf(bestValue)) return true;  // the first validated epoch
  // Equal within rounding: accuracies are ratios of counts, computed the same way each epoch.
  const double tolerance = 1e-12 * std::max(1.0, std::abs(bestValue));
  if (std::abs(value - bestValue) <= tolerance) return metric_ != "val_loss" && loss < bestLoss;
  return higher_ ? value > bestValue : value < bestValue;
}

std::string CheckpointRule::describe() const {
  if (metric_ == "val_loss") return "lowest val_loss";
  return std::string(higher_ ? "highest " : "lowest ") + metric_ + "; ties broken by the lower val_loss";
}

}  // namespace fusebench::train
