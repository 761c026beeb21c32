// Every encoder block and fusion operator against golden outputs computed by PyTorch from identical
// weights and inputs (tests/reference/make_golden.py wrote them; this test never needs Python).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "golden_json.h"
#include "graph/node_registry.h"
#include "nodes/node_module.h"

namespace fusebench {
namespace {

using Json = nlohmann::json;
namespace fs = std::filesystem;

const fs::path kGoldenDir = fs::path(FUSEBENCH_SOURCE_DIR) / "tests" / "reference" / "golden" / "nodes";

using testing::tensorFromJson;

std::vector<fs::path> goldenFiles() {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(kGoldenDir))
    if (e.path().extension() == ".json") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  return files;
}

void expectClose(const torch::Tensor& actual, const torch::Tensor& expected, const std::string& what) {
  ASSERT_TRUE(actual.defined()) << what << " missing";
  ASSERT_EQ(actual.sizes(), expected.sizes()) << what;
  const auto diff = (actual.to(torch::kFloat) - expected.to(torch::kFloat)).abs();
  const auto tol = 1e-5 + 1e-4 * expected.to(torch::kFloat).abs();
  const auto worst = diff.max().item<double>();
  EXPECT_TRUE((diff <= tol).all().item<bool>()) << what << ": max abs difference " << worst;
}

class ReferenceTest : public ::testing::TestWithParam<fs::path> {};

TEST_P(ReferenceTest, MatchesPyTorch) {
  std::ifstream in(GetParam());
  const Json golden = Json::parse(in);
  const std::string type = golden.at("type");
  const NodeTypeInfo* info = builtinRegistry().find(type);
  ASSERT_NE(info, nullptr) << type;

  NodeSpec node;
  node.id = "node";
  node.type = type;
  node.params = ParamMap::parse(golden.at("params").dump());
  Diagnostics errors;
  Params params(info->params, node.params);
  InferContext ctx(node, params, &errors);
  nodes::PortValues inputs;
  for (const auto& [port, j] : golden.at("inputs").items()) {
    PortShape s;
    ASSERT_TRUE(kindFromName(j.at("kind"), s.kind));
    s.dims = j.at("dims").get<std::vector<int64_t>>();
    s.cardinalities = j.at("cardinalities").get<std::vector<int64_t>>();
    ctx.inputs[port] = s;
    nodes::PortValue v;
    v.value = tensorFromJson(j.at("value"));
    v.present = tensorFromJson(j.at("present"));
    if (j.contains("mask")) v.mask = tensorFromJson(j.at("mask"));
    if (j.contains("aux")) v.aux = tensorFromJson(j.at("aux"));
    inputs[port] = v;
  }
  auto outShapes = info->infer(ctx);
  ASSERT_TRUE(errors.empty()) << errors[0].format();

  BuildContext build{node, params, ctx.inputs, outShapes, {}};
  auto module = info->factory(build);

  // Same parameter and buffer names as PyTorch's state_dict, no more, no fewer.
  torch::NoGradGuard noGrad;
  std::set<std::string> expectedNames, ourNames;
  for (const auto& [name, t] : golden.at("state").items()) expectedNames.insert(name);
  for (const auto& p : module->named_parameters()) ourNames.insert(p.key());
  for (const auto& b : module->named_buffers()) ourNames.insert(b.key());
  ASSERT_EQ(ourNames, expectedNames);
  for (auto& p : module->named_parameters()) p.value().copy_(tensorFromJson(golden["state"][p.key()]));
  for (auto& b : module->named_buffers()) b.value().copy_(tensorFromJson(golden["state"][b.key()]));

  module->eval();
  auto outputs = module->forward(inputs);
  for (const auto& [port, j] : golden.at("outputs").items()) {
    ASSERT_TRUE(outputs.count(port)) << "no output port " << port;
    const auto expected = tensorFromJson(j);
    expectClose(outputs[port].value, expected, type + " output " + port);
    // The inferred shape is the runtime shape (batch excluded).
    ASSERT_TRUE(outShapes.count(port));
    EXPECT_EQ(std::vector<int64_t>(expected.sizes().begin() + 1, expected.sizes().end()), outShapes[port].dims)
        << "inferred shape of " << port;
  }
  for (const auto& [name, j] : golden.at("internals").items()) {
    ASSERT_TRUE(module->internals().count(name)) << "no internal " << name;
    expectClose(module->internals().at(name), tensorFromJson(j), type + " internal " + name);
  }
}

INSTANTIATE_TEST_SUITE_P(Golden, ReferenceTest, ::testing::ValuesIn(goldenFiles()),
                         [](const ::testing::TestParamInfo<fs::path>& info) { return info.param.stem().string(); });

// Every encoder, fusion operator and head type has at least one golden case.
TEST(ReferenceCoverage, EveryEncoderFusionAndHeadTypeIsChecked) {
  std::set<std::string> covered;
  for (const auto& f : goldenFiles()) {
    std::ifstream in(f);
    covered.insert(Json::parse(in).at("type").get<std::string>());
  }
  for (const auto& t : builtinRegistry().all()) {
    // TorchScript encoders run a user's file: their reference is PyTorch running that file
    // (tests/engine/nodes/test_torchscript_encoders.cpp).
    if (t.type.find(".torchscript") != std::string::npos) continue;
    if (t.role == NodeRole::Encoder || t.role == NodeRole::Fusion) {
      EXPECT_TRUE(covered.count(t.type)) << t.type << " has no golden reference case";
    }
  }
  EXPECT_TRUE(covered.count("head.classification"));
}

}  // namespace
}  // namespace fusebench
