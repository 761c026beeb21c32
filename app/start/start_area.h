#pragma once
// The Start area: the welcome page (widgets::WelcomePage) as the workspace's first page. It lists the
// recent projects and the example projects, and makes a missing example dataset on its JobTracker (with
// progress on the example's card) before asking the window to open the project. Where the data goes: beside
// the examples in a source checkout, in the user's data folder for installed ones (resolveDatasetPath).
#include <QObject>
#include <QString>
#include <QStringList>
#include <functional>

#include "jobs/job_tracker.h"
#include "project/project_file.h"
#include "workbench/area.h"

namespace fusebench::widgets {
class WelcomePage;
}

namespace fusebench::app {

class NewFromDataset;

class StartArea : public QObject, public Area {
  Q_OBJECT
 public:
  // `recentProjects` is asked each time the page is refreshed (the window keeps the list); `openNew` opens
  // the unsaved project New Project from Dataset made.
  StartArea(QWidget* window, std::function<QStringList()> recentProjects, std::function<void(const ProjectFile&)> openNew);
  ~StartArea() override;

  QString pageName() const override { return QStringLiteral("start"); }
  QString pageTitle() const override { return tr("Start"); }
  QString viewActionText() const override { return tr("&Start Page"); }
  QWidget* page() const override;
  bool hasWindowToItself() const override { return true; }
  widgets::JobTracker* jobs() override { return &jobs_; }
  widgets::WelcomePage* welcome() const { return welcome_; }
  NewFromDataset* newFromDataset() const { return newFromDataset_; }

  void refresh();  // recent and example projects, read again
  // Makes the example project's dataset, then asks for the project to be opened.
  void makeExampleData(const QString& projectPath);
  void setExamplesDir(const QString& dir);  // default: examplesDir()
  QString examplesDir() const { return examplesDir_; }
  void setSampleLimit(std::size_t n) { sampleLimit_ = n; }  // a smaller example dataset (tests)

 Q_SIGNALS:
  void openProjectRequested(const QString& path);
  void newProjectRequested();
  void openDialogRequested();
  void statusMessage(const QString& message);

 private:
  widgets::WelcomePage* welcome_;
  std::function<QStringList()> recentProjects_;
  QString examplesDir_;
  std::size_t sampleLimit_ = 0;
  widgets::JobTracker jobs_{1};
  NewFromDataset* newFromDataset_;
};

}  // namespace fusebench::app
