#include "editor_adapter.h"

#include <QCoreApplication>
#include <QObject>

#include <filesystem>
#include <map>

#include "engine_text.h"
#include "graph/validate.h"
#include "util/sha256.h"

namespace fusebench::app {

static QString q(const std::string& s) { return QString::fromStdString(s); }

static QString catalogue(const std::string& s) { return catalogueText(s); }


widgets::GraphView graphView(const GraphSpec& graph) {
  widgets::GraphView view;
  const auto report = validateGraph(graph);
  const auto& registry = builtinRegistry();
  for (const auto& n : graph.nodes) {
    widgets::NodeView v;
    v.id = q(n.id);
    v.position = QPointF(n.x, n.y);
    const NodeTypeInfo* type = registry.find(n.type);
    v.title = type ? catalogue(type->title) : q(n.type);
    v.category = type ? q(type->category) : QString();
    QStringList errors;
    for (const auto& e : report.errors)
      if (e.node == n.id) errors << diagnosticText(e);
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

namespace {

widgets::ParamEditorData setting(const char* name, widgets::ParamEditorData::Kind kind, const QString& json,
                                 bool isDefault, const QString& doc) {
  widgets::ParamEditorData e;
  e.name = QString::fromLatin1(name);
  e.kind = kind;
  e.valueJson = json;
  e.isDefault = isDefault;
  e.doc = doc;
  e.training = true;
  return e;
}

// init_from and freeze for encoders, the learning-rate multiplier for every node that learns.
void appendTrainingSettings(const NodeSpec& n, const NodeTypeInfo& type, widgets::InspectorData& d) {
  using K = widgets::ParamEditorData;
  if (type.role == NodeRole::Input) return;
  if (type.role == NodeRole::Encoder) {
    d.params.append(setting("init_from.model", K::String, q(nlohmann::json(n.init_model).dump()), n.init_model.empty(),
                            QObject::tr("Start from the weights of a run or bundle folder (relative to the project); "
                                        "empty = random initialization")));
    d.params.append(setting("init_from.node", K::String, q(nlohmann::json(n.init_node).dump()), n.init_node.empty(),
                            QObject::tr("The node of that model to copy: same type and shape")));
    auto freeze = setting("freeze", K::Int, QString::number(n.freeze_epochs), n.freeze_epochs == 0,
                          QObject::tr("Keep the parameters fixed (batch norm in eval mode) for this many epochs; "
                                      "'always' = never train them; 0 = trainable"));
    freeze.min = -1;
    freeze.max = 100000;
    freeze.minimumText = QObject::tr("always");
    d.params.append(freeze);
  }
  auto lr = setting("lr_multiplier", K::Float, QString::number(n.lr_multiplier, 'g', 10), n.lr_multiplier == 1.0,
                    QObject::tr("This node learns at this multiple of the run's learning rate (0.1 for a pretrained "
                                "backbone; 0 = no updates)"));
  lr.min = 0;
  lr.max = 100;
  d.params.append(lr);
}

// Where a node's file comes from (a TorchScript encoder's), and for TorchScript what running it means. The digest
// is remembered per file version: a backbone is large and the inspector is rebuilt on every edit.
void describeFile(const GraphSpec& graph, const NodeSpec& n, widgets::InspectorData& d) {
  const NodeTypeInfo* type = builtinRegistry().find(n.type);
  if (!type || !type->param("file")) return;  // only nodes that read a file
  if (n.type.find(".torchscript") != std::string::npos)
    d.warning = QObject::tr("A TorchScript file is a program: loading and running it executes its author's code with "
                            "your rights. Use only files from people you trust, and check the SHA-256 below against "
                            "the one they publish.");
  const std::string file = n.params.contains("file") && n.params["file"].is_string() ? n.params["file"].get<std::string>() : "";
  if (file.empty()) return;
  namespace fs = std::filesystem;
  const fs::path path = resolveGraphPath(graph.base_dir, file);
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  // Long paths and digests have no spaces: give the label places to wrap (after each '/', between groups).
  QString shown = q(path.lexically_normal().string()).toHtmlEscaped();
  shown.replace(QLatin1Char('/'), QStringLiteral("/\u200b"));
  QStringList lines{QObject::tr("File: %1").arg(shown)};
  if (ec) {
    d.provenance = lines.join(QStringLiteral("<br>"));
    return;
  }
  static std::map<std::string, std::string> digests;  // "path|size|mtime" -> SHA-256 (GUI thread only)
  const auto stamp = fs::last_write_time(path, ec).time_since_epoch().count();
  const std::string key = path.string() + "|" + std::to_string(size) + "|" + std::to_string(stamp);
  if (!digests.count(key)) {
    std::string digest, error;
    digests[key] = sha256File(path.string(), digest, error) ? digest : error;
  }
  QString digest = q(digests[key]).toHtmlEscaped();
  if (digest.size() == 64)
    for (int i = 56; i > 0; i -= 8) digest.insert(i, QLatin1Char(' '));  // 8 groups of 8, as fingerprints are shown
  lines << QObject::tr("Size: %1 MB").arg(static_cast<double>(size) / 1e6, 0, 'f', 2)
        << QObject::tr("SHA-256: <tt>%1</tt>").arg(digest)
        << QObject::tr("A trained model's bundle keeps its own copy of this file, with this digest.");
  d.provenance = lines.join(QStringLiteral("<br>"));
}

}  // namespace

widgets::InspectorData inspectorData(const GraphSpec& graph, const QString& nodeId) {
  widgets::InspectorData d;
  const NodeSpec* n = graph.find(nodeId.toStdString());
  if (!n) return d;
  d.node = nodeId;
  d.type = q(n->type);
  const NodeTypeInfo* type = builtinRegistry().find(n->type);
  if (!type) {
    d.errors = QObject::tr("unknown node type '%1'").arg(d.type);
    return d;
  }
  d.title = catalogue(type->title);
  d.doc = catalogue(type->doc);
  QStringList errors;
  for (const auto& e : validateGraph(graph).errors)
    if (e.node == n->id) errors << diagnosticText(e);
  d.errors = errors.join(QLatin1Char('\n'));
  Params resolved(type->params, n->params);
  for (const auto& p : type->params) {
    widgets::ParamEditorData e;
    e.name = q(p.name);
    e.doc = catalogue(p.doc);
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
  appendTrainingSettings(*n, *type, d);
  describeFile(graph, *n, d);
  return d;
}

QList<widgets::PaletteEntry> paletteEntries() {
  QList<widgets::PaletteEntry> out;
  for (const auto& t : builtinRegistry().all()) out.append({q(t.type), catalogue(t.title), q(t.category), catalogue(t.doc)});
  return out;
}

}  // namespace fusebench::app
