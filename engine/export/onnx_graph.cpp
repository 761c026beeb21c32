#include "export/onnx_graph.h"

#include <algorithm>

#include <sstream>

namespace fusebench::onnx_export {

Attribute attr(const std::string& name, int64_t v) {
  Attribute a;
  a.name = name;
  a.kind = Attribute::Kind::Int;
  a.i = v;
  return a;
}
Attribute attr(const std::string& name, int v) { return attr(name, static_cast<int64_t>(v)); }
Attribute attr(const std::string& name, float v) {
  Attribute a;
  a.name = name;
  a.kind = Attribute::Kind::Float;
  a.f = v;
  return a;
}
Attribute attr(const std::string& name, std::vector<int64_t> v) {
  Attribute a;
  a.name = name;
  a.kind = Attribute::Kind::Ints;
  a.ints = std::move(v);
  return a;
}
Attribute attr(const std::string& name, std::vector<float> v) {
  Attribute a;
  a.name = name;
  a.kind = Attribute::Kind::Floats;
  a.floats = std::move(v);
  return a;
}
Attribute attr(const std::string& name, const std::string& v) {
  Attribute a;
  a.name = name;
  a.kind = Attribute::Kind::String;
  a.s = v;
  return a;
}

std::string OnnxGraph::fresh(const std::string& what) {
  const std::string base = scope_ + "/" + what;
  return base + "_" + std::to_string(counters_[base]++);
}

std::vector<std::string> OnnxGraph::ops(const std::string& type, std::vector<std::string> inputs, int outputs,
                                        std::vector<Attribute> attributes, const std::string& what) {
  OpNode n{type, fresh(type), std::move(inputs), {}, std::move(attributes)};
  const std::string stem = what.empty() ? type : what;
  for (int i = 0; i < outputs; ++i) n.outputs.push_back(fresh(stem));
  nodes_.push_back(n);
  return n.outputs;
}

std::string OnnxGraph::op(const std::string& type, std::vector<std::string> inputs, std::vector<Attribute> attributes,
                          const std::string& what) {
  return ops(type, std::move(inputs), 1, std::move(attributes), what).at(0);
}

std::string OnnxGraph::opNamed(const std::string& type, std::vector<std::string> inputs, const std::string& output,
                               std::vector<Attribute> attributes) {
  nodes_.push_back(OpNode{type, fresh(type), std::move(inputs), {output}, std::move(attributes)});
  return output;
}

std::string OnnxGraph::weight(const torch::Tensor& t, const std::string& what) {
  auto c = t.detach().to(torch::kCPU).contiguous().clone();
  if (c.scalar_type() != torch::kFloat && c.scalar_type() != torch::kLong && c.scalar_type() != torch::kBool &&
      c.scalar_type() != torch::kInt)
    c = c.to(torch::kFloat);
  const std::string name = fresh(what);
  initializers_.emplace_back(name, c);
  return name;
}

// Small constants are shared by every node that uses the same value: one initializer each, named "const/…".
std::string OnnxGraph::sharedConstant(const std::string& key, const torch::Tensor& t, const std::string& what) {
  auto it = constants_.find(key);
  if (it != constants_.end()) return it->second;
  const std::string saved = scope_;
  scope_ = "const";
  const auto name = weight(t, what);
  scope_ = saved;
  return constants_[key] = name;
}

std::string OnnxGraph::ints(const std::vector<int64_t>& v) {
  std::ostringstream key;
  key << "i";
  for (auto x : v) key << ',' << x;
  return sharedConstant(key.str(), torch::tensor(v, torch::kLong), "ints");
}

std::string OnnxGraph::scalar(float v) {
  std::ostringstream key;
  key.precision(9);
  key << "f" << v;
  return sharedConstant(key.str(), torch::scalar_tensor(v, torch::kFloat), "float");
}

std::string OnnxGraph::boolScalar(bool v) {
  return sharedConstant(v ? "btrue" : "bfalse", torch::scalar_tensor(v, torch::kBool), "bool");
}

OnnxGraph OnnxGraph::forFloatRuntime(const std::vector<std::string>& drop) const {
  OnnxGraph v = *this;
  v.inputs_.erase(std::remove_if(v.inputs_.begin(), v.inputs_.end(),
                                 [&](const ValueInfo& in) { return std::find(drop.begin(), drop.end(), in.name) != drop.end(); }),
                  v.inputs_.end());
  std::vector<OpNode> casts;
  for (auto& in : v.inputs_) {
    if (in.type == ElemType::Float) continue;
    const std::string original = in.name;
    in.name = original + ".float";
    casts.push_back(OpNode{"Cast", "cast " + original, {in.name}, {original}, {attr("to", static_cast<int64_t>(in.type))}});
    in.type = ElemType::Float;
  }
  v.nodes_.insert(v.nodes_.begin(), casts.begin(), casts.end());
  auto producedByANode = [&v](const std::string& value) {
    for (const auto& n : v.nodes_)
      if (std::find(n.outputs.begin(), n.outputs.end(), value) != n.outputs.end() && n.op != "Identity") return true;
    return false;
  };
  for (const auto& out : v.outputs_) {
    auto identity = std::find_if(v.nodes_.begin(), v.nodes_.end(), [&](const OpNode& n) {
      return n.op == "Identity" && n.outputs.size() == 1 && n.outputs[0] == out.name;
    });
    if (identity == v.nodes_.end() || !producedByANode(identity->inputs.at(0))) continue;
    const std::string source = identity->inputs[0];
    v.nodes_.erase(identity);
    for (auto& n : v.nodes_)
      for (auto* names : {&n.inputs, &n.outputs})
        std::replace(names->begin(), names->end(), source, out.name);
  }
  return v;
}

}  // namespace fusebench::onnx_export
