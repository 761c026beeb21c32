// Every node type, under several parameter settings, inside a small graph: the graph validates and
// compiles, every port's runtime shape equals the inferred one, and a backward pass gives every
// parameter of the node under test a finite gradient (so every submodule is registered and used).
#include <gtest/gtest.h>

#include "graph_builder.h"
#include "model/fusion_model.h"

namespace fusebench {
namespace {

using testing::GraphBuilder;

struct NodeCase {
  std::string name;
  std::string type;
  std::string params;
  std::vector<std::pair<std::string, std::string>> wires;  // input port of node "x" <- source "node.port"
  std::string head_from;  // where the head reads; empty = "x.features" or "x.out"
};

// gtest prints the case by name instead of a byte dump (keeps ctest names readable).
void PrintTo(const NodeCase& c, std::ostream* os) { *os << c.name; }

// Sources every case can wire from: inputs and encoders with known output sizes.
//   f_img features [64], t_img tokens [16, 64]   f_txt features [32], t_txt tokens [12, 32]
//   f_tab features [16]                           f_mel features [32], t_mel tokens [12, 8]
GraphBuilder sources() {
  GraphBuilder b;
  b.node("img", "input.image", R"({"channels": 3, "height": 32, "width": 32})")
      .node("txt", "input.text", R"({"max_length": 12, "vocab_size": 50})")
      .node("mel", "input.audio", R"({"representation": "logmel", "seconds": 0.3, "n_mels": 32})")
      .node("wav", "input.audio", R"({"field": "wave", "representation": "waveform", "seconds": 0.25})")
      .node("tab", "input.tabular", R"({"num_numeric": 5, "categorical": [3, 4]})")
      .node("gray", "input.image", R"({"field": "gray", "channels": 1, "height": 20, "width": 20})")
      .node("enc_img", "image.small_cnn", R"({"depth": 3, "width": 16})")
      .node("enc_txt", "text.bag_of_embeddings", R"({"dim": 32})")
      .node("enc_tab", "tabular.mlp", R"({"hidden": [16]})")
      .node("enc_mel", "audio.spectrogram_cnn", R"({"depth": 2, "width": 8, "out_dim": 32})")
      .edge("img.out", "enc_img.in")
      .edge("txt.out", "enc_txt.in")
      .edge("tab.out", "enc_tab.in")
      .edge("mel.out", "enc_mel.in");
  return b;
}

std::string src(const std::string& name) {
  static const std::map<std::string, std::string> m = {
      {"f_img", "enc_img.features"}, {"t_img", "enc_img.tokens"}, {"f_txt", "enc_txt.features"},
      {"t_txt", "enc_txt.tokens"},   {"f_tab", "enc_tab.features"}, {"f_mel", "enc_mel.features"},
      {"t_mel", "enc_mel.tokens"},   {"img", "img.out"},            {"txt", "txt.out"},
      {"mel", "mel.out"},            {"wav", "wav.out"},            {"tab", "tab.out"},
      {"gray", "gray.out"}};
  auto it = m.find(name);
  return it == m.end() ? name : it->second;
}

// TorchScript encoders read the small files of tests/reference/make_torchscript_encoders.py.
std::string script(const std::string& file, const std::string& more = "") {
  return R"({"file": ")" + std::string(FUSEBENCH_SOURCE_DIR) + "/tests/reference/golden/torchscript/" + file + "\"" +
         (more.empty() ? "" : ", " + more) + "}";
}

std::vector<NodeCase> cases() {
  return {
      {"torchscript_pooled_imagenet", "image.torchscript", script("rgb_pooled.pt", R"("normalization": "imagenet")"), {{"in", "img"}}, ""},
      {"torchscript_feature_map_proj", "image.torchscript", script("gray_feature_map.pt", R"("out_dim": 5)"), {{"in", "gray"}}, ""},
      {"torchscript_traced", "image.torchscript", script("gray_feature_map_traced.pt"), {{"in", "gray"}}, ""},
      {"torchscript_tuple_element", "image.torchscript", script("tuple_output.pt", R"("output": "1")"), {{"in", "gray"}}, ""},
      {"torchscript_dict_entry", "image.torchscript", script("dict_output.pt", R"("output": "pooled")"), {{"in", "gray"}}, ""},
      {"torchscript_text_tokens", "text.torchscript", script("text_tokens.pt", R"("pass_mask": true)"), {{"in", "txt"}}, ""},
      {"torchscript_text_pooled_proj", "text.torchscript", script("text_pooled.pt", R"("out_dim": 4)"), {{"in", "txt"}}, ""},
      {"torchscript_audio", "audio.torchscript", script("spectrogram_pooled.pt"), {{"in", "mel"}}, ""},
      {"torchscript_audio_proj", "audio.torchscript", script("spectrogram_pooled.pt", R"("out_dim": 3)"), {{"in", "mel"}}, ""},
      {"small_cnn_max", "image.small_cnn", R"({"depth": 2, "width": 8})", {{"in", "img"}}, ""},
      {"small_cnn_avg_proj", "image.small_cnn", R"({"depth": 3, "width": 4, "batch_norm": false, "pooling": "avg", "out_dim": 10})", {{"in", "img"}}, ""},
      {"small_cnn_nopool", "image.small_cnn", R"({"depth": 1, "width": 4, "pooling": "none"})", {{"in", "img"}}, ""},
      {"vgg", "image.vgg", R"({"depth": 2, "convs_per_stage": 2, "width": 4})", {{"in", "img"}}, ""},
      {"vgg_proj", "image.vgg", R"({"depth": 3, "convs_per_stage": 1, "width": 8, "batch_norm": false, "out_dim": 7})", {{"in", "img"}}, ""},
      {"resnet_small", "image.resnet", R"({"stages": 1, "blocks_per_stage": 1, "width": 4})", {{"in", "img"}}, ""},
      {"resnet_proj", "image.resnet", R"({"stages": 3, "blocks_per_stage": 2, "width": 4, "out_dim": 12})", {{"in", "img"}}, ""},
      {"bag", "text.bag_of_embeddings", R"({"dim": 8})", {{"in", "txt"}}, ""},
      {"bag_dim1", "text.bag_of_embeddings", R"({"dim": 1})", {{"in", "txt"}}, ""},
      {"bilstm", "text.rnn", R"({"cell": "lstm", "layers": 2, "hidden": 6, "dropout": 0.1})", {{"in", "txt"}}, ""},
      {"gru", "text.rnn", R"({"cell": "gru", "bidirectional": false, "hidden": 5, "dim": 7})", {{"in", "txt"}}, ""},
      {"text_transformer", "text.transformer", R"({"dim": 16, "heads": 4, "layers": 1})", {{"in", "txt"}}, ""},
      {"text_transformer_3h", "text.transformer", R"({"dim": 12, "heads": 3, "layers": 2, "ff_dim": 24, "dropout": 0.0})", {{"in", "txt"}}, ""},
      {"spectrogram_cnn", "audio.spectrogram_cnn", R"({"depth": 2, "width": 4})", {{"in", "mel"}}, ""},
      {"spectrogram_cnn_avg", "audio.spectrogram_cnn", R"({"depth": 3, "pooling": "avg", "out_dim": 9})", {{"in", "mel"}}, ""},
      {"waveform_cnn", "audio.waveform_cnn", R"({"depth": 2, "width": 4, "first_kernel": 40})", {{"in", "wav"}}, ""},
      {"waveform_cnn_proj", "audio.waveform_cnn", R"({"depth": 3, "out_dim": 5, "pool": 2})", {{"in", "wav"}}, ""},
      {"tabular_batch", "tabular.mlp", R"({"hidden": [16]})", {{"in", "tab"}}, ""},
      {"tabular_layer", "tabular.mlp", R"({"normalization": "layer", "hidden": [8, 4], "embedding_dim": 3})", {{"in", "tab"}}, ""},
      {"tabular_none", "tabular.mlp", R"({"normalization": "none", "hidden": [5], "dropout": 0.2})", {{"in", "tab"}}, ""},
      {"concat", "fusion.concat", R"({"modality_dropout": 0.5})", {{"in0", "f_img"}, {"in1", "f_txt"}, {"in2", "f_tab"}}, ""},
      {"sum", "fusion.sum", "{}", {{"in0", "f_txt"}, {"in1", "f_mel"}}, ""},
      {"weighted_sum", "fusion.weighted_sum", R"({"modality_dropout": 0.3})", {{"in0", "f_txt"}, {"in1", "f_mel"}}, ""},
      {"gmu", "fusion.gmu", R"({"dim": 8})", {{"in0", "f_img"}, {"in1", "f_txt"}, {"in2", "f_tab"}}, ""},
      {"film_features", "fusion.film", "{}", {{"x", "f_img"}, {"cond0", "f_txt"}}, ""},
      {"film_tokens", "fusion.film", R"({"modality_dropout": 0.5})", {{"x", "t_img"}, {"cond0", "f_tab"}, {"cond1", "f_txt"}}, ""},
      {"tensor", "fusion.tensor", "{}", {{"in0", "f_tab"}, {"in1", "f_txt"}}, ""},
      {"tensor_three_proj", "fusion.tensor", R"({"out_dim": 8})", {{"in0", "f_img"}, {"in1", "f_txt"}, {"in2", "f_tab"}}, ""},
      {"low_rank_tensor", "fusion.low_rank_tensor", R"({"out_dim": 8, "rank": 2})", {{"in0", "f_img"}, {"in1", "f_txt"}, {"in2", "f_tab"}}, ""},
      {"low_rank_tensor_rank1", "fusion.low_rank_tensor", R"({"out_dim": 3, "rank": 1, "modality_dropout": 0.5})", {{"in0", "f_mel"}, {"in1", "f_tab"}}, ""},
      {"mfb", "fusion.mfb", R"({"out_dim": 8, "factor": 3})", {{"in0", "f_img"}, {"in1", "f_txt"}}, ""},
      {"mfb_three", "fusion.mfb", R"({"out_dim": 4, "factor": 2, "modality_dropout": 0.4})", {{"in0", "f_img"}, {"in1", "f_txt"}, {"in2", "f_tab"}}, ""},
      {"cross_attention", "fusion.cross_attention", R"({"heads": 4})", {{"query", "t_txt"}, {"context0", "t_img"}, {"context1", "f_tab"}}, ""},
      {"cross_attention_fq", "fusion.cross_attention", R"({"heads": 2, "dropout": 0.1})", {{"query", "f_img"}, {"context0", "t_txt"}}, ""},
      {"transformer_fusion", "fusion.transformer", R"({"dim": 16, "heads": 2, "layers": 1})", {{"in0", "t_img"}, {"in1", "t_txt"}, {"in2", "f_tab"}}, ""},
      {"transformer_fusion_feats", "fusion.transformer", R"({"dim": 8, "heads": 4, "layers": 2, "modality_dropout": 0.3})", {{"in0", "f_img"}, {"in1", "f_mel"}}, ""},
      {"late", "fusion.late", R"({"num_classes": 2})", {{"in0", "f_img"}, {"in1", "f_txt"}}, ""},
      {"classification", "head.classification", R"({"num_classes": 3, "hidden": [8]})", {{"in", "f_img"}}, "-"},
      {"multilabel", "head.multilabel", R"({"num_labels": 5})", {{"in", "f_txt"}}, "-"},
      {"classification_linear", "head.classification", R"({"num_classes": 2})", {{"in", "f_mel"}}, "-"},
      {"multilabel_hidden", "head.multilabel", R"({"num_labels": 1, "hidden": [6], "dropout": 0.5})", {{"in", "f_img"}}, "-"},
      {"regression_linear", "head.regression", "{}", {{"in", "f_img"}}, "-"},
      {"regression", "head.regression", R"({"num_outputs": 2, "hidden": [4, 4], "dropout": 0.1})", {{"in", "f_tab"}}, "-"},
      {"linear_features", "block.linear", R"({"out_features": 7, "activation": "relu"})", {{"in", "f_img"}}, ""},
      {"linear_tokens", "block.linear", R"({"out_features": 6, "activation": "gelu"})", {{"in", "t_txt"}}, ""},
      {"mlp", "block.mlp", R"({"hidden": [8, 4], "activation": "tanh"})", {{"in", "f_img"}}, ""},
      {"mlp_tokens", "block.mlp", R"({"hidden": [5], "dropout": 0.3})", {{"in", "t_mel"}}, ""},
      {"dropout_tokens", "block.dropout", R"({"p": 0.3})", {{"in", "t_img"}}, ""},
      {"layer_norm", "block.layer_norm", "{}", {{"in", "f_txt"}}, ""},
  };
}

// The graph for a case: sources, node "x", and a head reached from x's features (pooling tokens with a
// cross-attention over f_tab when x only emits tokens).
GraphSpec graphFor(const NodeCase& c, const ShapeReport* probe) {
  GraphBuilder b = sources();
  b.node("x", c.type, c.params);
  for (const auto& [port, from] : c.wires) b.edge(src(from), "x." + port);
  if (c.head_from == "-") return b.build();
  std::string from = "x.out";
  if (probe && probe->outputs.count("x")) {
    const auto& outs = probe->outputs.at("x");
    if (outs.count("features")) {
      from = "x.features";
    } else if (outs.at("out").kind == PortKind::Tokens) {
      b.node("pool", "fusion.cross_attention", R"({"heads": 1})").edge("x.out", "pool.query").edge("enc_tab.features", "pool.context0");
      from = "pool.features";
    }
  }
  const bool logits = probe && probe->outputs.count("x") && probe->outputs.at("x").count("out") &&
                      probe->outputs.at("x").at("out").kind == PortKind::Logits;
  b.node("head", "head.classification", logits ? R"({"num_classes": 2})" : R"({"num_classes": 3})").edge(from, "head.in");
  return b.build();
}

class NodeShapeTest : public ::testing::TestWithParam<NodeCase> {};

TEST_P(NodeShapeTest, InferredShapesMatchRuntimeAndEveryParameterLearns) {
  const NodeCase& c = GetParam();
  auto probe = validateGraph(graphFor(c, nullptr));  // first pass only to learn x's output kinds
  auto graph = graphFor(c, &probe);
  auto compiled = compileGraph(graph);
  ASSERT_TRUE(compiled.ok()) << compiled.shapes.errors.at(0).format();
  auto model = compiled.model;
  model->train();
  torch::manual_seed(7);
  const int64_t batch = 3;
  auto inputs = exampleInputs(*model, batch, 11);
  // One sample misses its text and another its tabular row: masks must flow without breaking shapes.
  inputs["text.present"] = torch::tensor({true, false, true});
  inputs["tabular.present"] = torch::tensor({true, true, false});
  auto out = model->forward(inputs);

  for (const auto& [node, ports] : compiled.shapes.outputs) {
    for (const auto& [port, shape] : ports) {
      const auto key = node + "." + port;
      ASSERT_TRUE(out.ports.count(key)) << key << " produced no value";
      std::vector<int64_t> expected{batch};
      expected.insert(expected.end(), shape.dims.begin(), shape.dims.end());
      EXPECT_EQ(out.ports.at(key).value.sizes().vec(), expected) << key << " (" << shape.str() << ")";
      EXPECT_EQ(out.ports.at(key).present.sizes().vec(), std::vector<int64_t>{batch}) << key;
    }
  }
  ASSERT_TRUE(torch::isfinite(out.prediction).all().item<bool>());

  auto loss = out.prediction.square().mean();
  for (const auto& [key, v] : out.ports)  // reach parameters used only for tokens too
    if (key.rfind("x.", 0) == 0 && v.value.is_floating_point()) loss = loss + v.value.square().mean();
  loss.backward();
  auto x = model->node("x");
  int64_t checked = 0;
  for (const auto& p : x->named_parameters()) {
    ASSERT_TRUE(p.value().grad().defined()) << c.type << ": parameter " << p.key() << " got no gradient";
    EXPECT_TRUE(torch::isfinite(p.value().grad()).all().item<bool>()) << p.key();
    ++checked;
  }
  // Only these operators are parameter-free by design.
  static const std::set<std::string> parameterFree = {"concat", "sum", "tensor", "dropout_tokens"};
  if (!parameterFree.count(c.name)) {
    EXPECT_GT(checked, 0) << c.type << " has no parameters at all";
  }
}

INSTANTIATE_TEST_SUITE_P(AllNodeTypes, NodeShapeTest, ::testing::ValuesIn(cases()),
                         [](const ::testing::TestParamInfo<NodeCase>& info) { return info.param.name; });

TEST(NodeShapeCoverage, EveryRegisteredTypeHasACase) {
  std::set<std::string> covered;
  for (const auto& c : cases()) {
    for (const auto& n : graphFor(c, nullptr).nodes) covered.insert(n.type);
  }
  for (const auto& t : builtinRegistry().all()) EXPECT_TRUE(covered.count(t.type)) << t.type << " is not tested";
}

TEST(NodeShapeCoverage, EveryTypeTestedUnderSeveralSettingsOrHasFewParameters) {
  std::map<std::string, int> count;
  for (const auto& c : cases()) count[c.type]++;
  for (const auto& t : builtinRegistry().all()) {
    if (t.role != NodeRole::Input && t.params.size() >= 3) {
      EXPECT_GE(count[t.type], 2) << t.type << " has many parameters but one test setting";
    }
  }
}

}  // namespace
}  // namespace fusebench
