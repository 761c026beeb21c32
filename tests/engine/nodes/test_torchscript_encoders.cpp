// The *.torchscript encoders against PyTorch running the same files (tests/reference/make_torchscript_encoders.py
// wrote the files and PyTorch's outputs; this test never needs Python); every wrong file or setting named with the
// node and what was found; the file's parameters are the node's own (train, freeze, save and load).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <unistd.h>

#include "golden_json.h"
#include "graph_builder.h"
#include "model/fusion_model.h"
#include "nodes/node_module.h"

namespace fusebench {
namespace {

using Json = nlohmann::json;
namespace fs = std::filesystem;

const fs::path kDir = fs::path(FUSEBENCH_SOURCE_DIR) / "tests" / "reference" / "golden" / "torchscript";

using testing::tensorFromJson;

Json golden(const std::string& name) {
  std::ifstream in(kDir / (name + ".json"));
  return Json::parse(in);
}

void expectClose(const torch::Tensor& actual, const torch::Tensor& expected, const std::string& what) {
  ASSERT_TRUE(actual.defined()) << what;
  ASSERT_EQ(actual.sizes(), expected.sizes()) << what;
  const double worst = (actual - expected).abs().max().item<double>();
  EXPECT_LT(worst, 1e-5) << what << ": max abs difference from PyTorch";
}

// One node "x" of `type` with `params` on an input of `in`, inferred and built as the compiler would.
struct BuiltNode {
  Diagnostics errors;
  std::map<std::string, PortShape> outputs;
  std::shared_ptr<nodes::NodeModuleImpl> module;
};

BuiltNode buildNode(const std::string& type, const Json& params, const PortShape& in, const std::string& base_dir = "") {
  BuiltNode b;
  const NodeTypeInfo* info = builtinRegistry().find(type);
  NodeSpec node;
  node.id = "x";
  node.type = type;
  node.params = ParamMap::parse(params.dump());
  Params p(info->params, node.params);
  InferContext ctx(node, p, &b.errors);
  ctx.base_dir = base_dir;
  ctx.inputs["in"] = in;
  b.outputs = info->infer(ctx);
  if (!b.errors.empty()) return b;
  BuildContext build{node, p, ctx.inputs, b.outputs, base_dir};
  b.module = info->factory(build);
  b.module->eval();
  return b;
}

std::string file(const std::string& name) { return (kDir / (name + ".pt")).string(); }

PortShape imageShape(const torch::Tensor& x) { return PortShape{PortKind::Image, x.sizes().slice(1).vec(), {}}; }

nodes::PortValues imageInputs(const torch::Tensor& x) {
  return {{"in", nodes::PortValue{x, torch::ones({x.size(0)}, torch::kBool), {}, {}}}};
}

// An image script's output is kept whole as the feature map (4-D) or equals the features (2-D); the tokens and
// pooled features follow from it.
void expectImageCase(const std::string& name, const std::string& output) {
  SCOPED_TRACE(name + " output '" + output + "'");
  const Json g = golden(name);
  const auto x = tensorFromJson(g.at("inputs")[0]);
  const auto expected = tensorFromJson(g.at("outputs").at(output.empty() ? "" : output));
  auto b = buildNode("image.torchscript", {{"file", file(name)}, {"output", output}}, imageShape(x));
  ASSERT_TRUE(b.errors.empty()) << b.errors[0].format();
  torch::NoGradGuard noGrad;
  auto out = b.module->forward(imageInputs(x));
  if (expected.dim() == 4) {
    expectClose(b.module->internals().at("feature_map"), expected, "feature map");
    expectClose(out.at("features").value, expected.mean({2, 3}), "pooled features");
    expectClose(out.at("tokens").value, expected.flatten(2).transpose(1, 2), "tokens");
  } else {
    expectClose(out.at("features").value, expected, "features");
  }
  std::vector<int64_t> dims(out.at("features").value.sizes().begin() + 1, out.at("features").value.sizes().end());
  EXPECT_EQ(dims, b.outputs.at("features").dims) << "the dry run's shape is the runtime shape";
}

TEST(TorchScriptEncoder, ImageScriptsRunExactlyAsInPyTorch) {
  expectImageCase("gray_feature_map", "");
  expectImageCase("gray_feature_map_traced", "");
  expectImageCase("rgb_pooled", "");
  expectImageCase("tuple_output", "0");
  expectImageCase("tuple_output", "1");
  expectImageCase("dict_output", "pooled");
  expectImageCase("dict_output", "feature_map");
}

TEST(TorchScriptEncoder, ImageNetNormalizationIsAppliedBeforeTheScript) {
  const Json g = golden("rgb_pooled");
  const auto x = tensorFromJson(g.at("inputs")[0]);
  auto plain = buildNode("image.torchscript", {{"file", file("rgb_pooled")}}, imageShape(x));
  auto normalized = buildNode("image.torchscript", {{"file", file("rgb_pooled")}, {"normalization", "imagenet"}}, imageShape(x));
  ASSERT_TRUE(plain.errors.empty() && normalized.errors.empty());
  const auto mean = torch::tensor({0.485f, 0.456f, 0.406f}).view({1, 3, 1, 1});
  const auto std = torch::tensor({0.229f, 0.224f, 0.225f}).view({1, 3, 1, 1});
  torch::NoGradGuard noGrad;
  expectClose(normalized.module->forward(imageInputs(x)).at("features").value,
              plain.module->forward(imageInputs((x - mean) / std)).at("features").value, "imagenet normalization");
}

TEST(TorchScriptEncoder, TextScriptsGetIdsAndMaskAsInPyTorch) {
  const Json g = golden("text_tokens");
  const auto ids = tensorFromJson(g.at("inputs")[0]), mask = tensorFromJson(g.at("inputs")[1]);
  const auto expected = tensorFromJson(g.at("outputs").at(""));
  PortShape in{PortKind::Text, {ids.size(1)}, {60}};
  auto b = buildNode("text.torchscript", {{"file", file("text_tokens")}, {"pass_mask", true}}, in);
  ASSERT_TRUE(b.errors.empty()) << b.errors[0].format();
  torch::NoGradGuard noGrad;
  auto out = b.module->forward({{"in", nodes::PortValue{ids, torch::ones({3}, torch::kBool), mask, {}}}});
  expectClose(out.at("tokens").value, expected, "tokens");
  EXPECT_TRUE(torch::equal(out.at("tokens").mask, mask)) << "a sequence of the input's length keeps its mask";
  expectClose(out.at("features").value, nodes::maskedMean(expected, mask), "features: mean over real tokens");

  const Json p = golden("text_pooled");
  auto pooled = buildNode("text.torchscript", {{"file", file("text_pooled")}}, in);
  ASSERT_TRUE(pooled.errors.empty()) << pooled.errors[0].format();
  const auto pids = tensorFromJson(p.at("inputs")[0]);
  expectClose(pooled.module->forward({{"in", nodes::PortValue{pids, torch::ones({3}, torch::kBool), pids != 0, {}}}})
                  .at("features").value,
              tensorFromJson(p.at("outputs").at("")), "pooled text features");
}

TEST(TorchScriptEncoder, AudioScriptsGetTheSpectrogramInTheirLayout) {
  const Json g = golden("spectrogram_pooled");
  const auto x = tensorFromJson(g.at("inputs")[0]);  // [B, 1, M, T] as the script takes it
  PortShape in{PortKind::Spectrogram, {x.size(2), x.size(3)}, {}};
  auto b = buildNode("audio.torchscript", {{"file", file("spectrogram_pooled")}}, in);
  ASSERT_TRUE(b.errors.empty()) << b.errors[0].format();
  torch::NoGradGuard noGrad;
  auto out = b.module->forward({{"in", nodes::PortValue{x.squeeze(1), torch::ones({3}, torch::kBool), {}, {}}}});
  expectClose(out.at("features").value, tensorFromJson(g.at("outputs").at("")), "features");
  auto wrongLayout = buildNode("audio.torchscript", {{"file", file("spectrogram_pooled")}, {"layout", "channels"}}, in);
  ASSERT_FALSE(wrongLayout.errors.empty()) << "a [B, M, T] spectrogram into a Conv2d(1, ...) must fail the dry run";
  EXPECT_NE(wrongLayout.errors[0].format().find("fails on a batch of [2, 16, 40]"), std::string::npos)
      << wrongLayout.errors[0].format();
}

// The first error for node x with these settings; every message names the node.
std::string errorFor(const Json& params, const PortShape& in, const std::string& base_dir = "") {
  auto b = buildNode("image.torchscript", params, in, base_dir);
  if (b.errors.empty()) return "(no error)";
  const std::string text = b.errors[0].format();
  EXPECT_NE(text.find("x"), std::string::npos) << text;
  EXPECT_EQ(b.errors[0].node, "x");
  return text;
}

TEST(TorchScriptEncoder, WrongFilesAndSettingsAreNamed) {
  const PortShape gray{PortKind::Image, {1, 12, 12}, {}}, rgb{PortKind::Image, {3, 12, 12}, {}};
  const auto scratch = fs::temp_directory_path() / ("fusebench_ts_" + std::to_string(::getpid()));
  fs::create_directories(scratch);
  std::ofstream(scratch / "garbage.pt") << "not a zip archive at all";

  auto expectIn = [](const std::string& text, const std::string& part) {
    EXPECT_NE(text.find(part), std::string::npos) << "expected '" << part << "' in: " << text;
  };
  expectIn(errorFor({{"file", ""}}, gray), "choose a TorchScript file");
  expectIn(errorFor({{"file", (scratch / "missing.pt").string()}}, gray), "does not exist");
  expectIn(errorFor({{"file", (scratch / "garbage.pt").string()}}, gray), "is not a TorchScript file");
  expectIn(errorFor({{"file", file("state_dict")}}, gray), "not TorchScript (probably torch.save of a state dict");
  expectIn(errorFor({{"file", file("scalar_output")}}, gray), "is not usable: expected [B, D] features");
  expectIn(errorFor({{"file", file("dict_output")}}, gray), "keys feature_map, pooled");
  expectIn(errorFor({{"file", file("dict_output")}, {"output", "logits"}}, gray), "(it is 'logits')");
  expectIn(errorFor({{"file", file("tuple_output")}, {"output", "2"}}, gray), "tuple of 2, so it has no element 2");
  expectIn(errorFor({{"file", file("rgb_pooled")}, {"output", "0"}}, rgb), "single tensor: leave 'output' empty");
  expectIn(errorFor({{"file", file("rgb_pooled")}}, gray), "fails on a batch of [2, 1, 12, 12]");
  expectIn(errorFor({{"file", file("rgb_pooled")}, {"normalization", "imagenet"}}, gray), "set the image input's channels to 3");
  // A relative file is the project's: found from the graph's base folder, and only from there.
  EXPECT_EQ(errorFor({{"file", "rgb_pooled.pt"}}, rgb, kDir.string()), "(no error)");
  expectIn(errorFor({{"file", "rgb_pooled.pt"}}, rgb, scratch.string()), (scratch / "rgb_pooled.pt").string());
  fs::remove_all(scratch);
}

// The whole model: its parameters include the script's, they learn, and save/load restores them exactly.
GraphSpec scriptGraph() {
  return testing::GraphBuilder()
      .node("img", "input.image", R"({"field": "img", "channels": 1, "height": 28, "width": 28})")
      .node("x", "image.torchscript", Json{{"file", file("gray_feature_map")}}.dump())
      .node("head", "head.classification", R"({"num_classes": 3})")
      .edge("img.out", "x.in")
      .edge("x.features", "head.in")
      .build();
}

TEST(TorchScriptEncoder, TheScriptsParametersAreTheModelsToTrainAndSave) {
  auto compiled = compileGraph(scriptGraph());
  ASSERT_TRUE(compiled.ok()) << compiled.shapes.errors.at(0).format();
  auto model = compiled.model;
  std::set<std::string> names;
  for (const auto& p : model->node("x")->named_parameters()) names.insert(p.key());
  EXPECT_EQ(names, (std::set<std::string>{"conv1__weight", "bn1__weight", "bn1__bias", "conv2__weight", "conv2__bias"}));
  EXPECT_EQ(model->node("x")->named_buffers().size(), 3u);  // bn1's running mean, variance and batch count

  const auto x = torch::rand({4, 1, 28, 28});
  const TensorMap in{{"img", x}, {"img.present", torch::ones({4}, torch::kBool)}};
  model->train();
  torch::optim::SGD sgd(model->parameters(), 0.1);
  const auto before = model->node("x")->named_parameters()["conv1__weight"].clone();
  const auto statsBefore = model->node("x")->named_buffers()["bn1__running_mean"].clone();
  model->forward(in).prediction.square().sum().backward();
  sgd.step();
  EXPECT_FALSE(torch::equal(before, model->node("x")->named_parameters()["conv1__weight"])) << "the script's weights learn";
  EXPECT_FALSE(torch::equal(statsBefore, model->node("x")->named_buffers()["bn1__running_mean"]))
      << "train mode reaches the script's batch norm";

  model->eval();
  torch::NoGradGuard noGrad;
  const auto trained = model->forward(in).prediction;
  torch::serialize::OutputArchive out;
  model->save(out);
  std::stringstream bytes;
  out.save_to(bytes);
  auto fresh = compileGraph(scriptGraph()).model;
  torch::serialize::InputArchive archive;
  archive.load_from(bytes);
  fresh->load(archive);
  fresh->eval();
  EXPECT_TRUE(torch::equal(fresh->forward(in).prediction, trained)) << "loaded weights reach the script";
}

}  // namespace
}  // namespace fusebench
