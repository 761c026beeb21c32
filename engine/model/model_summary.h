#pragma once
// A plain-typed view of a graph for the GUI and the CLI: every node's inferred output shapes and
// parameter count, the total, and every validation error. No torch in this header.
#include <string>
#include <utility>
#include <vector>

#include "graph/diagnostic.h"
#include "graph/graph_spec.h"

namespace fusebench {

struct NodeSummary {
  std::string id, type, title, category;
  std::vector<std::pair<std::string, std::string>> outputs;  // port -> shape text ("features [64]")
  int64_t parameters = -1;  // -1 when the graph does not compile
  bool has_errors = false;
};

struct ModelSummary {
  std::vector<NodeSummary> nodes;  // topological order when acyclic, file order otherwise
  int64_t total_parameters = -1;
  Diagnostics errors;
  std::string head;

  bool ok() const { return errors.empty(); }
  std::string table() const;  // fixed-width text table, as `fusebench-cli graph summary` prints it
};

ModelSummary summarizeGraph(const GraphSpec& graph);

}  // namespace fusebench
