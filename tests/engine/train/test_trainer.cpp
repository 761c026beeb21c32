// The trainer end to end on a small real dataset: run folder, determinism, stop, NaN, bad configurations.
#include <gtest/gtest.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <thread>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

extern char** environ;

#include "fixtures.h"
#include "graph_builder.h"
#include "tiny_project.h"
#include "train/run_index.h"
#include "train/trainer.h"
#include "util/files.h"

namespace fusebench::train {
namespace {

namespace fs = std::filesystem;
using namespace fusebench::testing;

std::string readFile(const fs::path& p) {
  std::ifstream in(p);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

class CountingListener : public TrainListener {
 public:
  void onStep(const StepEvent& e) override {
    ++steps;
    last = e;
  }
  void onEpoch(const EpochEvent& e) override { epochs.push_back(e); }
  int steps = 0;
  StepEvent last;
  std::vector<EpochEvent> epochs;
};

TEST(Trainer, LearnsWritesARunFolderAndReportsProgress) {
  const auto dataset = writeCleanDataset("train_basic", 12);
  const auto run = freshDir("train_basic_run");
  CountingListener listener;
  auto r = trainProject(tinyProject(dataset), "", quick(6), run.string(), &listener);
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.epochs_run, 6);
  for (const char* f : {"config.json", "graph.json", "pipeline.json", "metrics_steps.csv", "metrics_epochs.csv",
                        "eval.json", "log.txt", "checkpoints/last.pt", "checkpoints/best.pt"})
    EXPECT_TRUE(fs::exists(run / f)) << f;
  EXPECT_EQ(listener.epochs.size(), 6u);
  EXPECT_EQ(listener.steps, r.steps);
  EXPECT_GT(listener.last.samples_per_s, 0);
  // Three separable classes (distinct images, words and sizes): well above chance (1/3).
  EXPECT_GT(r.test["accuracy"].get<double>(), 0.6) << r.test.dump();
  EXPECT_EQ(r.test["confusion"].size(), 4u);
  auto eval = nlohmann::json::parse(readFile(run / "eval.json"));
  EXPECT_EQ(eval["classes"][0], "cat");
  EXPECT_TRUE(eval["test"]["classes"][0].contains("roc"));
}

std::vector<std::string> stepLosses(const fs::path& csv) {
  std::vector<std::string> out;
  std::istringstream in(readFile(csv));
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::istringstream cells(line);
    std::string step, epoch, loss;
    std::getline(cells, step, ',');
    std::getline(cells, epoch, ',');
    std::getline(cells, loss, ',');
    out.push_back(loss);
  }
  return out;
}

TEST(Trainer, SameSeedSameLossSequenceBitForBit) {
  const auto dataset = writeCleanDataset("train_determinism", 8);
  const auto da = freshDir("det_a"), db = freshDir("det_b"), dc = freshDir("det_c");
  auto c = quick(2);
  c.augment = true;  // augmentation is seeded too
  auto a = trainProject(tinyProject(dataset), "", c, da.string());
  auto b = trainProject(tinyProject(dataset), "", c, db.string());
  c.seed = 6;
  auto other = trainProject(tinyProject(dataset), "", c, dc.string());
  ASSERT_TRUE(a.ok && b.ok && other.ok) << a.error << b.error << other.error;
  const auto la = stepLosses(da / "metrics_steps.csv");
  ASSERT_EQ(la.size(), static_cast<std::size_t>(a.steps));
  EXPECT_EQ(la, stepLosses(db / "metrics_steps.csv"));  // written with 17 significant digits: exact doubles
  EXPECT_NE(la, stepLosses(dc / "metrics_steps.csv"));
  EXPECT_EQ(a.test.dump(), b.test.dump());
}

// Stops the run when a given epoch has finished (at the first step of the next one).
class StopAfterEpoch : public TrainListener {
 public:
  StopAfterEpoch(TrainControl& c, int64_t epoch) : control_(c), epoch_(epoch) {}
  void onEpoch(const EpochEvent& e) override {
    if (e.epoch == epoch_) control_.stop = true;
  }

 private:
  TrainControl& control_;
  int64_t epoch_;
};

// Stops after a given number of optimizer steps (mid-epoch).
class StopAfterStep : public TrainListener {
 public:
  StopAfterStep(TrainControl& c, int64_t step) : control_(c), step_(step) {}
  void onStep(const StepEvent& e) override {
    if (e.step == step_) control_.stop = true;
  }

 private:
  TrainControl& control_;
  int64_t step_;
};

// Stops the run when the trainer logs a message starting with `prefix` (e.g. once the data is prepared).
class StopOnMessage : public TrainListener {
 public:
  StopOnMessage(TrainControl& c, std::string prefix) : control_(c), prefix_(std::move(prefix)) {}
  void onMessage(MessageLevel, const std::string& m) override {
    if (m.rfind(prefix_, 0) == 0) control_.stop = true;
  }

 private:
  TrainControl& control_;
  std::string prefix_;
};

// Where prepared samples come from (decoded each epoch, the memory cache, a cold or a warm disk cache)
// changes nothing: the same loss sequence bit for bit, and a run stopped mid-epoch and resumed on a warm
// disk cache equals the uncached run trained straight.
TEST(Trainer, EveryCacheModeGivesTheSameLossesAndResumes) {
  const auto dataset = writeCleanDataset("train_cache_modes", 6);
  auto c = quick(2);
  c.augment = true;
  auto run = [&](double cacheMb, bool disk, const std::string& name) {
    auto config = c;
    config.cache_mb = cacheMb;
    config.disk_cache = disk;
    const auto dir = freshDir(name);
    auto r = trainProject(tinyProject(dataset), "", config, dir.string());
    EXPECT_TRUE(r.ok) << name << ": " << r.error;
    return stepLosses(dir / "metrics_steps.csv");
  };
  const auto none = run(0, false, "modes_none");
  ASSERT_FALSE(none.empty());
  EXPECT_FALSE(std::filesystem::exists(dataset / ".fusebench-cache"));
  EXPECT_EQ(none, run(64, false, "modes_memory"));
  // A memory budget smaller than the set (a few KiB): what does not fit is prepared again, and the log says so.
  EXPECT_EQ(none, run(0.005, false, "modes_memory_too_small"));
  const std::string tooSmallLog = readFile(std::filesystem::temp_directory_path() / "fusebench_test_modes_memory_too_small" / "log.txt");
  EXPECT_NE(tooSmallLog.find("did not fit and are read and prepared again each epoch"), std::string::npos) << tooSmallLog;
  EXPECT_EQ(none, run(0, true, "modes_disk_cold"));
  EXPECT_TRUE(std::filesystem::exists(dataset / ".fusebench-cache"));
  EXPECT_EQ(none, run(0, true, "modes_disk_warm"));
  EXPECT_EQ(none, run(-1, true, "modes_auto"));
  auto config = c;
  config.cache_mb = 0;
  TrainControl control;
  StopAfterStep stopper(control, 3);
  const auto mid = freshDir("modes_resumed");
  auto first = trainProject(tinyProject(dataset), "", config, mid.string(), &stopper, &control);
  ASSERT_TRUE(first.stopped) << first.error;
  auto rest = resumeRun(mid.string());
  ASSERT_TRUE(rest.ok) << rest.error;
  EXPECT_EQ(none, stepLosses(mid / "metrics_steps.csv"));
}

TEST(Trainer, ResumeIsExactlyEquivalentToTrainingStraight) {
  const auto dataset = writeCleanDataset("train_resume", 8);
  auto c = quick(4);
  c.augment = true;
  c.schedule = "onecycle";
  auto p = tinyProject(dataset);
  p.graph.nodes[6].params["modality_dropout"] = 0.3;  // the global generator matters
  const auto straight = freshDir("resume_straight"), epochs = freshDir("resume_epochs"), mid = freshDir("resume_mid");
  auto a = trainProject(p, "", c, straight.string());
  ASSERT_TRUE(a.ok) << a.error;
  // Stopped after epoch 2, then resumed.
  TrainControl control;
  StopAfterEpoch stopper(control, 2);
  auto b1 = trainProject(p, "", c, epochs.string(), &stopper, &control);
  ASSERT_TRUE(b1.stopped) << b1.error;
  auto b2 = resumeRun(epochs.string());
  ASSERT_TRUE(b2.ok) << b2.error;
  EXPECT_EQ(stepLosses(straight / "metrics_steps.csv"), stepLosses(epochs / "metrics_steps.csv"));
  EXPECT_EQ(a.test.dump(), b2.test.dump());
  // Stopped in the middle of an epoch, then resumed.
  TrainControl control2;
  StopAfterStep midStopper(control2, 7);
  auto c1 = trainProject(p, "", c, mid.string(), &midStopper, &control2);
  ASSERT_TRUE(c1.stopped) << c1.error;
  auto c2 = resumeRun(mid.string());
  ASSERT_TRUE(c2.ok) << c2.error;
  EXPECT_EQ(stepLosses(straight / "metrics_steps.csv"), stepLosses(mid / "metrics_steps.csv"));
  EXPECT_EQ(a.test.dump(), c2.test.dump());
}

// A training process killed at arbitrary moments (often while writing a checkpoint) always leaves a
// loadable last checkpoint: a resumed run reads it and carries on.
TEST(Trainer, KilledWriterLeavesTheLastCheckpointLoadable) {
  const auto dataset = writeCleanDataset("train_kill", 4);
  const auto dir = freshDir("train_kill_run");
  auto project = tinyProject(dataset);
  project.other["training"] = {{"epochs", 100000}, {"batch_size", 12}, {"threads", 1}, {"loader_threads", 1}};
  std::string error;
  ASSERT_TRUE(saveProjectFile(project, (dir / "p.fbproj").string(), &error)) << error;
  for (int delayMs : {700, 1100, 1500}) {
    SCOPED_TRACE(delayMs);
    const std::string run = (dir / ("run" + std::to_string(delayMs))).string();
    std::vector<std::string> args = {FUSEBENCH_CLI, "train", (dir / "p.fbproj").string(), "--out", run};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t quiet;
    posix_spawn_file_actions_init(&quiet);
    posix_spawn_file_actions_addopen(&quiet, 2, "/dev/null", O_WRONLY, 0);
    pid_t pid;
    ASSERT_EQ(posix_spawn(&pid, FUSEBENCH_CLI, &quiet, nullptr, argv.data(), environ), 0);
    posix_spawn_file_actions_destroy(&quiet);
    // Wait until the first checkpoint exists, then let it run on and kill it without warning.
    for (int i = 0; i < 600 && !fs::exists(fs::path(run) / "checkpoints" / "last.pt"); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    std::this_thread::sleep_for(std::chrono::milliseconds(delayMs));
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status));
    TrainControl stopAtOnce;  // once the checkpoint is read: the run stops at its first step
    StopOnMessage stopper(stopAtOnce, "resuming at");
    auto r = resumeRun(run, &stopper, &stopAtOnce);
    EXPECT_TRUE(r.ok) << r.error;
    EXPECT_TRUE(r.stopped);
    EXPECT_GT(r.steps, 0);
  }
}

// A full disk while a checkpoint is written: the run ends with a message naming the file and the system's
// reason, the previous checkpoint stays, no temporary is left, and once there is room the run resumes.
TEST(Trainer, AFullDiskEndsTheRunCleanlyAndResumably) {
  const auto dataset = writeCleanDataset("train_full_disk", 4);
  const auto run = freshDir("train_full_disk_run");
  auto c = quick(3);
  TrainControl control;
  StopAfterEpoch stopper(control, 1);
  auto first = trainProject(tinyProject(dataset), "", c, run.string(), &stopper, &control);
  ASSERT_TRUE(first.stopped) << first.error;
  const std::string before = readFile(run / "checkpoints" / "last.pt");
  setWriteFaultForTesting(WriteFault{"last.pt", 1000, ENOSPC});
  auto full = resumeRun(run.string());
  setWriteFaultForTesting(std::nullopt);
  EXPECT_FALSE(full.ok);
  EXPECT_NE(full.error.find("checkpoints/last.pt': No space left on device"), std::string::npos) << full.error;
  EXPECT_EQ(full.error.find("Exception raised from"), std::string::npos) << full.error;
  EXPECT_EQ(readFile(run / "checkpoints" / "last.pt"), before);  // untouched
  for (const auto& f : fs::directory_iterator(run / "checkpoints"))
    EXPECT_NE(f.path().extension(), ".tmp") << f.path();
  auto resumed = resumeRun(run.string());
  ASSERT_TRUE(resumed.ok) << resumed.error;
  EXPECT_EQ(resumed.epochs_run, 3);
}

// A full disk at the very end, while the model bundle is written: the run fails naming the file, leaves no
// half bundle (no bundle.json without its weights) and, once there is room, resuming writes the bundle.
TEST(Trainer, AFullDiskWhileTheBundleIsWrittenIsResumable) {
  const auto dataset = writeCleanDataset("train_full_bundle", 4);
  const auto run = freshDir("train_full_bundle_run");
  setWriteFaultForTesting(WriteFault{"weights.pt", 100, ENOSPC});
  auto full = trainProject(tinyProject(dataset), "", quick(2), run.string());
  setWriteFaultForTesting(std::nullopt);
  EXPECT_FALSE(full.ok);
  EXPECT_NE(full.error.find("model/weights.pt': No space left on device"), std::string::npos) << full.error;
  EXPECT_FALSE(fs::exists(run / "model" / "bundle.json"));
  EXPECT_FALSE(fs::exists(run / "model" / "weights.pt.tmp"));
  auto resumed = resumeRun(run.string());
  ASSERT_TRUE(resumed.ok) << resumed.error;
  EXPECT_TRUE(fs::exists(run / "model" / "bundle.json"));
  EXPECT_TRUE(fs::exists(run / "model" / "weights.pt"));
}

// A last checkpoint damaged on disk: resuming says so and continues from the one before it.
TEST(Trainer, ADamagedLastCheckpointFallsBackToThePreviousOne) {
  const auto dataset = writeCleanDataset("train_bad_last", 4);
  const auto run = freshDir("train_bad_last_run");
  TrainControl control;
  StopAfterEpoch stopper(control, 2);
  auto first = trainProject(tinyProject(dataset), "", quick(3), run.string(), &stopper, &control);
  ASSERT_TRUE(first.stopped) << first.error;
  ASSERT_TRUE(fs::exists(run / "checkpoints" / "last.pt.previous"));
  writeText(run / "checkpoints" / "last.pt", "not a checkpoint any more");
  auto resumed = resumeRun(run.string());
  ASSERT_TRUE(resumed.ok) << resumed.error;
  const std::string log = readFile(run / "log.txt");
  EXPECT_NE(log.find("warning: cannot read checkpoint"), std::string::npos) << log;
  EXPECT_NE(log.find("resuming from the checkpoint before it (last.pt.previous)"), std::string::npos) << log;
  EXPECT_EQ(log.find("Exception raised from"), std::string::npos) << log;
  // Both damaged: a clear failure, not a crash.
  writeText(run / "checkpoints" / "last.pt", "x");
  writeText(run / "checkpoints" / "last.pt.previous", "y");
  auto neither = resumeRun(run.string());
  EXPECT_FALSE(neither.ok);
  EXPECT_NE(neither.error.find("the checkpoint before it cannot be read either"), std::string::npos) << neither.error;
}

TEST(Trainer, ResumeOfSomethingElseSaysWhy) {
  auto r = resumeRun(freshDir("not_a_run").string());
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.error.find("is not a run folder"), std::string::npos) << r.error;
}

TEST(Trainer, StopRequestedBeforeTheFirstStepWritesACheckpointAndReturnsCleanly) {
  const auto dataset = writeCleanDataset("train_stop", 4);
  const auto run = freshDir("train_stop_run");
  TrainControl control;
  StopOnMessage stopper(control, "prepared ");  // the data is ready; no step has run
  auto r = trainProject(tinyProject(dataset), "", quick(3), run.string(), &stopper, &control);
  EXPECT_TRUE(r.ok) << r.error;
  EXPECT_TRUE(r.stopped);
  EXPECT_EQ(r.steps, 0);
  EXPECT_TRUE(fs::exists(run / "checkpoints" / "last.pt"));
}

// Preparing a large dataset the first time takes a while; a stop is honoured there too, and the run says
// that nothing was trained (no checkpoint, so it is not offered for resuming).
TEST(Trainer, StopDuringDataPreparationEndsAtOnceWithNothingToResume) {
  const auto dataset = writeCleanDataset("train_stop_prep", 20);
  const auto run = freshDir("train_stop_prep_run");
  TrainControl control;
  control.stop = true;  // already set when preparation begins
  std::vector<std::string> messages;
  struct Collect : TrainListener {
    std::vector<std::string>* out;
    void onMessage(MessageLevel, const std::string& m) override { out->push_back(m); }
  } listener;
  listener.out = &messages;
  auto r = trainProject(tinyProject(dataset), "", quick(3), run.string(), &listener, &control);
  EXPECT_TRUE(r.ok) << r.error;
  EXPECT_TRUE(r.stopped);
  EXPECT_EQ(r.steps, 0);
  EXPECT_TRUE(r.stopped_before_training);
  EXPECT_FALSE(fs::exists(run / "checkpoints" / "last.pt"));
  EXPECT_TRUE(fs::exists(run / "config.json"));  // the run still says how it was set up
  bool said = false;
  for (const auto& m : messages) said = said || m.find("stopped during the first pass (0 of ") != std::string::npos;
  EXPECT_TRUE(said);
  const auto info = readRun(run.string());
  EXPECT_EQ(info.state, "stopped");
  EXPECT_FALSE(info.resumable);
  // Nothing was prepared before the stop: the next run decodes every sample itself.
  messages.clear();
  TrainControl none;
  auto again = trainProject(tinyProject(dataset), "", quick(1), freshDir("train_stop_prep_run2").string(), &listener, &none);
  EXPECT_TRUE(again.ok) << again.error;
  bool decoded = false;
  for (const auto& m : messages)
    decoded = decoded || (m.rfind("prepared ", 0) == 0 && m.find("training samples") != std::string::npos &&
                          m.find("(0 from the disk cache)") != std::string::npos);
  EXPECT_TRUE(decoded);
}

// A resumed run stopped while its data is prepared keeps what its earlier sessions did.
TEST(Trainer, AResumeStoppedWhilePreparingKeepsTheRunsProgress) {
  const auto dataset = writeCleanDataset("train_resume_prep", 4);
  const auto run = freshDir("train_resume_prep_run");
  TrainControl control;
  StopAfterEpoch stopper(control, 1);
  auto first = trainProject(tinyProject(dataset), "", quick(3), run.string(), &stopper, &control);
  ASSERT_TRUE(first.stopped) << first.error;
  const auto before = readRun(run.string());
  ASSERT_EQ(before.epochs_run, 1);
  TrainControl stopAtOnce;
  stopAtOnce.stop = true;
  auto r = resumeRun(run.string(), nullptr, &stopAtOnce);
  EXPECT_TRUE(r.ok) << r.error;
  EXPECT_TRUE(r.stopped_before_training);
  const auto after = readRun(run.string());
  EXPECT_EQ(after.state, "stopped");
  EXPECT_EQ(after.epochs_run, 1);  // not overwritten with this session's zero
  EXPECT_TRUE(after.resumable);
}

TEST(Trainer, PauseHoldsTrainingUntilResumed) {
  const auto dataset = writeCleanDataset("train_pause", 4);
  TrainControl control;
  control.pause = true;
  CountingListener listener;
  std::thread releaser([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    EXPECT_EQ(listener.steps, 0);  // nothing ran while paused
    control.pause = false;
  });
  auto r = trainProject(tinyProject(dataset), "", quick(1), freshDir("train_pause_run").string(), &listener, &control);
  releaser.join();
  EXPECT_TRUE(r.ok) << r.error;
  EXPECT_GT(listener.steps, 0);
}

TEST(Trainer, NaNStopsTheRunNamingStepAndEpoch) {
  const auto dataset = writeCleanDataset("train_nan", 6);
  auto c = quick(3);
  c.optimizer = "sgd";
  c.lr = 1e30;
  c.momentum = 0;
  auto r = trainProject(tinyProject(dataset), "", c, freshDir("train_nan_run").string());
  ASSERT_FALSE(r.ok);
  EXPECT_NE(r.error.find("at step "), std::string::npos) << r.error;
  EXPECT_NE(r.error.find("(epoch 1)"), std::string::npos) << r.error;
}

TEST(Trainer, ConfigurationMistakesAreReportedNotThrown) {
  const auto dataset = writeCleanDataset("train_mistakes", 2);
  auto p = tinyProject(dataset);
  p.graph.nodes.back().params["num_classes"] = 3;
  auto r = trainProject(p, "", quick(1), freshDir("train_mistakes_run").string());
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.error.find("node 'head': the head has 3 outputs but the dataset has 4 classes"), std::string::npos) << r.error;
  auto q = tinyProject(dataset);
  q.graph.nodes.back().type = "head.regression";
  q.graph.nodes.back().params = ParamMap::object();
  r = trainProject(q, "", quick(1), freshDir("train_mistakes_run2").string());
  EXPECT_NE(r.error.find("needs a head.classification head"), std::string::npos) << r.error;
  auto c = quick(1);
  c.only_inputs = {"nothing"};
  r = trainProject(tinyProject(dataset), "", c, freshDir("train_mistakes_run3").string());
  EXPECT_NE(r.error.find("only_inputs names 'nothing'"), std::string::npos) << r.error;
  auto none = tinyProject(dataset);
  none.dataset_path.clear();
  r = trainProject(none, "", quick(1), freshDir("train_mistakes_run4").string());
  EXPECT_NE(r.error.find("names no dataset"), std::string::npos) << r.error;
}

}  // namespace
}  // namespace fusebench::train
