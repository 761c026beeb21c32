#pragma once
// The runtime side of a node: a torch::nn::Module that maps named port values to named port values.
// Every node type is an XOptions + XImpl + TORCH_MODULE(X) triple deriving from NodeModuleImpl, so the
// compiled model can hold them uniformly and register each one as a submodule.
#include <torch/torch.h>

#include <map>

#include "export/onnx_graph.h"
#include <string>

namespace fusebench::nodes {

// What travels along one edge for a batch of B samples.
struct PortValue {
  torch::Tensor value;    // [B, ...] data (token ids for text, numeric values for tabular)
  torch::Tensor present;  // [B] bool: the modality exists for this sample (false = missing, masked)
  torch::Tensor mask;     // [B, L] bool for text and token sequences: true = a real token; else undefined
  torch::Tensor aux;      // tabular only: categorical ids [B, K] (int64); else undefined
};

using PortValues = std::map<std::string, PortValue>;

class NodeModuleImpl : public torch::nn::Module {
 public:
  virtual PortValues forward(const PortValues& inputs) = 0;

  // The same computation as forward in eval mode, emitted as ONNX operators (export/onnx_ops.h) from the input
  // ports' value names. Kept beside forward in each node's file so that a change to one shows in the other; the
  // export test compares the two in ONNX Runtime for every node type. Throws onnx_export::Unsupported.
  virtual onnx_export::OnnxPorts toOnnx(onnx_export::OnnxGraph& g, const onnx_export::OnnxPorts& inputs);

  // Named tensors kept from the last forward for previews and explanations:
  // "attention" (cross-modal attention weights), "gates", "modality_weights", "feature_map", ...
  const std::map<std::string, torch::Tensor>& internals() const { return internals_; }

 protected:
  std::map<std::string, torch::Tensor> internals_;
};

// Helpers shared by node implementations.

// Mean over the sequence dimension (1) of x [B, L, D], counting only positions where mask [B, L] is true.
torch::Tensor maskedMean(const torch::Tensor& x, const torch::Tensor& mask);

// Zeroes the rows of x [B, ...] whose present [B] is false.
torch::Tensor zeroMissing(const torch::Tensor& x, const torch::Tensor& present);

// A key padding mask (true = ignore) that never hides every key of a row, since softmax over no keys is
// NaN. Rows with no valid key get their first key unmasked; their result must be discarded by the caller.
torch::Tensor safeKeyPaddingMask(const torch::Tensor& valid);

// Drops whole modalities at random during training: each present flag is cleared with probability p,
// but a sample never loses all of its present modalities.
std::vector<torch::Tensor> modalityDropout(const std::vector<torch::Tensor>& present, double p, bool training);

// Features -> [B, 1, D] tokens with an all-true mask; tokens pass through.
torch::Tensor asTokens(const PortValue& v, torch::Tensor* mask_out);

torch::Tensor activation(const torch::Tensor& x, const std::string& name);  // none|relu|gelu|tanh

}  // namespace fusebench::nodes
