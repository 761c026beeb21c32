#include "model/fusion_model.h"

#include "nodes/taps.h"
#include "util/torch_error_text.h"

namespace fusebench {

FusionModelImpl::FusionModelImpl(GraphSpec graph, ShapeReport shapes, const NodeRegistry& registry)
    : graph_(std::move(graph)), shapes_(std::move(shapes)) {
  std::map<std::string, std::vector<std::pair<std::string, PortRef>>> feeds;
  for (const auto& e : graph_.edges) feeds[e.to.node].emplace_back(e.to.port, e.from);
  for (const auto& id : shapes_.order) {
    const NodeSpec& spec = *graph_.find(id);
    const NodeTypeInfo& type = *registry.find(spec.type);
    Params params(type.params, spec.params);
    Step step;
    step.id = id;
    step.is_input = type.role == NodeRole::Input;
    if (step.is_input) step.field = params.s("field");
    step.feeds = feeds[id];
    BuildContext ctx{spec, params, shapes_.inputs[id], shapes_.outputs[id], graph_.base_dir};
    step.module = register_module(id, type.factory(ctx));
    steps_.push_back(std::move(step));
  }
}

ModelOutput FusionModelImpl::forward(const TensorMap& inputs) {
  ModelOutput out;
  auto get = [&](const std::string& key) {
    auto it = inputs.find(key);
    return it == inputs.end() ? torch::Tensor() : it->second;
  };
  for (const auto& step : steps_) {
    nodes::PortValues in;
    if (step.is_input) {
      in["data"] = nodes::PortValue{get(step.field), get(step.field + ".present"), get(step.field + ".mask"),
                                    get(step.field + ".categorical")};
    } else {
      for (const auto& [port, src] : step.feeds) in[port] = out.ports.at(src.str());
    }
    if (auto* taps = nodes::currentTapRecorder()) taps->node = step.id;
    for (auto& [port, value] : step.module->forward(in)) out.ports[step.id + "." + port] = std::move(value);
    for (const auto& [name, t] : step.module->internals()) out.internals[step.id + "." + name] = t;
  }
  if (!shapes_.head.empty()) out.prediction = out.ports.at(shapes_.head + ".out").value;
  return out;
}

namespace {

onnx_export::OnnxPort declareOnnxInput(onnx_export::OnnxGraph& g, const std::string& field, const PortShape& s) {
  using onnx_export::ElemType;
  std::vector<int64_t> dims{-1};
  dims.insert(dims.end(), s.dims.begin(), s.dims.end());
  onnx_export::OnnxPort p;
  p.value = field;
  p.present = field + ".present";
  const bool ids = s.kind == PortKind::Text;
  g.addInput({field, ids ? ElemType::Int64 : ElemType::Float, dims,
              ids ? "token ids (0 = padding, 1 = unknown)" : std::string(kindName(s.kind)) + " values after preprocessing"});
  g.addInput({p.present, ElemType::Bool, {-1}, "false where the sample lacks this modality"});
  if (s.kind == PortKind::Tabular && !s.cardinalities.empty()) {
    p.aux = field + ".categorical";
    g.addInput({p.aux, ElemType::Int64, {-1, static_cast<int64_t>(s.cardinalities.size())}, "categorical ids per column"});
  }
  return p;
}

}  // namespace

std::string FusionModelImpl::toOnnx(onnx_export::OnnxGraph& g) {
  std::map<std::string, onnx_export::OnnxPort> ports;
  for (const auto& step : steps_) {
    g.setScope(step.id);
    onnx_export::OnnxPorts in;
    if (step.is_input) {
      in["data"] = declareOnnxInput(g, step.field, shapes_.outputs.at(step.id).at("out"));
    } else {
      for (const auto& [port, src] : step.feeds) in[port] = ports.at(src.str());
    }
    try {
      for (auto& [port, value] : step.module->toOnnx(g, in)) ports[step.id + "." + port] = std::move(value);
    } catch (const onnx_export::Unsupported& e) {
      throw onnx_export::Unsupported("node '" + step.id + "' (" + graph_.find(step.id)->type + "): " + e.what());
    }
  }
  if (shapes_.head.empty()) throw onnx_export::Unsupported("the graph has no head");
  return ports.at(shapes_.head + ".out").value;
}

std::shared_ptr<nodes::NodeModuleImpl> FusionModelImpl::node(const std::string& id) const {
  for (const auto& s : steps_)
    if (s.id == id) return s.module;
  return nullptr;
}

int64_t FusionModelImpl::parameterCount(const std::string& node_id) const {
  auto m = node(node_id);
  if (!m) return 0;
  int64_t n = 0;
  for (const auto& p : m->parameters()) n += p.numel();
  return n;
}

int64_t FusionModelImpl::parameterCount() const {
  int64_t n = 0;
  for (const auto& p : parameters()) n += p.numel();
  return n;
}

CompileResult compileGraph(const GraphSpec& graph, const NodeRegistry& registry, const InputShapes* dataset_shapes) {
  CompileResult r;
  r.shapes = validateGraph(graph, registry, dataset_shapes);
  if (!r.shapes.ok()) return r;
  try {
    r.model = FusionModel(graph, r.shapes, registry);
  } catch (const std::exception& e) {
    // Validation should make this unreachable; if a node type's checks miss a case, say so plainly.
    r.shapes.errors.push_back(Diagnostic{"internal", "", "", "building the model failed: " + torchErrorText(e), {}, {}});
    r.model = FusionModel(nullptr);
  }
  return r;
}

}  // namespace fusebench
