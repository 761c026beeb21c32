#pragma once
// The optimizer of a training run: libtorch's SGD, Adam or AdamW arithmetic, done over flat buffers.
//
// Why: a small model's step is dominated by per-operator overhead, and libtorch's optimizers dispatch about
// 34 operators per parameter tensor (in the fusion-MLP benchmark, 408 of a step's 765 operator calls were
// the AdamW update; zeroing the gradients and their norm cost dozens more). Here every trainable parameter,
// its gradient and its optimizer state are views into one contiguous buffer each, so zeroing, the norm,
// clipping and the update are a handful of whole-buffer operations whatever the number of tensors.
//
// The state stays libtorch's own (SGDParamState, AdamParamState, AdamWParamState, whose tensors are views
// into the flat buffers), so checkpoints are written and read by libtorch exactly as before. Whatever moves
// a tensor out of its buffer (loading a checkpoint, model.to(), a gradient replaced) is noticed at the next
// step by pointer checks, and the values are copied back in. Whatever the flat path cannot do exactly as
// libtorch would (a parameter that got no gradient, unequal step counts, mixed dtypes or devices, sparse
// gradients, amsgrad, several parameter groups, a frozen parameter unfrozen later) runs libtorch's own
// per-tensor step instead, and once step counts differ it stays there for the rest of the run.
// The flat path is for CPU parameters only: on CUDA, LibTorch's RNNs keep their weights in cuDNN's own
// single buffer (flatten_parameters), which moving them would undo, and the path has not been run on a GPU.
#include <memory>
#include <string>
#include <vector>

#include <torch/torch.h>

#include "train/train_config.h"

namespace fusebench::train {

// Parameters that learn at lr_multiplier times the run's learning rate (NodeSpec::lr_multiplier).
struct ParameterGroup {
  std::vector<torch::Tensor> params;
  double lr_multiplier = 1.0;
};

class TrainingOptimizer {
 public:
  TrainingOptimizer(const TrainConfig& c, std::vector<torch::Tensor> params);
  // One libtorch parameter group per entry, in order (the per-tensor path when there are several).
  TrainingOptimizer(const TrainConfig& c, std::vector<ParameterGroup> groups);
  ~TrainingOptimizer();
  TrainingOptimizer(const TrainingOptimizer&) = delete;
  TrainingOptimizer& operator=(const TrainingOptimizer&) = delete;

  void setLearningRate(double lr);  // each group's: lr * its multiplier
  std::vector<double> groupLearningRates() const;
  void zeroGrad();
  // The 2-norm of all gradients together (NaN or Inf when one is not finite). When max_norm > 0 and the norm
  // exceeds it, the gradients are scaled down to max_norm (torch.nn.utils.clip_grad_norm_'s rule).
  double clipGradNorm(double max_norm);
  void step();

  void save(torch::serialize::OutputArchive& archive) const;
  void load(torch::serialize::InputArchive& archive);

  // Whether the last step() ran on the flat buffers, and if not, why (for the run's log and for tests).
  bool lastStepWasFlat() const;
  std::string lastStepPath() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> d_;
};

}  // namespace fusebench::train
