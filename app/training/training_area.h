#pragma once
// The training area: the Training page (live monitor above, evaluation below), the Runs dock, the
// Training menu and toolbar (start, pause / resume, stop, device, CPU threads, epochs). Evaluations and
// robustness checks of finished runs run on a worker pool, never on the GUI thread.
#include <QObject>
#include <functional>

#include <QMessageBox>

#include "jobs/job_tracker.h"
#include "training/training_session.h"
#include "workbench/area.h"

class QAction;
class QComboBox;
class QMenu;
class QSpinBox;
class QToolBar;
class QWidget;

namespace fusebench::widgets {
class EvaluationPanel;
class RunsPanel;
class TrainingMonitor;
}  // namespace fusebench::widgets

namespace fusebench::app {

class DatasetArea;
class ProjectDocument;

class TrainingArea : public QObject, public Area {
  Q_OBJECT
 public:
  TrainingArea(QWidget* window, ProjectDocument* document, DatasetArea* data);
  ~TrainingArea() override;

  QString pageName() const override { return QStringLiteral("training"); }
  QString pageTitle() const override { return tr("Training"); }
  QString viewActionText() const override { return tr("&Training"); }
  QKeySequence viewShortcut() const override { return QKeySequence(Qt::CTRL | Qt::Key_3); }
  QWidget* page() const override { return page_; }
  QList<QMenu*> menus() const override { return {menu_}; }
  QToolBar* toolBar() const override { return toolBar_; }
  QList<QDockWidget*> windowDocks() const override { return {runsDock_}; }
  QDockWidget* runsDock() const { return runsDock_; }
  widgets::RunsPanel* runsPanel() const { return runs_; }
  widgets::TrainingMonitor* monitor() const { return monitor_; }
  widgets::EvaluationPanel* evaluationPanel() const { return evaluation_; }
  QMenu* menu() const { return menu_; }
  TrainingSession* session() { return &session_; }

  // Overrides of the project's training section, as the toolbar sets them.
  void setEpochs(int epochs);
  void setThreads(int threads);
  void setDevice(const QString& device);
  void setPrecision(const QString& precision);  // "fp32" or "bf16" (ignored where bf16 is not offered)
  QString precision() const;

  bool startTraining(QString* error = nullptr);  // the open document, as it is now
  void resumeRun(const QString& runDir);
  void refreshRuns();               // now, on the GUI thread (menu, after a run)
  void refreshRunsInBackground();   // read on the pool; the newest result is shown
  void showRuns(const QStringList& runDirs);     // first is shown, the others overlaid
  void evaluate(const QString& runDir, const QString& split);
  void checkRobustness(const QString& runDir, const QString& split);
  bool busy() const { return jobs_.busy(); }
  QString selectedOrLastRun() const;  // the run the Runs dock has selected, else the current or latest one
  QStringList deviceTitles() const;  // the device chooser's entries ("CPU, 2 cores", a GPU's name)
  void waitForJobs() { jobs_.waitForIdle(); }
  widgets::JobTracker* jobs() override { return &jobs_; }

  // Closing the window while training: asks (Yes stops the run cleanly and closes), else keeps it open.
  void setClosePrompt(std::function<QMessageBox::StandardButton()> prompt) { closePrompt_ = std::move(prompt); }
  bool confirmClose();

 Q_SIGNALS:
  void statusMessage(const QString& message);
  void showPageRequested();  // the user started something that the Training page shows
  void openSampleRequested(int sample, bool play);
  void explainSampleRequested(int sample);
  void runFinished(const fusebench::app::TrainingOutcome& outcome);
  void evaluationShown();

 private:
  void createActions();
  void updateActions();
  void projectChanged();
  void offerPrecisionsOfDevice();

  QWidget* window_;
  QString shownProject_;
  ProjectDocument* document_;
  DatasetArea* data_;
  TrainingSession session_;
  widgets::JobTracker jobs_{1};  // evaluations queue behind each other; training has its own thread
  std::function<QMessageBox::StandardButton()> closePrompt_;

  QWidget* page_;
  widgets::TrainingMonitor* monitor_;
  widgets::EvaluationPanel* evaluation_;
  widgets::RunsPanel* runs_;
  QMenu* menu_;
  QToolBar* toolBar_;
  QDockWidget* runsDock_;
  QAction* start_;
  QAction* pause_;
  QAction* stop_;
  QComboBox* device_;
  QComboBox* precision_;
  QSpinBox* threads_;
  QSpinBox* epochs_;
};

}  // namespace fusebench::app
