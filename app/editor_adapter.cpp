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

widgets::InspectorData inspectorData(const GraphSpec& graph, const QString& nodeId) {
  widgets::InspectorData d;
  const NodeSpec* n = graph.find(nodeId.toStdString());
  if (!n) return d;
  d.node = nodeId;
  d.type = q(n->type);
  const NodeTypeInfo* type = builtinRegistry().find(n->type);
  if (!type) {
    d.errors = QStringLiteral("unknown node type '%1'").arg(d.type);
    return d;
  }
  d.title = q(type->title);
  d.doc = q(type->doc);
  QStringList errors;
  for (const auto& e : validateGraph(graph).errors)
    if (e.node == n->id) errors << q(e.format());
  d.errors = errors.join(QLatin1Char('\n'));
  Params resolved(type->params, n->params);
  for (const auto& p : type->params) {
    widgets::ParamEditorData e;
    e.name = q(p.name);
    e.doc = q(p.doc);
    e.min = p.min;
    e.max = p.max;
    for (const auto& c : p.choices) e.choices << q(c);
    switch (p.type) {
      case ParamType::Int: e.kind = widgets::ParamEditorData::Int; break;
      case ParamType::Float: e.kind = widgets::ParamEditorData::Float; break;
      case ParamType::Bool: e.kind = widgets::ParamEditorData::Bool; break;
      case ParamType::Choice: e.kind = widgets::ParamEditorData::Choice; break;
      case ParamType::IntList: e.kind = widgets::ParamEditorData::IntList; break;
      case ParamType::String: e.kind = widgets::ParamEditorData::String; break;
    }
    e.valueJson = q(resolved.values()[p.name].dump());
    e.isDefault = !n->params.contains(p.name);
    d.params.append(e);
  }
  return d;
}

QList<widgets::PaletteEntry> paletteEntries() {
  QList<widgets::PaletteEntry> out;
  for (const auto& t : builtinRegistry().all()) out.append({q(t.type), q(t.title), q(t.category), q(t.doc)});
  return out;
}

}  // namespace fusebench::app
