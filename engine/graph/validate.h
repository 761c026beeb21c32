#pragma once
// Validation and shape inference: everything a user can get wrong in a graph is found here, before any
// tensor exists, and reported with node, port, expected and found. The compiler only accepts graphs that
// pass, so a user's mistake never surfaces as a LibTorch exception.
#include <map>
#include <string>
#include <vector>

#include "graph/diagnostic.h"
#include "graph/graph_spec.h"
#include "graph/node_registry.h"
#include "graph/port_shape.h"

namespace fusebench {

// Shapes a dataset declares for its fields (keyed by field name); they override the input nodes' own.
using InputShapes = std::map<std::string, PortShape>;

struct ShapeReport {
  Diagnostics errors;
  std::vector<std::string> order;  // topological order of the nodes (empty if there is a cycle)
  std::map<std::string, std::map<std::string, PortShape>> inputs;   // node -> concrete input port -> shape
  std::map<std::string, std::map<std::string, PortShape>> outputs;  // node -> output port -> shape
  std::string head;  // the head node's id when there is exactly one

  bool ok() const { return errors.empty(); }
};

ShapeReport validateGraph(const GraphSpec& graph, const NodeRegistry& registry = builtinRegistry(),
                          const InputShapes* dataset_shapes = nullptr);

// Checks one node's parameters against the schema: unknown names, wrong types, out of range, bad choice.
void validateParams(const NodeSpec& node, const NodeTypeInfo& type, Diagnostics& errors);

bool isValidNodeId(const std::string& id);

}  // namespace fusebench
