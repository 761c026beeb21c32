#pragma once
// Moving batches to the run's device and mixed precision, for the trainer. Engine-internal (torch).
#include <torch/torch.h>

#include "data/loader.h"

namespace fusebench::train {

void toDevice(data::Batch& b, const torch::Device& d);

// Mixed precision on CUDA or the CPU: the forward pass and the loss run under autocast (matmuls and
// convolutions in bfloat16, reductions and losses in float32); backward and the optimizer stay in float32,
// and the weights are kept in float32 (master weights; checkpoints unchanged). bfloat16 keeps float32's
// range, so no loss scaling is needed (fp16 would need a GradScaler, absent from the C++ API).
class AutocastScope {
 public:
  AutocastScope(bool on, const torch::Device& device);
  ~AutocastScope();
  AutocastScope(const AutocastScope&) = delete;
  AutocastScope& operator=(const AutocastScope&) = delete;

 private:
  bool on_, cpu_;
};

// Why bf16 cannot run on `device`, or "" when it can: on the CPU it needs bfloat16 products in hardware
// (util::cpuBf16Support), since emulated bfloat16 is slower than float32.
std::string bf16Refusal(const torch::Device& device);

// Makes `device` current in the calling thread (CUDA only; the current device is per thread).
void useDeviceInThisThread(const std::string& device);

}  // namespace fusebench::train
