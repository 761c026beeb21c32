// Run folders read back: status.json through a run's life, the runs of a project, configuration
// differences, curves from the CSVs (a crashed run's half line tolerated), per-epoch validation metrics,
// per-sample predictions and missing-modality robustness from a bundle.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "fixtures.h"
#include "tiny_project.h"
#include "nodes/linear_layer.h"
#include "train/bundle.h"
#include "train/device_support.h"
#include "train/run_index.h"
#include "train/trainer.h"
#include "util/cpu_features.h"

namespace fusebench::train {
namespace {

namespace fs = std::filesystem;
using namespace fusebench::testing;

class EpochRecorder : public TrainListener {
 public:
  void onStep(const StepEvent& e) override { memory = std::max(memory, e.memory_mib); }
  void onEpoch(const EpochEvent& e) override { epochs.push_back(e); }
  std::vector<EpochEvent> epochs;
  double memory = 0;
};

nlohmann::json readJsonFile(const fs::path& p) {
  std::ifstream in(p);
  return nlohmann::json::parse(in);
}

TEST(Runs, StatusCurvesAndTheProjectsRunList) {
  const auto dataset = writeCleanDataset("runs_basic", 10);
  const auto projectDir = freshDir("runs_project");
  const std::string projectPath = (projectDir / "tiny.fbproj").string();
  const std::string dir1 = defaultRunDir(projectPath);
  EpochRecorder rec;
  auto r = trainProject(tinyProject(dataset), projectPath, quick(3), dir1, &rec);
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_GT(rec.memory, 10.0);  // resident MiB of this process
  ASSERT_EQ(rec.epochs.size(), 3u);
  EXPECT_EQ(rec.epochs[2].val_metrics["confusion"].size(), 4u);
  EXPECT_DOUBLE_EQ(rec.epochs[2].val_metrics["accuracy"].get<double>(), rec.epochs[2].val_accuracy);
  EXPECT_GT(rec.epochs[0].lr, 0);

  const auto status = readJsonFile(fs::path(dir1) / "status.json");
  EXPECT_EQ(status["state"], "finished");
  EXPECT_EQ(status["epochs_run"], 3);
  EXPECT_DOUBLE_EQ(status["test_accuracy"].get<double>(), r.test["accuracy"].get<double>());

  // A second run with another learning rate, stopped before its first step.
  auto c = quick(3);
  c.lr = 0.03;
  TrainControl stop;
  struct StopWhenPrepared : TrainListener {  // the data is ready, no step has run
    TrainControl* control;
    void onMessage(MessageLevel, const std::string& m) override {
      if (m.rfind("prepared ", 0) == 0) control->stop = true;
    }
  } stopper;
  stopper.control = &stop;
  const std::string dir2 = defaultRunDir(projectPath);
  ASSERT_NE(dir1, dir2);
  auto r2 = trainProject(tinyProject(dataset), projectPath, c, dir2, &stopper, &stop);
  ASSERT_TRUE(r2.stopped);

  // A run of "tiny-v2.fbproj" beside it is not one of this project's runs.
  fs::create_directories(projectDir / "runs" / "tiny-v2-20260101-120000");
  { std::ofstream(projectDir / "runs" / "tiny-v2-20260101-120000" / "config.json") << "{}"; }
  const auto runs = listRuns(projectPath);
  ASSERT_EQ(runs.size(), 2u);
  EXPECT_EQ(runs[0].dir, dir1);
  EXPECT_EQ(runs[0].state, "finished");
  EXPECT_FALSE(runs[0].resumable);
  EXPECT_EQ(runs[0].epochs, 3);
  EXPECT_GT(runs[0].test_accuracy, 0.3);
  EXPECT_EQ(runs[1].state, "stopped");
  EXPECT_TRUE(runs[1].resumable);
  const auto diff = configDifference(runs[0].config, runs[1].config);
  ASSERT_EQ(diff.size(), 1u) << diff.size();
  EXPECT_EQ(diff[0], "lr 0.01 \u2192 0.03");

  std::size_t bad = 0;
  const auto curves = readRunCurves(dir1, &bad);
  EXPECT_EQ(bad, 0u);
  EXPECT_EQ(static_cast<int64_t>(curves.step.size()), r.steps);
  EXPECT_EQ(curves.epoch.size(), 3u);
  EXPECT_DOUBLE_EQ(curves.val_accuracy[2], rec.epochs[2].val_accuracy);
  // A crash can leave half a line: it is counted, not fatal.
  { std::ofstream(fs::path(dir1) / "metrics_steps.csv", std::ios::app) << "99,1,0.5"; }
  const auto again = readRunCurves(dir1, &bad);
  EXPECT_EQ(bad, 1u);
  EXPECT_EQ(again.step.size(), curves.step.size());
}

TEST(Runs, AFailedRunSaysWhyInItsStatus) {
  const auto dataset = writeCleanDataset("runs_nan", 6);
  auto c = quick(2);
  c.optimizer = "sgd";
  c.lr = 1e30;
  c.momentum = 0;
  const auto dir = freshDir("runs_nan_run");
  auto r = trainProject(tinyProject(dataset), "", c, dir.string());
  ASSERT_FALSE(r.ok);
  const auto info = readRun(dir.string());
  EXPECT_EQ(info.state, "failed");
  EXPECT_EQ(info.error, r.error);
}

TEST(Runs, ABadSampleUnderTheFailPolicyNamesItsRowAndSkipTrainsOn) {
  std::vector<ExpectedProblem> problems;
  const auto dataset = writeProblemDataset("runs_bad_sample", &problems);
  auto c = quick(2);
  c.sample_policy = "fail";
  auto r = trainProject(tinyProject(dataset), "", c, freshDir("runs_bad_sample_fail").string());
  ASSERT_FALSE(r.ok);
  // Found by the GUI test: invalid UTF-8 in a title used to reach the vocabulary and fail as a JSON error.
  EXPECT_NE(r.error.find("row "), std::string::npos) << r.error;
  EXPECT_EQ(r.error.find("json"), std::string::npos) << r.error;
  c.sample_policy = "skip";
  auto s = trainProject(tinyProject(dataset), "", c, freshDir("runs_bad_sample_skip").string());
  ASSERT_TRUE(s.ok) << s.error;
  EXPECT_GT(s.train_skipped, 0u);
}

// bf16 on the CPU: where the CPU has the instructions it trains, with float32 weights and losses close to
// float32's (bfloat16 keeps 8 bits of mantissa); elsewhere it is refused naming what is missing.
TEST(Runs, MixedPrecisionOnTheCpuTrainsWhereTheCpuHasBf16) {
  const auto dataset = writeCleanDataset("runs_bf16", 4);
  auto c = quick(2);
  EpochRecorder fp32, bf16;
  auto reference = trainProject(tinyProject(dataset), "", c, freshDir("runs_fp32_run").string(), &fp32);
  ASSERT_TRUE(reference.ok) << reference.error;
  c.precision = "bf16";
  const auto dir = freshDir("runs_bf16_run");
  auto r = trainProject(tinyProject(dataset), "", c, dir.string(), &bf16);
  if (!util::cpuBf16Support().native) {
    ASSERT_FALSE(r.ok);
    EXPECT_NE(r.error.find("refused on the CPU"), std::string::npos) << r.error;
    EXPECT_NE(r.error.find("AVX512-BF16"), std::string::npos) << r.error;
    return;
  }
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(readJsonFile(dir / "config.json")["precision"], "bf16");
  ASSERT_EQ(bf16.epochs.size(), 2u);
  for (std::size_t e = 0; e < 2; ++e) {
    const double a = fp32.epochs[e].train_loss, b = bf16.epochs[e].train_loss;
    EXPECT_NE(a, b) << "epoch " << e + 1 << ": identical losses, so autocast did not run";
    EXPECT_NEAR(b, a, 0.05 * a) << "epoch " << e + 1;
  }
}

// What the scope switches: large products and convolutions in bfloat16 inside, float32 again after it, and
// the parameters and their gradients in float32. Small linear layers stay on float32 sgemm (casting would
// cost more than bfloat16 saves), also when their input arrives in bfloat16.
TEST(Runs, AutocastScopeOnTheCpuRunsProductsInBf16AndLeavesTheWeightsFloat) {
  if (!util::cpuBf16Support().native) GTEST_SKIP() << util::cpuBf16Support().reason;
  nodes::LinearLayer large(256, 256), small(8, 4);
  torch::nn::Conv2d conv(torch::nn::Conv2dOptions(1, 2, 3));
  const auto x = torch::randn({256, 256}), s = torch::randn({5, 8}), image = torch::randn({2, 1, 6, 6});
  torch::Tensor y, ys;
  {
    AutocastScope scope(true, torch::kCPU);
    y = large->forward(x);
    EXPECT_EQ(y.scalar_type(), torch::kBFloat16);
    EXPECT_EQ(conv->forward(image).scalar_type(), torch::kBFloat16);
    ys = small->forward(s);
    EXPECT_EQ(ys.scalar_type(), torch::kFloat);
    EXPECT_TRUE(torch::allclose(small->forward(s.to(torch::kBFloat16)), small->forward(s.to(torch::kBFloat16).to(torch::kFloat))));
  }
  EXPECT_EQ(large->forward(x).scalar_type(), torch::kFloat);
  EXPECT_TRUE(torch::allclose(y.to(torch::kFloat), large->forward(x), 0.05, 0.1));
  EXPECT_TRUE(torch::equal(ys, small->forward(s)));
  (y.to(torch::kFloat).sum() + ys.sum()).backward();
  for (auto* p : {&large->weight, &small->weight}) {
    EXPECT_EQ(p->scalar_type(), torch::kFloat);
    EXPECT_EQ(p->grad().scalar_type(), torch::kFloat);
  }
  AutocastScope off(false, torch::kCPU);
  EXPECT_EQ(large->forward(x).scalar_type(), torch::kFloat);
}

TEST(Runs, MixedPrecisionValuesAreChecked) {
  Diagnostics errors;
  TrainConfig::fromJson(nlohmann::json{{"precision", "fp16"}}, errors);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].format().find("precision"), std::string::npos);
  errors.clear();
  EXPECT_EQ(TrainConfig::fromJson(nlohmann::json{{"precision", "bf16"}}, errors).precision, "bf16");
  EXPECT_TRUE(errors.empty());
  TrainConfig::fromJson(nlohmann::json{{"batch_size", 1}}, errors);  // batch norm cannot train on one sample
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].format().find("batch_size"), std::string::npos);
}

TEST(Runs, ConfigDifferenceNamesAddedRemovedAndChangedKeys) {
  const nlohmann::json a = {{"lr", 0.001}, {"optimizer", "adamw"}, {"augment", false}, {"project", "/x"}};
  const nlohmann::json b = {{"lr", 0.001}, {"optimizer", "sgd"}, {"epochs", 20}, {"project", "/y"}};
  const auto d = configDifference(a, b);
  ASSERT_EQ(d.size(), 3u);
  EXPECT_EQ(d[0], "epochs 20 (new)");
  EXPECT_EQ(d[1], "optimizer adamw \u2192 sgd");
  EXPECT_EQ(d[2], "augment false (removed)");
}

TEST(Runs, BundlePredictionsPerSampleAndMissingModalityRobustness) {
  const auto dataset = writeCleanDataset("runs_bundle", 12);
  const auto dir = freshDir("runs_bundle_run");
  auto r = trainProject(tinyProject(dataset), "", quick(6), dir.string());
  ASSERT_TRUE(r.ok) << r.error;
  EvalRequest req;
  req.bundle = dir.string();
  req.split = "test";
  req.keep_predictions = true;
  const auto e = evaluateBundle(req);
  ASSERT_TRUE(e.ok) << e.error;
  ASSERT_EQ(e.predictions.size(), e.metrics["used"].get<std::size_t>());
  ASSERT_EQ(e.classes.size(), 4u);
  std::size_t correct = 0;
  for (const auto& p : e.predictions) {
    ASSERT_EQ(p.scores.size(), 4u);
    double sum = 0;
    for (float s : p.scores) sum += s;
    EXPECT_NEAR(sum, 1.0, 1e-5);
    EXPECT_EQ(p.predicted, std::max_element(p.scores.begin(), p.scores.end()) - p.scores.begin());
    EXPECT_FALSE(p.id.empty());
    correct += p.predicted == p.label;
  }
  EXPECT_DOUBLE_EQ(static_cast<double>(correct) / static_cast<double>(e.predictions.size()),
                   e.metrics["accuracy"].get<double>());

  const auto rob = evaluateRobustness(req);
  ASSERT_TRUE(rob.ok) << rob.error;
  EXPECT_EQ(rob.metric, "accuracy");
  EXPECT_DOUBLE_EQ(rob.baseline, e.metrics["accuracy"].get<double>());
  ASSERT_EQ(rob.entries.size(), 3u);  // image, title, tabular
  EXPECT_EQ(rob.entries[0].field, "image");
  EXPECT_EQ(rob.entries[0].column, "image");
  EXPECT_EQ(rob.entries[2].column, "size, colour");
  // Masking one field is what evaluateBundle with that mask measures.
  req.masked_fields = {"title"};
  req.keep_predictions = false;
  const auto masked = evaluateBundle(req);
  ASSERT_TRUE(masked.ok);
  EXPECT_DOUBLE_EQ(rob.entries[1].score, masked.metrics["accuracy"].get<double>());
}

}  // namespace
}  // namespace fusebench::train
