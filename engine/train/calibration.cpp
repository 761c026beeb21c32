#include "train/calibration.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

namespace fusebench::train {

namespace {

// The bin of a probability: (lower, upper] with upper = (b + 1) / bins, as torch's ECE implementations
// count it (a probability of exactly 0 falls in no bin: it has no confidence to be wrong about).
int binOf(double p, int bins) {
  if (p <= 0) return -1;
  return std::min(bins - 1, static_cast<int>(std::ceil(p * bins)) - 1);
}

struct BinSums {
  std::vector<double> confidence, correct;
  std::vector<int64_t> count;
  explicit BinSums(int bins) : confidence(bins, 0.0), correct(bins, 0.0), count(bins, 0) {}
  void add(double p, bool right) {
    const int b = binOf(p, static_cast<int>(count.size()));
    if (b < 0) return;
    confidence[b] += p, correct[b] += right ? 1 : 0, ++count[b];
  }
  // sum_b |acc_b - conf_b| * n_b / n
  double error(int64_t n) const {
    double e = 0;
    for (std::size_t b = 0; b < count.size(); ++b)
      if (count[b] > 0) e += std::abs(correct[b] - confidence[b]) / static_cast<double>(n);
    return e;
  }
};

// d/dβ of the mean NLL of softmax(β z): mean over rows of (E_p[z] - z_label). Increasing in β (convexity).
double nllSlope(const std::vector<float>& z, const std::vector<int64_t>& labels, int64_t k, double beta) {
  double slope = 0;
  const std::size_t n = labels.size();
  for (std::size_t i = 0; i < n; ++i) {
    const float* row = z.data() + i * static_cast<std::size_t>(k);
    const double top = *std::max_element(row, row + k);
    double sum = 0, weighted = 0;
    for (int64_t j = 0; j < k; ++j) {
      const double w = std::exp(beta * (row[j] - top));
      sum += w, weighted += w * row[j];
    }
    slope += weighted / sum - row[labels[i]];
  }
  return slope / static_cast<double>(n);
}

}  // namespace

nlohmann::json CalibrationReport::toJson() const {
  nlohmann::json b = nlohmann::json::array();
  for (const auto& x : bins)
    b.push_back({{"lower", x.lower}, {"upper", x.upper}, {"count", x.count}, {"confidence", x.confidence}, {"accuracy", x.accuracy}});
  return {{"samples", samples}, {"ece", ece}, {"classwise_ece", classwise_ece}, {"max_gap", max_gap}, {"bins", b}};
}

CalibrationReport calibrationReport(const std::vector<float>& probabilities, const std::vector<int64_t>& labels,
                                    int64_t classes, int bins) {
  CalibrationReport r;
  const auto n = static_cast<int64_t>(labels.size());
  r.samples = n;
  if (n == 0 || classes <= 0 || bins <= 0) return r;
  BinSums top(bins);
  std::vector<BinSums> perClass(static_cast<std::size_t>(classes), BinSums(bins));
  for (int64_t i = 0; i < n; ++i) {
    const float* row = probabilities.data() + i * classes;
    const auto predicted = std::max_element(row, row + classes) - row;
    top.add(row[predicted], predicted == labels[static_cast<std::size_t>(i)]);
    for (int64_t j = 0; j < classes; ++j) perClass[static_cast<std::size_t>(j)].add(row[j], labels[static_cast<std::size_t>(i)] == j);
  }
  r.ece = top.error(n);
  for (const auto& c : perClass) r.classwise_ece += c.error(n) / static_cast<double>(classes);
  for (int b = 0; b < bins; ++b) {
    ReliabilityBin x;
    x.lower = static_cast<double>(b) / bins, x.upper = static_cast<double>(b + 1) / bins;
    x.count = top.count[b];
    if (x.count > 0) {
      x.confidence = top.confidence[b] / static_cast<double>(x.count);
      x.accuracy = top.correct[b] / static_cast<double>(x.count);
      r.max_gap = std::max(r.max_gap, std::abs(x.accuracy - x.confidence));
    }
    r.bins.push_back(x);
  }
  return r;
}

std::vector<float> softmaxAtTemperature(const std::vector<float>& logits, int64_t k, double temperature) {
  std::vector<float> out(logits.size());
  const std::size_t rows = k > 0 ? logits.size() / static_cast<std::size_t>(k) : 0;
  for (std::size_t i = 0; i < rows; ++i) {
    const float* z = logits.data() + i * static_cast<std::size_t>(k);
    float* p = out.data() + i * static_cast<std::size_t>(k);
    const double top = *std::max_element(z, z + k);
    double sum = 0;
    for (int64_t j = 0; j < k; ++j) sum += (p[j] = static_cast<float>(std::exp((z[j] - top) / temperature)));
    for (int64_t j = 0; j < k; ++j) p[j] = static_cast<float>(p[j] / sum);
  }
  return out;
}

double meanNll(const std::vector<float>& logits, const std::vector<int64_t>& labels, int64_t k, double temperature) {
  double nll = 0;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    const float* z = logits.data() + i * static_cast<std::size_t>(k);
    const double top = *std::max_element(z, z + k);
    double sum = 0;
    for (int64_t j = 0; j < k; ++j) sum += std::exp((z[j] - top) / temperature);
    nll += std::log(sum) - (z[labels[i]] - top) / temperature;
  }
  return labels.empty() ? 0 : nll / static_cast<double>(labels.size());
}

nlohmann::json calibrationSummary(const std::vector<float>& logits, const std::vector<int64_t>& labels, int64_t k,
                                  double temperature) {
  const auto before = calibrationReport(softmaxAtTemperature(logits, k, 1.0), labels, k);
  const auto after = calibrationReport(softmaxAtTemperature(logits, k, temperature), labels, k);
  auto j = before.toJson();
  j["temperature"] = temperature;
  j["ece_calibrated"] = after.ece;
  j["classwise_ece_calibrated"] = after.classwise_ece;
  j["max_gap_calibrated"] = after.max_gap;
  j["bins_calibrated"] = after.toJson()["bins"];
  if (!labels.empty()) {
    j["nll"] = meanNll(logits, labels, k, 1.0);
    j["nll_calibrated"] = meanNll(logits, labels, k, temperature);
  }
  return j;
}

nlohmann::json calibrationRecord(const std::vector<float>& logits, const std::vector<int64_t>& labels, int64_t k,
                                 std::string& message) {
  const auto n = static_cast<int64_t>(labels.size());
  if (n < kMinCalibrationSamples) {
    message = "calibration: not fitted (" + std::to_string(n) + " validation samples; at least " +
              std::to_string(kMinCalibrationSamples) +
              " are needed for a temperature to mean something); probabilities are the model's own";
    return nlohmann::json::object();
  }
  const double t = fitTemperature(logits, labels, k);
  if (t <= kMinTemperature || t >= kMaxTemperature) {
    // At a bound the likelihood was still improving: a validation split the model separates perfectly
    // (every sample right with a margin) asks for ever sharper probabilities, and says nothing of where to stop.
    message = std::string("calibration: not applied (the validation split's likelihood keeps improving up to a temperature of ") +
              (t <= kMinTemperature ? "0.05: the model separates it perfectly" : "20") +
              "; no temperature it supports); probabilities are the model's own";
    return nlohmann::json::object();
  }
  const auto summary = calibrationSummary(logits, labels, k, t);
  char line[240];
  std::snprintf(line, sizeof line,
                "calibration: temperature %.3f fitted on %lld validation samples (expected calibration error %.3f -> %.3f)",
                t, static_cast<long long>(n), summary["ece"].get<double>(), summary["ece_calibrated"].get<double>());
  message = line;
  return {{"method", "temperature_scaling"}, {"temperature", t}, {"fitted_on", "validation"}, {"samples", n},
          {"val_ece", summary["ece"]}, {"val_ece_calibrated", summary["ece_calibrated"]},
          {"val_nll", summary["nll"]}, {"val_nll_calibrated", summary["nll_calibrated"]}};
}

double fitTemperature(const std::vector<float>& logits, const std::vector<int64_t>& labels, int64_t k) {
  if (labels.empty() || k < 2) return 1.0;
  // β = 1/T in [1/20, 1/0.05]; the slope is increasing, so its sign says on which side the minimum lies.
  double lo = std::log(1.0 / kMaxTemperature), hi = std::log(1.0 / kMinTemperature);
  if (nllSlope(logits, labels, k, std::exp(lo)) >= 0) return kMaxTemperature;
  if (nllSlope(logits, labels, k, std::exp(hi)) <= 0) return kMinTemperature;
  for (int it = 0; it < 200 && hi - lo > 1e-15; ++it) {
    const double mid = 0.5 * (lo + hi);
    (nllSlope(logits, labels, k, std::exp(mid)) > 0 ? hi : lo) = mid;
  }
  return 1.0 / std::exp(0.5 * (lo + hi));
}

}  // namespace fusebench::train
