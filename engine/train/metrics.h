#pragma once
// Evaluation metrics as plain value computations (no torch), checked against scikit-learn's values on the
// same predictions (tests/reference/make_metrics_golden.py).
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace fusebench::train {

struct Curve {
  std::vector<double> x, y, thresholds;
  double auc = 0.0;  // ROC: area under TPR(FPR); PR: average precision (sklearn's definition)
};

struct ClassMetrics {
  double precision = 0, recall = 0, f1 = 0;
  int64_t support = 0;
  Curve roc, pr;
  bool has_curves = false;  // false when the class has no positive or no negative sample
};

struct ClassificationReport {
  int64_t samples = 0;
  double accuracy = 0;
  double top_k_accuracy = 0;
  int top_k = 0;
  std::vector<std::vector<int64_t>> confusion;  // [true][predicted]
  std::vector<ClassMetrics> per_class;
  double macro_precision = 0, macro_recall = 0, macro_f1 = 0;
  double weighted_precision = 0, weighted_recall = 0, weighted_f1 = 0;
  double macro_roc_auc = 0;  // mean over classes with curves (one-vs-rest)
  nlohmann::json toJson(const std::vector<std::string>& class_names) const;
};

// probabilities: [n x k] row-major; labels in [0, k). Precision/recall/F1 of a class with no predicted
// (or no true) samples is 0, as scikit-learn's zero_division=0.
ClassificationReport classificationReport(const std::vector<float>& probabilities, const std::vector<int64_t>& labels,
                                          int64_t classes, int top_k = 3);

// One-vs-rest curves of one score column, exactly as sklearn.metrics.roc_curve / precision_recall_curve
// (with drop_intermediate=False) and roc_auc_score / average_precision_score.
Curve rocCurve(const std::vector<double>& scores, const std::vector<int>& positive);
Curve prCurve(const std::vector<double>& scores, const std::vector<int>& positive);

struct RegressionReport {
  int64_t samples = 0;
  double mae = 0, rmse = 0, r2 = 0;
  nlohmann::json toJson() const;
};

RegressionReport regressionReport(const std::vector<float>& predictions, const std::vector<float>& targets);

}  // namespace fusebench::train
