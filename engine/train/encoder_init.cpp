#include "train/encoder_init.h"

#include <algorithm>
#include <filesystem>

#include "graph/port_shape.h"
#include "train/bundle.h"
#include "train/bundle_writer.h"

namespace fusebench::train {

namespace fs = std::filesystem;

namespace {

std::string shapeText(const torch::Tensor& t) { return dimsStr(t.sizes().vec()); }

std::string resolve(const std::string& model, const std::string& project_path) {
  if (fs::path(model).is_absolute() || project_path.empty()) return model;
  return (fs::path(project_path).parent_path() / model).lexically_normal().string();
}

using NamedTensors = torch::OrderedDict<std::string, torch::Tensor>;

// Every tensor of `to` has one of the same name and shape in `from`.
bool sameLayout(const NamedTensors& from, const NamedTensors& to, const std::string& where, std::string& error) {
  for (const auto& item : to) {
    const auto* s = from.find(item.key());
    if (!s) error = where + ": '" + item.key() + "' is not there (a node of another configuration)";
    else if (s->sizes() != item.value().sizes())
      error = where + ": '" + item.key() + "' has shape " + shapeText(*s) + " there, " + shapeText(item.value()) + " here";
    if (!error.empty()) return false;
  }
  return true;
}

// Parameters and buffers (batch-norm statistics) alike, all checked before anything is copied.
bool copyState(const torch::nn::Module& from, torch::nn::Module& to, const std::string& where, std::string& error) {
  const auto src = from.named_parameters(), srcBuffers = from.named_buffers();
  auto dst = to.named_parameters(), dstBuffers = to.named_buffers();
  if (!sameLayout(src, dst, where, error) || !sameLayout(srcBuffers, dstBuffers, where, error)) return false;
  torch::NoGradGuard noGrad;
  for (auto& item : dst) item.value().copy_(*src.find(item.key()));
  for (auto& item : dstBuffers) item.value().copy_(*srcBuffers.find(item.key()));
  return true;
}

}  // namespace

bool initEncodersFrom(FusionModelImpl& model, const std::string& project_path, std::string& error) {
  for (const auto& n : model.graph().nodes) {
    if (n.init_model.empty()) continue;
    const std::string path = resolve(n.init_model, project_path);
    const std::string what = "node '" + n.id + "': init_from '" + n.init_model + "'";
    std::string why;
    auto source = openBundle(path, why);
    if (!source) {
      error = what + ": " + why;
      return false;
    }
    const std::string sourceNode = n.init_node.empty() ? n.id : n.init_node;  // unnamed: the node of the same id
    const NodeSpec* from = source->graph.find(sourceNode);
    if (!from) {
      std::string ids;
      for (const auto& s : source->graph.nodes)
        if (builtinRegistry().find(s.type) && builtinRegistry().find(s.type)->role == NodeRole::Encoder)
          ids += (ids.empty() ? "" : ", ") + s.id;
      error = what + " has no node '" + sourceNode + "' (its encoders: " + ids + ")";
      return false;
    }
    if (from->type != n.type) {
      error = what + ", node '" + sourceNode + "' is a " + from->type + ", not a " + n.type;
      return false;
    }
    auto src = source->model->node(sourceNode);
    auto dst = model.node(n.id);
    if (!src || !dst || !copyState(*src, *dst, what + ", node '" + sourceNode + "'", error)) {
      if (error.empty()) error = what + ": node not built";
      return false;
    }
  }
  return true;
}

std::vector<ParameterGroup> parameterGroups(FusionModelImpl& model) {
  std::vector<ParameterGroup> groups{ParameterGroup{{}, 1.0}};
  std::set<c10::TensorImpl*> placed;  // a parameter in a node with a multiplier leaves the default group
  for (const auto& n : model.graph().nodes) {
    if (n.lr_multiplier == 1.0) continue;
    auto m = model.node(n.id);
    if (!m) continue;
    auto group = std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.lr_multiplier == n.lr_multiplier; });
    if (group == groups.end()) group = groups.insert(groups.end(), ParameterGroup{{}, n.lr_multiplier});
    for (auto& p : m->parameters())
      if (placed.insert(p.unsafeGetTensorImpl()).second) group->params.push_back(p);
  }
  for (auto& p : model.parameters())
    if (!placed.count(p.unsafeGetTensorImpl())) groups[0].params.push_back(p);
  return groups;
}

FreezeSchedule::FreezeSchedule(const GraphSpec& graph) {
  for (const auto& n : graph.nodes)
    if (n.freeze_epochs != 0) nodes_.emplace_back(n.id, n.freeze_epochs);
}

void FreezeSchedule::apply(FusionModelImpl& model, int64_t epoch) {
  frozen_.clear();
  for (const auto& [id, epochs] : nodes_) {
    const bool frozen = epochs < 0 || epoch < epochs;
    if (frozen) frozen_.insert(id);
    if (auto m = model.node(id))
      for (auto& p : m->parameters()) p.set_requires_grad(!frozen);
  }
  trainMode(model);
}

void FreezeSchedule::trainMode(FusionModelImpl& model) const {
  model.train();
  for (const auto& id : frozen_)
    if (auto m = model.node(id)) m->eval();
}

}  // namespace fusebench::train
