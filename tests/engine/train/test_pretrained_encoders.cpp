// TorchScript encoders in training and in bundles, and per-node learning-rate multipliers: a frozen script stays
// bit-identical to its file while the rest learns; the bundle carries its own copy with its SHA-256, works after the
// original is deleted and refuses a changed copy; a multiplier sets its parameter group's rate and reaches the
// update (0 leaves the node untouched, weight decay included).
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "fixtures.h"
#include "graph/graph_json.h"
#include "node_state.h"
#include "tiny_project.h"
#include "train/bundle.h"
#include "train/bundle_writer.h"
#include "train/encoder_init.h"
#include "train/optimizer.h"
#include "train/trainer.h"
#include "util/sha256.h"

namespace fusebench::train {
namespace {

namespace fs = std::filesystem;
using namespace fusebench::testing;

const fs::path kScript = fs::path(FUSEBENCH_SOURCE_DIR) / "tests/reference/golden/torchscript/gray_feature_map.pt";

using namespace fusebench::train::testing;
using State = NodeState;

class PretrainedEncoders : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { dataset_ = writeCleanDataset("pretrained_" + std::to_string(getpid()), 8); }
  static void TearDownTestSuite() { fs::remove_all(dataset_); }

  // The tiny project with its image encoder replaced by the TorchScript file, copied into a project folder and
  // named relative to it (as a user's project would).
  static ProjectFile scriptProject(const fs::path& projectDir) {
    fs::copy_file(kScript, projectDir / "backbone.pt", fs::copy_options::overwrite_existing);
    auto p = tinyProject(dataset_);
    auto& ie = nodeOf(p, "ie");
    ie.type = "image.torchscript";
    ie.params = ParamMap::parse(R"({"file": "backbone.pt"})");
    p.graph.base_dir = projectDir.string();
    return p;
  }
  static fs::path dataset_;
};
fs::path PretrainedEncoders::dataset_;

TEST_F(PretrainedEncoders, AFrozenScriptStaysItsFileWhileTheRestLearnsAndTheBundleStandsAlone) {
  const auto projectDir = freshDir("pretrained_project_" + std::to_string(getpid()));
  auto project = scriptProject(projectDir);
  nodeOf(project, "ie").freeze_epochs = -1;
  const auto untrained = compileGraph(project.graph, builtinRegistry(), nullptr);
  ASSERT_TRUE(untrained.ok()) << untrained.shapes.errors.at(0).format();
  const State fromFile = stateOf(untrained.model->node("ie"));

  const auto run = freshDir("pretrained_run_" + std::to_string(getpid()));
  auto c = quick(2);
  c.weight_decay = 0.05;
  auto r = trainProject(project, (projectDir / "tiny.fbproj").string(), c, run.string());
  ASSERT_TRUE(r.ok) << r.error;
  fs::remove(projectDir / "backbone.pt");  // the bundle must not need the original any more

  std::string error;
  auto bundle = openBundle(run.string(), error);
  ASSERT_TRUE(bundle) << error;
  EXPECT_TRUE(sameState(stateOf(bundle->model->node("ie")), fromFile)) << "weights and batch-norm statistics";
  EXPECT_FALSE(sameState(stateOf(bundle->model->node("head")), stateOf(untrained.model->node("head"))));
  EXPECT_EQ(bundle->graph.find("ie")->params["file"], "encoders/ie.pt");

  // bundle.json records where the file came from and its SHA-256 (that of the original: a byte-exact copy).
  std::ifstream in(run / "model" / "bundle.json");
  const auto j = nlohmann::json::parse(in);
  ASSERT_EQ(j.at("files").size(), 1u);
  std::string digest;
  ASSERT_TRUE(sha256File(kScript.string(), digest, error)) << error;
  EXPECT_EQ(j["files"][0].at("sha256"), digest);
  EXPECT_EQ(j["files"][0].at("source"), (projectDir / "backbone.pt").string());

  EvalRequest eval;
  eval.bundle = run.string();
  eval.split = "all";
  EXPECT_TRUE(evaluateBundle(eval).ok);

  std::ofstream(run / "model" / "encoders" / "ie.pt", std::ios::app) << "x";  // a changed copy runs other code
  EXPECT_FALSE(openBundle(run.string(), error));
  EXPECT_NE(error.find("has changed since the bundle was written"), std::string::npos) << error;
  EXPECT_NE(error.find("node 'ie'"), std::string::npos) << error;
  fs::remove_all(run);
  fs::remove_all(projectDir);
}

TEST_F(PretrainedEncoders, ALearningRateMultiplierSetsItsNodesParameterGroup) {
  auto p = tinyProject(dataset_);
  nodeOf(p, "ie").lr_multiplier = 0.1;
  nodeOf(p, "te").lr_multiplier = 0.1;
  nodeOf(p, "tm").lr_multiplier = 2;
  auto compiled = compileGraph(p.graph);
  ASSERT_TRUE(compiled.ok());
  auto groups = parameterGroups(*compiled.model);
  ASSERT_EQ(groups.size(), 3u);
  EXPECT_EQ(groups[1].lr_multiplier, 0.1);
  EXPECT_EQ(groups[2].lr_multiplier, 2.0);
  auto count = [&](const std::string& node) { return compiled.model->node(node)->parameters().size(); };
  EXPECT_EQ(groups[0].params.size(), count("head"));
  EXPECT_EQ(groups[1].params.size(), count("ie") + count("te"));
  EXPECT_EQ(groups[2].params.size(), count("tm"));
  auto c = quick(1);
  c.lr = 0.02;
  TrainingOptimizer optimizer(c, groups);
  EXPECT_EQ(optimizer.groupLearningRates(), (std::vector<double>{0.02, 0.002, 0.04}));
  optimizer.setLearningRate(0.5);  // a schedule's step keeps the ratios
  EXPECT_EQ(optimizer.groupLearningRates(), (std::vector<double>{0.5, 0.05, 1.0}));

  p.graph.nodes.clear();  // without multipliers: one group, as before
  auto plain = compileGraph(tinyProject(dataset_).graph);
  EXPECT_EQ(parameterGroups(*plain.model).size(), 1u);
}

TEST_F(PretrainedEncoders, AMultiplierOfZeroLeavesTheNodeUntouchedByTheUpdate) {
  auto p = tinyProject(dataset_);
  nodeOf(p, "te").lr_multiplier = 0;
  auto compiled = compileGraph(p.graph);
  ASSERT_TRUE(compiled.ok());
  auto model = compiled.model;
  const State te = stateOf(model->node("te")), ie = stateOf(model->node("ie"));
  auto c = quick(1);
  c.weight_decay = 0.05;  // AdamW's decay is scaled by the rate too
  TrainingOptimizer optimizer(c, parameterGroups(*model));
  model->train();
  for (int step = 0; step < 3; ++step) {
    optimizer.zeroGrad();
    model->forward(exampleInputs(*model, 4, step)).prediction.square().mean().backward();
    optimizer.step();
  }
  EXPECT_TRUE(sameState(stateOf(model->node("te")), te));
  EXPECT_FALSE(sameState(stateOf(model->node("ie")), ie));
}

}  // namespace
}  // namespace fusebench::train
