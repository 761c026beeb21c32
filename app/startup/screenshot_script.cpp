#include "startup/screenshot_script.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QThread>
#include <QTreeWidget>
#include <cstdio>

#include "dataset/dataset_area.h"
#include "dataset/dataset_browser.h"
#include "dataset/sample_detail_view.h"
#include "dataset/thumbnail_loader.h"
#include "explain/explain_area.h"
#include "explain/explanation_view.h"
#include "main_window.h"
#include "training/confusion_matrix_view.h"
#include "training/evaluation_panel.h"
#include "training/runs_panel.h"
#include "training/training_area.h"
#include "training/training_monitor.h"

namespace fusebench::app {

namespace {
// Before a screenshot: let the dataset open and validate, and the visible thumbnails and the selected
// sample decode, so the picture shows what a user sees after a moment (bounded: never hangs).
void settle(MainWindow& window, int sample) {
  QElapsedTimer clock;
  clock.start();
  auto* area = window.datasetArea();
  auto* browser = area->browser();
  while (clock.elapsed() < 60000 && area->busy()) {
    area->waitForJobs();
  }
  if (sample >= 0 && sample < browser->dataset().size()) browser->selectSample(sample);
  while (clock.elapsed() < 60000) {
    QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    window.grab();  // paints the table, which requests the visible thumbnails
    const bool detailDone = browser->dataset().empty() || browser->detail()->row() < 0 || browser->detail()->loaded();
    if (detailDone && browser->thumbnails()->queued() == 0) break;
    browser->thumbnails()->waitForIdle();
  }
  QCoreApplication::processEvents();
}

void trainFirst(MainWindow& window, const ScreenshotScript& s) {
  auto* training = window.trainingArea();
  if (s.runEpochs > 0) training->setEpochs(s.runEpochs);
  QString error;
  if (!training->startTraining(&error)) std::fprintf(stderr, "fusebench: cannot train: %s\n", qPrintable(error));
  QElapsedTimer clock;
  clock.start();
  while (training->session()->isActive() && training->monitor()->epochCount() < s.trainEpochs && clock.elapsed() < 600000)
    QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 50);
  QCoreApplication::processEvents();
  QThread::msleep(100);
  QCoreApplication::processEvents();
}

void showLatestRun(MainWindow& window, const ScreenshotScript& s) {
  auto* training = window.trainingArea();
  training->refreshRuns();
  // The newest finished run (stopped ones have no model bundle to evaluate).
  QStringList runs = {QString()};
  auto* tree = training->runsPanel()->tree();
  for (int i = 0; i < tree->topLevelItemCount() && runs.first().isEmpty(); ++i)
    if (tree->topLevelItem(i)->text(1).startsWith(QStringLiteral("finished")))
      runs.first() = tree->topLevelItem(i)->data(0, Qt::UserRole).toString();
  if (!runs.first().isEmpty()) {
    training->runsPanel()->selectRun(runs.first());
    training->showRuns(runs);
    training->evaluate(runs.first(), QStringLiteral("test"));
    training->waitForJobs();
    // Open the most confused cell: the samples a domain expert should look at first.
    const auto& e = training->evaluationPanel()->evaluation();
    int bt = -1, bp = -1;
    qint64 most = 0;
    for (int t = 0; t < e.confusion.size(); ++t)
      for (int p = 0; p < e.confusion[t].size(); ++p)
        if (t != p && e.confusion[t][p] > most) most = e.confusion[t][p], bt = t, bp = p;
    if (bt >= 0) training->evaluationPanel()->showCell(bt, bp);
    const QStringList tabs = {QStringLiteral("confusion"), QStringLiteral("classes"), QStringLiteral("curves"),
                              QStringLiteral("robustness"), QStringLiteral("calibration")};
    if (s.tab == QLatin1String("robustness")) {
      training->checkRobustness(runs.first(), QStringLiteral("test"));
      training->waitForJobs();
    }
    training->evaluationPanel()->tabs()->setCurrentIndex(std::max(0, static_cast<int>(tabs.indexOf(s.tab))));
    QElapsedTimer wait;  // the cell's thumbnails decode on worker threads
    wait.start();
    while (wait.elapsed() < 1000) QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
  }
}

void explainOneSample(MainWindow& window, const ScreenshotScript& s) {
  auto* area = window.explainArea();
  window.resize(1500, 1180);  // room for every modality of the example model
  bool shown = false;
  const auto connection = QObject::connect(area, &ExplainArea::explanationShown, &window, [&shown] { shown = true; });
  QString error;
  const bool started = area->explainSample(s.explainSample, QString(), &error);
  if (!started) std::fprintf(stderr, "fusebench: %s\n", qPrintable(error));
  QElapsedTimer clock;
  clock.start();
  while (started && !shown && clock.elapsed() < 60000) QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
  QObject::disconnect(connection);
  area->view()->setMethod(s.explainMethod);
  QCoreApplication::processEvents();
  if (!s.reportFile.isEmpty() && !area->exportReport(s.reportFile, &error))
    std::fprintf(stderr, "fusebench: %s\n", qPrintable(error));
}
}  // namespace

int runScreenshotScript(MainWindow& window, const ScreenshotScript& s, bool readable) {
  settle(window, s.row);
  auto* training = window.trainingArea();
  if (s.trainEpochs > 0) trainFirst(window, s);
  if (s.showLatest) showLatestRun(window, s);
  if (s.explainSample >= 0) explainOneSample(window, s);
  if (s.trainEpochs > 0 || s.showLatest) {
    QCoreApplication::processEvents();
    training->monitor()->replotNow();
  }
  const bool saved = window.grab().save(s.file);
  if (!saved) std::fprintf(stderr, "fusebench: cannot write screenshot '%s'\n", qPrintable(s.file));
  if (training->session()->isActive()) {
    training->session()->stop();
    training->session()->waitUntilIdle(120000);
  }
  return saved && readable ? 0 : 1;
}

}  // namespace fusebench::app
