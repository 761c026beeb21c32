#include "model/model_summary.h"

#include <algorithm>
#include <iomanip>
#include <sstream>

#include "model/fusion_model.h"

namespace fusebench {

ModelSummary summarizeGraph(const GraphSpec& graph) {
  ModelSummary s;
  const NodeRegistry& registry = builtinRegistry();
  CompileResult compiled = compileGraph(graph, registry);
  s.errors = compiled.shapes.errors;
  s.head = compiled.shapes.head;
  std::vector<std::string> order = compiled.shapes.order;
  if (order.empty())
    for (const auto& n : graph.nodes) order.push_back(n.id);
  for (const auto& id : order) {
    const NodeSpec* spec = graph.find(id);
    if (!spec) continue;
    NodeSummary n;
    n.id = id;
    n.type = spec->type;
    if (const NodeTypeInfo* t = registry.find(spec->type)) {
      n.title = t->title;
      n.category = t->category;
    }
    auto outs = compiled.shapes.outputs.find(id);
    if (outs != compiled.shapes.outputs.end())
      for (const auto& [port, shape] : outs->second) n.outputs.emplace_back(port, shape.str());
    n.has_errors = std::any_of(s.errors.begin(), s.errors.end(), [&](const Diagnostic& d) { return d.node == id; });
    if (compiled.ok()) n.parameters = compiled.model->parameterCount(id);
    s.nodes.push_back(std::move(n));
  }
  if (compiled.ok()) s.total_parameters = compiled.model->parameterCount();
  return s;
}

static std::string withThousands(int64_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string ModelSummary::table() const {
  std::ostringstream os;
  // "features [64]" rather than "features: features [64]" when a port is named after its kind.
  auto outText = [](const std::pair<std::string, std::string>& o) {
    return o.second.rfind(o.first + " ", 0) == 0 ? o.second : o.first + ": " + o.second;
  };
  std::size_t wId = 4, wType = 4, wOut = 6;
  for (const auto& n : nodes) {
    wId = std::max(wId, n.id.size());
    wType = std::max(wType, n.type.size());
    for (const auto& o : n.outputs) wOut = std::max(wOut, outText(o).size());
  }
  auto row = [&](const std::string& a, const std::string& b, const std::string& c, const std::string& d) {
    os << std::left << std::setw(static_cast<int>(wId) + 2) << a << std::setw(static_cast<int>(wType) + 2) << b
       << std::setw(static_cast<int>(wOut) + 2) << c << std::right << std::setw(12) << d << "\n";
  };
  row("node", "type", "output", "parameters");
  for (const auto& n : nodes) {
    const std::string params = n.parameters < 0 ? "-" : withThousands(n.parameters);
    if (n.outputs.empty()) {
      row(n.id, n.type, n.has_errors ? "(error)" : "-", params);
      continue;
    }
    for (std::size_t i = 0; i < n.outputs.size(); ++i)
      row(i ? "" : n.id, i ? "" : n.type, outText(n.outputs[i]), i ? "" : params);
  }
  os << "total parameters: " << (total_parameters < 0 ? std::string("-") : withThousands(total_parameters)) << "\n";
  return os.str();
}

}  // namespace fusebench
