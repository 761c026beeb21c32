#include "dist/launch_env.h"

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <optional>

namespace fusebench::dist {

namespace {

// A whole number in [lo, hi] from `name`'s value; nullopt when unset; false with `error` when bad.
bool readInt(const GetEnv& getenv, const char* name, long lo, long hi, std::optional<int>& out, std::string& error) {
  const char* raw = getenv(name);
  if (!raw) return true;
  const std::string text(raw);
  char* end = nullptr;
  errno = 0;
  const long value = std::strtol(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || errno == ERANGE) {
    error = std::string(name) + "='" + text + "' is not a whole number";
    return false;
  }
  if (value < lo || value > hi) {
    error = std::string(name) + "=" + text + " is out of range (" + std::to_string(lo) + " to " + std::to_string(hi) + ")";
    return false;
  }
  out = static_cast<int>(value);
  return true;
}

std::string textOf(const GetEnv& getenv, const char* name) {
  const char* raw = getenv(name);
  return raw ? std::string(raw) : std::string();
}

bool checkRanks(const LaunchEnv& e, const char* rankName, const char* worldName, std::string& error) {
  if (e.rank >= e.world_size) {
    error = std::string(rankName) + "=" + std::to_string(e.rank) + " but " + worldName + "=" + std::to_string(e.world_size) +
            ": ranks are 0 to " + std::to_string(e.world_size - 1);
    return false;
  }
  if (e.local_rank >= e.local_world_size) {
    error = "the local rank " + std::to_string(e.local_rank) + " is not below the local world size " +
            std::to_string(e.local_world_size);
    return false;
  }
  return true;
}

bool readTorchrun(const GetEnv& getenv, LaunchEnv& e, std::string& error) {
  std::optional<int> rank, world, localRank, localWorld;
  if (!readInt(getenv, "RANK", 0, 1 << 20, rank, error) || !readInt(getenv, "WORLD_SIZE", 1, 1 << 20, world, error) ||
      !readInt(getenv, "LOCAL_RANK", 0, 1 << 20, localRank, error) ||
      !readInt(getenv, "LOCAL_WORLD_SIZE", 1, 1 << 20, localWorld, error))
    return false;
  if (!rank || !world) {
    error = rank ? "RANK is set but WORLD_SIZE is not" : "WORLD_SIZE is set but RANK is not";
    return false;
  }
  e.launcher = "torchrun";
  e.rank = *rank;
  e.world_size = *world;
  e.local_rank = localRank.value_or(e.rank);
  e.local_world_size = localWorld.value_or(localRank ? e.local_rank + 1 : e.world_size);
  return checkRanks(e, "RANK", "WORLD_SIZE", error);
}

bool readSlurm(const GetEnv& getenv, LaunchEnv& e, std::string& error) {
  std::optional<int> rank, world, localRank;
  const char* worldName = getenv("SLURM_STEP_NUM_TASKS") ? "SLURM_STEP_NUM_TASKS" : "SLURM_NTASKS";
  if (!readInt(getenv, "SLURM_PROCID", 0, 1 << 20, rank, error) || !readInt(getenv, worldName, 1, 1 << 20, world, error) ||
      !readInt(getenv, "SLURM_LOCALID", 0, 1 << 20, localRank, error))
    return false;
  if (!rank || !world) {
    error = std::string("inside a SLURM job step, SLURM_PROCID and ") + worldName + " are both needed";
    return false;
  }
  e.launcher = "slurm";
  e.rank = *rank;
  e.world_size = *world;
  e.local_rank = localRank.value_or(0);
  const std::string perNode = textOf(getenv, getenv("SLURM_STEP_TASKS_PER_NODE") ? "SLURM_STEP_TASKS_PER_NODE" : "SLURM_TASKS_PER_NODE");
  const int onFirst = tasksOnFirstNode(perNode);
  e.local_world_size = onFirst > e.local_rank ? onFirst : e.local_rank + 1;
  std::string nodes = textOf(getenv, "SLURM_STEP_NODELIST");
  if (nodes.empty()) nodes = textOf(getenv, "SLURM_JOB_NODELIST");
  const std::string first = firstHostOfNodeList(nodes);
  if (!first.empty()) e.master_addr = first;
  return checkRanks(e, "SLURM_PROCID", worldName, error);
}

}  // namespace

std::string LaunchEnv::describe() const {
  return "rank " + std::to_string(rank) + " of " + std::to_string(world_size) + " (local " + std::to_string(local_rank) +
         " of " + std::to_string(local_world_size) + "), rendezvous " + master_addr + ":" + std::to_string(master_port) +
         ", from " + launcher;
}

bool readLaunchEnv(const GetEnv& getenv, LaunchEnv& out, std::string& error) {
  LaunchEnv e;
  const bool torchrun = getenv("RANK") || getenv("WORLD_SIZE");
  const bool slurm = !torchrun && getenv("SLURM_STEP_ID") && getenv("SLURM_PROCID");
  if (torchrun && !readTorchrun(getenv, e, error)) return false;
  if (slurm && !readSlurm(getenv, e, error)) return false;
  if (const char* addr = getenv("MASTER_ADDR"); addr && *addr) e.master_addr = addr;
  std::optional<int> port;
  if (!readInt(getenv, "MASTER_PORT", 1, 65535, port, error)) return false;
  if (port) e.master_port = *port;
  if (const char* by = getenv("FUSEBENCH_LAUNCHER"); by && *by && e.launcher == "torchrun") e.launcher = by;
  e.distributed = e.world_size > 1;
  out = e;
  return true;
}

bool readLaunchEnv(LaunchEnv& out, std::string& error) {
  return readLaunchEnv([](const char* name) { return static_cast<const char*>(std::getenv(name)); }, out, error);
}

std::string firstHostOfNodeList(const std::string& nodelist) {
  // The first entry ends at a comma outside brackets; a bracket holds ranges, of which the first start counts.
  std::string host;
  for (std::size_t i = 0; i < nodelist.size(); ++i) {
    const char c = nodelist[i];
    if (c == ',') break;
    if (c != '[') {
      host += c;
      continue;
    }
    const std::size_t close = nodelist.find(']', i);
    const std::string inside = nodelist.substr(i + 1, close == std::string::npos ? std::string::npos : close - i - 1);
    std::size_t n = 0;
    while (n < inside.size() && std::isdigit(static_cast<unsigned char>(inside[n]))) ++n;
    host += inside.substr(0, n);
    if (close == std::string::npos) break;
    i = close;
  }
  return host;
}

int tasksOnFirstNode(const std::string& tasks_per_node) {
  std::size_t n = 0;
  while (n < tasks_per_node.size() && std::isdigit(static_cast<unsigned char>(tasks_per_node[n]))) ++n;
  if (n == 0 || n > 6) return 0;
  return std::stoi(tasks_per_node.substr(0, n));
}

}  // namespace fusebench::dist
