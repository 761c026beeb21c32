#include "dist/gradient_averager.h"

#include <chrono>
#include <cstdio>

namespace fusebench::dist {

GradientAverager::GradientAverager(Group& group, int64_t bucket_bytes, int64_t first_bucket_bytes)
    : group_(group), bucketBytes_(bucket_bytes), firstBucketBytes_(first_bucket_bytes) {}

GradientAverager::~GradientAverager() { removeHooks(); }

void GradientAverager::removeHooks() {
  for (std::size_t i = 0; i < hooks_.size(); ++i) params_[i].remove_hook(hooks_[i]);
  hooks_.clear();
}

void GradientAverager::track(const std::vector<torch::Tensor>& all) {
  removeHooks();
  params_.clear();
  for (const auto& p : all)
    if (p.requires_grad()) params_.push_back(p);
  buckets_.clear();
  bucketOf_.assign(params_.size(), 0);
  slotOf_.assign(params_.size(), 0);
  // Reverse order: backward reaches the last layers first. A bucket holds one dtype and device.
  int64_t bytes = 0;
  for (std::size_t k = params_.size(); k-- > 0;) {
    const auto& p = params_[k];
    const int64_t cap = buckets_.size() == 1 ? firstBucketBytes_ : bucketBytes_;  // the first bucket is the small one
    const bool fits = !buckets_.empty() && bytes + static_cast<int64_t>(p.nbytes()) <= cap &&
                      buckets_.back().flat.dtype() == p.dtype() && buckets_.back().flat.device() == p.device();
    if (!fits) {
      buckets_.emplace_back();
      buckets_.back().flat = torch::empty({0}, p.options().requires_grad(false));
      bytes = 0;
    }
    Bucket& b = buckets_.back();
    bucketOf_[k] = buckets_.size() - 1;
    slotOf_[k] = b.params.size();
    b.offsets.push_back(bytes / p.element_size());
    b.params.push_back(k);
    bytes += static_cast<int64_t>(p.nbytes());
  }
  for (auto& b : buckets_) {
    int64_t n = 0;
    for (auto k : b.params) n += params_[k].numel();
    b.flat = torch::zeros({n}, b.flat.options());
  }
  for (std::size_t k = 0; k < params_.size(); ++k)
    hooks_.push_back(params_[k].register_hook([this, k](const torch::Tensor& grad) { onGradient(k, grad); }));
}

void GradientAverager::beginStep() {
  arrived_.assign(params_.size(), false);
  for (auto& b : buckets_) {
    b.waiting = b.params.size();
    b.work.reset();
  }
  nextToLaunch_ = 0;
  armed_ = true;
}

void GradientAverager::onGradient(std::size_t k, const torch::Tensor& grad) {
  if (!armed_ || arrived_[k]) return;
  Bucket& b = buckets_[bucketOf_[k]];
  b.flat.narrow(0, b.offsets[slotOf_[k]], params_[k].numel()).copy_(grad.reshape(-1));
  arrived_[k] = true;
  if (--b.waiting == 0) launchReadyBuckets();
}

void GradientAverager::launchReadyBuckets() {
  while (nextToLaunch_ < buckets_.size() && buckets_[nextToLaunch_].waiting == 0) {
    Bucket& b = buckets_[nextToLaunch_++];
    b.work = group_.startAllReduceSum(b.flat);
  }
}

void GradientAverager::finishStep() {
  armed_ = false;
  // Gradients that never came (an unused branch, or no backward at all): zeros, so the buckets still go.
  for (std::size_t k = 0; k < params_.size(); ++k) {
    if (arrived_[k]) continue;
    Bucket& b = buckets_[bucketOf_[k]];
    b.flat.narrow(0, b.offsets[slotOf_[k]], params_[k].numel()).zero_();
    arrived_[k] = true;
    --b.waiting;
  }
  launchReadyBuckets();
  const auto waitStart = std::chrono::steady_clock::now();
  const double scale = 1.0 / group_.size();
  for (auto& b : buckets_) {
    b.work->wait();
    b.flat.mul_(scale);
  }
  lastWait_ = std::chrono::duration<double>(std::chrono::steady_clock::now() - waitStart).count();
  for (std::size_t k = 0; k < params_.size(); ++k) {
    const Bucket& b = buckets_[bucketOf_[k]];
    auto average = b.flat.narrow(0, b.offsets[slotOf_[k]], params_[k].numel()).view(params_[k].sizes());
    auto& grad = params_[k].mutable_grad();
    if (grad.defined())
      grad.copy_(average);
    else
      grad = average.clone();
  }
}

std::string GradientAverager::describe() const {
  std::string s = std::to_string(buckets_.size()) + (buckets_.size() == 1 ? " bucket" : " buckets");
  for (std::size_t i = 0; i < buckets_.size(); ++i) {
    char mib[32];
    std::snprintf(mib, sizeof mib, "%.1f", static_cast<double>(buckets_[i].flat.nbytes()) / (1 << 20));
    s += (i == 0 ? ": " : ", ") + std::string(mib) + (i + 1 == buckets_.size() ? " MiB" : "");
  }
  return s;
}

}  // namespace fusebench::dist
