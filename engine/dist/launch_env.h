#pragma once
// Where this process stands in a distributed run, read from the variables its launcher sets: torchrun's
// (RANK, WORLD_SIZE, LOCAL_RANK, LOCAL_WORLD_SIZE, MASTER_ADDR, MASTER_PORT; `fusebench-cli train
// --nproc-per-node N` sets the same ones for the ranks it starts) or, inside an srun job step, SLURM's
// (SLURM_PROCID, SLURM_STEP_NUM_TASKS or SLURM_NTASKS, SLURM_LOCALID, SLURM_STEP_TASKS_PER_NODE, the first
// host of SLURM_STEP_NODELIST or SLURM_JOB_NODELIST; MASTER_ADDR and MASTER_PORT override). torchrun's
// variables win where both are present (torchrun started inside an allocation). SLURM's are read only in a
// job step (SLURM_STEP_ID set): an sbatch script's own shell has SLURM_NTASKS too, but is one process.
// Plain header: no torch.
#include <functional>
#include <string>

namespace fusebench::dist {

struct LaunchEnv {
  bool distributed = false;  // world_size > 1, or a launcher's variables present
  int rank = 0, world_size = 1;
  int local_rank = 0, local_world_size = 1;
  std::string master_addr = "127.0.0.1";
  int master_port = 29500;  // torchrun's default
  std::string launcher = "none";  // none | torchrun | slurm
  std::string describe() const;  // "rank 1 of 4 (local 1 of 2), rendezvous 10.0.0.1:29500, from torchrun"
};

using GetEnv = std::function<const char*(const char*)>;

// False with `error` naming the variable and its value ("WORLD_SIZE='two' is not a whole number", "RANK=4
// but WORLD_SIZE=4: ranks are 0 to 3").
bool readLaunchEnv(const GetEnv& getenv, LaunchEnv& out, std::string& error);
bool readLaunchEnv(LaunchEnv& out, std::string& error);  // from this process's environment

// The first host of a SLURM host list: "gpu[07-09,12],cpu3" gives "gpu07"; "" for an empty list.
std::string firstHostOfNodeList(const std::string& nodelist);
// Tasks on the first node from SLURM's per-node counts: "8(x2)" gives 8, "3,2" gives 3; 0 when unreadable.
int tasksOnFirstNode(const std::string& tasks_per_node);

}  // namespace fusebench::dist
