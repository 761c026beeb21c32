// Training from the GUI classes (offscreen) on a small real dataset: curve points and a confusion matrix
// from a tiny run, pause / resume / stop (also during the first step), an engine error shown, the runs
// panel after reopening the project, curve export, robustness, ONNX export of the finished run from the File menu,
// and closing the window mid-run.
#include <QComboBox>
#include <QDir>
#include <QStandardItemModel>
#include <QFile>
#include <QApplication>
#include <QMenuBar>
#include <QMessageBox>
#include <QTimer>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTreeWidget>
#include <QTabWidget>
#include <QTest>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "dataset/dataset_area.h"
#include "fixtures.h"
#include "main_window.h"
#include "training/confusion_matrix_view.h"
#include "training/evaluation_panel.h"
#include "training/model_export.h"
#include "training/runs_panel.h"
#include "training/training_area.h"
#include "training/training_monitor.h"
#include "util/cpu_features.h"

using fusebench::app::MainWindow;
using fusebench::app::TrainingOutcome;
using fusebench::app::TrainingSession;
namespace fs = std::filesystem;

namespace {

// A project beside its dataset: image + title + tabular, concatenated, 4 classes.
QString writeProject(const std::string& name, const std::string& training, bool withProblems = false) {
  std::vector<fusebench::testing::ExpectedProblem> problems;
  const fs::path dataset = withProblems ? fusebench::testing::writeProblemDataset(name + "_data", &problems)
                                        : fusebench::testing::writeCleanDataset(name + "_data", 8);
  const fs::path dir = fusebench::testing::freshDir(name + "_project");
  const std::string text = R"({"format": "fusebench-project", "version": 1, "name": "tiny",
  "dataset": {"path": ")" + dataset.string() + R"("},
  "training": )" + training + R"(,
  "graph": {"schema_version": 1, "nodes": [
    {"id": "image", "type": "input.image", "params": {"channels": 1, "height": 8, "width": 8}, "position": [0, 0]},
    {"id": "title", "type": "input.text", "params": {"field": "title", "max_length": 4, "vocab_size": 20}, "position": [0, 100]},
    {"id": "tab", "type": "input.tabular", "position": [0, 200]},
    {"id": "ie", "type": "image.small_cnn", "params": {"depth": 1, "width": 4}, "position": [200, 0]},
    {"id": "te", "type": "text.bag_of_embeddings", "params": {"dim": 4}, "position": [200, 100]},
    {"id": "tm", "type": "tabular.mlp", "params": {"hidden": [4]}, "position": [200, 200]},
    {"id": "fuse", "type": "fusion.concat", "position": [400, 100]},
    {"id": "head", "type": "head.classification", "params": {"num_classes": 4}, "position": [600, 100]}],
   "edges": [{"from": "image.out", "to": "ie.in"}, {"from": "title.out", "to": "te.in"}, {"from": "tab.out", "to": "tm.in"},
             {"from": "ie.features", "to": "fuse.in0"}, {"from": "te.features", "to": "fuse.in1"},
             {"from": "tm.features", "to": "fuse.in2"}, {"from": "fuse.out", "to": "head.in"}]}})";
  fusebench::testing::writeText(dir / "tiny.fbproj", text);
  return QString::fromStdString((dir / "tiny.fbproj").string());
}

const std::string kQuick = R"({"epochs": 3, "batch_size": 8, "lr": 0.01, "threads": 1, "seed": 5})";

TrainingOutcome runToEnd(MainWindow& w) {
  QSignalSpy finished(w.trainingArea(), &fusebench::app::TrainingArea::runFinished);
  QString error;
  if (!w.trainingArea()->startTraining(&error)) qFatal("start failed: %s", qPrintable(error));
  if (!finished.wait(60000)) qFatal("the run did not finish");
  return finished.first().first().value<TrainingOutcome>();
}

}  // namespace

Q_DECLARE_METATYPE(fusebench::app::TrainingOutcome)

class TestTrainingArea : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase() { qRegisterMetaType<TrainingOutcome>(); }

  void aTinyRunProducesCurvesAConfusionMatrixAndARunEntry() {
    MainWindow w;
    QVERIFY(w.openProject(writeProject("gui_train", kQuick)));
    auto* area = w.trainingArea();
    QCOMPARE(area->monitor()->stepCount(), 0);
    QSignalSpy messages(area->session(), &TrainingSession::message);
    QSignalSpy preparing(area->session(), &TrainingSession::preparing);
    QString firstPassStatus;  // what the monitor says while the first pass runs (the project normalizes its images)
    connect(area->session(), &TrainingSession::preparing, area, [&] { firstPassStatus = area->monitor()->statusText(); });
    const TrainingOutcome o = runToEnd(w);
    QVERIFY2(o.ok, qPrintable(o.error));
    QVERIFY(!preparing.isEmpty());
    QCOMPARE(preparing.last().at(0).toLongLong(), preparing.last().at(1).toLongLong());  // the pass ends complete
    QVERIFY2(firstPassStatus.startsWith(QStringLiteral("First pass")), qPrintable(firstPassStatus));
    QCOMPARE(area->monitor()->stepCount(), static_cast<int>(o.steps));  // every step reached the curves
    QCOMPARE(area->monitor()->epochCount(), 3);
    QVERIFY(area->monitor()->redraws() > 0);
    // Coalesced: a drain only happens when something new arrived, so never more drains than steps, epochs
    // and log messages together (on a loaded machine each can come in its own 33 ms tick).
    QVERIFY2(area->session()->drains() <= o.steps + 3 + messages.count() + preparing.count(),
             qPrintable(QStringLiteral("%1 drains, %2 steps, %3 messages").arg(area->session()->drains()).arg(o.steps).arg(messages.count())));
    QCOMPARE(area->runsPanel()->count(), 1);
    QVERIFY(area->runsPanel()->tree()->topLevelItem(0)->text(1).startsWith(QStringLiteral("finished")));
    // The test split is evaluated with per-sample results after the run.
    area->waitForJobs();
    const auto& e = area->evaluationPanel()->evaluation();
    QVERIFY2(e.valid, qPrintable(e.error + area->evaluationPanel()->headline()));
    QCOMPARE(e.confusion.size(), 4);
    QVERIFY(!e.predictions.isEmpty());
    QVERIFY(std::abs(e.accuracy - o.testAccuracy) < 1e-9);
    // Clicking the first diagonal cell with samples lists them, most confident first.
    int cls = 0;
    while (cls < 4 && e.confusion[cls][cls] == 0) ++cls;
    QVERIFY(cls < 4);
    auto* cm = area->evaluationPanel()->confusion();
    cm->resize(400, 400);
    QTest::mouseClick(cm, Qt::LeftButton, {}, cm->cellRect(cls, cls).center());
    auto* list = area->evaluationPanel()->sampleList();
    QCOMPARE(list->rowCount(), static_cast<int>(e.confusion[cls][cls]));
    for (int r = 1; r < list->rowCount(); ++r)
      QVERIFY(list->item(r - 1, 1)->data(Qt::UserRole).toDouble() >= list->item(r, 1)->data(Qt::UserRole).toDouble());

    // Curves export as CSV: one train_loss row per step.
    const QString csv = QDir::temp().filePath(QStringLiteral("fusebench_curves.csv"));
    QVERIFY(area->monitor()->exportCsv(csv));
    QFile f(csv);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(f.readAll());
    QVERIFY(text.startsWith(QStringLiteral("series,x,y\n")));
    QCOMPARE(text.count(QStringLiteral("\ntrain_loss,")), static_cast<int>(o.steps));
    QCOMPARE(text.count(QStringLiteral("\nval_accuracy,")), 3);
    QVERIFY(area->monitor()->exportPng(QDir::temp().filePath(QStringLiteral("fusebench_curves.png"))));

    // Missing-modality robustness: one bar per input.
    area->checkRobustness(area->session()->runDir(), QStringLiteral("test"));
    area->waitForJobs();
    QVERIFY2(area->evaluationPanel()->robustnessText().contains(QStringLiteral("without")),
             qPrintable(area->evaluationPanel()->robustnessText()));

    // Reopening the project lists the run again.
    MainWindow again;
    QVERIFY(again.openProject(w.document()->path()));
    QCOMPARE(again.trainingArea()->runsPanel()->count(), 1);
  }

  // The project's precision is the chooser's default; bf16 is offered on this CPU only where it has the
  // instructions, and the run trains with what the chooser says.
  void thePrecisionChooserFollowsTheProjectAndTheCpu() {
    MainWindow w;
    QVERIFY(w.openProject(writeProject("gui_bf16", R"({"epochs": 1, "batch_size": 8, "threads": 1, "precision": "bf16"})")));
    auto* area = w.trainingArea();
    area->setDevice(QStringLiteral("cpu"));
    auto* chooser = w.findChild<QComboBox*>(QStringLiteral("precision"));
    QVERIFY(chooser);
    auto* items = qobject_cast<QStandardItemModel*>(chooser->model());
    QVERIFY(items);
    const bool native = fusebench::util::cpuBf16Support().native;
    QCOMPARE(items->item(chooser->findData(QStringLiteral("bf16")))->isEnabled(), native);
    QCOMPARE(area->precision(), native ? QStringLiteral("bf16") : QStringLiteral("fp32"));
    const TrainingOutcome o = runToEnd(w);
    QVERIFY2(o.ok, qPrintable(o.error));
    QFile config(QDir(area->session()->runDir()).filePath(QStringLiteral("config.json")));
    QVERIFY(config.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromStdString(nlohmann::json::parse(config.readAll().toStdString())["precision"].get<std::string>()),
             area->precision());
    area->setPrecision(QStringLiteral("fp32"));
    QCOMPARE(area->precision(), QStringLiteral("fp32"));
  }

  void pauseResumeAndStopAreHonoured() {
    MainWindow w;
    QVERIFY(w.openProject(writeProject("gui_pause", R"({"epochs": 200, "batch_size": 4, "lr": 0.01, "threads": 1, "seed": 5})")));
    auto* area = w.trainingArea();
    auto* session = area->session();
    QSignalSpy finished(area, &fusebench::app::TrainingArea::runFinished);
    QVERIFY(area->startTraining());
    QVERIFY(QTest::qWaitFor([&] { return area->monitor()->stepCount() > 5; }, 30000));
    // The runs panel follows the run's epochs while it runs (re-read on the pool after each epoch).
    QVERIFY(QTest::qWaitFor([&] { return area->monitor()->epochCount() >= 2; }, 30000));
    QVERIFY(QTest::qWaitFor([&] {
      auto* item = area->runsPanel()->tree()->topLevelItem(0);
      return item && item->text(1).startsWith(QStringLiteral("running")) && item->text(5).section(QLatin1Char('/'), 0, 0).trimmed().toInt() >= 1;
    }, 10000));
    session->pause();
    QCOMPARE(session->state(), TrainingSession::State::Paused);
    QTest::qWait(200);  // a step in flight may still land
    const int paused = area->monitor()->stepCount();
    QTest::qWait(400);
    QCOMPARE(area->monitor()->stepCount(), paused);
    session->resume();
    QVERIFY(QTest::qWaitFor([&] { return area->monitor()->stepCount() > paused; }, 10000));
    session->stop();
    QCOMPARE(session->state(), TrainingSession::State::Stopping);
    QVERIFY(finished.wait(30000));
    const auto o = finished.first().first().value<TrainingOutcome>();
    QVERIFY(o.ok);
    QVERIFY(o.stopped);
    QCOMPARE(session->state(), TrainingSession::State::Idle);
    area->refreshRuns();
    QVERIFY(area->runsPanel()->tree()->topLevelItem(0)->text(1).contains(QStringLiteral("stopped (resumable)")));
  }

  void stopDuringTheFirstStepEndsCleanly() {
    MainWindow w;
    QVERIFY(w.openProject(writeProject("gui_stop_first", kQuick)));
    auto* area = w.trainingArea();
    QSignalSpy finished(area, &fusebench::app::TrainingArea::runFinished);
    QVERIFY(area->startTraining());
    QSignalSpy messages(area->session(), &TrainingSession::message);
    area->session()->stop();  // before the worker has trained a single step
    QVERIFY(finished.wait(30000));
    const auto o = finished.first().first().value<TrainingOutcome>();
    QVERIFY2(o.ok, qPrintable(o.error));
    QVERIFY(o.stopped);
    // Depending on when the worker saw it: while preparing the data (nothing trained, said so) or before
    // the first step (a checkpoint to resume from).
    bool duringPreparation = false;
    for (const auto& m : messages)  // (level, text)
      duringPreparation = duringPreparation || m.at(1).toString().contains(QStringLiteral("during the first pass"));
    QCOMPARE(QFile::exists(o.runDir + QStringLiteral("/checkpoints/last.pt")), !duringPreparation);
    QCOMPARE(o.stoppedBeforeTraining, duringPreparation);
    // The monitor says which of the two happened.
    QVERIFY2(area->monitor()->statusText().contains(duringPreparation ? QStringLiteral("nothing was trained")
                                                                      : QStringLiteral("a checkpoint was written")),
             qPrintable(area->monitor()->statusText()));
  }

  // Start Training (F5) on the Model page used to leave the window there while the run, or the reason it
  // could not start, appeared on the Training page.
  void startTrainingFromTheMenuShowsTheTrainingPage() {
    MainWindow w;
    w.newProject();  // unsaved: the start is refused, and the reason is on the Training page
    w.showPage(QStringLiteral("model"));
    QAction* start = w.trainingArea()->menu()->actions().value(0);
    QVERIFY(start);
    QCOMPARE(start->shortcut(), QKeySequence(Qt::Key_F5));
    start->trigger();
    QCOMPARE(w.workspace()->currentWidget(), w.trainingArea()->page());
    QVERIFY2(w.trainingArea()->monitor()->statusText().contains(QStringLiteral("Save the project first")),
             qPrintable(w.trainingArea()->monitor()->statusText()));
  }

  void aBadSampleUnderTheFailPolicyIsShownNotCrashed() {
    MainWindow w;
    QVERIFY(w.openProject(writeProject("gui_bad_sample", R"({"epochs": 3, "batch_size": 8, "sample_policy": "fail", "threads": 1})", true)));
    const TrainingOutcome o = runToEnd(w);
    QVERIFY(!o.ok);
    QVERIFY2(o.error.contains(QStringLiteral("row ")), qPrintable(o.error));
    QVERIFY2(w.trainingArea()->monitor()->progressText().contains(QStringLiteral("Run failed")),
             qPrintable(w.trainingArea()->monitor()->progressText()));
    QVERIFY(w.trainingArea()->runsPanel()->tree()->topLevelItem(0)->text(1).startsWith(QStringLiteral("failed")));
  }

  void aBadDatasetPathEndsTheRunWithTheEnginesMessage() {
    MainWindow w;
    const QString path = writeProject("gui_missing", kQuick);
    QVERIFY(w.openProject(path));
    w.document()->setDatasetPath(QStringLiteral("/nonexistent/dataset"));
    const TrainingOutcome o = runToEnd(w);
    QVERIFY(!o.ok);
    QVERIFY2(o.error.contains(QStringLiteral("/nonexistent/dataset")), qPrintable(o.error));
  }

  void theFinishedRunExportsAsOnnxCheckedInOnnxRuntime() {
    MainWindow w;
    QVERIFY(w.openProject(writeProject("gui_onnx", kQuick)));
    const TrainingOutcome o = runToEnd(w);
    QVERIFY2(o.ok, qPrintable(o.error));
    QAction* action = nullptr;  // File > Export > ONNX…
    for (QAction* m : w.menuBar()->actions())
      if (m->menu() && m->text() == QStringLiteral("&File"))
        for (QAction* a : m->menu()->actions())
          if (a->menu() && a->text() == QStringLiteral("&Export")) action = a->menu()->actions().value(0);
    QVERIFY(action);
    QCOMPARE(action, w.modelExport()->onnxAction());
    QVERIFY(action->isEnabled());
    QList<fusebench::app::ModelExportResult> shown;
    connect(w.modelExport(), &fusebench::app::ModelExport::finished, [&](const auto& r) { shown << r; });
    // The app's own result dialog, grabbed for looking at and closed.
    QString dialogText;
    QTimer poll;
    connect(&poll, &QTimer::timeout, [&] {
      auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
      if (!box) return;
      dialogText = box->text() + QLatin1Char('\n') + box->informativeText();
      box->grab().save(QDir::temp().filePath(QStringLiteral("fusebench_onnx_export_dialog.png")));
      box->accept();
    });
    poll.start(50);
    const QString file = QDir(w.trainingArea()->selectedOrLastRun()).filePath(QStringLiteral("exported.onnx"));
    w.modelExport()->exportOnnx(w.trainingArea()->selectedOrLastRun(), file);
    QVERIFY(!action->isEnabled());  // one export at a time
    QVERIFY(QTest::qWaitFor([&] { return !dialogText.isEmpty(); }, 120000));
    poll.stop();
    QCOMPARE(shown.size(), 1);
    QVERIFY2(shown[0].ok, qPrintable(shown[0].summary));
    QVERIFY(action->isEnabled());
    QVERIFY(QFile::exists(file));
    QVERIFY(QFile::exists(file + QStringLiteral(".json")));
    QVERIFY2(shown[0].summary.contains(QStringLiteral("Checked in ONNX Runtime")) && shown[0].summary.contains(QStringLiteral("Passed")),
             qPrintable(shown[0].summary));
    QVERIFY2(shown[0].summary.contains(QStringLiteral("title.present  bool [batch]")), qPrintable(shown[0].summary));
    QVERIFY2(dialogText.contains(QStringLiteral("The model was exported.")) && dialogText.contains(QStringLiteral("Passed (tolerance 1.00e-04)")),
             qPrintable(dialogText));
    shown.clear();
    w.modelExport()->setResultPresenter([](const auto&) {});

    // A folder that holds no model: the reason, not a crash.
    w.modelExport()->exportOnnx(QDir::tempPath(), QDir::temp().filePath(QStringLiteral("none.onnx")));
    QVERIFY(QTest::qWaitFor([&] { return shown.size() == 1; }, 30000));
    QVERIFY(!shown[0].ok);
    QVERIFY2(shown[0].summary.contains(QStringLiteral("neither a model bundle nor a run folder")), qPrintable(shown[0].summary));
  }

  void closingTheWindowDuringTrainingAsksThenStopsCleanly() {
    auto* w = new MainWindow;
    QVERIFY(w->openProject(writeProject("gui_close", R"({"epochs": 500, "batch_size": 4, "threads": 1})")));
    w->setUnsavedChangesPrompt([] { return QMessageBox::Discard; });
    int asked = 0;
    w->trainingArea()->setClosePrompt([&] {
      ++asked;
      return asked == 1 ? QMessageBox::No : QMessageBox::Yes;
    });
    w->show();
    QVERIFY(w->trainingArea()->startTraining());
    QVERIFY(QTest::qWaitFor([&] { return w->trainingArea()->monitor()->stepCount() > 2; }, 30000));
    QVERIFY(!w->close());  // "No": the window stays and training goes on
    QVERIFY(w->trainingArea()->session()->isActive());
    const QString runDir = w->trainingArea()->session()->runDir();
    QVERIFY(w->close());  // "Yes": stopped with a checkpoint, then closed
    QVERIFY(!w->trainingArea()->session()->isActive());
    QVERIFY(QFile::exists(runDir + QStringLiteral("/checkpoints/last.pt")));
    QFile status(runDir + QStringLiteral("/status.json"));
    QVERIFY(status.open(QIODevice::ReadOnly));
    QVERIFY(status.readAll().contains("\"stopped\""));
    delete w;
  }
};

QTEST_MAIN(TestTrainingArea)
#include "test_training_area.moc"
