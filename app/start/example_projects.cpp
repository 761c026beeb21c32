#include "start/example_projects.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <algorithm>

#include "data/example_data.h"
#include "engine_text.h"
#include "project/project_file.h"

namespace fusebench::app {

namespace {

const QString kMainExample = QStringLiteral("fashion_trimodal.fbproj");

widgets::WelcomeExample describeExample(const QString& path, const ProjectFile& project) {
  using Data = widgets::WelcomeExample::Data;
  widgets::WelcomeExample e;
  e.projectPath = path;
  e.name = QString::fromStdString(project.name.empty() ? QFileInfo(path).completeBaseName().toStdString() : project.name);
  if (project.dataset_path.empty()) return e;  // Data::None
  e.dataDir = QString::fromStdString(resolveDatasetPath(project, path.toStdString()));
  if (QFileInfo::exists(QDir(e.dataDir).filePath(QStringLiteral("dataset.json")))) {
    e.data = Data::Ready;
    return e;
  }
  const data::ExampleDataRecipe* recipe = data::findExampleData(QFileInfo(e.dataDir).fileName().toStdString());
  if (!recipe) {
    e.data = Data::Absent;
    return e;
  }
  e.data = recipe->makeable ? Data::Missing : Data::NotMakeable;
  e.contents = engineText(recipe->contents);
  e.command = QString::fromStdString(recipe->command);
  return e;
}

}  // namespace

QString examplesDir() { return QString::fromStdString(examplesDirOfThisProgram(FUSEBENCH_EXAMPLES_DIR)); }

QList<widgets::WelcomeExample> listExampleProjects(const QString& dir) {
  QStringList files = QDir(dir).entryList({QStringLiteral("*.fbproj")}, QDir::Files, QDir::Name);
  std::stable_partition(files.begin(), files.end(), [](const QString& f) { return f == kMainExample; });
  QList<widgets::WelcomeExample> out;
  for (const QString& f : files) {
    const QString path = QDir(dir).filePath(f);
    const ProjectLoadResult loaded = loadProjectFile(path.toStdString());
    if (loaded.project) out << describeExample(path, *loaded.project);
  }
  return out;
}

}  // namespace fusebench::app
