#pragma once
// This process's membership of a distributed run: PyTorch's c10d process group (Gloo on the CPU, NCCL on
// CUDA where LibTorch has it) over a TCPStore rendezvous that rank 0 hosts, plus what c10d does not say:
// which rank was lost when a collective fails. Every rank keeps a heartbeat counter in the store and
// posts its error there before it stops, so a survivor names the rank ("rank 1 stopped: …" or "rank 1 was
// lost: no heartbeat …") instead of Gloo's "Connection closed by peer [127.0.0.1]:35227".
// Collectives must be called in the same order on every rank; each throws std::runtime_error with that
// explanation when a rank is lost, or when one does not arrive within the timeout.
// Engine-internal (torch in the interface; c10d only in group.cpp).
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <torch/torch.h>

#include "dist/launch_env.h"

namespace fusebench::dist {

struct GroupOptions {
  std::string backend = "auto";  // auto (NCCL for CUDA where built in, else Gloo) | gloo | nccl
  int timeout_s = 120;           // for every rank to arrive, and for any one collective
};

// "auto" resolved for the device, or "" with `error` ("the NCCL backend needs …").
std::string resolveBackend(const std::string& wanted, const torch::Device& device, std::string& error);

class Group {
 public:
  // Meets the other ranks at env.master_addr:master_port (rank 0 listens there) and forms the process
  // group. nullptr with `error` naming the address, the timeout and what went wrong.
  static std::unique_ptr<Group> connect(const LaunchEnv& env, const GroupOptions& options, const torch::Device& device,
                                        std::string& error);
  ~Group();
  Group(const Group&) = delete;
  Group& operator=(const Group&) = delete;

  int rank() const;
  int size() const;
  bool leader() const { return rank() == 0; }
  const std::string& backend() const;
  const LaunchEnv& env() const;
  int timeoutSeconds() const;
  // Every rank's host name, in rank order (gathered at connect).
  const std::vector<std::string>& hosts() const;

  // rank 0's values into every rank's tensors, in place.
  void broadcast(const std::vector<torch::Tensor>& tensors);
  void allReduceSum(torch::Tensor& tensor);
  // An all-reduce started now and finished by wait(), so that it runs while the caller computes.
  class Pending {
   public:
    virtual ~Pending() = default;
    virtual void wait() = 0;
  };
  std::unique_ptr<Pending> startAllReduceSum(torch::Tensor tensor);
  std::vector<double> sum(const std::vector<double>& values);
  // Every rank's rows ([n_r, ...], n_r may differ; trailing sizes and dtype must not) in rank order.
  torch::Tensor gatherRows(const torch::Tensor& rows);
  // Compares each named fingerprint with rank 0's: "" when every rank agrees, else what differs where
  // ("rank 1's graph differs from rank 0's; rank 1's dataset differs from rank 0's"), the same on all ranks.
  std::string compareWithLeader(const std::vector<std::pair<std::string, std::string>>& fingerprints);
  // Posts this rank's error where the other ranks' explanations find it; call before giving up.
  void reportFailure(const std::string& error);
  // Why a collective failed, naming the lost or failed rank where it can be told.
  std::string explainFailure(const std::string& what);

 private:
  struct Impl;
  explicit Group(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> d_;
};

}  // namespace fusebench::dist
