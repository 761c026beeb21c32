#include "export/onnx_ops.h"

#include <cmath>
#include <limits>

namespace fusebench::onnx_export {

namespace nn = torch::nn;

// ----- shape plumbing ------------------------------------------------------------------------------------

Name unsqueeze(OnnxGraph& g, const Name& x, const std::vector<int64_t>& axes) {
  return g.op("Unsqueeze", {x, g.ints(axes)});
}
Name squeeze(OnnxGraph& g, const Name& x, const std::vector<int64_t>& axes) { return g.op("Squeeze", {x, g.ints(axes)}); }
Name transpose(OnnxGraph& g, const Name& x, const std::vector<int64_t>& perm) {
  return g.op("Transpose", {x}, {attr("perm", perm)});
}
Name reshape(OnnxGraph& g, const Name& x, const std::vector<int64_t>& shape) { return g.op("Reshape", {x, g.ints(shape)}); }
Name concat(OnnxGraph& g, const std::vector<Name>& xs, int64_t axis) {
  if (xs.size() == 1) return xs[0];
  return g.op("Concat", xs, {attr("axis", axis)});
}
Name sliceAxis(OnnxGraph& g, const Name& x, int64_t axis, int64_t start, int64_t end) {
  return g.op("Slice", {x, g.ints({start}), g.ints({end}), g.ints({axis})});
}
Name cast(OnnxGraph& g, const Name& x, ElemType to) { return g.op("Cast", {x}, {attr("to", static_cast<int64_t>(to))}); }
Name batchSize(OnnxGraph& g, const Name& x) {
  return g.op("Shape", {x}, {attr("start", int64_t{0}), attr("end", int64_t{1})}, "batch");
}

// ----- arithmetic ------------------------------------------------------------------------------------------

Name add(OnnxGraph& g, const Name& a, const Name& b) { return g.op("Add", {a, b}); }
Name sub(OnnxGraph& g, const Name& a, const Name& b) { return g.op("Sub", {a, b}); }
Name mul(OnnxGraph& g, const Name& a, const Name& b) { return g.op("Mul", {a, b}); }
Name div(OnnxGraph& g, const Name& a, const Name& b) { return g.op("Div", {a, b}); }
Name reduceSum(OnnxGraph& g, const Name& x, const std::vector<int64_t>& axes, bool keepdims) {
  return g.op("ReduceSum", {x, g.ints(axes)}, {attr("keepdims", keepdims ? 1 : 0)});  // axes an input since opset 13
}
Name reduceMean(OnnxGraph& g, const Name& x, const std::vector<int64_t>& axes, bool keepdims) {
  return g.op("ReduceMean", {x}, {attr("axes", axes), attr("keepdims", keepdims ? 1 : 0)});  // an attribute until 18
}

Name activation(OnnxGraph& g, const Name& x, const std::string& name) {
  if (name == "relu") return g.op("Relu", {x});
  if (name == "tanh") return g.op("Tanh", {x});
  if (name == "gelu") {  // torch::gelu's default (exact) form: x / 2 * (1 + erf(x / sqrt 2)); Gelu is opset 20
    auto e = g.op("Erf", {div(g, x, g.scalar(static_cast<float>(std::sqrt(2.0))))});
    return mul(g, mul(g, x, g.scalar(0.5f)), add(g, e, g.scalar(1.0f)));
  }
  return x;
}

// ----- layers ----------------------------------------------------------------------------------------------

Name linear(OnnxGraph& g, const nn::LinearImpl& l, const Name& x) {
  auto y = g.op("MatMul", {x, g.weight(l.weight.t(), "weight")});
  return l.bias.defined() ? add(g, y, g.weight(l.bias, "bias")) : y;
}

Name conv(OnnxGraph& g, const torch::Tensor& weight, const torch::Tensor& bias, const Name& x,
          const std::vector<int64_t>& stride, const std::vector<int64_t>& padding) {
  std::vector<int64_t> kernel(weight.sizes().begin() + 2, weight.sizes().end()), pads = padding;
  pads.insert(pads.end(), padding.begin(), padding.end());
  std::vector<Name> in{x, g.weight(weight, "weight")};
  if (bias.defined()) in.push_back(g.weight(bias, "bias"));
  return g.op("Conv", in, {attr("kernel_shape", kernel), attr("strides", stride), attr("pads", pads)});
}

Name batchNorm(OnnxGraph& g, const torch::Tensor& weight, const torch::Tensor& bias, const torch::Tensor& mean,
               const torch::Tensor& var, double eps, const Name& x) {
  if (!mean.defined() || !var.defined())
    throw Unsupported("batch norm without running statistics (track_running_stats off) has no inference form");
  const auto c = mean.size(0);
  auto w = weight.defined() ? weight : torch::ones({c});
  auto b = bias.defined() ? bias : torch::zeros({c});
  return g.op("BatchNormalization",
              {x, g.weight(w, "bn_scale"), g.weight(b, "bn_bias"), g.weight(mean, "bn_mean"), g.weight(var, "bn_var")},
              {attr("epsilon", static_cast<float>(eps))});
}

Name layerNorm(OnnxGraph& g, const nn::LayerNormImpl& n, const Name& x) {
  if (n.options.normalized_shape().size() != 1) throw Unsupported("layer norm over more than the last dimension");
  const auto d = n.options.normalized_shape()[0];
  auto w = n.weight.defined() ? n.weight : torch::ones({d});
  auto b = n.bias.defined() ? n.bias : torch::zeros({d});
  return g.op("LayerNormalization", {x, g.weight(w, "ln_scale"), g.weight(b, "ln_bias")},
              {attr("axis", int64_t{-1}), attr("epsilon", static_cast<float>(n.options.eps()))});
}

Name embedding(OnnxGraph& g, const nn::EmbeddingImpl& e, const Name& ids) {
  if (e.options.max_norm()) throw Unsupported("an embedding with max_norm renormalizes its weights in forward");
  return g.op("Gather", {g.weight(e.weight, "embedding"), ids}, {attr("axis", int64_t{0})});
}

namespace {

template <std::size_t D, typename Impl>
Name convFrom(OnnxGraph& g, const Impl& c, const Name& x) {
  const auto& o = c.options;
  if (!c10::get_if<torch::ExpandingArray<D>>(&o.padding()))
    throw Unsupported("a convolution with 'same' or 'valid' padding");
  const auto pad = c10::get<torch::ExpandingArray<D>>(o.padding());
  std::vector<int64_t> pads(pad->begin(), pad->end()), strides(o.stride()->begin(), o.stride()->end());
  for (auto d : *o.dilation())
    if (d != 1) throw Unsupported("a dilated convolution");
  if (o.groups() != 1) throw Unsupported("a grouped convolution");
  if (!c10::get_if<torch::enumtype::kZeros>(&o.padding_mode())) throw Unsupported("a convolution padding other than zeros");
  return conv(g, c.weight, c.bias, x, strides, pads);
}

template <typename Impl>
Name poolFrom(OnnxGraph& g, const Impl& p, const Name& x, const std::string& op) {
  const auto& o = p.options;
  std::vector<int64_t> k(o.kernel_size()->begin(), o.kernel_size()->end()), s(o.stride()->begin(), o.stride()->end()),
      pad(o.padding()->begin(), o.padding()->end());
  if (o.ceil_mode()) throw Unsupported("pooling with ceil_mode");
  const std::vector<int64_t> begin = pad;  // ONNX pads: all begins, then all ends
  pad.insert(pad.end(), begin.begin(), begin.end());
  return g.op(op, {x}, {attr("kernel_shape", k), attr("strides", s), attr("pads", pad)});
}

}  // namespace

Name layer(OnnxGraph& g, const std::shared_ptr<nn::Module>& m, const Name& x) {
  if (auto* l = dynamic_cast<nn::LinearImpl*>(m.get())) return linear(g, *l, x);  // also nodes::LinearLayer
  if (auto* c = dynamic_cast<nn::Conv2dImpl*>(m.get())) return convFrom<2>(g, *c, x);
  if (auto* c = dynamic_cast<nn::Conv1dImpl*>(m.get())) return convFrom<1>(g, *c, x);
  if (auto* b = dynamic_cast<nn::BatchNorm2dImpl*>(m.get()))
    return batchNorm(g, b->weight, b->bias, b->running_mean, b->running_var, b->options.eps(), x);
  if (auto* b = dynamic_cast<nn::BatchNorm1dImpl*>(m.get()))
    return batchNorm(g, b->weight, b->bias, b->running_mean, b->running_var, b->options.eps(), x);
  if (dynamic_cast<nn::ReLUImpl*>(m.get())) return g.op("Relu", {x});
  if (auto* p = dynamic_cast<nn::MaxPool2dImpl*>(m.get())) {
    for (auto d : *p->options.dilation())
      if (d != 1) throw Unsupported("dilated max pooling");
    return poolFrom(g, *p, x, "MaxPool");
  }
  if (auto* p = dynamic_cast<nn::MaxPool1dImpl*>(m.get())) {
    for (auto d : *p->options.dilation())
      if (d != 1) throw Unsupported("dilated max pooling");
    return poolFrom(g, *p, x, "MaxPool");
  }
  if (auto* p = dynamic_cast<nn::AvgPool2dImpl*>(m.get())) {
    if (p->options.divisor_override()) throw Unsupported("average pooling with a divisor override");
    return poolFrom(g, *p, x, "AveragePool");
  }
  if (auto* p = dynamic_cast<nn::AvgPool1dImpl*>(m.get())) return poolFrom(g, *p, x, "AveragePool");
  if (dynamic_cast<nn::DropoutImpl*>(m.get())) return x;  // inference: the identity
  if (auto* s = dynamic_cast<nn::SequentialImpl*>(m.get())) {
    Name y = x;
    for (const auto& child : s->children()) y = layer(g, child, y);
    return y;
  }
  throw Unsupported("layer " + m->name() + " has no ONNX form here");
}

Name sequential(OnnxGraph& g, const nn::Sequential& s, const Name& x) { return layer(g, s.ptr(), x); }

// ----- node_module.h's helpers ---------------------------------------------------------------------------------

Name maskedMean(OnnxGraph& g, const Name& x, const Name& mask) {
  auto m = unsqueeze(g, cast(g, mask, ElemType::Float), {-1});             // [B, L, 1]
  auto count = g.op("Max", {reduceSum(g, m, {1}), g.scalar(1.0f)});        // [B, 1]; no valid position -> 0
  return div(g, reduceSum(g, mul(g, x, m), {1}), count);
}

Name zeroMissing(OnnxGraph& g, const Name& x, const Name& present, int64_t rank) {
  std::vector<int64_t> shape(static_cast<std::size_t>(rank), 1);
  shape[0] = -1;
  return mul(g, x, reshape(g, cast(g, present, ElemType::Float), shape));
}

Name safeKeyPaddingMask(OnnxGraph& g, const Name& valid) {
  auto any = g.op("ReduceMax", {cast(g, valid, ElemType::Float)}, {attr("axes", std::vector<int64_t>{1}), attr("keepdims", 1)});
  auto none = g.op("Not", {cast(g, any, ElemType::Bool)});
  auto first = g.op("Or", {sliceAxis(g, valid, 1, 0, 1), none});
  auto fixed = concat(g, {first, sliceAxis(g, valid, 1, 1, std::numeric_limits<int64_t>::max())}, 1);
  return g.op("Not", {fixed}, {}, "key_padding_mask");
}

Name onesMask(OnnxGraph& g, const Name& tokens) {
  auto shape = g.op("Shape", {tokens}, {attr("start", int64_t{0}), attr("end", int64_t{2})});
  return g.op("Expand", {g.boolScalar(true), shape}, {}, "mask");
}

Name asTokens(OnnxGraph& g, const OnnxPort& v, int64_t rank, Name* mask_out) {
  if (rank == 3) {
    if (mask_out) *mask_out = v.mask.empty() ? onesMask(g, v.value) : v.mask;
    return v.value;
  }
  auto t = unsqueeze(g, v.value, {1});
  if (mask_out) *mask_out = onesMask(g, t);
  return t;
}

Name maskedSoftmax(OnnxGraph& g, const Name& logits, const Name& present, int64_t axis) {
  auto masked = g.op("Where", {present, logits, g.scalar(-std::numeric_limits<float>::infinity())});
  auto s = g.op("Softmax", {masked}, {attr("axis", axis)});
  return g.op("Where", {g.op("IsNaN", {s}), g.scalar(0.0f), s}, {}, "softmax");  // none present: zero weights
}

Name anyOf(OnnxGraph& g, const std::vector<Name>& bools) {
  Name any = bools.at(0);
  for (std::size_t i = 1; i < bools.size(); ++i) any = g.op("Or", {any, bools[i]}, {}, "any_present");
  return any;
}

Name maskTokens(OnnxGraph& g, const Name& tokens, const Name& mask) {
  return mul(g, tokens, unsqueeze(g, cast(g, mask, ElemType::Float), {-1}));
}

// ----- attention and sequences ---------------------------------------------------------------------------------

namespace {

// x [B, L, D] -> [B, H, L, hd] (or [B, H, hd, L] with keys_last) after the projection rows [from, from + D).
Name headsOf(OnnxGraph& g, const nn::MultiheadAttentionImpl& mha, const Name& x, int64_t part, bool keys_last) {
  const int64_t d = mha.options.embed_dim(), h = mha.options.num_heads();
  auto w = mha.in_proj_weight.slice(0, part * d, (part + 1) * d);
  auto y = g.op("MatMul", {x, g.weight(w.t(), "in_proj_weight")});
  if (mha.in_proj_bias.defined()) y = add(g, y, g.weight(mha.in_proj_bias.slice(0, part * d, (part + 1) * d), "in_proj_bias"));
  y = reshape(g, y, {0, 0, h, d / h});
  return transpose(g, y, keys_last ? std::vector<int64_t>{0, 2, 3, 1} : std::vector<int64_t>{0, 2, 1, 3});
}

}  // namespace

AttentionOut multiheadAttention(OnnxGraph& g, const nn::MultiheadAttentionImpl& mha, const Name& q, const Name& k,
                                const Name& v, const Name& key_padding_mask) {
  if (!mha._qkv_same_embed_dim) throw Unsupported("attention with separate key and value sizes");
  if (mha.bias_k.defined() || mha.bias_v.defined() || mha.options.add_zero_attn())
    throw Unsupported("attention with add_bias_kv or add_zero_attn");
  const int64_t d = mha.options.embed_dim(), h = mha.options.num_heads();
  auto Q = headsOf(g, mha, q, 0, false), K = headsOf(g, mha, k, 1, true), V = headsOf(g, mha, v, 2, false);
  auto scores = mul(g, g.op("MatMul", {Q, K}), g.scalar(static_cast<float>(1.0 / std::sqrt(static_cast<double>(d / h)))));
  if (!key_padding_mask.empty())
    scores = g.op("Where", {unsqueeze(g, key_padding_mask, {1, 2}), g.scalar(-std::numeric_limits<float>::infinity()), scores});
  auto attn = g.op("Softmax", {scores}, {attr("axis", int64_t{-1})}, "attention");  // [B, H, Lq, Lk]
  auto out = reshape(g, transpose(g, g.op("MatMul", {attn, V}), {0, 2, 1, 3}), {0, 0, d});
  return {linear(g, *mha.out_proj, out), reduceMean(g, attn, {1})};
}

Name transformerEncoder(OnnxGraph& g, const nn::TransformerEncoderImpl& enc, const Name& x, const Name& key_padding_mask) {
  Name y = x;
  for (const auto& m : *enc.layers) {
    auto* l = dynamic_cast<nn::TransformerEncoderLayerImpl*>(m.get());
    if (!l) throw Unsupported("a transformer layer of another kind");
    const auto& act = l->options.activation();
    const std::string a = c10::get_if<torch::enumtype::kReLU>(&act)   ? "relu"
                          : c10::get_if<torch::enumtype::kGELU>(&act) ? "gelu"
                                                                       : "";
    if (a.empty()) throw Unsupported("a transformer layer with a custom activation");
    // LibTorch's encoder layer is post-norm: x = LN1(x + SA(x)); x = LN2(x + FF(x)). Dropout is off in inference.
    y = layerNorm(g, *l->norm1, add(g, y, multiheadAttention(g, *l->self_attn, y, y, y, key_padding_mask).out));
    auto ff = linear(g, *l->linear2, activation(g, linear(g, *l->linear1, y), a));
    y = layerNorm(g, *l->norm2, add(g, y, ff));
  }
  if (!enc.norm.is_empty()) {
    auto* n = dynamic_cast<nn::LayerNormImpl*>(enc.norm.ptr().get());
    if (!n) throw Unsupported("a transformer encoder with a final norm other than LayerNorm");
    y = layerNorm(g, *n, y);
  }
  return y;
}

namespace {

// PyTorch stacks gate blocks as LSTM [i, f, g, o] and GRU [r, z, n]; ONNX as LSTM [i, o, f, c] and GRU [z, r, h].
torch::Tensor reorderGates(const torch::Tensor& t, bool gru) {
  const auto blocks = t.chunk(gru ? 3 : 4, 0);
  return gru ? torch::cat({blocks[1], blocks[0], blocks[2]}, 0) : torch::cat({blocks[0], blocks[3], blocks[1], blocks[2]}, 0);
}

}  // namespace

Name recurrent(OnnxGraph& g, nn::Module& rnn, bool gru, int64_t layers, bool bidirectional, int64_t hidden, const Name& x,
               const Name& lengths) {
  const auto params = rnn.named_parameters(/*recurse=*/false);
  auto param = [&](const std::string& name) {
    const auto* p = params.find(name);
    if (!p) throw Unsupported("recurrent layer without parameter '" + name + "'");
    return *p;
  };
  Name seq = transpose(g, x, {1, 0, 2});  // [L, B, D]
  for (int64_t l = 0; l < layers; ++l) {
    std::vector<torch::Tensor> w, r, b;
    for (int dir = 0; dir < (bidirectional ? 2 : 1); ++dir) {
      const std::string suffix = "_l" + std::to_string(l) + (dir ? "_reverse" : "");
      w.push_back(reorderGates(param("weight_ih" + suffix), gru));
      r.push_back(reorderGates(param("weight_hh" + suffix), gru));
      b.push_back(torch::cat({reorderGates(param("bias_ih" + suffix), gru), reorderGates(param("bias_hh" + suffix), gru)}));
    }
    std::vector<Attribute> attributes{attr("hidden_size", hidden),
                                      attr("direction", std::string(bidirectional ? "bidirectional" : "forward"))};
    if (gru) attributes.push_back(attr("linear_before_reset", 1));  // PyTorch applies the reset gate after the product
    auto y = g.op(gru ? "GRU" : "LSTM",
                  {seq, g.weight(torch::stack(w), "W"), g.weight(torch::stack(r), "R"), g.weight(torch::stack(b), "B"), lengths},
                  attributes, "Y");                                       // [L, dirs, B, H]
    seq = reshape(g, transpose(g, y, {0, 2, 1, 3}), {0, 0, -1});          // [L, B, dirs * H]
  }
  return transpose(g, seq, {1, 0, 2});
}

}  // namespace fusebench::onnx_export
