#include "document/project_document.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QUndoCommand>

#include "engine_text.h"
#include "graph/graph_json.h"
#include "graph/validate.h"
#include "util/files.h"

#include <map>

namespace fusebench::app {
namespace {

// Every edit is a memento of the whole graph before and after: exact undo, trivially correct redo, and
// graphs are small (tens of nodes). Moves of the same node set merge, so a drag is one undo step.
class GraphEdit : public QUndoCommand {
 public:
  GraphEdit(ProjectDocument* doc, const QString& text, GraphSpec before, GraphSpec after, int mergeId, QString mergeKey)
      : QUndoCommand(text), doc_(doc), before_(std::move(before)), after_(std::move(after)), mergeId_(mergeId),
        mergeKey_(std::move(mergeKey)) {}
  void undo() override { doc_->applyGraph(before_); }
  void redo() override { doc_->applyGraph(after_); }
  int id() const override { return mergeId_; }
  bool mergeWith(const QUndoCommand* other) override {
    const auto* o = static_cast<const GraphEdit*>(other);
    if (o->mergeKey_ != mergeKey_) return false;
    after_ = o->after_;
    return true;
  }

 private:
  ProjectDocument* doc_;
  GraphSpec before_, after_;
  int mergeId_;
  QString mergeKey_;
};

class DatasetEdit : public QUndoCommand {
 public:
  DatasetEdit(ProjectDocument* doc, std::string before, std::string after)
      : QUndoCommand(ProjectDocument::tr("Set dataset")), doc_(doc), before_(std::move(before)), after_(std::move(after)) {}
  void undo() override { doc_->applyDatasetPath(before_); }
  void redo() override { doc_->applyDatasetPath(after_); }

 private:
  ProjectDocument* doc_;
  std::string before_, after_;
};

constexpr int kMoveMergeId = 1;

NodeSpec* findNode(GraphSpec& g, const std::string& id) {
  for (auto& n : g.nodes)
    if (n.id == id) return &n;
  return nullptr;
}

}  // namespace

ProjectDocument::ProjectDocument(QObject* parent) : QObject(parent) {
  connect(&undo_, &QUndoStack::cleanChanged, this, [this](bool clean) { Q_EMIT modifiedChanged(!clean); });
  connect(&autosave_, &QTimer::timeout, this, [this] {
    if (!isModified()) return;
    QString error;
    const bool written = writeAutosave(&error);
    if (!written && !autosaveFailing_) Q_EMIT autosaveFailed(error);
    autosaveFailing_ = !written;
  });
}

// The undo stack, a member, is destroyed after this destructor's body and says cleanChanged as it goes; passed
// on as modifiedChanged it reached a MainWindow whose own members were already gone (found by ASan).
ProjectDocument::~ProjectDocument() { QObject::disconnect(&undo_, nullptr, this, nullptr); }

void ProjectDocument::setAutosaveInterval(int ms) {
  if (ms > 0) autosave_.start(ms);
  else autosave_.stop();
}

QString ProjectDocument::autosavePath() const {
  if (!path_.isEmpty()) return path_ + QStringLiteral(".autosave");
  return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(QStringLiteral("untitled.fbproj.autosave"));
}

bool ProjectDocument::writeAutosave(QString* error) {
  QDir().mkpath(QFileInfo(autosavePath()).absolutePath());
  std::string e;
  const bool ok = writeFileAtomic(autosavePath().toStdString(), projectToText(project_), e);
  if (!ok && error) *error = QString::fromStdString(e);
  return ok;
}

void ProjectDocument::removeAutosave() { QFile::remove(autosavePath()); }

bool ProjectDocument::hasNewerAutosave() const {
  const QFileInfo autosave(autosavePath()), file(path_);
  return autosave.exists() && (!file.exists() || autosave.lastModified() >= file.lastModified());
}

bool ProjectDocument::recoverAutosave(QString* error) {
  auto r = loadProjectFile(autosavePath().toStdString());
  if (!r.project) {
    if (error) *error = r.errors.empty() ? tr("unreadable autosave") : diagnosticText(r.errors[0]);
    return false;
  }
  push(tr("Recover unsaved changes"), r.project->graph);  // undo returns to the file as saved
  return true;
}

bool ProjectDocument::load(const QString& path, QString* error) {
  auto r = loadProjectFile(path.toStdString());
  if (!r.project) {
    if (error) *error = r.errors.empty() ? QObject::tr("cannot read") : diagnosticText(r.errors[0]);
    return false;
  }
  project_ = std::move(*r.project);
  path_ = path;
  undo_.clear();
  Q_EMIT graphChanged();
  return true;
}

void ProjectDocument::reset(const QString& name) {
  project_ = ProjectFile{};
  project_.name = name.toStdString();
  project_.graph.name = project_.name;
  path_.clear();
  undo_.clear();
  Q_EMIT graphChanged();
}

void ProjectDocument::resetTo(const ProjectFile& project) {
  project_ = project;
  path_.clear();
  undo_.clear();
  undo_.resetClean();  // unsaved work: closing or opening another project asks first
  Q_EMIT graphChanged();
  Q_EMIT modifiedChanged(true);
}

bool ProjectDocument::save(QString* error) {
  if (path_.isEmpty()) {
    if (error) *error = tr("the project has no file yet (use Save As)");
    return false;
  }
  return saveAs(path_, error);
}

bool ProjectDocument::saveAs(const QString& path, QString* error) {
  // Relative paths (the dataset, pretrained encoders) are relative to the project file: re-base them.
  ProjectFile moved = project_;
  rebaseProject(moved, path_.toStdString(), path.toStdString());
  std::string e;
  if (!saveProjectFile(moved, path.toStdString(), &e)) {
    if (error) *error = QString::fromStdString(e);
    return false;
  }
  if (!(moved.graph == project_.graph)) push(tr("Re-base file paths on the new project folder"), moved.graph);
  project_.dataset_path = moved.dataset_path;
  project_.graph.base_dir = moved.graph.base_dir;
  path_ = path;
  undo_.setClean();
  removeAutosave();
  return true;
}

void ProjectDocument::applyGraph(const GraphSpec& graph) {
  const std::string base = project_.graph.base_dir;  // undo never moves the project
  project_.graph = graph;
  project_.graph.base_dir = base;
  Q_EMIT graphChanged();
}

void ProjectDocument::push(const QString& text, const GraphSpec& after) {
  undo_.push(new GraphEdit(this, text, project_.graph, after, /*mergeId=*/-1, QString()));
}

QString ProjectDocument::addNode(const QString& type, QPointF position) {
  GraphSpec g = project_.graph;
  std::string base = type.toStdString();
  base = base.substr(base.find('.') + 1);  // "image.small_cnn" -> "small_cnn"
  std::string id = base;
  for (int k = 2; g.find(id); ++k) id = base + "_" + std::to_string(k);
  NodeSpec n;
  n.id = id;
  n.type = type.toStdString();
  n.x = position.x();
  n.y = position.y();
  g.nodes.push_back(n);
  push(tr("Add %1").arg(QString::fromStdString(id)), g);
  return QString::fromStdString(id);
}

void ProjectDocument::removeNodes(const QStringList& ids) {
  GraphSpec g = project_.graph;
  auto gone = [&](const std::string& id) { return ids.contains(QString::fromStdString(id)); };
  g.nodes.erase(std::remove_if(g.nodes.begin(), g.nodes.end(), [&](const NodeSpec& n) { return gone(n.id); }), g.nodes.end());
  g.edges.erase(std::remove_if(g.edges.begin(), g.edges.end(),
                               [&](const EdgeSpec& e) { return gone(e.from.node) || gone(e.to.node); }),
                g.edges.end());
  if (g.nodes.size() == project_.graph.nodes.size()) return;  // nothing to delete: no empty undo step
  push(ids.size() == 1 ? tr("Delete %1").arg(ids[0]) : tr("Delete %n nodes", nullptr, static_cast<int>(ids.size())), g);
}

void ProjectDocument::moveNodes(const QMap<QString, QPointF>& positions) {
  GraphSpec g = project_.graph;
  QString key;
  for (auto it = positions.begin(); it != positions.end(); ++it) {
    if (NodeSpec* n = findNode(g, it.key().toStdString())) {
      n->x = it.value().x();
      n->y = it.value().y();
      key += it.key() + QLatin1Char(',');
    }
  }
  undo_.push(new GraphEdit(this, tr("Move"), project_.graph, g, kMoveMergeId, key));
}

bool ProjectDocument::connectPorts(const PortRef& from, const PortRef& to, QString* reason) {
  GraphSpec g = project_.graph;
  g.edges.push_back(EdgeSpec{from, to});
  // Compare validation before and after: any new problem at the target port (or a cycle) refuses the edge.
  const auto before = validateGraph(project_.graph).errors;
  const auto after = validateGraph(g).errors;
  for (const auto& e : after) {
    const bool isNew = std::none_of(before.begin(), before.end(), [&](const Diagnostic& b) {
      return b.code == e.code && b.node == e.node && b.port == e.port && b.message == e.message;
    });
    const bool aboutThisEdge = e.code == "cycle" || e.code == "unknown-node" ||
                               (e.node == to.node && (e.port == to.port || e.code == "variadic-gap")) ||
                               (e.node == from.node && e.port == from.port);
    if (isNew && aboutThisEdge && e.code != "incompatible-dims") {
      if (reason) *reason = diagnosticText(e);
      return false;
    }
  }
  push(tr("Connect %1 to %2").arg(QString::fromStdString(from.str()), QString::fromStdString(to.str())), g);
  return true;
}

void ProjectDocument::disconnectPorts(const EdgeSpec& edge) {
  GraphSpec g = project_.graph;
  g.edges.erase(std::remove(g.edges.begin(), g.edges.end(), edge), g.edges.end());
  push(tr("Disconnect %1").arg(QString::fromStdString(edge.to.str())), g);
}

void ProjectDocument::setParameter(const QString& node, const QString& name, const nlohmann::ordered_json& value) {
  GraphSpec g = project_.graph;
  NodeSpec* n = findNode(g, node.toStdString());
  if (!n) return;
  // Editors report "finished" on focus loss too; an unchanged value is not an edit.
  if (n->params.contains(name.toStdString()) && n->params[name.toStdString()] == value) return;
  if (!n->params.contains(name.toStdString())) {
    const NodeTypeInfo* type = builtinRegistry().find(n->type);
    const ParamDecl* decl = type ? type->param(name.toStdString()) : nullptr;
    if (decl && decl->default_value == value) return;
  }
  n->params[name.toStdString()] = value;
  push(tr("Set %1.%2").arg(node, name), g);
}

bool ProjectDocument::setTrainingSetting(const QString& node, const QString& setting,
                                         const nlohmann::ordered_json& value, QString* reason) {
  GraphSpec g = project_.graph;
  NodeSpec* n = findNode(g, node.toStdString());
  if (!n) return false;
  auto refuse = [&](const QString& why) {
    if (reason) *reason = why;
    return false;
  };
  if (setting == QLatin1String("init_from.model") || setting == QLatin1String("init_from.node")) {
    if (!value.is_string()) return refuse(tr("%1 is a folder or node name").arg(setting));
    (setting.endsWith(QLatin1String("model")) ? n->init_model : n->init_node) = value.get<std::string>();
  } else if (setting == QLatin1String("freeze")) {
    if (!value.is_number_integer() || value.get<int64_t>() < -1) return refuse(tr("freeze is -1 (always), 0 or epochs"));
    n->freeze_epochs = value.get<int64_t>();
  } else if (setting == QLatin1String("lr_multiplier")) {
    if (!value.is_number() || value.get<double>() < 0 || value.get<double>() > 100)
      return refuse(tr("lr_multiplier is a number from 0 to 100"));
    n->lr_multiplier = value.get<double>();
  } else {
    return refuse(tr("no training setting '%1'").arg(setting));
  }
  if (g == project_.graph) return true;  // focus left an editor without a change
  push(tr("Set %1 %2").arg(node, setting), g);
  return true;
}

QString ProjectDocument::copyNodes(const QStringList& ids) const {
  GraphSpec part;
  part.name = "clipboard";
  auto in = [&](const std::string& id) { return ids.contains(QString::fromStdString(id)); };
  for (const auto& n : project_.graph.nodes)
    if (in(n.id)) part.nodes.push_back(n);
  for (const auto& e : project_.graph.edges)
    if (in(e.from.node) && in(e.to.node)) part.edges.push_back(e);
  return QString::fromStdString(graphToText(part));
}

QStringList ProjectDocument::pasteNodes(const QString& json, QPointF offset, QString* error) {
  auto part = graphFromText(json.toStdString());
  if (!part.graph) {
    if (error) *error = part.errors.empty() ? tr("not a Fusebench graph") : diagnosticText(part.errors[0]);
    return {};
  }
  GraphSpec g = project_.graph;
  std::map<std::string, std::string> renamed;
  QStringList ids;
  for (auto n : part.graph->nodes) {
    std::string id = n.id;
    for (int k = 2; g.find(id); ++k) id = n.id + "_" + std::to_string(k);
    renamed[n.id] = id;
    n.id = id;
    n.x += offset.x();
    n.y += offset.y();
    g.nodes.push_back(n);
    ids << QString::fromStdString(id);
  }
  for (auto e : part.graph->edges) {
    if (!renamed.count(e.from.node) || !renamed.count(e.to.node)) continue;
    e.from.node = renamed[e.from.node];
    e.to.node = renamed[e.to.node];
    g.edges.push_back(e);
  }
  if (!ids.isEmpty()) push(tr("Paste %n node(s)", nullptr, static_cast<int>(ids.size())), g);
  return ids;
}

QStringList ProjectDocument::duplicateNodes(const QStringList& ids) { return pasteNodes(copyNodes(ids), QPointF(40, 40)); }

void ProjectDocument::autoLayout() {
  GraphSpec g = project_.graph;
  // Depth = longest path from a node without inputs; nodes on a cycle keep depth 0.
  std::map<std::string, int> depth;
  for (const auto& n : g.nodes) depth[n.id] = 0;
  for (std::size_t pass = 0; pass < g.nodes.size(); ++pass)
    for (const auto& e : g.edges)
      if (depth.count(e.from.node) && depth.count(e.to.node))
        depth[e.to.node] = std::max(depth[e.to.node], depth[e.from.node] + 1);
  std::map<int, int> rows;
  for (auto& n : g.nodes) {
    const int d = depth[n.id];
    n.x = 280.0 * d;
    n.y = 160.0 * rows[d]++;
  }
  push(tr("Auto-layout"), g);
}

void ProjectDocument::setDatasetPath(const QString& dir) {
  // Absolute: the undo stack's before/after values then stay right whatever Save As does to the file's place.
  const QString stored = QDir::cleanPath(QFileInfo(dir).absoluteFilePath());
  if (stored.toStdString() == project_.dataset_path) return;
  undo_.push(new DatasetEdit(this, project_.dataset_path, stored.toStdString()));
}

QString ProjectDocument::datasetDir() const {
  return QString::fromStdString(resolveDatasetPath(project_, path_.toStdString()));
}

void ProjectDocument::applyDatasetPath(const std::string& path) {
  project_.dataset_path = path;
  Q_EMIT datasetChanged();
}

}  // namespace fusebench::app
