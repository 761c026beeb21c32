#include "start/start_area.h"

#include <QDir>
#include <QFileInfo>
#include <QPointer>

#include "data/example_data.h"
#include "engine_text.h"
#include "start/example_projects.h"
#include "start/new_from_dataset.h"
#include "start/welcome_page.h"

namespace fusebench::app {

StartArea::StartArea(QWidget* window, std::function<QStringList()> recentProjects,
                     std::function<void(const ProjectFile&)> openNew)
    : QObject(window), welcome_(new widgets::WelcomePage(window)), recentProjects_(std::move(recentProjects)),
      examplesDir_(app::examplesDir()), newFromDataset_(new NewFromDataset(window, &jobs_, std::move(openNew))) {
  connect(newFromDataset_, &NewFromDataset::statusMessage, this, &StartArea::statusMessage);
  connect(welcome_, &widgets::WelcomePage::newFromDatasetRequested, newFromDataset_, &NewFromDataset::chooseAndStart);
  connect(welcome_, &widgets::WelcomePage::openRequested, this, &StartArea::openProjectRequested);
  connect(welcome_, &widgets::WelcomePage::makeDataRequested, this, &StartArea::makeExampleData);
  connect(welcome_, &widgets::WelcomePage::newProjectRequested, this, &StartArea::newProjectRequested);
  connect(welcome_, &widgets::WelcomePage::openDialogRequested, this, &StartArea::openDialogRequested);
  refresh();
}

StartArea::~StartArea() { jobs_.shutDown(); }

QWidget* StartArea::page() const { return welcome_; }

void StartArea::setExamplesDir(const QString& dir) {
  examplesDir_ = dir;
  refresh();
}

void StartArea::refresh() {
  welcome_->setRecentProjects(recentProjects_ ? recentProjects_() : QStringList());
  if (!jobs_.busy()) welcome_->setExamples(listExampleProjects(examplesDir_));  // a card being made keeps its bar
}

void StartArea::makeExampleData(const QString& projectPath) {
  widgets::WelcomeExample example;
  for (const auto& e : listExampleProjects(QFileInfo(projectPath).absolutePath()))
    if (e.projectPath == projectPath) example = e;
  if (example.dataDir.isEmpty() || jobs_.busy()) return;
  const std::string folder = QFileInfo(example.dataDir).fileName().toStdString(), out = example.dataDir.toStdString();
  const std::size_t limit = sampleLimit_;
  // Progress comes from the worker thread: forwarded queued to the card.
  const QPointer<widgets::WelcomePage> page(welcome_);
  auto progress = [page, projectPath](const std::string& step, std::size_t done, std::size_t total) {
    QMetaObject::invokeMethod(page, [page, projectPath, step = QString::fromStdString(step), done, total] {
      if (page) page->setProgress(projectPath, step, static_cast<int>(done), static_cast<int>(total));
    }, Qt::QueuedConnection);
  };
  welcome_->setProgress(projectPath, tr("starting"), 0, 0);
  Q_EMIT statusMessage(tr("Making the data of %1 in %2…").arg(example.name, example.dataDir));
  jobs_.run(QStringLiteral("example-data"), tr("Making the data of %1").arg(example.name),
            [folder, out, progress, limit] { return data::makeExampleData(folder, out, progress, limit); },
            [this, projectPath, example](const data::ExampleDataResult& r) {
              const QString error = QString::fromStdString(r.error);
              welcome_->setMakingFinished(projectPath, r.ok, error);
              if (!r.ok) {
                Q_EMIT statusMessage(tr("Could not make the data of %1: %2").arg(example.name, error));
                return;
              }
              Q_EMIT statusMessage(tr("Made %n sample(s) for %1 in %2", nullptr, static_cast<int>(r.samples))
                                       .arg(example.name, example.dataDir));
              Q_EMIT openProjectRequested(projectPath);
            },
            widgets::JobTracker::Policy::Always);
}

}  // namespace fusebench::app
