// The launch contract: torchrun's and SLURM's variables read into a rank's place, bad values named.
#include <map>

#include <gtest/gtest.h>

#include "dist/launch_env.h"

namespace fusebench::dist {
namespace {

struct FakeEnv {
  std::map<std::string, std::string> vars;
  GetEnv get() const {
    return [this](const char* name) -> const char* {
      auto it = vars.find(name);
      return it == vars.end() ? nullptr : it->second.c_str();
    };
  }
};

TEST(LaunchEnv, NoLauncherMeansOneProcess) {
  FakeEnv env;
  LaunchEnv e;
  std::string error;
  ASSERT_TRUE(readLaunchEnv(env.get(), e, error)) << error;
  EXPECT_FALSE(e.distributed);
  EXPECT_EQ(e.world_size, 1);
  EXPECT_EQ(e.launcher, "none");
}

TEST(LaunchEnv, TorchrunsVariables) {
  FakeEnv env{{{"RANK", "5"}, {"WORLD_SIZE", "16"}, {"LOCAL_RANK", "1"}, {"LOCAL_WORLD_SIZE", "8"},
               {"MASTER_ADDR", "10.1.2.3"}, {"MASTER_PORT", "29400"}}};
  LaunchEnv e;
  std::string error;
  ASSERT_TRUE(readLaunchEnv(env.get(), e, error)) << error;
  EXPECT_TRUE(e.distributed);
  EXPECT_EQ(e.rank, 5);
  EXPECT_EQ(e.world_size, 16);
  EXPECT_EQ(e.local_rank, 1);
  EXPECT_EQ(e.local_world_size, 8);
  EXPECT_EQ(e.master_addr, "10.1.2.3");
  EXPECT_EQ(e.master_port, 29400);
  EXPECT_EQ(e.launcher, "torchrun");
  EXPECT_EQ(e.describe(), "rank 5 of 16 (local 1 of 8), rendezvous 10.1.2.3:29400, from torchrun");
}

TEST(LaunchEnv, SlurmJobStepWithTheFirstHostAsRendezvous) {
  FakeEnv env{{{"SLURM_STEP_ID", "0"}, {"SLURM_PROCID", "9"}, {"SLURM_NTASKS", "12"}, {"SLURM_STEP_NUM_TASKS", "16"},
               {"SLURM_LOCALID", "1"}, {"SLURM_STEP_TASKS_PER_NODE", "8(x2)"}, {"SLURM_STEP_NODELIST", "gpu[07-08,12],cpu3"},
               {"SLURM_JOB_NODELIST", "other1"}}};
  LaunchEnv e;
  std::string error;
  ASSERT_TRUE(readLaunchEnv(env.get(), e, error)) << error;
  EXPECT_EQ(e.launcher, "slurm");
  EXPECT_EQ(e.rank, 9);
  EXPECT_EQ(e.world_size, 16);  // the step's tasks, not the allocation's
  EXPECT_EQ(e.local_rank, 1);
  EXPECT_EQ(e.local_world_size, 8);
  EXPECT_EQ(e.master_addr, "gpu07");
  EXPECT_EQ(e.master_port, 29500);
}

TEST(LaunchEnv, AnSbatchScriptsOwnShellIsOneProcess) {
  // SLURM_NTASKS is set for the whole allocation, but without srun's job step this is one process.
  FakeEnv env{{{"SLURM_PROCID", "0"}, {"SLURM_NTASKS", "8"}, {"SLURM_JOB_NODELIST", "node1"}}};
  LaunchEnv e;
  std::string error;
  ASSERT_TRUE(readLaunchEnv(env.get(), e, error)) << error;
  EXPECT_FALSE(e.distributed);
}

TEST(LaunchEnv, TorchrunInsideAnAllocationWins) {
  FakeEnv env{{{"RANK", "1"}, {"WORLD_SIZE", "2"}, {"SLURM_STEP_ID", "0"}, {"SLURM_PROCID", "0"}, {"SLURM_NTASKS", "1"}}};
  LaunchEnv e;
  std::string error;
  ASSERT_TRUE(readLaunchEnv(env.get(), e, error)) << error;
  EXPECT_EQ(e.launcher, "torchrun");
  EXPECT_EQ(e.rank, 1);
}

TEST(LaunchEnv, BadValuesAreNamed) {
  const std::vector<std::pair<std::map<std::string, std::string>, std::string>> cases = {
      {{{"RANK", "0"}, {"WORLD_SIZE", "two"}}, "WORLD_SIZE='two' is not a whole number"},
      {{{"RANK", "4"}, {"WORLD_SIZE", "4"}}, "RANK=4 but WORLD_SIZE=4: ranks are 0 to 3"},
      {{{"RANK", "0"}}, "RANK is set but WORLD_SIZE is not"},
      {{{"RANK", "-1"}, {"WORLD_SIZE", "2"}}, "RANK=-1 is out of range"},
      {{{"RANK", "0"}, {"WORLD_SIZE", "2"}, {"MASTER_PORT", "70000"}}, "MASTER_PORT=70000 is out of range (1 to 65535)"},
      {{{"RANK", "0"}, {"WORLD_SIZE", "2"}, {"LOCAL_RANK", "3"}, {"LOCAL_WORLD_SIZE", "2"}},
       "the local rank 3 is not below the local world size 2"},
      {{{"SLURM_STEP_ID", "0"}, {"SLURM_PROCID", "x"}, {"SLURM_NTASKS", "2"}}, "SLURM_PROCID='x' is not a whole number"},
  };
  for (const auto& [vars, message] : cases) {
    FakeEnv env{vars};
    LaunchEnv e;
    std::string error;
    EXPECT_FALSE(readLaunchEnv(env.get(), e, error)) << message;
    EXPECT_NE(error.find(message), std::string::npos) << error;
  }
}

TEST(LaunchEnv, SlurmHostLists) {
  EXPECT_EQ(firstHostOfNodeList("node1"), "node1");
  EXPECT_EQ(firstHostOfNodeList("node[003-010]"), "node003");
  EXPECT_EQ(firstHostOfNodeList("gpu[7,9-12],cpu[1-2]"), "gpu7");
  EXPECT_EQ(firstHostOfNodeList("rack1-n[2-4]-ib"), "rack1-n2-ib");
  EXPECT_EQ(firstHostOfNodeList("a,b"), "a");
  EXPECT_EQ(firstHostOfNodeList(""), "");
  EXPECT_EQ(tasksOnFirstNode("8(x2)"), 8);
  EXPECT_EQ(tasksOnFirstNode("3,2"), 3);
  EXPECT_EQ(tasksOnFirstNode(""), 0);
}

}  // namespace
}  // namespace fusebench::dist
