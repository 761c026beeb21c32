#pragma once
// The explanation area: the Explain page (widgets::ExplanationView), the Explain menu, and the worker that
// explains samples off the GUI thread. Requests coalesce (JobTracker::Policy::Coalesce): while one
// explanation runs, only the newest waiting request is kept, and a result older than the newest request is
// dropped (what-if edits typed quickly never queue up). The model is the Runs dock's selected run, else the latest run with a model.
#include <QObject>
#include <QPointer>
#include <memory>

#include "explain/explanation_data.h"
#include "jobs/job_tracker.h"
#include "workbench/area.h"

class QAction;
class QMenu;
class QWidget;

namespace fusebench::widgets {
class ExplanationView;
}

namespace fusebench::app {

class DatasetArea;
class ProjectDocument;
class TrainingArea;
struct ExplainWorkerState;

class ExplainArea : public QObject, public Area {
  Q_OBJECT
 public:
  ExplainArea(QWidget* window, ProjectDocument* document, DatasetArea* data, TrainingArea* training);
  ~ExplainArea() override;

  QString pageName() const override { return QStringLiteral("explain"); }
  QString pageTitle() const override { return tr("Explain"); }
  QString viewActionText() const override { return tr("E&xplain"); }
  QKeySequence viewShortcut() const override { return QKeySequence(Qt::CTRL | Qt::Key_4); }
  QWidget* page() const override;
  QList<QMenu*> menus() const override { return {menu_}; }

  widgets::ExplanationView* view() const { return view_; }
  QMenu* menu() const { return menu_; }

  // Explains dataset row `sample` of the project's dataset with `run` (empty: selected or latest run with a
  // model). False (with the reason) when there is no trained model.
  bool explainSample(int sample, const QString& run = QString(), QString* error = nullptr);
  // Explains a case given as column -> value (files, text, numbers), not from the dataset.
  bool explainValues(const QMap<QString, QString>& values, const QString& run = QString(), QString* error = nullptr);
  // Asks for a new case's files and values (NewCaseDialog), then explains it.
  void explainNewCase();
  bool busy() const;
  widgets::JobTracker* jobs() override { return &jobs_; }
  QString modelRun() const { return run_; }
  bool exportReport(const QString& path, QString* error = nullptr);
  // The case report's language ("" = the interface's; otherwise a catalogue code such as "zh_CN").
  void setReportLanguage(const QString& code);
  QString reportLanguage() const { return reportLanguage_; }
  void reset();  // forget the model and sample (another project or dataset)

 Q_SIGNALS:
  void statusMessage(const QString& message);
  void explanationShown();
  void showPageRequested();

 private:
  void addReportLanguageMenu();
  // Explains dataset row `sample` (-1: the case `values`) with `run`'s model, or the default one.
  bool start(const QString& run, int sample, const QMap<QString, QString>& values, QString* error);
  void request();  // explain the current sample with the view's what-if state
  QString modelForExplaining(const QString& preferred) const;
  void deliver(const widgets::ExplanationData& data, const QString& run, const QString& title,
               const QVector<widgets::ModalityData>& modalities, const QStringList& classes);

  QWidget* window_;
  ProjectDocument* document_;
  DatasetArea* data_;
  TrainingArea* training_;
  widgets::ExplanationView* view_;
  QMenu* menu_;
  QString reportLanguage_;
  QAction* explainAction_;
  QAction* exportAction_;
  QAction* newCaseAction_;
  std::shared_ptr<ExplainWorkerState> state_;
  widgets::JobTracker jobs_{1};
  QString run_, shownModel_, dataset_;  // dataset_: canonical path of the project's dataset when reset
  int sample_ = -1;
  QMap<QString, QString> values_;  // a new case instead of a dataset row
};

}  // namespace fusebench::app
