// The compiled model: example projects run end to end, fusion internals are exposed and behave, masks
// are honoured, and bad batches are reported by field name.
#include <gtest/gtest.h>

#include "graph/graph_json.h"
#include "graph_builder.h"
#include "model/fusion_model.h"
#include "model/model_summary.h"

namespace fusebench {
namespace {

using testing::GraphBuilder;

GraphSpec loadExample(const std::string& file) {
  auto r = loadGraphFile(std::string(FUSEBENCH_SOURCE_DIR) + "/projects/" + file);
  EXPECT_TRUE(r.graph.has_value()) << (r.errors.empty() ? "" : r.errors[0].format());
  return r.graph.value_or(GraphSpec{});
}

class ExampleProjectTest : public ::testing::TestWithParam<std::string> {};

TEST_P(ExampleProjectTest, CompilesAndRunsForwardAndBackward) {
  auto compiled = compileGraph(loadExample(GetParam()));
  ASSERT_TRUE(compiled.ok()) << compiled.shapes.errors.at(0).format();
  auto inputs = exampleInputs(*compiled.model, 4, 3);
  compiled.model->train();
  auto out = compiled.model->forward(inputs);
  const auto& head = compiled.shapes.outputs.at(compiled.shapes.head).at("out");
  EXPECT_EQ(out.prediction.sizes().vec(), (std::vector<int64_t>{4, head.dims[0]}));
  out.prediction.logsumexp(1).mean().backward();
  for (const auto& p : compiled.model->parameters()) EXPECT_TRUE(p.grad().defined());
  EXPECT_GT(compiled.model->parameterCount(), 1000);
}

INSTANTIATE_TEST_SUITE_P(Projects, ExampleProjectTest,
                         ::testing::Values("image_text_concat.fbproj", "image_audio_weighted.fbproj",
                                           "image_text_audio_attention.fbproj"),
                         [](const auto& info) { return info.param.substr(0, info.param.find('.')); });

GraphSpec attentionGraph() {
  return GraphBuilder()
      .node("txt", "input.text", R"({"max_length": 6, "vocab_size": 30})")
      .node("img", "input.image", R"({"channels": 1, "height": 8, "width": 8})")
      .node("t", "text.bag_of_embeddings", R"({"dim": 8})")
      .node("i", "image.small_cnn", R"({"depth": 1, "width": 4})")
      .node("att", "fusion.cross_attention", R"({"heads": 2})")
      .node("head", "head.classification", R"({"num_classes": 3})")
      .edge("txt.out", "t.in")
      .edge("img.out", "i.in")
      .edge("t.tokens", "att.query")
      .edge("i.tokens", "att.context0")
      .edge("att.features", "head.in")
      .build();
}

TEST(FusionModel, CrossAttentionWeightsAreExposedAndRespectMissingContext) {
  auto compiled = compileGraph(attentionGraph());
  ASSERT_TRUE(compiled.ok());
  compiled.model->eval();
  auto inputs = exampleInputs(*compiled.model, 3, 1);
  inputs["image.present"] = torch::tensor({true, false, true});
  auto out = compiled.model->forward(inputs);
  ASSERT_TRUE(out.internals.count("att.attention"));
  auto w = out.internals.at("att.attention");  // [B, Lq = 6, Lk = 16]
  EXPECT_EQ(w.sizes().vec(), (std::vector<int64_t>{3, 6, 16}));
  // Present context: each query's weights form a distribution; missing context: nothing attended.
  EXPECT_TRUE(torch::allclose(w[0].sum(-1), torch::ones({6}), 1e-5, 1e-5));
  EXPECT_EQ(w[1].abs().sum().item<float>(), 0.0f);
  EXPECT_EQ(out.internals.at("att.context_lengths").item<int64_t>(), 16);
  EXPECT_TRUE(torch::isfinite(out.prediction).all().item<bool>());
}

TEST(FusionModel, WeightedSumWeightsAreReadableAndRenormalizedOverPresentModalities) {
  auto g = GraphBuilder()
               .node("a", "input.tabular", R"({"field": "a", "num_numeric": 3})")
               .node("b", "input.tabular", R"({"field": "b", "num_numeric": 3})")
               .node("ea", "tabular.mlp", R"({"hidden": [4]})")
               .node("eb", "tabular.mlp", R"({"hidden": [4]})")
               .node("w", "fusion.weighted_sum")
               .node("head", "head.regression")
               .edge("a.out", "ea.in")
               .edge("b.out", "eb.in")
               .edge("ea.features", "w.in0")
               .edge("eb.features", "w.in1")
               .edge("w.out", "head.in")
               .build();
  auto compiled = compileGraph(g);
  ASSERT_TRUE(compiled.ok()) << compiled.shapes.errors[0].format();
  compiled.model->eval();
  auto inputs = exampleInputs(*compiled.model, 2, 5);
  inputs["b.present"] = torch::tensor({true, false});
  auto out = compiled.model->forward(inputs);
  auto w = out.internals.at("w.modality_weights");
  EXPECT_TRUE(torch::allclose(w[0], torch::tensor({0.5f, 0.5f})));  // zero-initialised logits: equal weights
  EXPECT_TRUE(torch::allclose(w[1], torch::tensor({1.0f, 0.0f})));  // only a present
}

TEST(FusionModel, ModalityDropoutOnlyActsInTrainingAndNeverDropsEverything) {
  auto g = GraphBuilder()
               .node("a", "input.tabular", R"({"field": "a", "num_numeric": 2})")
               .node("b", "input.tabular", R"({"field": "b", "num_numeric": 2})")
               .node("ea", "tabular.mlp", R"({"normalization": "none", "hidden": [3]})")
               .node("eb", "tabular.mlp", R"({"normalization": "none", "hidden": [3]})")
               .node("late", "fusion.late", R"({"num_classes": 2, "modality_dropout": 0.9})")
               .node("head", "head.classification", R"({"num_classes": 2})")
               .edge("a.out", "ea.in")
               .edge("b.out", "eb.in")
               .edge("ea.features", "late.in0")
               .edge("eb.features", "late.in1")
               .edge("late.out", "head.in")
               .build();
  auto compiled = compileGraph(g);
  ASSERT_TRUE(compiled.ok()) << compiled.shapes.errors[0].format();
  auto inputs = exampleInputs(*compiled.model, 256, 2);
  compiled.model->eval();
  auto a = compiled.model->forward(inputs).prediction;
  auto b = compiled.model->forward(inputs).prediction;
  EXPECT_TRUE(torch::equal(a, b));
  compiled.model->train();
  torch::manual_seed(3);
  auto c = compiled.model->forward(inputs).prediction;
  EXPECT_FALSE(torch::allclose(a, c));  // p = 0.9: many samples lose a modality
  EXPECT_TRUE(torch::isfinite(c).all().item<bool>());
  auto l = compiled.model->forward(inputs).internals.at("late.modality_logits");
  EXPECT_EQ(l.size(1), 2);
}

TEST(FusionModel, BatchWithWrongShapeIsReportedByFieldName) {
  auto compiled = compileGraph(attentionGraph());
  ASSERT_TRUE(compiled.ok());
  auto inputs = exampleInputs(*compiled.model, 2, 1);
  inputs["image"] = torch::zeros({2, 1, 9, 8});
  try {
    compiled.model->forward(inputs);
    FAIL() << "expected an error";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("input field 'image' has shape [2, 1, 9, 8]"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("[batch, 1, 8, 8]"), std::string::npos) << e.what();
  }
  inputs.erase("image");
  EXPECT_THROW(compiled.model->forward(inputs), std::invalid_argument);
}

TEST(FusionModel, CompileReportsErrorsInsteadOfThrowing) {
  auto g = attentionGraph();
  g.nodes[4].params["heads"] = 3;  // 8 is not divisible by 3
  auto compiled = compileGraph(g);
  EXPECT_FALSE(compiled.ok());
  ASSERT_EQ(compiled.shapes.errors.size(), 1u);
  EXPECT_EQ(compiled.shapes.errors[0].node, "att");
  EXPECT_EQ(compiled.shapes.errors[0].port, "heads");
}

TEST(ModelSummary, ListsShapesAndParameterCountsThatAddUp) {
  auto s = summarizeGraph(loadExample("image_text_concat.fbproj"));
  ASSERT_TRUE(s.ok());
  int64_t sum = 0;
  for (const auto& n : s.nodes) sum += n.parameters;
  EXPECT_EQ(sum, s.total_parameters);
  EXPECT_EQ(s.head, "head");
  const auto table = s.table();
  EXPECT_NE(table.find("image.small_cnn      features [64]"), std::string::npos) << table;
  EXPECT_NE(table.find("total parameters: 144,058"), std::string::npos) << table;
}

TEST(ModelSummary, InvalidGraphStillListsNodesAndErrors) {
  auto g = attentionGraph();
  g.edges.pop_back();  // head input unconnected
  auto s = summarizeGraph(g);
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.total_parameters, -1);
  EXPECT_EQ(s.nodes.size(), g.nodes.size());
}

}  // namespace
}  // namespace fusebench
