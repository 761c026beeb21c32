#pragma once
// Taps: named points inside node modules where an explainer may look at, or replace, an intermediate tensor
// (a convolutional stage for Grad-CAM, the token embeddings for Integrated Gradients on text). Without an
// installed recorder a tap costs one thread-local read and returns its input. The recorder is per thread
// because explanations run beside training on other threads with the same kind of model.
#include <torch/torch.h>

#include <functional>
#include <map>
#include <string>

namespace fusebench::nodes {

struct TapRecorder {
  // "node.tap" -> the tensor seen there, still attached to the autograd graph.
  std::map<std::string, torch::Tensor> seen;
  // "node.tap" -> replacement; the tap returns replace(x) instead of x.
  std::map<std::string, std::function<torch::Tensor(const torch::Tensor&)>> replace;
  std::string node;  // the node running now; set by FusionModel::forward
};

// Installs a recorder on this thread for its lifetime.
class TapScope {
 public:
  explicit TapScope(TapRecorder& recorder);
  ~TapScope();
  TapScope(const TapScope&) = delete;
  TapScope& operator=(const TapScope&) = delete;

 private:
  TapRecorder* previous_;
};

TapRecorder* currentTapRecorder();

// Called inside a node's forward.
torch::Tensor tap(const char* name, const torch::Tensor& x);

}  // namespace fusebench::nodes
