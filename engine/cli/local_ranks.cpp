#include "cli/local_ranks.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <iostream>
#include <thread>

namespace fusebench::cli {

namespace {

std::vector<std::string> gArgv;
std::vector<pid_t> gChildren;
extern "C" void forwardSignal(int sig) {
  for (pid_t p : gChildren)
    if (p > 0) ::kill(p, sig);
}

// A port nobody listens on now (the kernel's choice), for rank 0's rendezvous.
int freePort() {
  const int s = ::socket(AF_INET, SOCK_STREAM, 0);
  if (s < 0) return 29500;
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = 0;
  socklen_t len = sizeof a;
  int port = 29500;
  if (::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 && ::getsockname(s, reinterpret_cast<sockaddr*>(&a), &len) == 0)
    port = ntohs(a.sin_port);
  ::close(s);
  return port;
}

pid_t startRank(int rank, int nproc, int port, const std::vector<std::string>& args) {
  const pid_t pid = ::fork();
  if (pid != 0) return pid;
  ::setenv("RANK", std::to_string(rank).c_str(), 1);
  ::setenv("LOCAL_RANK", std::to_string(rank).c_str(), 1);
  ::setenv("WORLD_SIZE", std::to_string(nproc).c_str(), 1);
  ::setenv("LOCAL_WORLD_SIZE", std::to_string(nproc).c_str(), 1);
  ::setenv("MASTER_ADDR", "127.0.0.1", 1);
  ::setenv("MASTER_PORT", std::to_string(port).c_str(), 1);
  ::setenv("FUSEBENCH_LAUNCHER", "fusebench-cli --nproc-per-node", 1);  // named in the run's log
  std::vector<char*> cargs;
  for (const auto& a : args) cargs.push_back(const_cast<char*>(a.c_str()));
  cargs.push_back(nullptr);
  ::execv("/proc/self/exe", cargs.data());
  std::cerr << "error: rank " << rank << " could not start " << args.front() << ": " << std::strerror(errno) << "\n";
  ::_exit(127);
}

std::string howItEnded(int status) {
  if (WIFEXITED(status)) return "exited with code " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return std::string("was ended by signal ") + std::to_string(WTERMSIG(status)) + " (" + strsignal(WTERMSIG(status)) + ")";
  return "ended";
}

int exitCodeOf(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  return 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

}  // namespace

void setCommandLine(int argc, char** argv) { gArgv.assign(argv, argv + argc); }
const std::vector<std::string>& commandLine() { return gArgv; }

std::vector<std::string> rankArguments(const std::vector<std::string>& argv) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < argv.size(); ++i) {
    if (argv[i] == "--nproc-per-node") {
      ++i;
      continue;
    }
    if (argv[i].rfind("--nproc-per-node=", 0) == 0) continue;
    out.push_back(argv[i]);
  }
  return out;
}

int runLocalRanks(int nproc, const std::vector<std::string>& argv, int grace_s) {
  const auto args = rankArguments(argv);
  const int port = freePort();
  std::cout.flush();
  std::cerr.flush();
  gChildren.assign(nproc, 0);
  for (int r = 0; r < nproc; ++r) gChildren[r] = startRank(r, nproc, port, args);
  struct sigaction forward{}, oldInt{}, oldTerm{};
  forward.sa_handler = forwardSignal;
  ::sigaction(SIGINT, &forward, &oldInt);
  ::sigaction(SIGTERM, &forward, &oldTerm);
  int code = 0, running = nproc;
  std::chrono::steady_clock::time_point firstFailure{};
  bool failed = false, ended = false;
  while (running > 0) {
    int status = 0;
    const pid_t pid = ::waitpid(-1, &status, WNOHANG);
    if (pid > 0) {
      int rank = 0;
      while (rank < nproc && gChildren[rank] != pid) ++rank;
      if (rank < nproc) gChildren[rank] = 0;
      --running;
      if (exitCodeOf(status) != 0 && !failed) {
        failed = true;
        code = exitCodeOf(status);
        firstFailure = std::chrono::steady_clock::now();
        std::cerr << "error: rank " << rank << " " << howItEnded(status) << "; waiting up to " << grace_s
                  << " s for the other ranks to stop\n";
      }
      continue;
    }
    if (pid < 0 && errno != EINTR) break;
    if (failed && !ended && std::chrono::steady_clock::now() - firstFailure > std::chrono::seconds(grace_s)) {
      std::cerr << "error: ending the " << running << " rank(s) still running\n";
      forwardSignal(SIGKILL);
      ended = true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ::sigaction(SIGINT, &oldInt, nullptr);
  ::sigaction(SIGTERM, &oldTerm, nullptr);
  gChildren.clear();
  return code;
}

}  // namespace fusebench::cli
