#include "graph/graph_spec.h"

namespace fusebench {

const NodeSpec* GraphSpec::find(const std::string& id) const {
  for (const auto& n : nodes)
    if (n.id == id) return &n;
  return nullptr;
}

}  // namespace fusebench
