#include "training/training_area.h"

#include <QAction>
#include <QComboBox>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTimer>
#include <QFileInfo>
#include <QLabel>
#include <QMenu>
#include <QMetaObject>
#include <QPointer>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QSplitter>
#include <QDockWidget>
#include <QThread>
#include <QToolBar>
#include <QVBoxLayout>

#include "engine_text.h"
#include "dataset/dataset_area.h"
#include "dataset/dataset_browser.h"
#include "dataset/dataset_terms.h"
#include "document/project_document.h"
#include "train/bundle.h"
#include "train/run_index.h"
#include "train/trainer.h"
#include "training/evaluation_panel.h"
#include "training/runs_panel.h"
#include "training/training_adapter.h"
#include "training/training_monitor.h"
#include "util/cpu_features.h"

namespace fusebench::app {

namespace {
// Steps per epoch of a run read back (its CSVs), for placing per-epoch points on the step axis.
qint64 stepsPerEpoch(const train::RunCurves& c) {
  return c.epoch.empty() || c.step.empty() ? 0 : static_cast<qint64>(c.step.size() / c.epoch.size());
}
// The device chooser's words: the CPU in the reader's language; a GPU by its product name from the engine.
QString deviceTitle(const std::string& device) {
  if (device == "cpu") return TrainingArea::tr("CPU, %n cores", "device", std::max(1, QThread::idealThreadCount()));
  return QString::fromStdString(train::deviceDescription(device));
}
}  // namespace

TrainingArea::TrainingArea(QWidget* window, ProjectDocument* document, DatasetArea* data)
    : QObject(window), window_(window), document_(document), data_(data) {
  monitor_ = new widgets::TrainingMonitor(window);
  evaluation_ = new widgets::EvaluationPanel(window);
  // Side by side: the live curves on the left, the evaluation (which needs height for the matrix) right.
  auto* split = new QSplitter(Qt::Horizontal, window);
  split->addWidget(monitor_);
  split->addWidget(evaluation_);
  split->setStretchFactor(0, 1);
  split->setStretchFactor(1, 1);
  page_ = split;
  runs_ = new widgets::RunsPanel(window);
  runsDock_ = new QDockWidget(tr("Runs"), window);
  runsDock_->setObjectName(QStringLiteral("runsDock"));  // its place is saved with the window's state
  runsDock_->setWidget(runs_);

  connect(&session_, &TrainingSession::progress, monitor_, [this](const auto& steps, const auto& epochs) {
    monitor_->addSteps(steps);
    monitor_->addEpochs(epochs);
    // The run's status and best metric move on: the runs are re-read on the pool, not on the GUI thread
    // (with many runs that is many small files per epoch).
    if (!epochs.isEmpty()) refreshRunsInBackground();
  });
  connect(&session_, &TrainingSession::epochEvaluated, evaluation_, &widgets::EvaluationPanel::setEvaluation);
  connect(&session_, &TrainingSession::message, this, [this](int level, const QString& m) {
    if (level == static_cast<int>(train::MessageLevel::Warning)) Q_EMIT statusMessage(tr("Warning: %1").arg(m));
    if (level == static_cast<int>(train::MessageLevel::Error)) Q_EMIT statusMessage(tr("Error: %1").arg(m));
  });
  connect(&session_, &TrainingSession::preparing, this, [this](qint64 done, qint64 total, double eta) {
    const auto left = static_cast<qint64>(eta + 0.5);
    monitor_->setStatus(done < total ? tr("First pass over the training data (image statistics, caches): %L1 of %L2 samples, "
                                          "about %3:%4 left. Stop cancels it; what is prepared stays cached.")
                                           .arg(done).arg(total).arg(left / 60).arg(left % 60, 2, 10, QLatin1Char('0'))
                                     : tr("First pass done: %L1 training samples prepared; training starts.").arg(total));
  });
  connect(&session_, &TrainingSession::stateChanged, this, [this] { updateActions(); });
  connect(&session_, &TrainingSession::finished, this, [this](const TrainingOutcome& o) {
    QString text;
    if (!o.ok)
      text = tr("<span style='color:#c62828'><b>Run failed:</b> %1</span>").arg(o.error.toHtmlEscaped());
    else if (o.stoppedBeforeTraining)
      text = QFile::exists(o.runDir + QStringLiteral("/checkpoints/last.pt"))
                 ? tr("Stopped while the data was being prepared: nothing more was trained; the run's last checkpoint is kept.")
                 : tr("Stopped while the data was being prepared: nothing was trained, so there is nothing to resume.");
    else if (o.stopped)
      text = tr("Stopped after %1 steps; a checkpoint was written. Resume it from the Runs panel (right-click).").arg(o.steps);
    else
      text = tr("Run finished: %1 epochs in %2 s, test accuracy <b>%3</b>.").arg(o.epochs).arg(o.seconds, 0, 'f', 1).arg(o.testAccuracy, 0, 'f', 4);
    monitor_->setStatus(text);
    Q_EMIT statusMessage(QString(text).remove(QRegularExpression(QStringLiteral("<[^>]*>"))));
    refreshRuns();
    runs_->selectRun(o.runDir);
    if (o.ok && !o.stopped) evaluate(o.runDir, QStringLiteral("test"));
    Q_EMIT runFinished(o);
  });

  connect(runs_, &widgets::RunsPanel::selectionChanged, this, [this](const QStringList& dirs) {
    if (!session_.isActive() && !dirs.isEmpty()) showRuns(dirs);
    if (session_.isActive()) {  // the live run stays; the selection is overlaid
      QList<widgets::RunCurvesView> overlays;
      for (const QString& d : dirs)
        if (d != session_.runDir()) overlays << curvesView(QFileInfo(d).fileName(), train::readRunCurves(d.toStdString()));
      monitor_->setOverlays(overlays);
    }
  });
  connect(runs_, &widgets::RunsPanel::resumeRequested, this, [this](const QString& dir) {
    Q_EMIT showPageRequested();
    resumeRun(dir);
  });
  connect(evaluation_, &widgets::EvaluationPanel::evaluateRequested, this,
          [this](const QString& split) { evaluate(selectedOrLastRun(), split); });
  connect(evaluation_, &widgets::EvaluationPanel::robustnessRequested, this,
          [this](const QString& split) { checkRobustness(selectedOrLastRun(), split); });
  connect(evaluation_, &widgets::EvaluationPanel::sampleActivated, this, &TrainingArea::openSampleRequested);
  connect(evaluation_, &widgets::EvaluationPanel::explainRequested, this, &TrainingArea::explainSampleRequested);
  connect(document_, &ProjectDocument::graphChanged, this, [this] { projectChanged(); });
  connect(data_, &DatasetArea::datasetOpened, this, [this] {
    evaluation_->setDataset(data_->browser()->dataset(), data_->mediaSource());
  });
  createActions();
  updateActions();
}

TrainingArea::~TrainingArea() {
  jobs_.shutDown();  // results still on their way are dropped
}

void TrainingArea::createActions() {
  menu_ = new QMenu(tr("&Training"), window_);
  toolBar_ = new QToolBar(tr("Training"), window_);
  toolBar_->setObjectName(QStringLiteral("trainingToolBar"));
  start_ = menu_->addAction(tr("&Start Training"), this, [this] {
    // The run (or the reason it cannot start) is shown on the Training page: go there, wherever F5 was pressed.
    Q_EMIT showPageRequested();
    QString error;
    if (!startTraining(&error)) {
      monitor_->setStatus(tr("<span style='color:#c62828'>%1</span>").arg(error.toHtmlEscaped()));
      Q_EMIT statusMessage(error);
    }
  });
  start_->setShortcut(QKeySequence(Qt::Key_F5));
  pause_ = menu_->addAction(tr("&Pause"), this, [this] {
    if (session_.state() == TrainingSession::State::Paused)
      session_.resume();
    else
      session_.pause();
  });
  pause_->setShortcut(QKeySequence(Qt::Key_F6));
  stop_ = menu_->addAction(tr("St&op"), this, [this] { session_.stop(); });
  stop_->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F5));
  menu_->addSeparator();
  menu_->addAction(tr("&Refresh Runs"), this, [this] { refreshRuns(); });

  device_ = new QComboBox(window_);
  for (const std::string& d : train::availableDevices())
    device_->addItem(deviceTitle(d), QString::fromStdString(d));
  device_->setToolTip(tr("Where the model trains: the CPU, or a CUDA device when LibTorch has one"));
  precision_ = new QComboBox(window_);
  precision_->setObjectName("precision");
  precision_->addItem(tr("float32"), QStringLiteral("fp32"));
  precision_->addItem(tr("bfloat16 mixed"), QStringLiteral("bf16"));
  precision_->setToolTip(tr("bfloat16 mixed precision: the forward pass in bfloat16, the weights and the optimizer "
                            "in float32. Often 2x faster on a CPU with AVX512-BF16 or AMX, and on recent GPUs"));
  connect(device_, qOverload<int>(&QComboBox::currentIndexChanged), this, [this] { offerPrecisionsOfDevice(); });
  offerPrecisionsOfDevice();
  threads_ = new QSpinBox(window_);
  threads_->setRange(1, std::max(1, QThread::idealThreadCount() * 2));
  threads_->setValue(std::max(1, QThread::idealThreadCount()));
  threads_->setPrefix(tr("threads "));
  threads_->setToolTip(tr("CPU threads for the model's arithmetic (LibTorch intra-op threads)"));
  epochs_ = new QSpinBox(window_);
  epochs_->setRange(1, 10000);
  epochs_->setPrefix(tr("epochs "));
  epochs_->setToolTip(tr("Epochs for the next run (the project's training section gives the default)"));
  toolBar_->addAction(start_);
  toolBar_->addAction(pause_);
  toolBar_->addAction(stop_);
  toolBar_->addSeparator();
  toolBar_->addWidget(new QLabel(tr(" Device "), window_));
  toolBar_->addWidget(device_);
  toolBar_->addWidget(precision_);
  toolBar_->addWidget(threads_);
  toolBar_->addWidget(epochs_);
}

void TrainingArea::updateActions() {
  const auto s = session_.state();
  start_->setEnabled(s == TrainingSession::State::Idle);
  pause_->setEnabled(s == TrainingSession::State::Running || s == TrainingSession::State::Paused);
  pause_->setText(s == TrainingSession::State::Paused ? tr("&Resume") : tr("&Pause"));
  stop_->setEnabled(s == TrainingSession::State::Running || s == TrainingSession::State::Paused);
  for (QWidget* w : {static_cast<QWidget*>(device_), static_cast<QWidget*>(precision_), static_cast<QWidget*>(threads_),
                     static_cast<QWidget*>(epochs_)})
    w->setEnabled(s == TrainingSession::State::Idle);
  if (s == TrainingSession::State::Paused) monitor_->setStatus(tr("Paused. Resume with F6."));
  if (s == TrainingSession::State::Stopping) monitor_->setStatus(tr("Stopping at the next step…"));
}

void TrainingArea::projectChanged() {
  if (shownProject_ == document_->path()) return;  // an edit of the graph: the toolbar keeps the user's values
  shownProject_ = document_->path();
  // Another project: its own recipe gives the defaults shown in the toolbar, and its runs are listed.
  Diagnostics errors;
  const auto& other = document_->project().other;
  const auto config = train::TrainConfig::fromJson(other.contains("training") ? nlohmann::json::parse(other["training"].dump())
                                                                            : nlohmann::json::object(),
                                                   errors);
  if (!session_.isActive()) {
    const QSignalBlocker block(epochs_);
    epochs_->setValue(static_cast<int>(config.epochs));
    setPrecision(QString::fromStdString(config.precision));
  }
  refreshRuns();
}

void TrainingArea::setEpochs(int epochs) { epochs_->setValue(epochs); }
void TrainingArea::setThreads(int threads) { threads_->setValue(threads); }
void TrainingArea::setDevice(const QString& device) {
  const int i = device_->findData(device);
  if (i >= 0) device_->setCurrentIndex(i);
}

// bfloat16 on this CPU only where it has the instructions (emulated it is slower than float32): elsewhere
// the choice is shown disabled, saying why, and a project's "bf16" falls back to float32 in the toolbar.
void TrainingArea::offerPrecisionsOfDevice() {
  auto* items = qobject_cast<QStandardItemModel*>(precision_->model());
  QStandardItem* bf16 = items ? items->item(precision_->findData(QStringLiteral("bf16"))) : nullptr;
  if (!bf16) return;
  const bool cpu = device_->currentData().toString() == QLatin1String("cpu");
  const bool usable = !cpu || util::cpuBf16Support().native;
  bf16->setEnabled(usable);
  bf16->setToolTip(usable ? QString()
                          : tr("This CPU has neither AVX512-BF16 nor AMX-BF16: bfloat16 would be slower than float32 here"));
  if (!usable && precision_->currentData().toString() == QLatin1String("bf16")) precision_->setCurrentIndex(0);
}

void TrainingArea::setPrecision(const QString& precision) {
  const int i = precision_->findData(precision);
  auto* items = qobject_cast<QStandardItemModel*>(precision_->model());
  if (i >= 0 && (!items || items->item(i)->isEnabled())) precision_->setCurrentIndex(i);
}

QString TrainingArea::precision() const { return precision_->currentData().toString(); }

QStringList TrainingArea::deviceTitles() const {
  QStringList out;
  for (int i = 0; i < device_->count(); ++i) out << device_->itemText(i);
  return out;
}

bool TrainingArea::startTraining(QString* error) {
  auto fail = [&](const QString& why) {
    if (error) *error = why;
    return false;
  };
  if (session_.isActive()) return fail(tr("A run is already in progress."));
  if (document_->path().isEmpty()) return fail(tr("Save the project first: its runs are stored in runs/ beside the project file."));
  TrainingRequest r;
  r.project = document_->project();
  r.projectPath = document_->path();
  Diagnostics errors;
  const auto& other = r.project.other;
  r.config = train::TrainConfig::fromJson(
      other.contains("training") ? nlohmann::json::parse(other["training"].dump()) : nlohmann::json::object(), errors);
  if (!errors.empty()) return fail(tr("The project's training section has a mistake: %1").arg(diagnosticText(errors[0])));
  r.config.epochs = epochs_->value();
  r.config.threads = threads_->value();
  r.config.device = device_->currentData().toString().toStdString();
  r.config.precision = precision_->currentData().toString().toStdString();
  r.runDir = QString::fromStdString(train::defaultRunDir(r.projectPath.toStdString()));
  monitor_->beginRun(QFileInfo(r.runDir).fileName(), 0, 0);
  monitor_->setOverlays({});
  evaluation_->setEvaluation({});
  evaluation_->setBusy(tr("The validation split is evaluated after each epoch."));
  if (!session_.start(r, error)) return false;
  QTimer::singleShot(500, this, [this] { refreshRuns(); });
  return true;
}

void TrainingArea::resumeRun(const QString& runDir) {
  if (session_.isActive()) return;
  TrainingRequest r;
  r.resumeDir = runDir;
  const auto curves = train::readRunCurves(runDir.toStdString());
  monitor_->showRun(curvesView(QFileInfo(runDir).fileName(), curves), stepsPerEpoch(curves));
  session_.start(r);
}

void TrainingArea::refreshRuns() {
  jobs_.supersede(QStringLiteral("runs"));  // a background read still on its way is older than this one
  if (document_->path().isEmpty()) {
    runs_->setRuns({});
    runs_->setMessage(tr("Save the project to keep its runs (runs/ beside the project file)."));
    return;
  }
  runs_->setRuns(runSummaries(train::listRuns(document_->path().toStdString())));
}

void TrainingArea::refreshRunsInBackground() {
  if (document_->path().isEmpty()) return;
  const std::string path = document_->path().toStdString();
  jobs_.run(QStringLiteral("runs"), tr("Reading the runs"), [path] { return runSummaries(train::listRuns(path)); },
         [this](QList<widgets::RunSummaryView> runs) { runs_->setRuns(runs); });
}

QString TrainingArea::selectedOrLastRun() const {
  const QStringList selected = runs_->selectedRuns();
  if (!selected.isEmpty()) return selected.first();
  if (!session_.runDir().isEmpty()) return session_.runDir();
  const auto runs = train::listRuns(document_->path().toStdString());
  return runs.empty() ? QString() : QString::fromStdString(runs.back().dir);
}

void TrainingArea::showRuns(const QStringList& dirs) {
  if (dirs.isEmpty()) return;
  const QString main = dirs.first();
  const auto info = train::readRun(main.toStdString());
  const auto curves = train::readRunCurves(main.toStdString());
  const qint64 perEpoch = stepsPerEpoch(curves);
  jobs_.supersede(QStringLiteral("evaluate"));  // the run chosen now wins over an evaluation still in flight
  monitor_->showRun(curvesView(QString::fromStdString(info.name), curves), perEpoch);
  QList<widgets::RunCurvesView> overlays;
  for (int i = 1; i < dirs.size(); ++i)
    overlays << curvesView(QFileInfo(dirs[i]).fileName(), train::readRunCurves(dirs[i].toStdString()));
  monitor_->setOverlays(overlays);
  monitor_->setStatus(tr("Run %1 · %2%3").arg(QString::fromStdString(info.name), QString::fromStdString(info.state),
                                               info.error.empty() ? QString() : QStringLiteral(": ") + QString::fromStdString(info.error)));
  // Its saved test evaluation right away (no per-sample results: Evaluate adds them).
  QFile f(QDir(main).filePath(QStringLiteral("eval.json")));
  if (f.open(QIODevice::ReadOnly)) {
    const auto j = nlohmann::json::parse(f.readAll().toStdString(), nullptr, false);
    if (j.is_object() && j.contains("test"))
      evaluation_->setEvaluation(evaluationFromJson(j["test"], tr("run %1 · test split").arg(QFileInfo(main).fileName()), QStringLiteral("test")));
  } else {
    evaluation_->setEvaluation({});
    evaluation_->setBusy(tr("This run has no evaluation yet (it did not finish)."));
  }
}

void TrainingArea::evaluate(const QString& runDir, const QString& split) {
  if (runDir.isEmpty()) {
    evaluation_->setBusy(tr("No run to evaluate yet: train one first."));
    return;
  }
  const QString title = tr("run %1 · %2 split").arg(QFileInfo(runDir).fileName(), widgets::splitTitle(split));
  if (!QFile::exists(QDir(runDir).filePath(QStringLiteral("model/bundle.json")))) {
    // Stopped, failed or still running: the model bundle is written when a run finishes.
    widgets::EvaluationView none;
    none.error = tr("Run %1 has no trained model yet: a run writes it when it finishes. Resume the run (right-click "
                    "it in the Runs panel), or evaluate a finished one.")
                     .arg(QFileInfo(runDir).fileName());
    evaluation_->setEvaluation(none);
    return;
  }
  evaluation_->setBusy(tr("Evaluating %1…").arg(title));
  train::EvalRequest req;
  req.bundle = runDir.toStdString();
  req.split = split.toStdString();
  req.keep_predictions = true;
  req.threads = session_.isActive() ? 1 : 0;  // leave the cores to a run in progress
  jobs_.run(QStringLiteral("evaluate"), tr("Evaluating %1").arg(title), [req] { return train::evaluateBundle(req); },
         [this, title, split](train::EvalOutcome o) {
           evaluation_->setEvaluation(evaluationFromOutcome(o, title, split));
           Q_EMIT evaluationShown();
         });
}

void TrainingArea::checkRobustness(const QString& runDir, const QString& split) {
  if (runDir.isEmpty()) return;
  evaluation_->setRobustnessMessage(tr("Evaluating %1 with each modality missing…").arg(QFileInfo(runDir).fileName()));
  evaluation_->tabs()->setCurrentIndex(3);
  train::EvalRequest req;
  req.bundle = runDir.toStdString();
  req.split = split.toStdString();
  req.threads = session_.isActive() ? 1 : 0;
  jobs_.run(QStringLiteral("robustness"), tr("Checking %1 with each modality missing").arg(QFileInfo(runDir).fileName()),
            [req] { return train::evaluateRobustness(req); },
         [this](train::RobustnessOutcome o) {
           evaluation_->setRobustness(robustnessFromOutcome(o));
           Q_EMIT evaluationShown();
         });
}

bool TrainingArea::confirmClose() {
  if (!session_.isActive()) return true;
  const auto answer = closePrompt_ ? closePrompt_()
                                   : QMessageBox::question(window_, tr("Training in progress"),
                                                           tr("A run is in progress. Stop it (a checkpoint is written, "
                                                              "and it can be resumed later) and close?"));
  if (answer != QMessageBox::Yes) return false;
  session_.stop();
  session_.waitUntilIdle(120000);
  return true;
}

}  // namespace fusebench::app
