#include <iostream>

#include "cli/commands.h"
#include "graph/graph_json.h"
#include "graph/node_registry.h"
#include "graph/validate.h"
#include "model/model_summary.h"

namespace fusebench::cli {
namespace {

// Loads a graph or project file; prints load errors to stderr. Returns false when it could not be read.
bool load(const std::string& path, GraphSpec& out) {
  auto r = loadGraphFile(path);
  for (const auto& e : r.errors) std::cerr << "error: " << e.format() << "\n";
  if (!r.graph) return false;
  out = *r.graph;
  return true;
}

void printErrors(const std::string& path, const Diagnostics& errors) {
  for (const auto& e : errors) std::cerr << path << ": error: " << e.format() << "\n";
}

// One node type as JSON: what the palette, the inspector and translators see.
nlohmann::ordered_json nodeTypeJson(const NodeTypeInfo& t) {
  auto ports = [](const std::vector<PortDecl>& decls) {
    auto out = nlohmann::ordered_json::array();
    for (const auto& p : decls) out.push_back({{"name", p.name}, {"kinds", p.kindsStr()}, {"doc", p.doc}});
    return out;
  };
  auto params = nlohmann::ordered_json::array();
  for (const auto& p : t.params)
    params.push_back({{"name", p.name}, {"type", paramTypeName(p.type)}, {"default", p.default_value},
                      {"choices", p.choices}, {"doc", p.doc}});
  return {{"type", t.type}, {"title", t.title}, {"category", t.category}, {"doc", t.doc},
          {"inputs", ports(t.inputs)}, {"outputs", ports(t.outputs)}, {"params", params}};
}

void printNodeTypes(bool json) {
  const auto& all = builtinRegistry().all();
  if (json) {
    auto out = nlohmann::ordered_json::array();
    for (const auto& t : all) out.push_back(nodeTypeJson(t));
    std::cout << out.dump(2) << "\n";
    return;
  }
  for (const auto& category : builtinRegistry().categories()) {
    std::cout << category << "\n";
    for (const auto& t : all)
      if (t.category == category) std::cout << "  " << t.type << "  " << t.title << "\n";
  }
}

}  // namespace

void addGraphCommands(CLI::App& app, int* exit_code) {
  auto* graph = app.add_subcommand("graph", "Inspect model graphs (a graph JSON file or a .fbproj project)");
  graph->require_subcommand(1);

  auto* validate = graph->add_subcommand("validate", "Check graphs; print every error; exit 1 if any");
  static std::vector<std::string> validatePaths;
  validate->add_option("GRAPH", validatePaths, "Graph or project files")->required()->check(CLI::ExistingFile);
  validate->callback([exit_code] {
    int failed = 0;
    for (const auto& path : validatePaths) {
      GraphSpec g;
      if (!load(path, g)) {
        ++failed;
        continue;
      }
      auto report = validateGraph(g);
      printErrors(path, report.errors);
      if (report.ok()) {
        std::cout << path << ": ok (" << g.nodes.size() << " nodes, " << g.edges.size() << " edges)\n";
      } else {
        std::cout << path << ": " << report.errors.size() << " error" << (report.errors.size() == 1 ? "" : "s") << "\n";
        ++failed;
      }
    }
    *exit_code = failed ? 1 : 0;
  });

  auto* summary = graph->add_subcommand("summary", "Per-node output shapes and parameter counts, and the total");
  static std::string summaryPath;
  summary->add_option("GRAPH", summaryPath, "Graph or project file")->required()->check(CLI::ExistingFile);
  summary->callback([exit_code] {
    GraphSpec g;
    if (!load(summaryPath, g)) {
      *exit_code = 1;
      return;
    }
    auto s = summarizeGraph(g);
    std::cout << (g.name.empty() ? summaryPath : g.name) << "\n" << s.table();
    printErrors(summaryPath, s.errors);
    *exit_code = s.ok() ? 0 : 1;
  });

  auto* nodes = graph->add_subcommand("nodes", "List the node types by palette category; --json adds ports, parameters and docs");
  static bool nodesJson = false;
  nodes->add_flag("--json", nodesJson, "Everything the registry says about each type, as JSON");
  nodes->callback([exit_code] {
    printNodeTypes(nodesJson);
    *exit_code = 0;
  });
}

}  // namespace fusebench::cli
