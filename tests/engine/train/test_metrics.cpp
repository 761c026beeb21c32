// Metrics against scikit-learn on the same predictions (golden file from tests/reference/make_metrics_golden.py).
#include <gtest/gtest.h>

#include <fstream>

#include "train/metrics.h"
#include "train/optimizer.h"
#include "train/train_config.h"

namespace fusebench::train {
namespace {

nlohmann::json golden() {
  std::ifstream in(std::string(FUSEBENCH_SOURCE_DIR) + "/tests/reference/golden/metrics/metrics.json");
  return nlohmann::json::parse(in);
}

void expectSeries(const std::vector<double>& actual, const nlohmann::json& expected, const std::string& what) {
  ASSERT_EQ(actual.size(), expected.size()) << what;
  for (std::size_t i = 0; i < actual.size(); ++i) EXPECT_NEAR(actual[i], expected[i].get<double>(), 1e-9) << what << "[" << i << "]";
}

TEST(Metrics, ClassificationMatchesScikitLearn) {
  const auto g = golden();
  const auto r = classificationReport(g["probabilities"].get<std::vector<float>>(), g["labels"].get<std::vector<int64_t>>(),
                                      g["classes"].get<int64_t>(), 3);
  EXPECT_NEAR(r.accuracy, g["accuracy"].get<double>(), 1e-12);
  EXPECT_NEAR(r.top_k_accuracy, g["top_3_accuracy"].get<double>(), 1e-12);
  EXPECT_EQ(r.confusion, g["confusion"].get<std::vector<std::vector<int64_t>>>());
  for (std::size_t c = 0; c < r.per_class.size(); ++c) {
    SCOPED_TRACE("class " + std::to_string(c));
    const auto& e = g["per_class"][c];
    const auto& m = r.per_class[c];
    EXPECT_NEAR(m.precision, e["precision"].get<double>(), 1e-12);
    EXPECT_NEAR(m.recall, e["recall"].get<double>(), 1e-12);
    EXPECT_NEAR(m.f1, e["f1"].get<double>(), 1e-12);
    EXPECT_EQ(m.support, e["support"].get<int64_t>());
    ASSERT_TRUE(m.has_curves);
    EXPECT_NEAR(m.roc.auc, e["roc_auc"].get<double>(), 1e-9);
    EXPECT_NEAR(m.pr.auc, e["average_precision"].get<double>(), 1e-9);
    expectSeries(m.roc.x, e["fpr"], "fpr");
    expectSeries(m.roc.y, e["tpr"], "tpr");
    expectSeries(m.pr.y, e["pr_precision"], "precision");
    expectSeries(m.pr.x, e["pr_recall"], "recall");
  }
  EXPECT_NEAR(r.macro_precision, g["macro"]["precision"].get<double>(), 1e-12);
  EXPECT_NEAR(r.macro_recall, g["macro"]["recall"].get<double>(), 1e-12);
  EXPECT_NEAR(r.macro_f1, g["macro"]["f1"].get<double>(), 1e-12);
  EXPECT_NEAR(r.macro_roc_auc, g["macro"]["roc_auc"].get<double>(), 1e-9);
  EXPECT_NEAR(r.weighted_precision, g["weighted"]["precision"].get<double>(), 1e-12);
  EXPECT_NEAR(r.weighted_recall, g["weighted"]["recall"].get<double>(), 1e-12);
  EXPECT_NEAR(r.weighted_f1, g["weighted"]["f1"].get<double>(), 1e-12);
}

TEST(Metrics, RegressionMatchesScikitLearn) {
  const auto g = golden()["regression"];
  auto r = regressionReport(g["prediction"].get<std::vector<float>>(), g["target"].get<std::vector<float>>());
  EXPECT_NEAR(r.mae, g["mae"].get<double>(), 1e-5);
  EXPECT_NEAR(r.rmse, g["rmse"].get<double>(), 1e-5);
  EXPECT_NEAR(r.r2, g["r2"].get<double>(), 1e-5);
}

TEST(Metrics, ZeroDivisionAndMissingClassesAreZeroNotNaN) {
  // Class 2 never occurs and is never predicted.
  auto r = classificationReport({0.9f, 0.1f, 0.0f, 0.2f, 0.8f, 0.0f}, {0, 0}, 3, 1);
  EXPECT_EQ(r.per_class[2].precision, 0);
  EXPECT_EQ(r.per_class[1].precision, 0);  // predicted once, wrongly
  EXPECT_FALSE(r.per_class[2].has_curves);
  EXPECT_DOUBLE_EQ(r.accuracy, 0.5);
}

TEST(Schedules, MatchHandComputedValues) {
  TrainConfig c;
  c.lr = 0.1;
  c.schedule = "constant";
  EXPECT_DOUBLE_EQ(learningRate(c, 50, 100, 10), 0.1);
  c.warmup_steps = 4;
  EXPECT_DOUBLE_EQ(learningRate(c, 0, 100, 10), 0.025);
  EXPECT_DOUBLE_EQ(learningRate(c, 3, 100, 10), 0.1);
  c.warmup_steps = 0;
  c.schedule = "step";
  c.step_epochs = 2;
  c.gamma = 0.5;
  EXPECT_DOUBLE_EQ(learningRate(c, 19, 100, 10), 0.1);    // epoch 1
  EXPECT_DOUBLE_EQ(learningRate(c, 20, 100, 10), 0.05);   // epoch 2
  EXPECT_DOUBLE_EQ(learningRate(c, 45, 100, 10), 0.025);  // epoch 4
  c.schedule = "cosine";
  EXPECT_DOUBLE_EQ(learningRate(c, 0, 100, 10), 0.1);
  EXPECT_NEAR(learningRate(c, 50, 100, 10), 0.05, 1e-12);
  EXPECT_NEAR(learningRate(c, 100, 100, 10), 0.0, 1e-12);
  c.warmup_steps = 10;
  EXPECT_NEAR(learningRate(c, 55, 100, 10), 0.05, 1e-12);  // half-way through the 90 cosine steps
  c.warmup_steps = 0;
  c.schedule = "onecycle";  // values of torch.optim.lr_scheduler.OneCycleLR(max_lr=0.1, total_steps=100)
  EXPECT_NEAR(learningRate(c, 0, 100, 10), 0.004, 1e-12);
  EXPECT_NEAR(learningRate(c, 29, 100, 10), 0.1, 1e-12);
  EXPECT_NEAR(learningRate(c, 99, 100, 10), 4e-7, 1e-12);
}

// One parameter w with loss = g * w (gradient g), two steps, against the update rules written out by hand.
std::vector<double> twoSteps(const TrainConfig& c, double g) {
  auto w = torch::ones({1}, torch::kDouble).requires_grad_(true);
  TrainingOptimizer opt(c, {w});
  std::vector<double> out;
  for (int i = 0; i < 2; ++i) {
    opt.zeroGrad();
    (w * g).sum().backward();
    opt.step();
    out.push_back(w.item<double>());
  }
  return out;
}

TEST(Optimizers, MatchHandComputedSteps) {
  TrainConfig c;
  c.lr = 0.1;
  c.weight_decay = 0;
  c.optimizer = "sgd";
  c.momentum = 0.9;
  // SGD momentum: v1 = g, w1 = 1 - lr g; v2 = 0.9 v1 + g, w2 = w1 - lr v2.
  auto s = twoSteps(c, 2.0);
  EXPECT_NEAR(s[0], 1 - 0.1 * 2, 1e-12);
  EXPECT_NEAR(s[1], 0.8 - 0.1 * (0.9 * 2 + 2), 1e-12);
  c.nesterov = true;  // Nesterov: step with g + 0.9 v
  s = twoSteps(c, 2.0);
  EXPECT_NEAR(s[0], 1 - 0.1 * (2 + 0.9 * 2), 1e-12);
  EXPECT_NEAR(s[1], s[0] - 0.1 * (2 + 0.9 * (0.9 * 2 + 2)), 1e-12);
  c.nesterov = false;
  c.momentum = 0;
  c.weight_decay = 0.5;  // L2 added to the gradient: g + 0.5 w
  s = twoSteps(c, 2.0);
  EXPECT_NEAR(s[0], 1 - 0.1 * (2 + 0.5), 1e-12);
  // Adam: with a constant gradient the bias-corrected step is lr * g / (|g| + eps) = lr each time.
  c.optimizer = "adam";
  c.weight_decay = 0;
  s = twoSteps(c, 2.0);
  EXPECT_NEAR(s[0], 1 - 0.1 * 2 / (2 + 1e-8), 1e-9);
  EXPECT_NEAR(s[1], s[0] - 0.1 * 2 / (2 + 1e-8), 1e-9);
  // AdamW: decoupled decay first (w *= 1 - lr wd), then the Adam step.
  c.optimizer = "adamw";
  c.weight_decay = 0.5;
  s = twoSteps(c, 2.0);
  EXPECT_NEAR(s[0], 1 * (1 - 0.1 * 0.5) - 0.1 * 2 / (2 + 1e-8), 1e-9);
}

TEST(TrainConfigJson, UnknownKeysAndBadValuesAreNamed) {
  Diagnostics errors;
  auto c = TrainConfig::fromJson(nlohmann::json::parse(R"({"epochs": 3, "optimizer": "lion", "lr": -1, "epocs": 2})"), errors);
  EXPECT_EQ(c.epochs, 3);
  ASSERT_EQ(errors.size(), 3u);
  std::string all;
  for (const auto& e : errors) all += e.format() + "\n";
  EXPECT_NE(all.find("unknown setting 'epocs'"), std::string::npos) << all;
  EXPECT_NE(all.find("training.optimizer: invalid value (expected adam|adamw|sgd, found \"lion\")"), std::string::npos) << all;
  EXPECT_NE(all.find("training.lr"), std::string::npos) << all;
  Diagnostics none;
  auto back = TrainConfig::fromJson(c.toJson(), none);
  EXPECT_TRUE(none.empty());
}

}  // namespace
}  // namespace fusebench::train
