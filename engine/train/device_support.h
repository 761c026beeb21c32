#pragma once
// Moving batches to the run's device and CUDA mixed precision, for the trainer. Engine-internal (torch).
#include <torch/torch.h>

#include "data/loader.h"

namespace fusebench::train {

void toDevice(data::Batch& b, const torch::Device& d);

// Mixed precision on CUDA: the forward pass and the loss run under autocast (matmuls and convolutions in
// bfloat16, reductions and losses in float32); backward and the optimizer stay in float32. bfloat16 keeps
// float32's range, so no loss scaling is needed (fp16 would need a GradScaler, absent from the C++ API).
class AutocastScope {
 public:
  explicit AutocastScope(bool on);
  ~AutocastScope();
  AutocastScope(const AutocastScope&) = delete;
  AutocastScope& operator=(const AutocastScope&) = delete;

 private:
  bool on_;
};

// Makes `device` current in the calling thread (CUDA only; the current device is per thread).
void useDeviceInThisThread(const std::string& device);

}  // namespace fusebench::train
