#include "project_loader.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#include "model/model_summary.h"
#include "project/project_file.h"

namespace fusebench::app {

static QString q(const std::string& s) { return QString::fromStdString(s); }

LoadedProject loadProject(const QString& path) {
  LoadedProject out;
  out.path = path;
  out.name = QFileInfo(path).completeBaseName();
  auto loaded = loadProjectFile(path.toStdString());
  if (!loaded.project) {
    for (const auto& e : loaded.errors) out.summary.problems.append({q(e.node), q(e.port), q(e.format())});
    out.summary.title = out.name;
    return out;
  }
  out.readable = true;
  const ProjectFile& p = *loaded.project;
  if (!p.name.empty()) out.name = q(p.name);
  out.nodeCount = static_cast<int>(p.graph.nodes.size());
  out.edgeCount = static_cast<int>(p.graph.edges.size());
  const ModelSummary s = summarizeGraph(p.graph);
  out.summary.title = out.name;
  out.summary.totalParameters = s.total_parameters;
  for (const auto& n : s.nodes) {
    widgets::SummaryNode v;
    v.id = q(n.id);
    v.type = q(n.type);
    v.title = q(n.title);
    v.category = q(n.category);
    for (const auto& [port, shape] : n.outputs) v.outputs.append({q(port), q(shape)});
    v.parameters = n.parameters;
    v.hasErrors = n.has_errors;
    out.summary.nodes.append(v);
  }
  for (const auto& e : s.errors) out.summary.problems.append({q(e.node), q(e.port), q(e.format())});
  return out;
}

QString defaultProjectPath() {
  const QString name = QStringLiteral("image_text_concat.fbproj");
  const QString installed =
      QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("../share/fusebench/projects/") + name);
  if (QFileInfo::exists(installed)) return QDir::cleanPath(installed);
  return QDir(QStringLiteral(FUSEBENCH_EXAMPLES_DIR)).filePath(name);
}

}  // namespace fusebench::app
