// Encoders that start from another run's weights (init_from) and stay fixed (freeze): frozen parameters and
// batch-norm statistics are bit-identical to the source after training while the rest learns; unfrozen after an
// epoch they move; every mistake (a missing model, node, another type, another shape) named; the JSON keys
// round-trip and only encoders take them.
#include <gtest/gtest.h>
#include <unistd.h>

#include "fixtures.h"
#include "graph/graph_json.h"
#include "graph/validate.h"
#include "node_state.h"
#include "tiny_project.h"
#include "train/bundle_writer.h"
#include "train/trainer.h"

namespace fusebench::train {
namespace {

namespace fs = std::filesystem;
using namespace fusebench::testing;

using namespace fusebench::train::testing;

// Every parameter and buffer of a node in a finished run's bundle.
NodeState stateOf(const fs::path& run, const std::string& node) {
  std::string error;
  auto b = openBundle(run.string(), error);
  EXPECT_TRUE(b) << error;
  return b ? testing::stateOf(b->model->node(node)) : NodeState{};
}

class EncoderInit : public ::testing::Test {
 protected:
  // ctest runs each test in its own process, two at a time: each process trains its own source run.
  static void SetUpTestSuite() {
    const std::string pid = std::to_string(getpid());
    dataset_ = writeCleanDataset("encoder_init_" + pid, 8);
    source_ = freshDir("encoder_init_source_" + pid);
    auto r = trainProject(tinyProject(dataset_), "", quick(3), source_.string());
    ASSERT_TRUE(r.ok) << r.error;
  }
  static void TearDownTestSuite() {
    fs::remove_all(dataset_);
    fs::remove_all(source_);
  }
  static ProjectFile from(const std::string& node, int64_t freeze) {
    auto p = tinyProject(dataset_);
    nodeOf(p, "ie").init_model = source_.string();
    nodeOf(p, "ie").init_node = node;
    nodeOf(p, "ie").freeze_epochs = freeze;
    return p;
  }
  static fs::path dataset_, source_;
};
fs::path EncoderInit::dataset_, EncoderInit::source_;

TEST_F(EncoderInit, AFrozenPretrainedEncoderStaysBitIdenticalWhileTheRestLearns) {
  const auto dir = freshDir("encoder_init_frozen");
  auto c = quick(2);
  c.weight_decay = 0.05;  // decay must not reach frozen parameters either
  auto r = trainProject(from("ie", -1), "", c, dir.string());
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_TRUE(sameState(stateOf(dir, "ie"), stateOf(source_, "ie")));  // weights and running statistics
  EXPECT_FALSE(sameState(stateOf(dir, "te"), stateOf(source_, "te")));
  EXPECT_FALSE(sameState(stateOf(dir, "head"), stateOf(source_, "head")));
}

TEST_F(EncoderInit, UnfrozenAfterTheFirstEpochItLearnsFromThere) {
  const auto dir = freshDir("encoder_init_unfreeze");
  auto c = quick(2);
  c.val_fraction = 0;  // no validation: every epoch is the best, so the bundle holds the last epoch's weights
  auto r = trainProject(from("ie", 1), "", c, dir.string());
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_FALSE(sameState(stateOf(dir, "ie"), stateOf(source_, "ie")));
}

// Stopped after the first epoch and resumed once the source model is gone: the checkpoint holds the weights and
// the run folder's graph the freeze, so the encoder is still the source's, bit for bit.
TEST_F(EncoderInit, AResumedRunKeepsTheFreezeAndNeedsNoSourceAnyMore) {
  const auto moved = freshDir("encoder_init_moved_source");
  fs::copy(source_, moved, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
  auto p = from("ie", -1);
  nodeOf(p, "ie").init_model = moved.string();
  struct StopAfterFirstEpoch : TrainListener {
    TrainControl* control = nullptr;
    void onEpoch(const EpochEvent&) override { control->stop = true; }
  } listener;
  TrainControl control;
  listener.control = &control;
  const auto dir = freshDir("encoder_init_resumed");
  auto stopped = trainProject(p, "", quick(3), dir.string(), &listener, &control);
  ASSERT_TRUE(stopped.ok) << stopped.error;
  ASSERT_TRUE(stopped.stopped);
  const auto sourceState = stateOf(moved, "ie");
  fs::remove_all(moved);
  auto resumed = resumeRun(dir.string());
  ASSERT_TRUE(resumed.ok) << resumed.error;
  EXPECT_FALSE(resumed.stopped);
  EXPECT_TRUE(sameState(stateOf(dir, "ie"), sourceState));
}

TEST_F(EncoderInit, MistakesNameTheNodeTheSourceAndWhatDiffers) {
  auto expectError = [](ProjectFile p, const std::string& part) {
    auto r = trainProject(p, "", quick(1), freshDir("encoder_init_error").string());
    EXPECT_FALSE(r.ok);
    EXPECT_NE(r.error.find(part), std::string::npos) << r.error;
  };
  expectError(from("nope", 0), "node 'ie': init_from '" + source_.string() + "' has no node 'nope' (its encoders: ie, te, tm)");
  expectError(from("te", 0), "node 'te' is a text.bag_of_embeddings, not a image.small_cnn");
  auto wider = from("ie", 0);
  nodeOf(wider, "ie").params = ParamMap::parse(R"({"depth": 1, "width": 8})");
  expectError(wider, "has shape [4, 1, 3, 3] there, [8, 1, 3, 3] here");
  auto missing = from("ie", 0);
  nodeOf(missing, "ie").init_model = "/nonexistent/run";
  expectError(missing, "node 'ie': init_from '/nonexistent/run': ");
}

TEST(EncoderInitJson, KeysRoundTripAndOnlyEncodersTakeThem) {
  auto p = tinyProject("/tmp");
  nodeOf(p, "ie").init_model = "runs/pretrain";
  nodeOf(p, "ie").init_node = "cnn";
  nodeOf(p, "ie").freeze_epochs = 2;
  nodeOf(p, "te").freeze_epochs = -1;
  nodeOf(p, "te").lr_multiplier = 0.25;
  const std::string text = graphToText(p.graph);
  EXPECT_NE(text.find(R"("lr_multiplier": 0.25)"), std::string::npos) << text;
  EXPECT_EQ(text.find("lr_multiplier", text.find(R"("id": "tm")")), std::string::npos) << "1 is not written";
  EXPECT_NE(text.find(R"("init_from": {)"), std::string::npos) << text;
  EXPECT_NE(text.find(R"("freeze": true)"), std::string::npos) << text;
  EXPECT_NE(text.find(R"("freeze": 2)"), std::string::npos) << text;
  auto back = graphFromJson(nlohmann::ordered_json::parse(text));
  ASSERT_TRUE(back.graph);
  EXPECT_TRUE(*back.graph == p.graph);
  EXPECT_TRUE(validateGraph(p.graph).ok());

  nodeOf(p, "fuse").freeze_epochs = -1;
  auto report = validateGraph(p.graph);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.errors.at(0).node, "fuse");
  EXPECT_NE(report.errors.at(0).message.find("only encoder nodes"), std::string::npos);
  auto bad = graphFromJson(nlohmann::ordered_json::parse(
      R"({"schema_version": 1, "nodes": [{"id": "a", "type": "image.small_cnn", "freeze": -3, "init_from": "x"}], "edges": []})"));
  ASSERT_FALSE(bad.graph);
  ASSERT_EQ(bad.errors.size(), 2u);
  EXPECT_NE(bad.errors[0].message.find("init_from"), std::string::npos) << bad.errors[0].message;
  auto badRate = graphFromJson(nlohmann::ordered_json::parse(
      R"({"schema_version": 1, "nodes": [{"id": "a", "type": "image.small_cnn", "lr_multiplier": -1}], "edges": []})"));
  ASSERT_FALSE(badRate.graph);
  EXPECT_NE(badRate.errors[0].message.find("lr_multiplier: expected a number from 0 to 100"), std::string::npos)
      << badRate.errors[0].message;
}

}  // namespace
}  // namespace fusebench::train
