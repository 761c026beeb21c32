#pragma once
// ONNX (opset 17) forms of the LibTorch layers and helpers the node modules use, each written to give the
// same numbers as its LibTorch counterpart in eval mode. Tensors are batch-first throughout; where LibTorch
// wants sequence-first (attention, RNNs) the ONNX form does not transpose at all or does so inside.
#include "export/onnx_graph.h"

namespace fusebench::onnx_export {

using Name = std::string;

// Shape plumbing.
Name unsqueeze(OnnxGraph& g, const Name& x, const std::vector<int64_t>& axes);
Name squeeze(OnnxGraph& g, const Name& x, const std::vector<int64_t>& axes);
Name transpose(OnnxGraph& g, const Name& x, const std::vector<int64_t>& perm);
Name reshape(OnnxGraph& g, const Name& x, const std::vector<int64_t>& shape);  // 0 copies a dim, -1 infers one
Name concat(OnnxGraph& g, const std::vector<Name>& xs, int64_t axis);
Name sliceAxis(OnnxGraph& g, const Name& x, int64_t axis, int64_t start, int64_t end);
Name cast(OnnxGraph& g, const Name& x, ElemType to);
Name batchSize(OnnxGraph& g, const Name& x);  // [1] int64: x's first dimension

// Arithmetic and reductions (axes as in LibTorch; keepdims false unless asked).
Name add(OnnxGraph& g, const Name& a, const Name& b);
Name sub(OnnxGraph& g, const Name& a, const Name& b);
Name mul(OnnxGraph& g, const Name& a, const Name& b);
Name div(OnnxGraph& g, const Name& a, const Name& b);
Name reduceSum(OnnxGraph& g, const Name& x, const std::vector<int64_t>& axes, bool keepdims = false);
Name reduceMean(OnnxGraph& g, const Name& x, const std::vector<int64_t>& axes, bool keepdims = false);
Name activation(OnnxGraph& g, const Name& x, const std::string& name);  // none|relu|gelu|tanh (GELU: erf form)

// Layers, from the module's own parameters.
Name linear(OnnxGraph& g, const torch::nn::LinearImpl& l, const Name& x);  // over the last dimension
Name conv(OnnxGraph& g, const torch::Tensor& weight, const torch::Tensor& bias, const Name& x,
          const std::vector<int64_t>& stride, const std::vector<int64_t>& padding);
Name batchNorm(OnnxGraph& g, const torch::Tensor& weight, const torch::Tensor& bias, const torch::Tensor& mean,
               const torch::Tensor& var, double eps, const Name& x);
Name layerNorm(OnnxGraph& g, const torch::nn::LayerNormImpl& n, const Name& x);
Name embedding(OnnxGraph& g, const torch::nn::EmbeddingImpl& e, const Name& ids);
// Any module of a torch::nn::Sequential made of Conv1d/2d, BatchNorm1d/2d, ReLU, MaxPool/AvgPool 1d/2d,
// Dropout and nested Sequentials; anything else is Unsupported, naming the layer.
Name sequential(OnnxGraph& g, const torch::nn::Sequential& s, const Name& x);
Name layer(OnnxGraph& g, const std::shared_ptr<torch::nn::Module>& m, const Name& x);

// nodes/node_module.h's helpers.
Name maskedMean(OnnxGraph& g, const Name& x, const Name& mask);   // x [B, L, D], mask [B, L] bool
Name zeroMissing(OnnxGraph& g, const Name& x, const Name& present, int64_t rank);
Name safeKeyPaddingMask(OnnxGraph& g, const Name& valid);         // [B, L] bool -> true = ignore
Name asTokens(OnnxGraph& g, const OnnxPort& v, int64_t rank, Name* mask_out);
Name onesMask(OnnxGraph& g, const Name& tokens);                  // [B, L] all true for tokens [B, L, D]
Name maskedSoftmax(OnnxGraph& g, const Name& logits, const Name& present, int64_t axis);
Name anyOf(OnnxGraph& g, const std::vector<Name>& bools);
Name maskTokens(OnnxGraph& g, const Name& tokens, const Name& mask);  // tokens * mask[..., None]

// Attention and sequence layers; q, k, v and masks batch-first ([B, L, D], key_padding_mask [B, Lk], true = ignore).
struct AttentionOut {
  Name out, weights;  // [B, Lq, D], [B, Lq, Lk] averaged over heads
};
AttentionOut multiheadAttention(OnnxGraph& g, const torch::nn::MultiheadAttentionImpl& mha, const Name& q, const Name& k,
                                const Name& v, const Name& key_padding_mask);
Name transformerEncoder(OnnxGraph& g, const torch::nn::TransformerEncoderImpl& enc, const Name& x,
                        const Name& key_padding_mask);
// x [B, L, D] through a (bi)LSTM or GRU with per-sample lengths [B] int32 (as packed sequences: padding never
// enters the recurrence); returns [B, L, directions * hidden], zero past each length.
Name recurrent(OnnxGraph& g, torch::nn::Module& rnn, bool gru, int64_t layers, bool bidirectional, int64_t hidden,
               const Name& x, const Name& lengths);

}  // namespace fusebench::onnx_export
