#pragma once
// The fully connected layer of every node: torch::nn::Linear's parameters, initialization and names (so
// checkpoints and bundles are unchanged), with its float32 CPU matrix products done by oneDNN's sgemm.
//
// Why: Debian's LibTorch sends float32 matrix products to the system BLAS, by default the reference
// (unoptimized) one. For the fusion MLP benchmark that was 61% of a training step; oneDNN, which LibTorch
// already loads for convolutions, multiplies these shapes 15-18x faster on this machine. Under CPU autocast
// (bf16 mixed precision) small products stay there too, in float32, since casting costs more than bfloat16
// saves; large ones take autocast's bfloat16 path. Anything else (CUDA, other dtypes, a build without
// oneDNN, FUSEBENCH_GEMM=blas in the environment) takes torch::nn::Linear's own path, and a double backward
// (create_graph) gets differentiable products.
#include <torch/torch.h>

namespace fusebench::nodes {

class LinearLayerImpl : public torch::nn::LinearImpl {
 public:
  using torch::nn::LinearImpl::LinearImpl;
  torch::Tensor forward(const torch::Tensor& input);
};
TORCH_MODULE(LinearLayer);

// Whether LinearLayer's float32 CPU products go through oneDNN in this process (built with it, and not
// switched off by FUSEBENCH_GEMM=blas).
bool linearUsesOneDnn();

}  // namespace fusebench::nodes
