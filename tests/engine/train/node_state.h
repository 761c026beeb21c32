#pragma once
// A node's parameters and buffers as (name, copy) pairs, compared bit for bit: for the tests of frozen, pretrained
// and multiplied encoders. Also nodeOf, to edit a project's node in place.
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "model/fusion_model.h"
#include "project/project_file.h"

namespace fusebench::train::testing {

using NodeState = std::vector<std::pair<std::string, torch::Tensor>>;

inline NodeState stateOf(const std::shared_ptr<nodes::NodeModuleImpl>& m) {
  NodeState out;
  for (const auto& p : m->named_parameters()) out.emplace_back(p.key(), p.value().clone());
  for (const auto& p : m->named_buffers()) out.emplace_back(p.key(), p.value().clone());
  return out;
}

// Equal names and bit-identical values; an empty state is never "the same" (a node that was not found).
inline bool sameState(const NodeState& a, const NodeState& b) {
  if (a.size() != b.size() || a.empty()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].first != b[i].first || !torch::equal(a[i].second, b[i].second)) return false;
  return true;
}

inline NodeSpec& nodeOf(ProjectFile& p, const std::string& id) {
  for (auto& n : p.graph.nodes)
    if (n.id == id) return n;
  throw std::runtime_error("no node " + id);
}

}  // namespace fusebench::train::testing
