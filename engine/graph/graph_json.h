#pragma once
// GraphSpec <-> JSON. Loading never throws on bad content: it returns every problem found,
// each located by its JSON path (e.g. "nodes[2].type") or by line and column for syntax errors.
#include <optional>
#include <string>

#include "graph/diagnostic.h"
#include "graph/graph_spec.h"

namespace fusebench {

struct GraphLoadResult {
  std::optional<GraphSpec> graph;  // empty when the structure could not be read
  Diagnostics errors;
};

nlohmann::ordered_json graphToJson(const GraphSpec& graph);
GraphLoadResult graphFromJson(const nlohmann::ordered_json& json);
GraphLoadResult graphFromText(const std::string& text);

std::string graphToText(const GraphSpec& graph);  // pretty-printed, 2-space indent, trailing newline

// Reads either a bare graph file or a project file (.fbproj) holding a "graph" object.
GraphLoadResult loadGraphFile(const std::string& path);

// Parses "node.port"; returns false when there is no dot or either side is empty.
bool parsePortRef(const std::string& text, PortRef& out);

}  // namespace fusebench
