#pragma once
// Sets LibTorch's intra-op thread count for a scope and gives the previous count back: at::set_num_threads
// is process-wide, so an evaluation or explanation beside a training run must not keep its own count.
#include <ATen/Parallel.h>

namespace fusebench::train {

class ThreadCountScope {
 public:
  explicit ThreadCountScope(int threads) : previous_(at::get_num_threads()), set_(threads > 0) {
    if (set_) at::set_num_threads(threads);
  }
  ~ThreadCountScope() {
    if (set_) at::set_num_threads(previous_);
  }
  ThreadCountScope(const ThreadCountScope&) = delete;
  ThreadCountScope& operator=(const ThreadCountScope&) = delete;

 private:
  int previous_;
  bool set_;
};

}  // namespace fusebench::train
