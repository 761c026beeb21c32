#include "startup/command_line.h"

#include <QCoreApplication>
#include <cstring>

namespace fusebench::app {

CommandLine::CommandLine()
    : screenshot(QStringLiteral("screenshot"), QStringLiteral("Render the window after loading to FILE.png and exit."),
                 QStringLiteral("file")),
      select(QStringLiteral("select"), QStringLiteral("Select this node after loading (e.g. for screenshots)."),
             QStringLiteral("node")),
      page(QStringLiteral("page"), QStringLiteral("Show this page after loading: model, data, training or explain."),
           QStringLiteral("name"), QStringLiteral("model")),
      train(QStringLiteral("train"),
            QStringLiteral("Start training after loading; with --screenshot, capture after N epochs, then stop the run."),
            QStringLiteral("epochs")),
      epochs(QStringLiteral("epochs"), QStringLiteral("Epochs for --train (default: the project's)."), QStringLiteral("n")),
      latest(QStringLiteral("latest-run"),
             QStringLiteral("Show the project's latest run, evaluate its test split and open its most confused cell.")),
      evalTab(QStringLiteral("eval-tab"),
              QStringLiteral("With --latest-run: show this evaluation tab (confusion, classes, curves, robustness, calibration)."),
              QStringLiteral("tab"), QStringLiteral("confusion")),
      sample(QStringLiteral("sample"), QStringLiteral("Show this dataset row (0-based) in the browser."),
             QStringLiteral("row"), QStringLiteral("0")),
      explain(QStringLiteral("explain"),
              QStringLiteral("Explain this dataset row (0-based) with the latest trained model and show the Explain page."),
              QStringLiteral("row")),
      method(QStringLiteral("method"),
             QStringLiteral("With --explain: the method shown (integrated_gradients, gradcam, occlusion, smoothgrad, saliency)."),
             QStringLiteral("name"), QStringLiteral("integrated_gradients")),
      report(QStringLiteral("report"), QStringLiteral("With --explain: also write the case report to FILE.pdf."),
             QStringLiteral("file")) {
  parser.setApplicationDescription(QStringLiteral("Desktop workbench for multimodal deep learning"));
  parser.addHelpOption();
  parser.addVersionOption();
  parser.addPositionalArgument(QStringLiteral("project"), QStringLiteral("Project file (.fbproj); default: the example"));
  for (const QCommandLineOption* o : {&screenshot, &select, &page, &train, &epochs, &latest, &evalTab, &sample, &explain, &method, &report})
    parser.addOption(*o);
}

bool asksForHelpOrVersion(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const char* a = argv[i];
    if (std::strcmp(a, "--") == 0) return false;  // what follows is a file name
    for (const char* flag : {"-h", "--help", "-help", "--help-all", "-?", "-v", "--version"})
      if (std::strcmp(a, flag) == 0) return true;
  }
  return false;
}

void setApplicationNames() {
  QCoreApplication::setApplicationName(QStringLiteral("Fusebench"));
  QCoreApplication::setOrganizationName(QStringLiteral("Fusebench"));
  QCoreApplication::setApplicationVersion(QStringLiteral(FUSEBENCH_VERSION));
}

}  // namespace fusebench::app
