#include "dist/group.h"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include <torch/csrc/distributed/c10d/PrefixStore.hpp>
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>
#ifdef FUSEBENCH_WITH_NCCL
#include <torch/csrc/distributed/c10d/ProcessGroupNCCL.hpp>
#endif

namespace fusebench::dist {

namespace {

using namespace std::chrono_literals;

const std::string kFailures = "fusebench/failures";  // a counter: how many ranks posted an error

std::string aliveKey(int rank) { return "fusebench/alive/" + std::to_string(rank); }
std::string failedKey(int rank) { return "fusebench/failed/" + std::to_string(rank); }

std::vector<uint8_t> bytesOf(const std::string& s) { return {s.begin(), s.end()}; }
std::string textOf(const std::vector<uint8_t>& b) { return {b.begin(), b.end()}; }

std::string thisHost() {
  char name[256] = {};
  if (gethostname(name, sizeof name - 1) != 0) return "?";
  return name;
}

bool loopback(const std::string& addr) { return addr == "127.0.0.1" || addr == "localhost" || addr == "::1"; }

c10::intrusive_ptr<c10d::TCPStore> openStore(const LaunchEnv& env, bool server, std::chrono::milliseconds timeout) {
  c10d::TCPStoreOptions o;
  o.port = static_cast<std::uint16_t>(env.master_port);
  o.isServer = server;
  o.numWorkers = c10::nullopt;  // the process group's own rendezvous waits for every rank
  o.waitWorkers = false;
  o.timeout = timeout;
  return c10::make_intrusive<c10d::TCPStore>(env.master_addr, o);
}

}  // namespace

std::string resolveBackend(const std::string& wanted, const torch::Device& device, std::string& error) {
  if (wanted != "auto" && wanted != "gloo" && wanted != "nccl") {
    error = "unknown distributed backend '" + wanted + "' (auto, gloo or nccl)";
    return {};
  }
#ifdef FUSEBENCH_WITH_NCCL
  const bool haveNccl = true;
#else
  const bool haveNccl = false;
#endif
  if (wanted == "nccl" && !haveNccl) {
    error = "the NCCL backend needs a LibTorch built with CUDA and NCCL (Torch_DIR); this build has Gloo only: use "
            "--dist-backend gloo";
    return {};
  }
  if (wanted == "nccl" && !device.is_cuda()) {
    error = "the NCCL backend works on CUDA devices only, and this run trains on the CPU: use --dist-backend gloo";
    return {};
  }
  if (wanted == "auto") return device.is_cuda() && haveNccl ? "nccl" : "gloo";
  return wanted;
}

struct Group::Impl {
  LaunchEnv env;
  std::string backend;
  int timeoutS = 120;
  std::vector<std::string> hosts;
  c10::intrusive_ptr<c10d::TCPStore> store;   // the process group's rendezvous (rank 0 is its server)
  c10::intrusive_ptr<c10d::TCPStore> watch;   // a second connection: heartbeats and failure notes
  c10::intrusive_ptr<c10d::ProcessGroup> pg;
  torch::Device device{torch::kCPU};

  std::thread heartbeat;
  std::mutex mutex;
  std::condition_variable wake;
  bool stopping = false;
  std::vector<std::string> failures;  // other ranks' posted errors, fetched by the heartbeat thread
  int64_t failuresSeen = 0;

  void beat() {
    std::unique_lock<std::mutex> lock(mutex);
    while (!stopping) {
      lock.unlock();
      try {
        watch->add(aliveKey(env.rank), 1);
        // Fetched while the store still answers: rank 0's store ends with its process.
        const int64_t posted = watch->add(kFailures, 0);
        if (posted > failuresSeen) collectFailures(posted);
      } catch (const std::exception&) {
        // the store is gone (rank 0 ended); explainFailure says so
      }
      lock.lock();
      wake.wait_for(lock, 500ms, [&] { return stopping; });
    }
  }

  void collectFailures(int64_t posted) {
    std::vector<std::string> found;
    for (int r = 0; r < env.world_size; ++r)
      if (r != env.rank && watch->check({failedKey(r)}))
        found.push_back("rank " + std::to_string(r) + " stopped: " + textOf(watch->get(failedKey(r))));
    std::lock_guard<std::mutex> lock(mutex);
    failures = found;
    failuresSeen = posted;
  }

  void run(const c10::intrusive_ptr<c10d::Work>& work, const std::string& what) {
    try {
      work->wait();
    } catch (const std::exception& e) {
      throw std::runtime_error(explain(what + ": " + e.what()));
    }
  }

  std::string explain(const std::string& what);
  void awaitKeys(const std::vector<std::string>& keys, const std::string& what);
};

// Waits for keys that other ranks set after work of unknown length (the first pass over a large dataset):
// as long as every rank's heartbeat goes on, without a deadline; a rank that posts an error or whose
// heartbeat stands still for the timeout ends the wait with its name.
void Group::Impl::awaitKeys(const std::vector<std::string>& keys, const std::string& what) {
  std::vector<int64_t> beats(env.world_size, -1);
  std::vector<std::chrono::steady_clock::time_point> moved(env.world_size, std::chrono::steady_clock::now());
  for (;;) {
    try {
      if (store->check(keys)) return;
      if (watch->add(kFailures, 0) > 0) throw std::runtime_error(explain(what));
      const auto now = std::chrono::steady_clock::now();
      for (int r = 0; r < env.world_size; ++r) {
        const int64_t b = watch->add(aliveKey(r), 0);
        if (b != beats[r]) beats[r] = b, moved[r] = now;
        if (now - moved[r] > std::chrono::seconds(timeoutS))
          throw std::runtime_error("rank " + std::to_string(r) + " was lost while " + what + ": no heartbeat for " +
                                   std::to_string(timeoutS) + " s");
      }
    } catch (const c10::Error& e) {
      throw std::runtime_error(explain(what + ": " + e.what_without_backtrace()));
    }
    std::this_thread::sleep_for(200ms);
  }
}

std::string Group::Impl::explain(const std::string& what) {
  try {
    const int64_t posted = watch->add(kFailures, 0);
    if (posted > 0) collectFailures(posted);
  } catch (const std::exception&) {
  }
  {
    std::lock_guard<std::mutex> lock(mutex);
    if (!failures.empty()) {
      std::string all;
      for (const auto& f : failures) all += (all.empty() ? "" : "; ") + f;
      return all;
    }
  }
  // No rank said why: the ones whose heartbeat stands still are lost.
  std::vector<int64_t> before(env.world_size), after(env.world_size);
  try {
    for (int r = 0; r < env.world_size; ++r) before[r] = watch->add(aliveKey(r), 0);
    std::this_thread::sleep_for(2s);
    for (int r = 0; r < env.world_size; ++r) after[r] = watch->add(aliveKey(r), 0);
  } catch (const std::exception&) {
    return env.rank == 0 ? what
                         : "rank 0 was lost: its process ended or its host " + env.master_addr +
                               " stopped answering (rank 0 also holds the rendezvous store)";
  }
  std::string lost;
  for (int r = 0; r < env.world_size; ++r)
    if (r != env.rank && after[r] == before[r]) lost += (lost.empty() ? "" : ", ") + std::to_string(r);
  if (!lost.empty())
    return "rank " + lost + " was lost: its process ended, was stopped or its host stopped answering (no heartbeat for 2 s); " +
           what;
  return "a collective failed while every rank still answers (one may be stuck inside a step for more than the " +
         std::to_string(timeoutS) + " s timeout): " + what;
}

Group::Group(std::unique_ptr<Impl> impl) : d_(std::move(impl)) {}

Group::~Group() {
  {
    std::lock_guard<std::mutex> lock(d_->mutex);
    d_->stopping = true;
  }
  d_->wake.notify_all();
  if (d_->heartbeat.joinable()) d_->heartbeat.join();
}

std::unique_ptr<Group> Group::connect(const LaunchEnv& env, const GroupOptions& options, const torch::Device& device,
                                      std::string& error) {
  const std::string backend = resolveBackend(options.backend, device, error);
  if (backend.empty()) return nullptr;
  auto d = std::make_unique<Impl>();
  d->env = env;
  d->backend = backend;
  d->timeoutS = options.timeout_s;
  d->device = device;
  const std::chrono::milliseconds timeout(static_cast<int64_t>(options.timeout_s) * 1000);
  const std::string where = env.master_addr + ":" + std::to_string(env.master_port);
  try {
    d->store = openStore(env, env.rank == 0, timeout);
    d->watch = openStore(env, false, timeout);
    auto prefixed = c10::make_intrusive<c10d::PrefixStore>("fusebench/pg", d->store);
    if (backend == "gloo") {
      auto o = c10d::ProcessGroupGloo::Options::create(timeout);
      if (const char* ifname = std::getenv("GLOO_SOCKET_IFNAME"); ifname && *ifname)
        o->devices.push_back(c10d::ProcessGroupGloo::createDeviceForInterface(ifname));
      else if (loopback(env.master_addr))
        o->devices.push_back(c10d::ProcessGroupGloo::createDeviceForHostname("127.0.0.1"));
      else
        o->devices.push_back(c10d::ProcessGroupGloo::createDefaultDevice());
      o->threads = 2;
      d->pg = c10::make_intrusive<c10d::ProcessGroupGloo>(prefixed, env.rank, env.world_size, o);
    } else {
#ifdef FUSEBENCH_WITH_NCCL
      auto o = c10d::ProcessGroupNCCL::Options::create();
      o->timeout = timeout;
      d->pg = c10::make_intrusive<c10d::ProcessGroupNCCL>(prefixed, env.rank, env.world_size, o);
#endif
    }
    d->store->set("fusebench/host/" + std::to_string(env.rank), bytesOf(thisHost()));
    for (int r = 0; r < env.world_size; ++r) d->hosts.push_back(textOf(d->store->get("fusebench/host/" + std::to_string(r))));
  } catch (const std::exception& e) {
    std::string why = e.what();
    if (why.size() > 400) why = why.substr(0, 400) + "…";
    error = "rank " + std::to_string(env.rank) + " of " + std::to_string(env.world_size) + " could not meet the others at " +
            where + " (" + backend + ", timeout " + std::to_string(options.timeout_s) + " s): " + why;
    return nullptr;
  }
  Impl* raw = d.get();
  d->heartbeat = std::thread([raw] { raw->beat(); });
  return std::unique_ptr<Group>(new Group(std::move(d)));
}

int Group::rank() const { return d_->env.rank; }
int Group::size() const { return d_->env.world_size; }
const std::string& Group::backend() const { return d_->backend; }
const LaunchEnv& Group::env() const { return d_->env; }
int Group::timeoutSeconds() const { return d_->timeoutS; }
const std::vector<std::string>& Group::hosts() const { return d_->hosts; }

void Group::broadcast(const std::vector<torch::Tensor>& tensors) {
  for (const auto& t : tensors) {
    std::vector<at::Tensor> one{t};
    d_->run(d_->pg->broadcast(one), "broadcasting the weights");
  }
}

void Group::allReduceSum(torch::Tensor& tensor) {
  std::vector<at::Tensor> one{tensor};
  d_->run(d_->pg->allreduce(one), "an all-reduce");
}

namespace {
class PendingWork : public Group::Pending {
 public:
  PendingWork(c10::intrusive_ptr<c10d::Work> work, std::function<void(const c10::intrusive_ptr<c10d::Work>&)> finish)
      : work_(std::move(work)), finish_(std::move(finish)) {}
  void wait() override {
    if (work_) finish_(work_);
    work_.reset();
  }
 private:
  c10::intrusive_ptr<c10d::Work> work_;
  std::function<void(const c10::intrusive_ptr<c10d::Work>&)> finish_;
};
}  // namespace

std::unique_ptr<Group::Pending> Group::startAllReduceSum(torch::Tensor tensor) {
  std::vector<at::Tensor> one{std::move(tensor)};
  Impl* d = d_.get();
  return std::make_unique<PendingWork>(d->pg->allreduce(one),
                                       [d](const c10::intrusive_ptr<c10d::Work>& w) { d->run(w, "averaging the gradients"); });
}

std::vector<double> Group::sum(const std::vector<double>& values) {
  auto t = torch::tensor(values, torch::kDouble).to(d_->device);
  allReduceSum(t);
  t = t.to(torch::kCPU);
  return {t.data_ptr<double>(), t.data_ptr<double>() + t.numel()};
}

torch::Tensor Group::gatherRows(const torch::Tensor& rows) {
  const auto local = rows.to(d_->device).contiguous();
  // The row counts first: collectives need equal sizes, so each rank's rows travel padded to the largest.
  auto counts = torch::zeros({size()}, torch::TensorOptions().dtype(torch::kLong).device(d_->device));
  counts[rank()] = local.size(0);
  allReduceSum(counts);
  counts = counts.to(torch::kCPU);
  const int64_t most = counts.max().item<int64_t>();
  auto shape = local.sizes().vec();
  shape[0] = most;
  auto padded = torch::zeros(shape, local.options());
  if (local.size(0) > 0) padded.narrow(0, 0, local.size(0)).copy_(local);
  std::vector<std::vector<at::Tensor>> out(1);
  for (int r = 0; r < size(); ++r) out[0].push_back(torch::empty_like(padded));
  std::vector<at::Tensor> in{padded};
  d_->run(d_->pg->allgather(out, in), "gathering the evaluation");
  std::vector<torch::Tensor> parts;
  for (int r = 0; r < size(); ++r) parts.push_back(out[0][r].narrow(0, 0, counts[r].item<int64_t>()));
  return torch::cat(parts).to(rows.device());
}

std::string Group::compareWithLeader(const std::vector<std::pair<std::string, std::string>>& fingerprints) {
  // Through the store: the values are text, and a difference must be told on every rank, not only found.
  const std::string prefix = "fusebench/fingerprint/";
  for (const auto& [name, value] : fingerprints) d_->store->set(prefix + name + "/" + std::to_string(rank()), bytesOf(value));
  std::vector<std::string> keys;
  for (int r = 0; r < size(); ++r)
    for (const auto& entry : fingerprints) keys.push_back(prefix + entry.first + "/" + std::to_string(r));
  d_->awaitKeys(keys, "waiting for every rank to prepare its data");
  std::string differs;
  for (int r = 1; r < size(); ++r)
    for (const auto& [name, value] : fingerprints) {
      const auto leaderValue = d_->store->get(prefix + name + "/0");
      if (d_->store->get(prefix + name + "/" + std::to_string(r)) != leaderValue)
        differs += (differs.empty() ? "" : "; ") + ("rank " + std::to_string(r) + "'s " + name + " differs from rank 0's");
    }
  return differs;
}

void Group::reportFailure(const std::string& error) {
  try {
    d_->watch->set(failedKey(rank()), bytesOf(error));
    d_->watch->add(kFailures, 1);
    // Rank 0's store ends with its process: the others' heartbeats fetch the note within half a second.
    if (leader() && size() > 1) std::this_thread::sleep_for(1500ms);
  } catch (const std::exception&) {
  }
}

std::string Group::explainFailure(const std::string& what) { return d_->explain(what); }

}  // namespace fusebench::dist
