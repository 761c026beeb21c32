// fusebench: the desktop workbench. `fusebench [PROJECT] [--screenshot FILE.png]`.
#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QTimer>

#include <cstdio>

#include "dataset/dataset_area.h"
#include "dataset/dataset_browser.h"
#include "dataset/sample_detail_view.h"
#include "dataset/thumbnail_loader.h"
#include "main_window.h"

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
  QCommandLineOption sample(QStringLiteral("sample"), QStringLiteral("Show this dataset row (0-based) in the browser."),
                            QStringLiteral("row"), QStringLiteral("0"));
  parser.addOption(sample);
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
    QTimer::singleShot(0, &window, [&window, file, readable, row] {
      settle(window, row);
      const bool saved = window.grab().save(file);
      if (!saved) std::fprintf(stderr, "fusebench: cannot write screenshot '%s'\n", qPrintable(file));
      QApplication::exit(saved && readable ? 0 : 1);
    });
  }
  return app.exec();
}
