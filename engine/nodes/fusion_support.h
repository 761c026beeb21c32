#pragma once
// What the fusion operators share (fusion_nodes.cpp: concatenation to bilinear pooling; attention_fusion_nodes.cpp:
// attention, transformer and late fusion): gathering the variadic inputs with their presence after modality
// dropout, a softmax over present modalities, and the registry entries' common shape checks. Engine-internal.
#include <cmath>
#include <limits>

#include "export/onnx_ops.h"
#include "graph/decl_helpers.h"
#include "nodes/linear_layer.h"
#include "nodes/node_module.h"
#include "nodes/register.h"

namespace fusebench::nodes::fusion {

using namespace decl;

// Inputs of the variadic port in index order, with presence after modality dropout.
struct Modalities {
  std::vector<PortValue> values;
  std::vector<torch::Tensor> present;
  torch::Tensor anyPresent() const {
    auto any = present[0].clone();
    for (std::size_t i = 1; i < present.size(); ++i) any = any.logical_or(present[i]);
    return any;
  }
  // [B, N] float: 1 where modality i is present for the sample.
  torch::Tensor presentMatrix() const {
    std::vector<torch::Tensor> cols;
    for (const auto& p : present) cols.push_back(p.to(torch::kFloat));
    return torch::stack(cols, 1);
  }
};

inline Modalities gather(const PortValues& inputs, const std::string& base, double dropout, bool training) {
  Modalities m;
  for (int i = 0;; ++i) {
    auto it = inputs.find(base + std::to_string(i));
    if (it == inputs.end()) break;
    m.values.push_back(it->second);
    m.present.push_back(it->second.present);
  }
  m.present = modalityDropout(m.present, dropout, training);
  return m;
}

// The same for ONNX export (no modality dropout: inference).
struct OnnxModalities {
  std::vector<onnx_export::OnnxPort> values;
  std::vector<std::string> present;
  std::string anyPresent(onnx_export::OnnxGraph& g) const { return onnx_export::anyOf(g, present); }
  // [B, N] bool, modality i in column i.
  std::string presentStack(onnx_export::OnnxGraph& g) const {
    std::vector<std::string> cols;
    for (const auto& p : present) cols.push_back(onnx_export::unsqueeze(g, p, {1}));
    return onnx_export::concat(g, cols, 1);
  }
};

inline OnnxModalities gatherOnnx(const onnx_export::OnnxPorts& inputs, const std::string& base) {
  OnnxModalities m;
  for (int i = 0;; ++i) {
    auto it = inputs.find(base + std::to_string(i));
    if (it == inputs.end()) break;
    m.values.push_back(it->second);
    m.present.push_back(it->second.present);
  }
  return m;
}

// [B, N, ...] from N tensors [B, ...].
inline std::string stackOnnx(onnx_export::OnnxGraph& g, const std::vector<std::string>& xs) {
  std::vector<std::string> parts;
  for (const auto& x : xs) parts.push_back(onnx_export::unsqueeze(g, x, {1}));
  return onnx_export::concat(g, parts, 1);
}

inline onnx_export::OnnxPorts featuresOutOnnx(const std::string& x, const std::string& present) {
  return {{"out", {x, present, "", "", 2}}};
}

inline PortValues featuresOut(const torch::Tensor& x, const torch::Tensor& present) {
  return {{"out", PortValue{x, present, {}, {}}}};
}

// Softmax over modalities that are present; a sample with none present gets all-zero weights.
inline torch::Tensor maskedSoftmax(const torch::Tensor& logits, const torch::Tensor& present, int64_t dim) {
  auto masked = logits.masked_fill(present.logical_not(), -std::numeric_limits<float>::infinity());
  return torch::nan_to_num(torch::softmax(masked, dim), 0.0, 0.0, 0.0);
}

// ----- registry entries -----------------------------------------------------------------------------------------

inline std::vector<PortShape> variadicShapes(const InferContext& c, const std::string& base) {
  std::vector<PortShape> out;
  for (const auto& n : c.variadic(base)) out.push_back(c.in(n));
  return out;
}
inline std::vector<int64_t> variadicDims(const BuildContext& c, const std::string& base) {
  std::vector<int64_t> out;
  for (const auto& n : c.variadic(base)) out.push_back(c.inputs.at(n).last());
  return out;
}

inline bool requireEqualDims(InferContext& c, const std::vector<PortShape>& shapes) {
  for (std::size_t i = 1; i < shapes.size(); ++i) {
    if (shapes[i].dims != shapes[0].dims) {
      c.error("in" + std::to_string(i), {FB_TEXT("all inputs must have the same size for this fusion (add a Linear block)"),
                                         "%1", "%2", {shapes[0].str(), shapes[i].str()}});
      return false;
    }
  }
  return true;
}

inline NodeTypeInfo fusionType(std::string type, std::string title, std::string doc) {
  NodeTypeInfo t;
  t.type = std::move(type);
  t.title = std::move(title);
  t.category = "Fusion";
  t.role = NodeRole::Fusion;
  t.doc = std::move(doc);
  t.inputs = {variadicPort("in", {PortKind::Features}, 2, 16, "Modality feature vectors, in order")};
  t.outputs = {port("out", {PortKind::Features}, "Fused features")};
  t.params = {modalityDropoutParam()};
  return t;
}

inline std::map<std::string, PortShape> featuresShape(int64_t d) { return {{"out", shape(PortKind::Features, {d})}}; }

inline bool checkHeads(InferContext& c, int64_t dim, const std::string& what) {
  if (dim % c.params.i("heads") == 0) return true;
  c.paramError("heads", FB_TEXT("heads must divide %1 (%2)"), {what, std::to_string(dim)});
  return false;
}

}  // namespace fusebench::nodes::fusion
