#include "export/onnx_writer.h"

#include <onnx/checker.h>
#include <onnx/onnx_pb.h>
#include <onnx/shape_inference/implementation.h>

#include <algorithm>
#include <set>

namespace fusebench::onnx_export {

namespace {

void setType(onnx::ValueInfoProto* v, const ValueInfo& info) {
  v->set_name(info.name);
  if (!info.doc.empty()) v->set_doc_string(info.doc);
  auto* t = v->mutable_type()->mutable_tensor_type();
  t->set_elem_type(static_cast<int>(info.type));
  auto* shape = t->mutable_shape();
  for (auto d : info.dims) {
    auto* dim = shape->add_dim();
    if (d == -1) dim->set_dim_param("batch");
    else if (d < 0) dim->set_dim_param("?");
    else dim->set_dim_value(d);
  }
}

void setTensor(onnx::TensorProto* p, const std::string& name, const torch::Tensor& t) {
  p->set_name(name);
  for (auto d : t.sizes()) p->add_dims(d);
  switch (t.scalar_type()) {
    case torch::kLong: p->set_data_type(onnx::TensorProto::INT64); break;
    case torch::kInt: p->set_data_type(onnx::TensorProto::INT32); break;
    case torch::kBool: p->set_data_type(onnx::TensorProto::BOOL); break;
    default: p->set_data_type(onnx::TensorProto::FLOAT);
  }
  // raw_data is little-endian, as this machine's memory (x86-64, aarch64).
  p->set_raw_data(std::string(static_cast<const char*>(t.data_ptr()), static_cast<std::size_t>(t.numel()) * t.element_size()));
}

void setAttribute(onnx::AttributeProto* p, const Attribute& a) {
  p->set_name(a.name);
  switch (a.kind) {
    case Attribute::Kind::Int:
      p->set_type(onnx::AttributeProto::INT);
      p->set_i(a.i);
      break;
    case Attribute::Kind::Float:
      p->set_type(onnx::AttributeProto::FLOAT);
      p->set_f(a.f);
      break;
    case Attribute::Kind::Ints:
      p->set_type(onnx::AttributeProto::INTS);
      for (auto v : a.ints) p->add_ints(v);
      break;
    case Attribute::Kind::Floats:
      p->set_type(onnx::AttributeProto::FLOATS);
      for (auto v : a.floats) p->add_floats(v);
      break;
    case Attribute::Kind::String:
      p->set_type(onnx::AttributeProto::STRING);
      p->set_s(a.s);
      break;
  }
}

// What the outputs need: node modules emit every port (a CNN's tokens beside its features) whether or not the
// graph uses it; the dead ones are left out of the file.
std::vector<bool> liveNodes(const OnnxGraph& g) {
  std::set<std::string> needed;
  for (const auto& o : g.outputs()) needed.insert(o.name);
  const auto& nodes = g.nodes();
  std::vector<bool> live(nodes.size(), false);
  for (std::size_t i = nodes.size(); i-- > 0;) {
    for (const auto& out : nodes[i].outputs) live[i] = live[i] || needed.count(out);
    if (live[i]) needed.insert(nodes[i].inputs.begin(), nodes[i].inputs.end());
  }
  return live;
}

}  // namespace

int64_t irVersionFor(int64_t opset) {
  if (opset <= 8) return 3;
  if (opset <= 10) return 5;
  if (opset <= 11) return 6;
  if (opset <= 14) return 7;
  return 8;  // opsets 15-18; libonnx 1.12 knows up to opset 17
}

std::string serializeModel(const OnnxGraph& g, const ModelInfo& info, std::string& error, std::size_t* operators,
                           std::vector<std::string>* unused_inputs) {
  onnx::ModelProto model;
  model.set_ir_version(irVersionFor(info.opset));
  model.set_producer_name("Fusebench");
  model.set_producer_version(FUSEBENCH_VERSION);
  if (!info.doc.empty()) model.set_doc_string(info.doc);
  auto* opset = model.add_opset_import();
  opset->set_domain("");
  opset->set_version(info.opset);
  for (const auto& [k, v] : info.metadata) {
    auto* p = model.add_metadata_props();
    p->set_key(k);
    p->set_value(v);
  }
  auto* graph = model.mutable_graph();
  graph->set_name(info.graph_name);
  for (const auto& in : g.inputs()) setType(graph->add_input(), in);
  for (const auto& out : g.outputs()) setType(graph->add_output(), out);
  const auto live = liveNodes(g);
  std::set<std::string> used;
  for (std::size_t i = 0; i < g.nodes().size(); ++i)
    if (live[i]) used.insert(g.nodes()[i].inputs.begin(), g.nodes()[i].inputs.end());
  for (const auto& [name, t] : g.initializers())
    if (used.count(name)) setTensor(graph->add_initializer(), name, t);
  if (operators) *operators = static_cast<std::size_t>(std::count(live.begin(), live.end(), true));
  if (unused_inputs)
    for (const auto& in : g.inputs())
      if (!used.count(in.name)) unused_inputs->push_back(in.name);
  for (std::size_t i = 0; i < g.nodes().size(); ++i) {
    if (!live[i]) continue;
    const auto& n = g.nodes()[i];
    auto* p = graph->add_node();
    p->set_op_type(n.op);
    p->set_name(n.name);
    for (const auto& i : n.inputs) p->add_input(i);
    for (const auto& o : n.outputs) p->add_output(o);
    for (const auto& a : n.attributes) setAttribute(p->add_attribute(), a);
  }
  try {
    onnx::checker::check_model(model);
    // Shape inference in strict mode finds operators whose inputs do not fit (a wrong rank, a bad axis).
    onnx::ShapeInferenceOptions options{/*check_type=*/true, /*error_mode=*/1, /*enable_data_propagation=*/false};
    onnx::ModelProto inferred = model;  // inference annotates the model it is given; the file stays lean
    onnx::shape_inference::InferShapes(inferred, onnx::OpSchemaRegistry::Instance(), options);
  } catch (const std::exception& e) {
    error = std::string("the ONNX checker refuses the model: ") + e.what();
    return {};
  }
  std::string bytes;
  if (!model.SerializeToString(&bytes)) {
    error = "the model could not be serialized (over 2 GB?)";
    return {};
  }
  return bytes;
}

}  // namespace fusebench::onnx_export
