#pragma once
// `fusebench-cli train P --nproc-per-node N`: starts N ranks of this same command on this host, as torchrun's
// standalone mode does: each child gets RANK, WORLD_SIZE, LOCAL_RANK, LOCAL_WORLD_SIZE, MASTER_ADDR=127.0.0.1
// and a free MASTER_PORT. Ctrl-C and SIGTERM reach every rank (each stops at the same step and checkpoints).
// When a rank ends with an error the others are given `grace_s` to notice and report it themselves, then are
// ended. Returns the exit code: 0 when every rank succeeded, else the first failure's. Plain POSIX, no torch.
#include <string>
#include <vector>

namespace fusebench::cli {

// argv without the `--nproc-per-node N` (or `--nproc-per-node=N`) that asked for the launch.
std::vector<std::string> rankArguments(const std::vector<std::string>& argv);
int runLocalRanks(int nproc, const std::vector<std::string>& argv, int grace_s);

// The command line main() saw, for relaunching.
void setCommandLine(int argc, char** argv);
const std::vector<std::string>& commandLine();

}  // namespace fusebench::cli
