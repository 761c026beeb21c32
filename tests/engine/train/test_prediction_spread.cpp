// Monte-Carlo dropout and ensemble spreads: the numbers against a computation by hand, dropout passes that
// differ and leave the model and the global generator as they were, a model without dropout left alone.
#include <gtest/gtest.h>

#include <cmath>

#include "graph_builder.h"
#include "model/fusion_model.h"
#include "train/prediction_spread.h"

namespace fusebench::train {
namespace {

TEST(PredictionSpread, MeanSpreadAgreementAndMutualInformationByHand) {
  const std::vector<std::vector<float>> p = {{0.7f, 0.2f, 0.1f}, {0.5f, 0.4f, 0.1f}, {0.3f, 0.6f, 0.1f}};
  const auto s = spreadOf("ensemble", p, {"a", "b", "c"});
  EXPECT_EQ(s.members, 3);
  EXPECT_NEAR(s.mean[0], 0.5, 1e-6);
  EXPECT_NEAR(s.mean[1], 0.4, 1e-6);
  EXPECT_NEAR(s.stddev[0], std::sqrt((0.04 + 0 + 0.04) / 3), 1e-6);  // population standard deviation
  EXPECT_EQ(s.top, 0);
  EXPECT_EQ(s.agree, 2);  // the third member answers b
  auto h = [](std::vector<double> q) {
    double e = 0;
    for (double v : q) e -= v * std::log(v);
    return e;
  };
  const double mi = h({0.5, 0.4, 0.1}) - (h({0.7, 0.2, 0.1}) + h({0.5, 0.4, 0.1}) + h({0.3, 0.6, 0.1})) / 3;
  EXPECT_NEAR(s.mutual_information, mi, 1e-6);
  EXPECT_EQ(s.sentence, "2 of 3 separately trained models answer 'a' (on average 50% ± 16%).");
  const auto same = spreadOf("ensemble", {{0.9f, 0.1f}, {0.9f, 0.1f}}, {"x", "y"});
  EXPECT_NEAR(same.mutual_information, 0, 1e-7);
  EXPECT_NEAR(same.stddev[0], 0, 1e-7);
}

FusionModel model(double dropout) {
  auto g = testing::GraphBuilder()
               .node("tab", "input.tabular", R"({"num_numeric": 6})")
               .node("mlp", "tabular.mlp", R"({"hidden": [16]})")
               .node("head", "head.classification",
                     std::string(R"({"num_classes": 3, "hidden": [32], "dropout": )") + std::to_string(dropout) + "}")
               .edge("tab.out", "mlp.in")
               .edge("mlp.features", "head.in")
               .build();
  auto c = compileGraph(g);
  EXPECT_TRUE(c.ok()) << (c.shapes.errors.empty() ? std::string() : c.shapes.errors[0].format());
  return c.model;
}

TEST(MonteCarloDropout, PassesDifferAndLeaveTheModelAndTheGeneratorAsTheyWere) {
  torch::manual_seed(1);
  auto m = model(0.5);
  m->eval();
  auto in = exampleInputs(*m, 1, 3);
  const auto before = m->forward(in).prediction.clone();
  torch::manual_seed(99);
  const auto expectedNext = torch::rand({4});
  torch::manual_seed(99);
  const auto s = monteCarloDropout(*m, in, data::TargetTask::Classification, 1.0, 30, 5, {"a", "b", "c"});
  ASSERT_TRUE(s);
  EXPECT_TRUE(torch::equal(torch::rand({4}), expectedNext));  // the global generator is restored
  EXPECT_EQ(s->members, 30);
  EXPECT_GT(*std::max_element(s->stddev.begin(), s->stddev.end()), 1e-4);  // the passes differ
  EXPECT_TRUE(torch::equal(m->forward(in).prediction, before));  // dropout is off again
  const auto again = monteCarloDropout(*m, in, data::TargetTask::Classification, 1.0, 30, 5, {"a", "b", "c"});
  EXPECT_EQ(again->mean, s->mean);  // seeded
  EXPECT_FALSE(monteCarloDropout(*model(0.0), in, data::TargetTask::Classification, 1.0, 30, 5, {}));  // no dropout: nothing
}

}  // namespace
}  // namespace fusebench::train
