// Data-parallel training on loopback Gloo, through fusebench-cli as users start it: the same weights as one
// process with the global batch, a distributed stop and resume, a resume with another number of ranks, a
// killed rank named by the survivor, and ranks started unlike each other refused.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <thread>

#include <gtest/gtest.h>
#include <torch/torch.h>

#include "data/fixtures.h"
#include "graph_builder.h"
#include "project/project_file.h"

extern char** environ;

namespace fusebench::dist {
namespace {

namespace fs = std::filesystem;
using namespace fusebench::testing;

// Text and tabular encoders only: no batch norm and no dropout, so that 2 ranks x B equal 1 x 2B.
fs::path writeProject(const fs::path& dir, const std::string& name, int64_t epochs) {
  const auto dataset = writeCleanDataset(name + "_data", 16);  // 48 samples: 36 train, 6 val, 6 test
  ProjectFile p;
  p.name = name;
  p.dataset_path = dataset.string();
  p.graph = GraphBuilder()
                .node("title", "input.text", R"({"field": "title", "max_length": 4, "vocab_size": 20})")
                .node("tab", "input.tabular")
                .node("te", "text.bag_of_embeddings", R"({"dim": 6})")
                .node("tm", "tabular.mlp", R"({"hidden": [8], "normalization": "none"})")
                .node("fuse", "fusion.concat")
                .node("head", "head.classification", R"({"num_classes": 4})")
                .edge("title.out", "te.in")
                .edge("tab.out", "tm.in")
                .edge("te.features", "fuse.in0")
                .edge("tm.features", "fuse.in1")
                .edge("fuse.out", "head.in")
                .build();
  p.other["training"] = {{"epochs", epochs}, {"lr", 0.01}, {"threads", 1}, {"loader_threads", 1}, {"seed", 7},
                         {"disk_cache", false}};
  const fs::path file = dir / (name + ".fbproj");
  std::string error;
  EXPECT_TRUE(saveProjectFile(p, file.string(), &error)) << error;
  return file;
}

// Starts fusebench-cli with `args`, extra environment `env`, stdout and stderr into `log`.
pid_t startCli(const std::vector<std::string>& args, const std::vector<std::string>& env, const fs::path& log) {
  std::vector<std::string> all = {FUSEBENCH_CLI};
  all.insert(all.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : all) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<std::string> envText(env);
  for (char** e = environ; *e; ++e) envText.emplace_back(*e);
  std::vector<char*> envp;
  for (auto& e : envText) envp.push_back(e.data());
  envp.push_back(nullptr);
  posix_spawn_file_actions_t out;
  posix_spawn_file_actions_init(&out);
  posix_spawn_file_actions_addopen(&out, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&out, 1, 2);
  pid_t pid = -1;
  posix_spawn(&pid, FUSEBENCH_CLI, &out, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&out);
  return pid;
}

int waitFor(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int runCli(const std::vector<std::string>& args, const fs::path& log, const std::vector<std::string>& env = {}) {
  return waitFor(startCli(args, env, log));
}

std::string readText(const fs::path& p) {
  std::ifstream in(p);
  return {std::istreambuf_iterator<char>(in), {}};
}

// Every tensor of an archive and of the archives inside it, by dotted name.
void collect(torch::serialize::InputArchive& archive, const std::string& prefix, std::map<std::string, torch::Tensor>& out) {
  for (const auto& key : archive.keys()) {
    torch::Tensor t;
    torch::serialize::InputArchive inner;
    if (archive.try_read(key, t))
      out[prefix + key] = t;
    else if (archive.try_read(key, inner))
      collect(inner, prefix + key + ".", out);
  }
}

// A checkpoint's model weights and buffers (not its optimizer state, progress or random state).
std::map<std::string, torch::Tensor> weightsOf(const fs::path& checkpoint) {
  torch::serialize::InputArchive archive;
  archive.load_from(checkpoint.string());
  std::map<std::string, torch::Tensor> all, out;
  collect(archive, "", all);
  for (const auto& [name, t] : all)
    if (name.rfind("optimizer.", 0) != 0 && name != "progress" && name != "best" && name != "rng") out[name] = t;
  return out;
}

// The largest difference of any weight, and in `worst` whose it is.
double largestDifference(const fs::path& a, const fs::path& b, std::string& worst) {
  const auto wa = weightsOf(a), wb = weightsOf(b);
  EXPECT_EQ(wa.size(), wb.size());
  EXPECT_GT(wa.size(), 4u);
  double most = 0;
  for (const auto& [name, t] : wa) {
    if (!wb.count(name)) {
      ADD_FAILURE() << name << " missing in " << b;
      continue;
    }
    if (!t.is_floating_point() || t.numel() == 0) continue;
    const double d = (t - wb.at(name)).abs().max().item<double>();
    if (d > most) most = d, worst = name;
  }
  return most;
}

std::string portEnv(int port) { return "MASTER_PORT=" + std::to_string(port); }

TEST(DataParallel, TwoRanksOfBatchBGiveTheWeightsOfOneProcessOfBatch2B) {
  const auto dir = freshDir("ddp_equivalence");
  const auto project = writeProject(dir, "eq", 4);
  // 36 training samples: 18 per rank, batches of 4 and a last one of 2 (of 8 and 4 in one process)
  ASSERT_EQ(runCli({"train", project.string(), "--batch-size", "8", "--out", (dir / "one").string()}, dir / "one.log"), 0)
      << readText(dir / "one.log");
  ASSERT_EQ(runCli({"train", project.string(), "--batch-size", "4", "--nproc-per-node", "2", "--out", (dir / "two").string()},
                   dir / "two.log"),
            0)
      << readText(dir / "two.log");
  {
    std::string worst;
    EXPECT_LT(largestDifference(dir / "one" / "checkpoints" / "last.pt", dir / "two" / "checkpoints" / "last.pt", worst), 1e-5) << worst;
  }
  const std::string log = readText(dir / "two" / "log.txt");
  EXPECT_NE(log.find("distributed: 2 ranks (gloo, launched by fusebench-cli --nproc-per-node)"), std::string::npos) << log;
  EXPECT_NE(log.find("global batch 8 = 4 per rank x 2 ranks"), std::string::npos) << log;
  EXPECT_NE(log.find("18 per rank"), std::string::npos) << log;
  // The validation metrics are gathered from both shards: the same as one process's on the same weights.
  EXPECT_EQ(readText(dir / "one" / "metrics_epochs.csv").substr(0, 40), readText(dir / "two" / "metrics_epochs.csv").substr(0, 40));
  const std::string quietRanks = readText(dir / "two.log");
  EXPECT_EQ(quietRanks.find("rank 1:"), std::string::npos) << quietRanks;  // rank 1 said nothing: nothing went wrong
  EXPECT_FALSE(fs::exists(dir / "two" / "rank1"));
}

TEST(DataParallel, StoppedRanksResumeLikeAnUninterruptedRunAndWithAnotherWorldSize) {
  const auto dir = freshDir("ddp_resume");
  const auto project = writeProject(dir, "res", 3);
  const std::vector<std::string> two = {"--batch-size", "4", "--nproc-per-node", "2"};
  auto train = [&](const std::string& name, std::vector<std::string> extra, const std::vector<std::string>& env = {}) {
    std::vector<std::string> args = {"train", project.string(), "--out", (dir / name).string()};
    args.insert(args.end(), extra.begin(), extra.end());
    return runCli(args, dir / (name + ".log"), env);
  };
  ASSERT_EQ(train("straight", two), 0) << readText(dir / "straight.log");
  // Asked to stop during step 7 (in epoch 2 of 5-step epochs): the ranks agree on it with step 8's loss, finish
  // that step and stop together; then 2 ranks resume.
  ASSERT_EQ(train("stopped", two, {"FUSEBENCH_STOP_AT_STEP=7"}), 0) << readText(dir / "stopped.log");
  EXPECT_NE(readText(dir / "stopped.log").find("stopped at step 8 (epoch 2)"), std::string::npos) << readText(dir / "stopped.log");
  EXPECT_NE(readText(dir / "stopped.log").find("stopped; resume from"), std::string::npos) << readText(dir / "stopped.log");
  ASSERT_EQ(runCli({"resume", (dir / "stopped").string(), "--nproc-per-node", "2"}, dir / "resumed.log"), 0)
      << readText(dir / "resumed.log");
  {
    std::string worst;
    EXPECT_LT(largestDifference(dir / "straight" / "checkpoints" / "last.pt", dir / "stopped" / "checkpoints" / "last.pt", worst), 1e-6) << worst;
  }
  // Stopped by 2 ranks, resumed by one: the epoch goes on from the same share of its samples.
  ASSERT_EQ(train("other", two, {"FUSEBENCH_STOP_AT_STEP=7"}), 0) << readText(dir / "other.log");
  ASSERT_EQ(runCli({"resume", (dir / "other").string()}, dir / "other_resumed.log"), 0) << readText(dir / "other_resumed.log");
  const std::string log = readText(dir / "other" / "log.txt");
  EXPECT_NE(log.find("the run was trained by 2 process(es) and resumes with 1: epoch 2 goes on after about 24 of its samples "
                     "(batch 6 of 9 per rank)"),
            std::string::npos)
      << log;
  EXPECT_NE(readText(dir / "other_resumed.log").find("test accuracy"), std::string::npos) << readText(dir / "other_resumed.log");
}

TEST(DataParallel, AKilledRankIsNamedByTheSurvivor) {
  const auto dir = freshDir("ddp_killed");
  const auto project = writeProject(dir, "kill", 100000);
  const int port = 29731;
  const std::vector<std::string> args = {"train", project.string(), "--batch-size", "4", "--dist-timeout", "20", "--out",
                                         (dir / "run").string()};
  const pid_t rank0 = startCli(args, {"RANK=0", "WORLD_SIZE=2", portEnv(port)}, dir / "rank0.log");
  const pid_t rank1 = startCli(args, {"RANK=1", "WORLD_SIZE=2", portEnv(port)}, dir / "rank1.log");
  // Once the two train together (rank 0 has written a checkpoint), rank 1 is killed without warning.
  for (int i = 0; i < 1200 && !fs::exists(dir / "run" / "checkpoints" / "last.pt"); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  ASSERT_TRUE(fs::exists(dir / "run" / "checkpoints" / "last.pt")) << readText(dir / "rank0.log");
  kill(rank1, SIGKILL);
  waitFor(rank1);
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(waitFor(rank0), 1);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(40));
  const std::string log = readText(dir / "rank0.log");
  EXPECT_NE(log.find("rank 1 was lost"), std::string::npos) << log;
  EXPECT_EQ(log.find("terminate"), std::string::npos) << log;
  // The last checkpoint stays loadable.
  EXPECT_GT(weightsOf(dir / "run" / "checkpoints" / "last.pt").size(), 4u);
}

TEST(DataParallel, RanksStartedUnlikeAreRefusedSayingWhatDiffers) {
  const auto dir = freshDir("ddp_unlike");
  const auto project = writeProject(dir, "unlike", 1);
  const int port = 29732;
  auto args = [&](const std::string& lr) {
    return std::vector<std::string>{"train", project.string(), "--lr", lr, "--out", (dir / "run").string()};
  };
  const pid_t rank0 = startCli(args("0.01"), {"RANK=0", "WORLD_SIZE=2", portEnv(port)}, dir / "rank0.log");
  const pid_t rank1 = startCli(args("0.02"), {"RANK=1", "WORLD_SIZE=2", portEnv(port)}, dir / "rank1.log");
  EXPECT_EQ(waitFor(rank0), 1);
  EXPECT_EQ(waitFor(rank1), 1);
  const std::string log = readText(dir / "rank0.log");
  EXPECT_NE(log.find("the ranks were not started alike: rank 1's training configuration differs from rank 0's"),
            std::string::npos)
      << log;
  EXPECT_NE(readText(dir / "rank1.log").find("rank 1: error: the ranks were not started alike"), std::string::npos)
      << readText(dir / "rank1.log");
}

TEST(DataParallel, BadLaunchVariablesAreNamed) {
  const auto dir = freshDir("ddp_bad_env");
  const auto project = writeProject(dir, "badenv", 1);
  EXPECT_EQ(runCli({"train", project.string()}, dir / "bad.log", {"RANK=3", "WORLD_SIZE=2"}), 2);
  EXPECT_NE(readText(dir / "bad.log").find("RANK=3 but WORLD_SIZE=2: ranks are 0 to 1"), std::string::npos)
      << readText(dir / "bad.log");
  EXPECT_EQ(runCli({"train", project.string(), "--dist-backend", "nccl"}, dir / "nccl.log", {"RANK=0", "WORLD_SIZE=2"}), 1);
  EXPECT_NE(readText(dir / "nccl.log").find("NCCL"), std::string::npos) << readText(dir / "nccl.log");
}

}  // namespace
}  // namespace fusebench::dist
