#include "train/metrics.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace fusebench::train {

namespace {

// Distinct-threshold cumulative counts over scores sorted descending (sklearn's _binary_clf_curve).
void binaryCounts(const std::vector<double>& scores, const std::vector<int>& positive, std::vector<double>& tps,
                  std::vector<double>& fps, std::vector<double>& thresholds) {
  std::vector<std::size_t> order(scores.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return scores[a] > scores[b]; });
  double tp = 0, fp = 0;
  for (std::size_t k = 0; k < order.size(); ++k) {
    const std::size_t i = order[k];
    tp += positive[i] ? 1 : 0;
    fp += positive[i] ? 0 : 1;
    if (k + 1 == order.size() || scores[order[k + 1]] != scores[i]) {
      tps.push_back(tp);
      fps.push_back(fp);
      thresholds.push_back(scores[i]);
    }
  }
}

double trapezoid(const std::vector<double>& x, const std::vector<double>& y) {
  double a = 0;
  for (std::size_t i = 1; i < x.size(); ++i) a += (x[i] - x[i - 1]) * (y[i] + y[i - 1]) / 2.0;
  return a;
}

}  // namespace

Curve rocCurve(const std::vector<double>& scores, const std::vector<int>& positive) {
  std::vector<double> tps, fps, th;
  binaryCounts(scores, positive, tps, fps, th);
  Curve c;
  const double P = tps.empty() ? 0 : tps.back(), N = fps.empty() ? 0 : fps.back();
  c.x.push_back(0);
  c.y.push_back(0);
  c.thresholds.push_back(std::numeric_limits<double>::infinity());
  for (std::size_t i = 0; i < tps.size(); ++i) {
    c.x.push_back(N > 0 ? fps[i] / N : 0);
    c.y.push_back(P > 0 ? tps[i] / P : 0);
    c.thresholds.push_back(th[i]);
  }
  c.auc = trapezoid(c.x, c.y);
  return c;
}

Curve prCurve(const std::vector<double>& scores, const std::vector<int>& positive) {
  std::vector<double> tps, fps, th;
  binaryCounts(scores, positive, tps, fps, th);
  Curve c;
  const double P = tps.empty() ? 0 : tps.back();
  // As scikit-learn >= 1.1: precision/recall at every distinct threshold, reversed (recall decreasing),
  // then the point (recall 0, precision 1).
  const std::size_t last = tps.size();
  for (std::size_t k = last; k-- > 0;) {
    const double denom = tps[k] + fps[k];
    c.y.push_back(denom > 0 ? tps[k] / denom : 0);  // precision
    c.x.push_back(P > 0 ? tps[k] / P : 0);          // recall
    c.thresholds.push_back(th[k]);
  }
  c.y.push_back(1);
  c.x.push_back(0);
  // Average precision: sum over thresholds of (R_n - R_{n-1}) * P_n (sklearn's step-wise definition).
  double ap = 0;
  for (std::size_t i = 0; i + 1 < c.x.size(); ++i) ap += (c.x[i] - c.x[i + 1]) * c.y[i];
  c.auc = ap;
  return c;
}

ClassificationReport classificationReport(const std::vector<float>& prob, const std::vector<int64_t>& labels,
                                          int64_t k, int topK) {
  ClassificationReport r;
  const auto n = static_cast<int64_t>(labels.size());
  r.samples = n;
  r.top_k = static_cast<int>(std::min<int64_t>(topK, k));
  r.confusion.assign(static_cast<std::size_t>(k), std::vector<int64_t>(static_cast<std::size_t>(k), 0));
  int64_t correct = 0, inTopK = 0;
  for (int64_t i = 0; i < n; ++i) {
    const float* row = prob.data() + i * k;
    const auto pred = static_cast<int64_t>(std::max_element(row, row + k) - row);
    r.confusion[static_cast<std::size_t>(labels[i])][static_cast<std::size_t>(pred)]++;
    correct += pred == labels[i];
    int64_t higher = 0;  // rank of the true class (ties count against it, as sklearn's top_k_accuracy_score)
    for (int64_t c = 0; c < k; ++c) higher += row[c] > row[labels[i]];
    inTopK += higher < r.top_k;
  }
  r.accuracy = n ? static_cast<double>(correct) / n : 0;
  r.top_k_accuracy = n ? static_cast<double>(inTopK) / n : 0;
  r.per_class.resize(static_cast<std::size_t>(k));
  double aucSum = 0;
  int aucCount = 0;
  for (int64_t c = 0; c < k; ++c) {
    auto& m = r.per_class[static_cast<std::size_t>(c)];
    int64_t tp = r.confusion[c][c], predicted = 0, actual = 0;
    for (int64_t j = 0; j < k; ++j) {
      predicted += r.confusion[j][c];
      actual += r.confusion[c][j];
    }
    m.support = actual;
    m.precision = predicted ? static_cast<double>(tp) / predicted : 0;
    m.recall = actual ? static_cast<double>(tp) / actual : 0;
    m.f1 = (m.precision + m.recall) > 0 ? 2 * m.precision * m.recall / (m.precision + m.recall) : 0;
    r.macro_precision += m.precision / k;
    r.macro_recall += m.recall / k;
    r.macro_f1 += m.f1 / k;
    if (n) {
      r.weighted_precision += m.precision * actual / n;
      r.weighted_recall += m.recall * actual / n;
      r.weighted_f1 += m.f1 * actual / n;
    }
    if (actual > 0 && actual < n) {
      std::vector<double> scores(static_cast<std::size_t>(n));
      std::vector<int> pos(static_cast<std::size_t>(n));
      for (int64_t i = 0; i < n; ++i) {
        scores[i] = prob[i * k + c];
        pos[i] = labels[i] == c;
      }
      m.roc = rocCurve(scores, pos);
      m.pr = prCurve(scores, pos);
      m.has_curves = true;
      aucSum += m.roc.auc;
      ++aucCount;
    }
  }
  r.macro_roc_auc = aucCount ? aucSum / aucCount : 0;
  return r;
}

nlohmann::json ClassificationReport::toJson(const std::vector<std::string>& names) const {
  nlohmann::json j;
  j["samples"] = samples;
  j["accuracy"] = accuracy;
  j["top_k"] = top_k;
  j["top_k_accuracy"] = top_k_accuracy;
  j["confusion"] = confusion;
  j["macro"] = {{"precision", macro_precision}, {"recall", macro_recall}, {"f1", macro_f1}, {"roc_auc", macro_roc_auc}};
  j["weighted"] = {{"precision", weighted_precision}, {"recall", weighted_recall}, {"f1", weighted_f1}};
  j["classes"] = nlohmann::json::array();
  for (std::size_t c = 0; c < per_class.size(); ++c) {
    const auto& m = per_class[c];
    nlohmann::json jc = {{"name", c < names.size() ? names[c] : std::to_string(c)}, {"precision", m.precision},
                         {"recall", m.recall}, {"f1", m.f1}, {"support", m.support}};
    if (m.has_curves) {
      jc["roc"] = {{"fpr", m.roc.x}, {"tpr", m.roc.y}, {"auc", m.roc.auc}};
      jc["pr"] = {{"recall", m.pr.x}, {"precision", m.pr.y}, {"average_precision", m.pr.auc}};
    }
    j["classes"].push_back(jc);
  }
  return j;
}

RegressionReport regressionReport(const std::vector<float>& pred, const std::vector<float>& target) {
  RegressionReport r;
  const auto n = static_cast<int64_t>(target.size());
  r.samples = n;
  if (!n) return r;
  double abs = 0, sq = 0, mean = 0, var = 0;
  for (auto t : target) mean += t;
  mean /= n;
  for (int64_t i = 0; i < n; ++i) {
    const double e = pred[i] - target[i];
    abs += std::abs(e);
    sq += e * e;
    var += (target[i] - mean) * (target[i] - mean);
  }
  r.mae = abs / n;
  r.rmse = std::sqrt(sq / n);
  r.r2 = var > 0 ? 1.0 - sq / var : 0.0;
  return r;
}

nlohmann::json RegressionReport::toJson() const {
  return {{"samples", samples}, {"mae", mae}, {"rmse", rmse}, {"r2", r2}};
}

}  // namespace fusebench::train
