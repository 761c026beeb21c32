#include "nodes/node_module.h"

namespace fusebench::nodes {

onnx_export::OnnxPorts NodeModuleImpl::toOnnx(onnx_export::OnnxGraph&, const onnx_export::OnnxPorts&) {
  throw onnx_export::Unsupported("this node type has no ONNX form");
}

torch::Tensor maskedMean(const torch::Tensor& x, const torch::Tensor& mask) {
  auto m = mask.to(x.dtype()).unsqueeze(-1);  // [B, L, 1]
  auto count = m.sum(1).clamp_min(1.0);       // a row with no valid position averages to zero
  return (x * m).sum(1) / count;
}

torch::Tensor zeroMissing(const torch::Tensor& x, const torch::Tensor& present) {
  std::vector<int64_t> shape(x.dim(), 1);
  shape[0] = x.size(0);
  return x * present.to(x.dtype()).view(shape);
}

torch::Tensor safeKeyPaddingMask(const torch::Tensor& valid) {
  auto none = valid.logical_not().all(1, /*keepdim=*/true);  // [B, 1]
  auto fixed = valid.clone();
  fixed.index_put_({torch::indexing::Slice(), 0}, valid.index({torch::indexing::Slice(), 0}).logical_or(none.squeeze(1)));
  return fixed.logical_not();
}

std::vector<torch::Tensor> modalityDropout(const std::vector<torch::Tensor>& present, double p, bool training) {
  if (!training || p <= 0.0 || present.size() < 2) return present;
  std::vector<torch::Tensor> kept;
  for (const auto& pr : present) kept.push_back(pr.logical_and(torch::rand(pr.sizes(), pr.options().dtype(torch::kFloat)) >= p));
  auto any = torch::zeros_like(present[0]);
  for (const auto& k : kept) any = any.logical_or(k);
  for (std::size_t i = 0; i < kept.size(); ++i) kept[i] = torch::where(any, kept[i], present[i]);
  return kept;
}

torch::Tensor asTokens(const PortValue& v, torch::Tensor* mask_out) {
  if (v.value.dim() == 3) {
    if (mask_out) *mask_out = v.mask.defined() ? v.mask : torch::ones({v.value.size(0), v.value.size(1)}, v.value.options().dtype(torch::kBool));
    return v.value;
  }
  if (mask_out) *mask_out = torch::ones({v.value.size(0), 1}, v.value.options().dtype(torch::kBool));
  return v.value.unsqueeze(1);
}

torch::Tensor activation(const torch::Tensor& x, const std::string& name) {
  if (name == "relu") return torch::relu(x);
  if (name == "gelu") return torch::gelu(x);
  if (name == "tanh") return torch::tanh(x);
  return x;
}

}  // namespace fusebench::nodes
