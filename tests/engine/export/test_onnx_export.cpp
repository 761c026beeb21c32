// ONNX export against LibTorch, in ONNX Runtime (npm's onnxruntime-node, set up by packaging/install-deps.sh):
// graphs that together use every node type, and every example project, each at batch 1 and batch 6 with
// modalities missing, all accepted by ONNX's checker; max |probability difference| below 1e-4.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>

#include <stdlib.h>
#include <unistd.h>

#include "export/npy.h"
#include "export/onnx_export.h"
#include "export/onnx_runtime.h"
#include "graph/graph_json.h"
#include "graph_builder.h"
#include "model/fusion_model.h"

namespace fusebench {
namespace {

namespace fs = std::filesystem;
using testing::GraphBuilder;

// Inputs shared by the graphs: small, so each export and check takes well under a second of LibTorch.
GraphBuilder& inputs(GraphBuilder& b) {
  return b.node("img", "input.image", R"({"channels": 1, "height": 16, "width": 16})")
      .node("txt", "input.text", R"({"max_length": 7, "vocab_size": 40})")
      .node("tab", "input.tabular", R"({"num_numeric": 3, "categorical": [4, 3]})")
      .node("mel", "input.audio", R"({"sample_rate": 1000, "seconds": 0.5, "n_fft": 64, "hop_length": 32, "n_mels": 12})")
      .node("wav", "input.audio", R"({"field": "wave", "representation": "waveform", "sample_rate": 2000, "seconds": 0.5})");
}

struct Case {
  std::string name;
  GraphSpec graph;
};
void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

std::vector<Case> coverageGraphs() {
  std::vector<Case> cases;
  {  // small CNN, tabular MLP with batch norm and categorical columns, concatenation, a head with a hidden layer
    GraphBuilder b;
    inputs(b)
        .node("cnn", "image.small_cnn", R"({"depth": 2, "width": 4})")
        .node("t", "tabular.mlp", R"({"hidden": [8], "embedding_dim": 3})")
        .node("cat", "fusion.concat")
        .node("head", "head.classification", R"({"num_classes": 3, "hidden": [8]})")
        .edge("img.out", "cnn.in").edge("tab.out", "t.in").edge("cnn.features", "cat.in0").edge("t.features", "cat.in1")
        .edge("cat.out", "head.in");
    cases.push_back({"cnn_tabular_concat", b.build()});
  }
  {  // VGG with projection, 2-layer bidirectional LSTM, sum, MLP block, multi-label head
    GraphBuilder b;
    inputs(b)
        .node("vgg", "image.vgg", R"({"depth": 2, "convs_per_stage": 2, "width": 4, "out_dim": 12})")
        .node("rnn", "text.rnn", R"({"dim": 8, "hidden": 6, "layers": 2})")
        .node("sum", "fusion.sum")
        .node("mlp", "block.mlp", R"({"hidden": [10, 8], "activation": "gelu"})")
        .node("head", "head.multilabel", R"({"num_labels": 4})")
        .edge("img.out", "vgg.in").edge("txt.out", "rnn.in").edge("vgg.features", "sum.in0")
        .edge("rnn.features", "sum.in1").edge("sum.out", "mlp.in").edge("mlp.out", "head.in");
    cases.push_back({"vgg_lstm_sum_multilabel", b.build()});
  }
  {  // ResNet, unidirectional GRU, GMU, LayerNorm and Dropout blocks, regression
    GraphBuilder b;
    inputs(b)
        .node("res", "image.resnet", R"({"stages": 2, "blocks_per_stage": 1, "width": 4})")
        .node("gru", "text.rnn", R"({"dim": 8, "cell": "gru", "hidden": 5, "bidirectional": false})")
        .node("gmu", "fusion.gmu", R"({"dim": 6})")
        .node("ln", "block.layer_norm")
        .node("drop", "block.dropout", R"({"p": 0.3})")
        .node("head", "head.regression", R"({"num_outputs": 2})")
        .edge("img.out", "res.in").edge("txt.out", "gru.in").edge("res.features", "gmu.in0")
        .edge("gru.features", "gmu.in1").edge("gmu.out", "ln.in").edge("ln.out", "drop.in").edge("drop.out", "head.in");
    cases.push_back({"resnet_gru_gmu_regression", b.build()});
  }
  {  // spectrogram CNN (average pooling, tokens), text transformer, transformer fusion over tokens
    GraphBuilder b;
    inputs(b)
        .node("spec", "audio.spectrogram_cnn", R"({"depth": 2, "width": 4, "pooling": "avg"})")
        .node("tt", "text.transformer", R"({"dim": 8, "heads": 2, "layers": 2, "ff_dim": 16})")
        .node("tf", "fusion.transformer", R"({"dim": 8, "heads": 2, "layers": 1, "ff_dim": 12})")
        .node("head", "head.classification", R"({"num_classes": 3})")
        .edge("mel.out", "spec.in").edge("txt.out", "tt.in").edge("spec.tokens", "tf.in0").edge("tt.tokens", "tf.in1")
        .edge("tt.features", "tf.in2").edge("tf.features", "head.in");
    cases.push_back({"spectrogram_transformers", b.build()});
  }
  {  // waveform CNN, bag of embeddings, cross attention (text tokens over audio tokens), Linear block with GELU
    GraphBuilder b;
    inputs(b)
        .node("wcnn", "audio.waveform_cnn", R"({"depth": 2, "width": 4, "first_kernel": 40, "out_dim": 8})")
        .node("boe", "text.bag_of_embeddings", R"({"dim": 8})")
        .node("att", "fusion.cross_attention", R"({"heads": 2})")
        .node("lin", "block.linear", R"({"out_features": 6, "activation": "gelu"})")
        .node("head", "head.classification", R"({"num_classes": 2})")
        .edge("wav.out", "wcnn.in").edge("txt.out", "boe.in").edge("boe.tokens", "att.query")
        .edge("wcnn.tokens", "att.context0").edge("att.tokens", "lin.in").edge("att.features", "head.in");
    cases.push_back({"waveform_cross_attention", b.build()});
  }
  {  // FiLM on image tokens conditioned on tabular features, then cross attention over text features
    GraphBuilder b;
    inputs(b)
        .node("cnn", "image.small_cnn", R"({"depth": 2, "width": 4, "batch_norm": false, "pooling": "avg"})")
        .node("t", "tabular.mlp", R"({"hidden": [6], "normalization": "layer"})")
        .node("boe", "text.bag_of_embeddings", R"({"dim": 5})")
        .node("film", "fusion.film")
        .node("att", "fusion.cross_attention", R"({"heads": 1})")
        .node("head", "head.classification", R"({"num_classes": 3})")
        .edge("img.out", "cnn.in").edge("tab.out", "t.in").edge("txt.out", "boe.in").edge("cnn.tokens", "film.x")
        .edge("t.features", "film.cond0").edge("film.out", "att.query").edge("boe.features", "att.context0")
        .edge("att.features", "head.in");
    cases.push_back({"film_tokens", b.build()});
  }
  {  // tensor fusion, low-rank tensor fusion and MFB side by side
    GraphBuilder b;
    inputs(b)
        .node("cnn", "image.small_cnn", R"({"depth": 1, "width": 3, "pooling": "none"})")
        .node("t", "tabular.mlp", R"({"hidden": [4], "normalization": "none"})")
        .node("boe", "text.bag_of_embeddings", R"({"dim": 5})")
        .node("tensor", "fusion.tensor", R"({"out_dim": 6})")
        .node("lrt", "fusion.low_rank_tensor", R"({"out_dim": 5, "rank": 3})")
        .node("mfb", "fusion.mfb", R"({"out_dim": 4, "factor": 3})")
        .node("cat", "fusion.concat")
        .node("head", "head.classification", R"({"num_classes": 3})")
        .edge("img.out", "cnn.in").edge("tab.out", "t.in").edge("txt.out", "boe.in")
        .edge("cnn.features", "tensor.in0").edge("t.features", "tensor.in1")
        .edge("cnn.features", "lrt.in0").edge("boe.features", "lrt.in1").edge("t.features", "lrt.in2")
        .edge("t.features", "mfb.in0").edge("boe.features", "mfb.in1")
        .edge("tensor.out", "cat.in0").edge("lrt.out", "cat.in1").edge("mfb.out", "cat.in2").edge("cat.out", "head.in");
    cases.push_back({"tensor_lowrank_mfb", b.build()});
  }
  {  // learned weighted sum, late fusion into a head fed with logits
    GraphBuilder b;
    inputs(b)
        .node("cnn", "image.small_cnn", R"({"depth": 1, "width": 4, "out_dim": 6})")
        .node("boe", "text.bag_of_embeddings", R"({"dim": 6})")
        .node("t", "tabular.mlp", R"({"hidden": [6]})")
        .node("ws", "fusion.weighted_sum")
        .node("late", "fusion.late", R"({"num_classes": 3})")
        .node("head", "head.classification", R"({"num_classes": 3})")
        .edge("img.out", "cnn.in").edge("txt.out", "boe.in").edge("tab.out", "t.in").edge("cnn.features", "ws.in0")
        .edge("boe.features", "ws.in1").edge("ws.out", "late.in0").edge("t.features", "late.in1").edge("late.out", "head.in");
    cases.push_back({"weighted_sum_late", b.build()});
  }
  return cases;
}

// Unused inputs are dropped, so each graph declares only the fields it reads.
GraphSpec withoutUnusedInputs(GraphSpec g) {
  std::set<std::string> used;
  for (const auto& e : g.edges) used.insert(e.from.node);
  std::vector<NodeSpec> kept;
  for (auto& n : g.nodes)
    if (n.type.rfind("input.", 0) != 0 || used.count(n.id)) kept.push_back(n);
  g.nodes = kept;
  return g;
}

// Trained-looking weights: batch-norm statistics away from 0/1 and every parameter moved off its initial value
// (zero-initialized ones such as the weighted sum's would otherwise hide a wrong export).
void perturb(FusionModelImpl& model, uint64_t seed) {
  torch::manual_seed(seed);
  torch::NoGradGuard noGrad;
  for (auto& p : model.parameters()) p.add_(torch::randn_like(p) * 0.2);
  for (auto& b : model.named_buffers()) {
    if (b.key().find("running_mean") != std::string::npos) b.value().copy_(torch::randn_like(b.value()) * 0.3);
    if (b.key().find("running_var") != std::string::npos) b.value().copy_(torch::rand_like(b.value()) + 0.5);
  }
}

std::string scratchFile(const std::string& name) {
  auto dir = fs::temp_directory_path() / "fusebench-test-onnx";
  fs::create_directories(dir);
  return (dir / (name + ".onnx")).string();
}

void expectExportMatches(const std::string& name, const GraphSpec& graph) {
  auto compiled = compileGraph(graph);
  ASSERT_TRUE(compiled.ok()) << compiled.shapes.errors.at(0).format();
  perturb(*compiled.model, 7);
  onnx_export::ModelExportOptions o;
  o.verify_samples = 6;
  o.seed = 3;
  const auto file = scratchFile(name);
  auto r = onnx_export::exportModel(*compiled.model, file, o);
  ASSERT_TRUE(r.verification.ran) << r.error << r.verification.not_run
                                  << " (packaging/install-deps.sh installs ONNX Runtime into tools/onnxruntime)";
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_GE(r.verification.missing_cases, 1);
  ::testing::Test::RecordProperty("verification", r.verification.json().dump());
  EXPECT_LT(r.verification.max_difference, 1e-4);
  for (const auto& d : r.verification.outputs) {
    EXPECT_LT(d.batch1, d.output == "logits" ? 1e-3 : 1e-4) << d.output;
    EXPECT_LT(d.batchN, d.output == "logits" ? 1e-3 : 1e-4) << d.output;
  }
  fs::remove(file);
}

// Written and checked by libonnx only (no runtime run).
onnx_export::OnnxExportOutcome exportUnchecked(const GraphSpec& graph, const std::string& file) {
  auto compiled = compileGraph(graph);
  EXPECT_TRUE(compiled.ok());
  if (!compiled.ok()) return {};
  onnx_export::ModelExportOptions o;
  o.verify_samples = 0;
  return onnx_export::exportModel(*compiled.model, file, o);
}

class CoverageGraph : public ::testing::TestWithParam<Case> {};

TEST_P(CoverageGraph, OnnxRuntimeMatchesLibTorch) { expectExportMatches(GetParam().name, withoutUnusedInputs(GetParam().graph)); }

INSTANTIATE_TEST_SUITE_P(Graphs, CoverageGraph, ::testing::ValuesIn(coverageGraphs()),
                         [](const auto& info) { return info.param.name; });

TEST(OnnxExport, TheGraphsAboveUseEveryNodeType) {
  std::set<std::string> used, missing;
  for (const auto& c : coverageGraphs())
    for (const auto& n : withoutUnusedInputs(c.graph).nodes) used.insert(n.type);
  for (const auto& t : builtinRegistry().all())  // TorchScript encoders are refused (test below)
    if (!used.count(t.type) && t.type.find(".torchscript") == std::string::npos) missing.insert(t.type);
  std::string list;
  for (const auto& m : missing) list += " " + m;
  EXPECT_TRUE(missing.empty()) << "node types no export test uses:" << list;
}

class ExampleProject : public ::testing::TestWithParam<std::string> {};

TEST_P(ExampleProject, OnnxRuntimeMatchesLibTorch) {
  auto r = loadGraphFile(std::string(FUSEBENCH_SOURCE_DIR) + "/projects/" + GetParam());
  ASSERT_TRUE(r.graph.has_value());
  expectExportMatches(GetParam().substr(0, GetParam().find('.')), *r.graph);
}

INSTANTIATE_TEST_SUITE_P(Projects, ExampleProject,
                         ::testing::Values("fashion_mnist.fbproj", "fashion_trimodal.fbproj", "image_text_concat.fbproj",
                                           "image_audio_weighted.fbproj", "image_text_audio_attention.fbproj"),
                         [](const auto& info) { return info.param.substr(0, info.param.find('.')); });

TEST(OnnxExport, InputsAndOutputsAreNamedAsDocumented) {
  const auto file = scratchFile("names");
  auto r = exportUnchecked(withoutUnusedInputs(coverageGraphs()[0].graph), file);
  ASSERT_TRUE(r.ok) << r.error;
  std::vector<std::string> names;
  for (const auto& i : r.inputs) names.push_back(i["name"]);
  EXPECT_EQ(names, (std::vector<std::string>{"image", "image.present", "tabular", "tabular.present", "tabular.categorical"}));
  EXPECT_EQ(r.inputs[0]["shape"].dump(), R"(["batch",1,16,16])");
  EXPECT_EQ(r.inputs[4]["type"], "int64");
  EXPECT_EQ(r.outputs[0]["name"], "logits");
  EXPECT_EQ(r.outputs[1]["name"], "probabilities");
  EXPECT_FALSE(r.verification.ran);
  fs::remove(file);
}

TEST(OnnxExport, UnusedPortsAreLeftOutAndUnreadInputsSaySo) {
  // An image-only model: the CNN's token branch feeds nothing (left out of the file), and image.present is
  // declared for a uniform interface but read by no operator.
  auto r = loadGraphFile(std::string(FUSEBENCH_SOURCE_DIR) + "/projects/fashion_mnist.fbproj");
  ASSERT_TRUE(r.graph.has_value());
  const auto file = scratchFile("pruned");
  auto out = exportUnchecked(*r.graph, file);
  ASSERT_TRUE(out.ok) << out.error;
  ASSERT_EQ(out.inputs.size(), 2u);
  EXPECT_EQ(out.inputs[1]["name"], "image.present");
  EXPECT_NE(out.inputs[1]["doc"].get<std::string>().find("not read by this model"), std::string::npos);
  std::ifstream in(file, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(bytes.find("Expand"), std::string::npos);  // the token mask of the unused tokens port
  fs::remove(file);
}

TEST(OnnxExport, AnOpsetOtherThan17IsRefusedWithTheReason) {
  auto compiled = compileGraph(withoutUnusedInputs(coverageGraphs()[0].graph));
  ASSERT_TRUE(compiled.ok());
  onnx_export::ModelExportOptions o;
  o.opset = 13;
  auto r = onnx_export::exportModel(*compiled.model, scratchFile("opset"), o);
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.error.find("opset 13"), std::string::npos) << r.error;
  EXPECT_FALSE(fs::exists(scratchFile("opset")));
}

TEST(OnnxExport, ATorchScriptEncoderIsRefusedNamingTheNodeAndWhy) {
  const std::string file = std::string(FUSEBENCH_SOURCE_DIR) + "/tests/reference/golden/torchscript/rgb_pooled.pt";
  auto graph = testing::GraphBuilder()
                   .node("img", "input.image", R"({"channels": 3, "height": 16, "width": 16})")
                   .node("backbone", "image.torchscript", R"({"file": ")" + file + R"("})")
                   .node("head", "head.classification", R"({"num_classes": 2})")
                   .edge("img.out", "backbone.in")
                   .edge("backbone.features", "head.in")
                   .build();
  auto r = exportUnchecked(graph, scratchFile("torchscript"));
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.error.find("node 'backbone' (image.torchscript)"), std::string::npos) << r.error;
  EXPECT_NE(r.error.find("torch.onnx.export"), std::string::npos) << r.error;
  EXPECT_FALSE(fs::exists(scratchFile("torchscript")));
}

TEST(OnnxExport, ADifferentModelIsCaughtByTheCheck) {
  // The check must be able to fail: export one model, then check it against another with the same graph.
  auto a = compileGraph(withoutUnusedInputs(coverageGraphs()[0].graph));
  auto b = compileGraph(withoutUnusedInputs(coverageGraphs()[0].graph));
  ASSERT_TRUE(a.ok() && b.ok());
  perturb(*a.model, 1);
  perturb(*b.model, 2);
  onnx_export::ModelExportOptions o;
  o.verify_samples = 0;
  const auto file = scratchFile("swapped");
  ASSERT_TRUE(onnx_export::exportModel(*a.model, file, o).ok);
  std::string why;
  auto where = onnx_export::findOnnxRuntime(why);
  ASSERT_TRUE(where) << why;
  auto inputs = exampleInputs(*b.model, 3, 0);
  for (const auto& f : {"image", "tabular"}) inputs[std::string(f) + ".present"] = torch::ones({3}, torch::kBool);
  std::string error;
  auto out = onnx_export::runOnnxRuntime(*where, file, {onnx_export::NamedTensors(inputs.begin(), inputs.end())}, error);
  ASSERT_TRUE(out) << error;
  b.model->eval();
  torch::NoGradGuard noGrad;
  auto p = torch::softmax(b.model->forward(inputs).prediction, 1);
  EXPECT_GT((out->at(0).at("probabilities") - p).abs().max().item<double>(), 1e-3);
  fs::remove(file);
}

TEST(OnnxExport, RuntimeErrorsComeBackAsMessages) {
  std::string why;
  auto where = onnx_export::findOnnxRuntime(why);
  ASSERT_TRUE(where) << why;
  const auto file = scratchFile("not_a_model");
  std::ofstream(file) << "not an onnx file";
  std::string error;
  auto out = onnx_export::runOnnxRuntime(*where, file, {{{"x", torch::zeros({1})}}}, error);
  EXPECT_FALSE(out);
  EXPECT_NE(error.find("ONNX Runtime"), std::string::npos) << error;
  fs::remove(file);
}

// Where ONNX Runtime is missing, OpenCV's DNN (in its own process) checks the export; what it cannot run or a crash
// leaves the file unchecked, saying so. FUSEBENCH_CHECK_RUNTIME=opencv sets ONNX Runtime aside for these tests.
class OpenCvCheck : public ::testing::Test {
 protected:
  void SetUp() override { setenv("FUSEBENCH_CHECK_RUNTIME", "opencv", 1); }
  void TearDown() override {
    unsetenv("FUSEBENCH_CHECK_RUNTIME");
    unsetenv("FUSEBENCH_OPENCV_CHECKER");
  }
  static onnx_export::OnnxExportOutcome exportChecked(const GraphSpec& graph, const std::string& name) {
    auto compiled = compileGraph(graph);
    EXPECT_TRUE(compiled.ok());
    onnx_export::ModelExportOptions o;
    o.verify_samples = 5;
    auto r = onnx_export::exportModel(*compiled.model, scratchFile(name), o);
    fs::remove(scratchFile(name));
    return r;
  }
  static GraphSpec imageModel() {
    return testing::GraphBuilder()
        .node("img", "input.image", R"({"channels": 1, "height": 16, "width": 16})")
        .node("cnn", "image.small_cnn", R"({"depth": 2, "width": 4})")
        .node("mlp", "block.mlp", R"({"hidden": [8]})")
        .node("head", "head.classification", R"({"num_classes": 3})")
        .edge("img.out", "cnn.in")
        .edge("cnn.features", "mlp.in")
        .edge("mlp.out", "head.in")
        .build();
  }
};

TEST_F(OpenCvCheck, ChecksAnImageModelAndSaysItRanAVariant) {
  std::string why;
  ASSERT_TRUE(onnx_export::findOpenCvChecker(why)) << why;
  auto r = exportChecked(imageModel(), "opencv_image");
  ASSERT_TRUE(r.ok) << r.error;
  ASSERT_TRUE(r.verification.ran) << r.verification.not_run;
  EXPECT_NE(r.verification.runtime.find("OpenCV 4."), std::string::npos) << r.verification.runtime;
  EXPECT_NE(r.verification.runtime.find("float inputs"), std::string::npos) << r.verification.runtime;
  EXPECT_LT(r.verification.max_difference, 1e-4);
  EXPECT_GT(r.verification.missing_cases, 0);
}

TEST_F(OpenCvCheck, NamesTheOperatorItCannotRunAndLeavesTheFileUnchecked) {
  auto graph = testing::GraphBuilder()
                   .node("txt", "input.text", R"({"max_length": 6, "vocab_size": 30})")
                   .node("bag", "text.bag_of_embeddings", R"({"dim": 4})")
                   .node("head", "head.classification", R"({"num_classes": 2})")
                   .edge("txt.out", "bag.in")
                   .edge("bag.features", "head.in")
                   .build();
  auto r = exportChecked(graph, "opencv_text");
  EXPECT_TRUE(r.ok) << "OpenCV's limits are not the export's: " << r.error;
  EXPECT_FALSE(r.verification.ran);
  EXPECT_NE(r.verification.not_run.find("could not run the ONNX operator Gather (at bag/"), std::string::npos)
      << r.verification.not_run;
  EXPECT_NE(r.verification.not_run.find("The file is not checked"), std::string::npos);
}

TEST_F(OpenCvCheck, ACrashOfTheCheckerIsAMessageNotTheEndOfTheProcess) {
  const auto fake = fs::temp_directory_path() / ("fusebench_crashing_checker_" + std::to_string(getpid()));
  std::ofstream(fake) << "#!/bin/sh\n[ \"$1\" = --version ] && echo 4.6.0 && exit 0\nkill -SEGV $$\n";
  fs::permissions(fake, fs::perms::owner_all);
  setenv("FUSEBENCH_OPENCV_CHECKER", fake.c_str(), 1);
  auto r = exportChecked(imageModel(), "opencv_crash");
  EXPECT_TRUE(r.ok) << r.error;
  EXPECT_FALSE(r.verification.ran);
  EXPECT_NE(r.verification.not_run.find("crashed (signal 11)"), std::string::npos) << r.verification.not_run;
  fs::remove(fake);
}

TEST(Npy, RoundTripsEveryTypeItWrites) {
  const auto dir = fs::temp_directory_path() / "fusebench-test-npy";
  fs::create_directories(dir);
  for (const auto& t : {torch::randn({2, 3, 4}), torch::arange(7, torch::kLong), torch::tensor({true, false, true}),
                        torch::arange(6, torch::kInt).view({3, 2}), torch::scalar_tensor(2.5)}) {
    std::string error;
    const auto file = (dir / "t.npy").string();
    ASSERT_TRUE(onnx_export::writeNpy(file, t, error)) << error;
    auto back = onnx_export::readNpy(file, error);
    ASSERT_TRUE(back) << error;
    EXPECT_EQ(back->sizes(), t.sizes());
    EXPECT_EQ(back->scalar_type(), t.scalar_type());
    EXPECT_TRUE(torch::equal(*back, t));
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace fusebench
