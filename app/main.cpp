// fusebench: the desktop workbench. `fusebench [PROJECT] [--screenshot FILE.png]`.
#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QThread>
#include <QTimer>
#include <QTreeWidget>

#include <cstdio>

#include "dataset/dataset_area.h"
#include "dataset/dataset_browser.h"
#include "dataset/sample_detail_view.h"
#include "explain/explain_area.h"
#include "explain/explanation_view.h"
#include "dataset/thumbnail_loader.h"
#include "main_window.h"
#include "training/confusion_matrix_view.h"
#include "training/evaluation_panel.h"
#include "training/runs_panel.h"
#include "training/training_area.h"
#include "training/training_monitor.h"

namespace {
// Before a screenshot: let the dataset open and validate, and the visible thumbnails and the selected
// sample decode, so the picture shows what a user sees after a moment (bounded: never hangs).
void settle(fusebench::app::MainWindow& window, int sample) {
  QElapsedTimer clock;
  clock.start();
  auto* area = window.datasetArea();
  auto* browser = area->browser();
  while (clock.elapsed() < 60000 && area->busy()) {
    area->waitForJobs();
  }
  if (sample >= 0 && sample < browser->dataset().samples.size()) browser->selectSample(sample);
  while (clock.elapsed() < 60000) {
    QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    window.grab();  // paints the table, which requests the visible thumbnails
    const bool detailDone = browser->dataset().empty() || browser->detail()->row() < 0 || browser->detail()->loaded();
    if (detailDone && browser->thumbnails()->queued() == 0) break;
    browser->thumbnails()->waitForIdle();
  }
  QCoreApplication::processEvents();
}
}  // namespace

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QApplication::setApplicationName(QStringLiteral("Fusebench"));
  QApplication::setOrganizationName(QStringLiteral("Fusebench"));
  QApplication::setApplicationVersion(QStringLiteral(FUSEBENCH_VERSION));

  QCommandLineParser parser;
  parser.setApplicationDescription(QStringLiteral("Desktop workbench for multimodal deep learning"));
  parser.addHelpOption();
  parser.addVersionOption();
  parser.addPositionalArgument(QStringLiteral("project"), QStringLiteral("Project file (.fbproj); default: the example"));
  QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                QStringLiteral("Render the window after loading to FILE.png and exit."),
                                QStringLiteral("file"));
  parser.addOption(screenshot);
  QCommandLineOption select(QStringLiteral("select"), QStringLiteral("Select this node after loading (e.g. for screenshots)."),
                            QStringLiteral("node"));
  parser.addOption(select);
  QCommandLineOption page(QStringLiteral("page"), QStringLiteral("Show this page after loading: model or data."),
                          QStringLiteral("name"), QStringLiteral("model"));
  parser.addOption(page);
  QCommandLineOption train(QStringLiteral("train"),
                           QStringLiteral("Start training after loading; with --screenshot, capture after N epochs, then stop the run."),
                           QStringLiteral("epochs"));
  parser.addOption(train);
  QCommandLineOption epochs(QStringLiteral("epochs"), QStringLiteral("Epochs for --train (default: the project's)."),
                            QStringLiteral("n"));
  parser.addOption(epochs);
  QCommandLineOption latest(QStringLiteral("latest-run"),
                            QStringLiteral("Show the project's latest run, evaluate its test split and open its most confused cell."));
  parser.addOption(latest);
  QCommandLineOption evalTab(QStringLiteral("eval-tab"),
                             QStringLiteral("With --latest-run: show this evaluation tab (confusion, classes, curves, robustness)."),
                             QStringLiteral("tab"), QStringLiteral("confusion"));
  parser.addOption(evalTab);
  QCommandLineOption sample(QStringLiteral("sample"), QStringLiteral("Show this dataset row (0-based) in the browser."),
                            QStringLiteral("row"), QStringLiteral("0"));
  parser.addOption(sample);
  QCommandLineOption explainRow(QStringLiteral("explain"),
                                QStringLiteral("Explain this dataset row (0-based) with the latest trained model and show the Explain page."),
                                QStringLiteral("row"));
  parser.addOption(explainRow);
  QCommandLineOption method(QStringLiteral("method"), QStringLiteral("With --explain: the method shown (integrated_gradients, gradcam, occlusion, smoothgrad, saliency)."),
                            QStringLiteral("name"), QStringLiteral("integrated_gradients"));
  parser.addOption(method);
  QCommandLineOption report(QStringLiteral("report"), QStringLiteral("With --explain: also write the case report to FILE.pdf."),
                            QStringLiteral("file"));
  parser.addOption(report);
  parser.process(app);

  fusebench::app::MainWindow window;
  const QString path = parser.positionalArguments().value(0, fusebench::app::defaultProjectPath());
  const bool readable = window.openProject(path);
  window.show();
  if (parser.isSet(select)) window.selectNode(parser.value(select));
  window.showPage(parser.value(page));

  if (parser.isSet(screenshot)) {
    const QString file = parser.value(screenshot);
    const int row = parser.value(sample).toInt();
    const int trainEpochs = parser.isSet(train) ? parser.value(train).toInt() : 0;
    const int runEpochs = parser.isSet(epochs) ? parser.value(epochs).toInt() : 0;
    const bool showLatest = parser.isSet(latest);
    const QString tab = parser.value(evalTab);
    const int explainSample = parser.isSet(explainRow) ? parser.value(explainRow).toInt() : -1;
    const QString explainMethod = parser.value(method), reportFile = parser.value(report);
    QTimer::singleShot(0, &window, [&window, file, readable, row, trainEpochs, runEpochs, showLatest, tab, explainSample,
                                    explainMethod, reportFile] {
      settle(window, row);
      auto* training = window.trainingArea();
      if (trainEpochs > 0) {
        if (runEpochs > 0) training->setEpochs(runEpochs);
        QString error;
        if (!training->startTraining(&error)) std::fprintf(stderr, "fusebench: cannot train: %s\n", qPrintable(error));
        QElapsedTimer clock;
        clock.start();
        while (training->session()->isActive() && training->monitor()->epochCount() < trainEpochs && clock.elapsed() < 600000)
          QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 50);
        QCoreApplication::processEvents();
        QThread::msleep(100);
        QCoreApplication::processEvents();
      }
      if (showLatest) {
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
                                    QStringLiteral("robustness")};
          if (tab == QLatin1String("robustness")) {
            training->checkRobustness(runs.first(), QStringLiteral("test"));
            training->waitForJobs();
          }
          training->evaluationPanel()->tabs()->setCurrentIndex(std::max(0, static_cast<int>(tabs.indexOf(tab))));
          QElapsedTimer wait;  // the cell's thumbnails decode on worker threads
          wait.start();
          while (wait.elapsed() < 1000) QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        }
      }
      if (explainSample >= 0) {
        auto* area = window.explainArea();
        window.resize(1500, 1180);  // room for every modality of the example model
        bool shown = false;
        const auto connection = QObject::connect(area, &fusebench::app::ExplainArea::explanationShown, &window, [&shown] { shown = true; });
        QString error;
        const bool started = area->explainSample(explainSample, QString(), &error);
        if (!started) std::fprintf(stderr, "fusebench: %s\n", qPrintable(error));
        QElapsedTimer clock;
        clock.start();
        while (started && !shown && clock.elapsed() < 60000) QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QObject::disconnect(connection);
        area->view()->setMethod(explainMethod);
        QCoreApplication::processEvents();
        if (!reportFile.isEmpty() && !area->exportReport(reportFile, &error))
          std::fprintf(stderr, "fusebench: %s\n", qPrintable(error));
      }
      if (trainEpochs > 0 || showLatest) {
        QCoreApplication::processEvents();
        training->monitor()->replotNow();
      }
      const bool saved = window.grab().save(file);
      if (!saved) std::fprintf(stderr, "fusebench: cannot write screenshot '%s'\n", qPrintable(file));
      if (training->session()->isActive()) {
        training->session()->stop();
        training->session()->waitUntilIdle(120000);
      }
      QApplication::exit(saved && readable ? 0 : 1);
    });
  }
  return app.exec();
}
