#pragma once
// The optimizer a TrainConfig asks for (torch side).
#include <memory>

#include <torch/torch.h>

#include "train/train_config.h"

namespace fusebench::train {

std::unique_ptr<torch::optim::Optimizer> makeOptimizer(const TrainConfig& c, std::vector<torch::Tensor> params);

// Resident memory of this process now and at its peak, in MiB (Linux /proc and getrusage).
double residentMiB();
double peakResidentMiB();

}  // namespace fusebench::train
