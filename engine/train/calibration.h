#pragma once
// How far a classifier's probabilities can be taken at their word, and temperature scaling to make them
// so (Guo et al., "On Calibration of Modern Neural Networks", 2017): one temperature T divides every logit
// before the softmax, fitted on the validation split by minimum negative log-likelihood. Argmax, accuracy
// and every ranking per sample stay as they were; only the confidence changes. Plain values, no torch;
// checked against PyTorch (temperature by LBFGS) and NumPy (ECE) in tests/reference/make_calibration_golden.py.
#include <cstdint>
#include <vector>

#include <nlohmann/json.hpp>

namespace fusebench::train {

// One of the equal-width confidence bins (lower, upper]: how many samples, their mean confidence and how
// many of them were right.
struct ReliabilityBin {
  double lower = 0, upper = 0;
  int64_t count = 0;
  double confidence = 0, accuracy = 0;  // means over the bin's samples (0 when empty)
};

struct CalibrationReport {
  int64_t samples = 0;
  // Expected calibration error: sum over bins of |accuracy - confidence| weighted by the bin's share of
  // samples, with confidence = the top probability (15 bins, as Guo et al.).
  double ece = 0;
  // Classwise ECE (Kull et al. 2019): the same per class on p(class) against "is that class", averaged over
  // classes; it also sees miscalibration of the probabilities below the top one.
  double classwise_ece = 0;
  double max_gap = 0;  // the largest |accuracy - confidence| of a non-empty bin (MCE)
  std::vector<ReliabilityBin> bins;
  nlohmann::json toJson() const;
};

// probabilities: [n x k] row-major; labels in [0, k).
CalibrationReport calibrationReport(const std::vector<float>& probabilities, const std::vector<int64_t>& labels,
                                    int64_t classes, int bins = 15);

// softmax(logits / temperature) per row of [n x k].
std::vector<float> softmaxAtTemperature(const std::vector<float>& logits, int64_t classes, double temperature);

// The temperature in [kMinTemperature, kMaxTemperature] with the least mean negative log-likelihood of the
// labels. The NLL is convex in 1/T, so its derivative is bisected in log(1/T) to full double precision.
// Data the model separates perfectly pushes T to the lower bound (every softmax towards one-hot).
inline constexpr double kMinTemperature = 0.05, kMaxTemperature = 20.0;
// Fewer validation samples than this: no temperature is fitted (a handful of right answers would make the
// model look certain of everything).
inline constexpr int64_t kMinCalibrationSamples = 50;
double fitTemperature(const std::vector<float>& logits, const std::vector<int64_t>& labels, int64_t classes);

// The "calibration" block of eval.json and `eval --json` for logits [n x k] and labels: ECE, classwise ECE
// and reliability bins before and after dividing by `temperature`, and the temperature itself.
nlohmann::json calibrationSummary(const std::vector<float>& logits, const std::vector<int64_t>& labels, int64_t classes,
                                  double temperature);

// The bundle's "calibration" record for the validation split's logits and labels, or an empty object when no
// temperature should be used (fewer than kMinCalibrationSamples, or a fit at a bound of the range);
// `message` is the log line that says which and why.
nlohmann::json calibrationRecord(const std::vector<float>& logits, const std::vector<int64_t>& labels, int64_t classes,
                                 std::string& message);

// Mean negative log-likelihood of the labels under softmax(logits / temperature).
double meanNll(const std::vector<float>& logits, const std::vector<int64_t>& labels, int64_t classes, double temperature);

}  // namespace fusebench::train
