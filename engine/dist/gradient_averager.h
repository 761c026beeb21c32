#pragma once
// Data-parallel gradient averaging that overlaps the backward pass, as PyTorch's DDP does: the trainable
// parameters are grouped into buckets in reverse order (the order backward produces their gradients; the
// first bucket small, so that communication starts early), and a hook on each parameter copies its
// gradient into its bucket as soon as autograd has it. A full bucket's all-reduce starts at once, on
// c10d's threads, while backward goes on; buckets start strictly in order, so that every rank issues the
// same collectives in the same order. After backward, finishStep() waits for the rest and writes the
// averages (sum / world size, no rescaling of the learning rate) into the parameters' .grad.
// A parameter that got no gradient on this rank (an unused branch) contributes zeros. Engine-internal.
#include <memory>
#include <string>
#include <vector>

#include <torch/torch.h>

#include "dist/group.h"

namespace fusebench::dist {

class GradientAverager {
 public:
  explicit GradientAverager(Group& group, int64_t bucket_bytes = int64_t{25} << 20, int64_t first_bucket_bytes = int64_t{1} << 20);
  ~GradientAverager();
  GradientAverager(const GradientAverager&) = delete;
  GradientAverager& operator=(const GradientAverager&) = delete;

  // The parameters that train now (those that require gradients); again whenever that set changes
  // (a freeze schedule). The same on every rank.
  void track(const std::vector<torch::Tensor>& params);
  void beginStep();   // before backward
  void finishStep();  // after backward (or without one: a rank with nothing to train contributes zeros)
  // "3 buckets: 1.0, 25.0, 4.2 MiB"
  std::string describe() const;
  // Of the last step: seconds finishStep() waited for communication that backward did not hide.
  double lastWaitSeconds() const { return lastWait_; }

 private:
  struct Bucket {
    std::vector<std::size_t> params;   // indices into params_
    std::vector<int64_t> offsets;      // where each starts in `flat`
    torch::Tensor flat;
    std::size_t waiting = 0;           // gradients still to arrive this step
    std::unique_ptr<Group::Pending> work;
  };
  void onGradient(std::size_t param, const torch::Tensor& grad);
  void launchReadyBuckets();
  void removeHooks();

  Group& group_;
  int64_t bucketBytes_, firstBucketBytes_;
  std::vector<torch::Tensor> params_;
  std::vector<unsigned> hooks_;
  std::vector<std::size_t> bucketOf_, slotOf_;
  std::vector<bool> arrived_;
  std::vector<Bucket> buckets_;
  std::size_t nextToLaunch_ = 0;
  bool armed_ = false;
  double lastWait_ = 0;
};

}  // namespace fusebench::dist
