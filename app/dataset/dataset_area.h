#pragma once
// The dataset area: the browser page, the Dataset menu (open a folder, import IDX or class folders,
// validate, use for this project) and the background jobs behind them. Reading a manifest, validating
// and importing run on the area's JobTracker: a newer open drops an older open's (and validation's) result,
// so the window never waits for a file; imports are always answered (their dialog must close).
#include <QObject>
#include <QPointer>
#include <QProgressDialog>
#include <functional>
#include <QString>
#include <atomic>
#include <memory>

#include "data/splits.h"
#include "graph/graph_spec.h"
#include "jobs/job_tracker.h"
#include "workbench/area.h"

class QAction;
class QMenu;
class QWidget;

namespace fusebench::data {
class Dataset;
}
namespace fusebench::widgets {
class DatasetBrowser;
class SampleMediaSource;
struct IdxImportRequest;
}  // namespace fusebench::widgets

namespace fusebench::app {

class EngineMediaSource;

class DatasetArea : public QObject, public Area {
  Q_OBJECT
 public:
  explicit DatasetArea(QWidget* window);
  ~DatasetArea() override;

  QString pageName() const override { return QStringLiteral("data"); }
  QString pageTitle() const override { return tr("Data"); }
  QString viewActionText() const override { return tr("&Data"); }
  QKeySequence viewShortcut() const override { return QKeySequence(Qt::CTRL | Qt::Key_2); }
  QWidget* page() const override;
  QList<QMenu*> menus() const override { return {menu_}; }

  widgets::DatasetBrowser* browser() const { return browser_; }
  QMenu* menu() const { return menu_; }
  QAction* patientDataAction() const { return patientData_; }

  // Opens `dir` in the browser (asynchronously), then validates it. Empty: shows `emptyMessage`.
  void openDataset(const QString& dir, const QString& emptyMessage = {});
  void setGraph(const GraphSpec& graph);
  // The project's split settings (seed and fractions), used by the next openDataset().
  void setSplitOptions(const data::SplitOptions& splits) { splits_ = splits; }  // the spectrogram the model sees follows the project's inputs
  void validate();
  QString currentDir() const { return dir_; }
  std::shared_ptr<const widgets::SampleMediaSource> mediaSource() const;
  bool busy() const { return jobs_.busy(); }
  void waitForJobs() { jobs_.waitForIdle(); }  // tests and benchmarks
  widgets::JobTracker* jobs() override { return &jobs_; }

  // Imports run on the worker pool with a progress dialog; the result opens in the browser.
  void importIdx(const widgets::IdxImportRequest& request);
  void importFolders(const QString& source, const QString& out);
  // The worker-thread count for validation (default: all cores but one, kept for the GUI).
  void setValidationThreads(int n) { validationThreads_ = n; }

 Q_SIGNALS:
  void datasetOpened(const QString& dir, int samples);
  void validationFinished(int samplesWithProblems);
  void importFinished(bool ok, const QString& dir, const QString& message);
  void useForProjectRequested(const QString& dir);
  void statusMessage(const QString& message);

 private:
  void createMenu();
  QPointer<QProgressDialog> progressDialog(const QString& title, const QString& label);
  static std::function<void(std::size_t, std::size_t)> progressCallback(QPointer<QProgressDialog> guard);

  QWidget* window_;
  widgets::DatasetBrowser* browser_;
  QMenu* menu_ = nullptr;
  QAction* patientData_ = nullptr;
  widgets::JobTracker jobs_{2};  // an open / import and a validation may overlap
  int validationThreads_ = 1;
  QString dir_;
  data::SplitOptions splits_;
  GraphSpec graph_;
  bool hasGraph_ = false;
  std::shared_ptr<const data::Dataset> dataset_;
  std::shared_ptr<EngineMediaSource> source_;
  std::shared_ptr<std::atomic<bool>> cancelValidation_;
};

}  // namespace fusebench::app
