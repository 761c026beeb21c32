// Calibration measures and temperature scaling against PyTorch and NumPy
// (tests/reference/make_calibration_golden.py).
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "fixtures.h"
#include "tiny_project.h"
#include "train/bundle.h"
#include "train/calibration.h"
#include "train/trainer.h"

namespace fusebench::train {
namespace {

nlohmann::json golden() {
  std::ifstream in(std::string(FUSEBENCH_SOURCE_DIR) + "/tests/reference/golden/calibration/calibration.json");
  return nlohmann::json::parse(in);
}

TEST(Calibration, TemperatureEceAndBinsMatchTheReference) {
  const auto g = golden();
  ASSERT_EQ(g["cases"].size(), 3u);
  for (const auto& c : g["cases"]) {
    SCOPED_TRACE(c["name"].get<std::string>());
    const auto logits = c["logits"].get<std::vector<float>>();
    const auto labels = c["labels"].get<std::vector<int64_t>>();
    const int64_t k = c["classes"].get<int64_t>();
    const double t = fitTemperature(logits, labels, k);
    EXPECT_NEAR(t, c["temperature"].get<double>(), 1e-5 * t);
    EXPECT_NEAR(meanNll(logits, labels, k, t), c["nll_at_temperature"].get<double>(), 1e-9);
    // The minimum: a step either way is worse.
    EXPECT_LT(meanNll(logits, labels, k, t), meanNll(logits, labels, k, t * 1.01));
    EXPECT_LT(meanNll(logits, labels, k, t), meanNll(logits, labels, k, t / 1.01));

    const auto raw = calibrationReport(softmaxAtTemperature(logits, k, 1.0), labels, k);
    EXPECT_EQ(raw.samples, static_cast<int64_t>(labels.size()));
    EXPECT_NEAR(raw.ece, c["ece"].get<double>(), 1e-6);
    EXPECT_NEAR(raw.classwise_ece, c["classwise_ece"].get<double>(), 1e-6);
    EXPECT_NEAR(raw.max_gap, c["max_gap"].get<double>(), 1e-6);
    ASSERT_EQ(raw.bins.size(), 15u);
    for (std::size_t b = 0; b < 15; ++b) {
      const auto& want = c["bins"][b];
      EXPECT_EQ(raw.bins[b].count, want["count"].get<int64_t>()) << "bin " << b;
      EXPECT_NEAR(raw.bins[b].confidence, want["confidence"].get<double>(), 1e-6) << "bin " << b;
      EXPECT_NEAR(raw.bins[b].accuracy, want["accuracy"].get<double>(), 1e-9) << "bin " << b;
    }
    const auto calibrated = calibrationReport(softmaxAtTemperature(logits, k, t), labels, k);
    EXPECT_NEAR(calibrated.ece, c["ece_calibrated"].get<double>(), 1e-5);
    EXPECT_LT(calibrated.ece, raw.ece);  // what temperature scaling is for
  }
}

TEST(Calibration, SeparableDataTakesTheLowerBoundAndEmptyInputsAreHarmless) {
  // Every sample right with a margin: the NLL falls as T falls, down to the bound.
  const std::vector<float> logits = {3, 0, 0, 4, 2, 0};
  const std::vector<int64_t> labels = {0, 1, 0};
  EXPECT_DOUBLE_EQ(fitTemperature(logits, labels, 2), kMinTemperature);
  EXPECT_DOUBLE_EQ(fitTemperature({}, {}, 3), 1.0);
  const auto r = calibrationReport({}, {}, 3);
  EXPECT_EQ(r.samples, 0);
  EXPECT_EQ(r.ece, 0);
  const auto p = softmaxAtTemperature({0, std::log(3.0f)}, 2, 1.0);
  EXPECT_NEAR(p[0], 0.25, 1e-7);
  EXPECT_NEAR(p[1], 0.75, 1e-7);
}

TEST(Calibration, TheRecordIsEmptyWhenTooFewSamplesOrThePerfectlySeparatedSplitAskForNoTemperature) {
  std::string message;
  std::vector<float> logits;
  std::vector<int64_t> labels;
  for (int i = 0; i < 60; ++i) {  // every sample right with a margin: the fit runs to the lower bound
    logits.push_back(i % 2 ? 0.f : 3.f), logits.push_back(i % 2 ? 3.f : 0.f);
    labels.push_back(i % 2);
  }
  EXPECT_TRUE(calibrationRecord(logits, labels, 2, message).empty());
  EXPECT_NE(message.find("not applied"), std::string::npos) << message;
  EXPECT_NE(message.find("separates it perfectly"), std::string::npos) << message;
  logits.resize(20), labels.resize(10);
  EXPECT_TRUE(calibrationRecord(logits, labels, 2, message).empty());
  EXPECT_NE(message.find("not fitted (10 validation samples; at least 50"), std::string::npos) << message;
  const auto g = golden()["cases"][0];  // an over-confident model: a temperature, in the record
  const auto record = calibrationRecord(g["logits"].get<std::vector<float>>(), g["labels"].get<std::vector<int64_t>>(),
                                        g["classes"].get<int64_t>(), message);
  EXPECT_NEAR(record["temperature"].get<double>(), g["temperature"].get<double>(), 1e-4);
  EXPECT_LT(record["val_nll_calibrated"].get<double>(), record["val_nll"].get<double>());
  EXPECT_NE(message.find("calibration: temperature 3.187"), std::string::npos) << message;
}

std::string readText(const std::filesystem::path& p) {
  std::ifstream in(p);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// A run with enough validation samples: the bundle carries the temperature, eval.json and `eval` report
// ECE before and after, and every probability a reader sees is softmax(logits / T).
TEST(Calibration, TrainingFitsATemperatureThatEvalAndPredictionsUse) {
  namespace fs = std::filesystem;
  const auto dataset = testing::writeCleanDataset("calibrated", 80);
  {  // every 6th label changed: no model separates the split perfectly, so a finite temperature fits
    std::istringstream in(readText(dataset / "manifest.csv"));
    std::string line, out;
    for (int row = -1; std::getline(in, line); ++row) {
      if (row >= 0 && row % 6 == 5) {
        const auto comma = line.rfind(',');
        const std::string label = line.substr(comma + 1);
        line = line.substr(0, comma + 1) + (label == "cat" ? "dog" : label == "dog" ? "bird" : "cat");
      }
      out += line + "\n";
    }
    std::ofstream(dataset / "manifest.csv") << out;
  }
  const auto run = testing::freshDir("calibrated_run");
  auto config = quick(3);
  config.val_fraction = 0.25;
  auto r = trainProject(tinyProject(dataset), "", config, run.string());
  ASSERT_TRUE(r.ok) << r.error;
  const auto bundle = nlohmann::json::parse(readText(run / "model" / "bundle.json"));
  ASSERT_TRUE(bundle.contains("calibration")) << readText(run / "log.txt");
  const double t = bundle["calibration"]["temperature"].get<double>();
  EXPECT_GE(t, kMinTemperature);
  EXPECT_LE(t, kMaxTemperature);
  EXPECT_GE(bundle["calibration"]["samples"].get<int64_t>(), kMinCalibrationSamples);
  EXPECT_LE(bundle["calibration"]["val_nll_calibrated"].get<double>(), bundle["calibration"]["val_nll"].get<double>());
  EXPECT_NE(readText(run / "log.txt").find("calibration: temperature"), std::string::npos);
  const auto& test = r.test["calibration"];
  EXPECT_DOUBLE_EQ(test["temperature"].get<double>(), t);
  EXPECT_EQ(test["bins"].size(), 15u);
  EXPECT_EQ(test["bins_calibrated"].size(), 15u);
  EXPECT_TRUE(test["fitted"].get<bool>());

  // The same bundle without its calibration record: the model's own probabilities.
  const auto raw = testing::freshDir("calibrated_raw");
  fs::copy(run / "model", raw, fs::copy_options::recursive);
  auto plain = bundle;
  plain.erase("calibration");
  std::ofstream(raw / "bundle.json") << plain.dump(2);
  EvalRequest req;
  req.bundle = (run / "model").string();
  req.keep_predictions = true;
  const auto calibrated = evaluateBundle(req);
  req.bundle = raw.string();
  const auto own = evaluateBundle(req);
  ASSERT_TRUE(calibrated.ok && own.ok) << calibrated.error << own.error;
  EXPECT_TRUE(calibrated.metrics["calibration"]["fitted"].get<bool>());
  EXPECT_FALSE(own.metrics["calibration"]["fitted"].get<bool>());
  EXPECT_NEAR(calibrated.metrics["calibration"]["ece"].get<double>(), own.metrics["calibration"]["ece"].get<double>(), 1e-9);
  EXPECT_NEAR(calibrated.metrics["calibration"]["ece_calibrated"].get<double>(), test["ece_calibrated"].get<double>(), 1e-6);
  EXPECT_DOUBLE_EQ(calibrated.metrics["accuracy"].get<double>(), own.metrics["accuracy"].get<double>());
  ASSERT_EQ(calibrated.predictions.size(), own.predictions.size());
  for (std::size_t i = 0; i < own.predictions.size(); ++i) {
    // softmax(log p / T) = softmax(z / T): a softmax does not see the shift log p - z.
    const auto& p = own.predictions[i].scores;
    std::vector<float> logp;
    for (float v : p) logp.push_back(std::log(std::max(v, 1e-30f)));
    const auto expected = softmaxAtTemperature(logp, static_cast<int64_t>(p.size()), t);
    for (std::size_t k = 0; k < p.size(); ++k) EXPECT_NEAR(calibrated.predictions[i].scores[k], expected[k], 2e-5);
    EXPECT_EQ(calibrated.predictions[i].predicted, own.predictions[i].predicted);
  }
  // One sample through predict: calibrated, with its uncertainty.
  const auto one = predictWithBundle((run / "model").string(), {{"image", (fs::path(dataset) / "img" / "cat0.png").string()},
                                                                 {"title", "soft purring"}, {"size", "0.1"}, {"colour", "red"}});
  if (one.ok) {
    EXPECT_TRUE(one.prediction["calibrated"].get<bool>());
    EXPECT_DOUBLE_EQ(one.prediction["temperature"].get<double>(), t);
    EXPECT_TRUE(one.prediction["uncertainty"].contains("normalized_entropy"));
  } else {
    ADD_FAILURE() << one.error;
  }
}

TEST(Calibration, ASmallValidationSplitFitsNoTemperatureAndABadRecordIsNamed) {
  namespace fs = std::filesystem;
  const auto dataset = testing::writeCleanDataset("uncalibrated", 12);
  const auto run = testing::freshDir("uncalibrated_run");
  auto r = trainProject(tinyProject(dataset), "", quick(2), run.string());
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_NE(readText(run / "log.txt").find("calibration: not fitted ("), std::string::npos) << readText(run / "log.txt");
  auto bundle = nlohmann::json::parse(readText(run / "model" / "bundle.json"));
  EXPECT_FALSE(bundle.contains("calibration"));
  bundle["calibration"] = {{"temperature", -1}};
  std::ofstream(run / "model" / "bundle.json") << bundle.dump(2);
  EvalRequest req;
  req.bundle = run.string();
  const auto e = evaluateBundle(req);
  EXPECT_FALSE(e.ok);
  EXPECT_NE(e.error.find("bundle.json: calibration.temperature must be a number in [0.05, 20.0]"), std::string::npos) << e.error;
}

}  // namespace
}  // namespace fusebench::train
