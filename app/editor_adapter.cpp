#include "editor_adapter.h"

#include "graph/validate.h"

namespace fusebench::app {

static QString q(const std::string& s) { return QString::fromStdString(s); }

widgets::GraphView graphView(const GraphSpec& graph) {
  widgets::GraphView view;
  const auto report = validateGraph(graph);
  const auto& registry = builtinRegistry();
  for (const auto& n : graph.nodes) {
    widgets::NodeView v;
    v.id = q(n.id);
    v.position = QPointF(n.x, n.y);
    const NodeTypeInfo* type = registry.find(n.type);
    v.title = type ? q(type->title) : q(n.type);
    v.category = type ? q(type->category) : QString();
    QStringList errors;
    for (const auto& e : report.errors)
      if (e.node == n.id) errors << q(e.format());
    v.errors = errors.join(QLatin1Char('\n'));
    if (!type) {
      view.nodes.append(v);
      continue;
    }
    auto connected = [&](const std::string& port) {
      for (const auto& e : graph.edges)
        if (e.to.node == n.id && e.to.port == port) return true;
      return false;
    };
    for (const auto& p : type->inputs) {
      if (!p.variadic) {
        v.inputs.append({q(p.name), q(p.kindsStr()), connected(p.name)});
        continue;
      }
      int count = 0;
      while (connected(p.name + std::to_string(count))) ++count;
      for (int i = 0; i < count; ++i) v.inputs.append({q(p.name + std::to_string(i)), q(p.kindsStr()), true});
      if (p.max_count == 0 || count < p.max_count) v.inputs.append({q(p.name + std::to_string(count)), q(p.kindsStr()), false});
    }
    const auto outs = report.outputs.find(n.id);
    for (const auto& p : type->outputs) {
      QString detail = q(p.kindsStr());
      if (outs != report.outputs.end() && outs->second.count(p.name)) detail = q(outs->second.at(p.name).str());
      v.outputs.append({q(p.name), detail, false});
    }
    view.nodes.append(v);
  }
  for (const auto& e : graph.edges) view.edges.append({q(e.from.node), q(e.from.port), q(e.to.node), q(e.to.port)});
  return view;
}

QList<widgets::PaletteEntry> paletteEntries() {
  QList<widgets::PaletteEntry> out;
  for (const auto& t : builtinRegistry().all()) out.append({q(t.type), q(t.title), q(t.category), q(t.doc)});
  return out;
}

}  // namespace fusebench::app
