#include "project_loader.h"
#include "start/example_projects.h"

#include "train/train_config.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#include "engine_text.h"
#include "data/dataset.h"
#include "data/splits.h"
#include "model/model_summary.h"
#include "project/project_file.h"

namespace fusebench::app {

static QString q(const std::string& s) { return QString::fromStdString(s); }

LoadedProject loadProject(const QString& path) {
  auto loaded = loadProjectFile(path.toStdString());
  if (!loaded.project) {
    LoadedProject out;
    out.path = path;
    out.name = QFileInfo(path).completeBaseName();
    for (const auto& e : loaded.errors) out.summary.problems.append({q(e.node), q(e.port), diagnosticText(e)});
    out.summary.title = out.name;
    return out;
  }
  return describeProject(*loaded.project, path);
}

LoadedProject describeProject(const ProjectFile& p, const QString& path, bool withDataset) {
  LoadedProject out;
  out.path = path;
  out.name = p.name.empty() ? QFileInfo(path).completeBaseName() : q(p.name);
  out.readable = true;
  out.nodeCount = static_cast<int>(p.graph.nodes.size());
  out.edgeCount = static_cast<int>(p.graph.edges.size());
  const ModelSummary s = summarizeGraph(p.graph);
  out.summary.title = out.name;
  out.summary.totalParameters = s.total_parameters;
  for (const auto& n : s.nodes) {
    widgets::SummaryNode v;
    v.id = q(n.id);
    v.type = q(n.type);
    v.title = catalogueText(n.title);
    v.category = q(n.category);
    for (const auto& [port, shape] : n.outputs) v.outputs.append({q(port), q(shape)});
    v.parameters = n.parameters;
    v.hasErrors = n.has_errors;
    out.summary.nodes.append(v);
  }
  for (const auto& e : s.errors) out.summary.problems.append({q(e.node), q(e.port), diagnosticText(e)});
  const std::string datasetDir = resolveDatasetPath(p, path.toStdString());
  if (withDataset && !datasetDir.empty()) out.dataset = describeDataset(q(datasetDir), projectSplitOptions(p));
  return out;
}

data::SplitOptions projectSplitOptions(const ProjectFile& project) {
  const auto& other = project.other;
  Diagnostics ignored;  // a bad training section is reported when training starts
  const auto config = train::TrainConfig::fromJson(
      other.contains("training") ? nlohmann::json::parse(other["training"].dump()) : nlohmann::json::object(), ignored);
  return {config.val_fraction, config.test_fraction, config.seed};
}

widgets::DatasetInfo describeDataset(const QString& dir, const data::SplitOptions& splitOptions) {
  widgets::DatasetInfo info;
  info.configured = true;
  info.path = dir;
  auto opened = data::Dataset::open(dir.toStdString());
  if (!opened.dataset) {
    QStringList reasons;
    for (const auto& e : opened.errors) reasons << q(e.message);
    info.problem = reasons.join(QLatin1Char('\n'));
    if (dir.endsWith(QStringLiteral("fashion_trimodal")))
      info.problem += QObject::tr("\nGenerate the example dataset with: fusebench-cli data make-example");
    return info;
  }
  const data::Dataset& ds = *opened.dataset;
  info.available = true;
  info.name = q(ds.description().name);
  info.provenance = q(ds.description().provenance);
  info.samples = static_cast<int>(ds.size());
  const auto splits = data::assignSplits(ds, splitOptions);
  for (const char* name : {"train", "val", "test"})
    info.splits.append({QString::fromLatin1(name), static_cast<int>(splits.indices(name).size())});
  for (const auto& c : ds.description().columns) {
    widgets::DatasetColumnInfo col;
    col.name = q(c.name);
    col.role = QString::fromLatin1(data::roleName(c.role));
    for (std::size_t i = 0; i < ds.size(); ++i) col.present += ds.cell(i, c.name).missing ? 0 : 1;
    info.columns.append(col);
  }
  if (const auto* target = ds.description().target())
    for (const auto& c : target->classes) info.classes << q(c);
  return info;
}

QString defaultProjectPath() { return QDir(examplesDir()).filePath(QStringLiteral("fashion_trimodal.fbproj")); }

}  // namespace fusebench::app
