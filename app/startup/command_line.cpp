#include "startup/command_line.h"

#include <QCoreApplication>
#include <cstring>

namespace fusebench::app {

CommandLine::CommandLine()
    : screenshot(QStringLiteral("screenshot"), QCoreApplication::translate("CommandLine", "Render the window after loading to FILE.png and exit."),
                 QStringLiteral("file")),
      select(QStringLiteral("select"), QCoreApplication::translate("CommandLine", "Select this node after loading (e.g. for screenshots)."),
             QStringLiteral("node")),
      page(QStringLiteral("page"), QCoreApplication::translate("CommandLine", "Show this page after loading: start, model, data, training or explain."),
           QStringLiteral("name"), QStringLiteral("model")),
      train(QStringLiteral("train"),
            QCoreApplication::translate("CommandLine", "Start training after loading; with --screenshot, capture after N epochs, then stop the run."),
            QStringLiteral("epochs")),
      epochs(QStringLiteral("epochs"), QCoreApplication::translate("CommandLine", "Epochs for --train (default: the project's)."), QStringLiteral("n")),
      latest(QStringLiteral("latest-run"),
             QCoreApplication::translate("CommandLine", "Show the project's latest run, evaluate its test split and open its most confused cell.")),
      evalTab(QStringLiteral("eval-tab"),
              QCoreApplication::translate("CommandLine", "With --latest-run: show this evaluation tab (confusion, classes, curves, robustness, calibration)."),
              QStringLiteral("tab"), QStringLiteral("confusion")),
      sample(QStringLiteral("sample"), QCoreApplication::translate("CommandLine", "Show this dataset row (0-based) in the browser."),
             QStringLiteral("row"), QStringLiteral("0")),
      explain(QStringLiteral("explain"),
              QCoreApplication::translate("CommandLine", "Explain this dataset row (0-based) with the latest trained model and show the Explain page."),
              QStringLiteral("row")),
      method(QStringLiteral("method"),
             QCoreApplication::translate("CommandLine", "With --explain: the method shown (integrated_gradients, gradcam, occlusion, smoothgrad, saliency)."),
             QStringLiteral("name"), QStringLiteral("integrated_gradients")),
      report(QStringLiteral("report"), QCoreApplication::translate("CommandLine", "With --explain: also write the case report to FILE.pdf."),
             QStringLiteral("file")),
      language(QStringLiteral("language"),
               QCoreApplication::translate("CommandLine", "The interface and report language for this start: en, zh_CN "
                                                          "(default: the one chosen in View › Language, else the system's)."),
               QStringLiteral("code")),
      theme(QStringLiteral("theme"),
            QCoreApplication::translate("CommandLine", "The colours for this start: light or dark (default: the one chosen in "
                                                       "View › Theme, else the system's)."),
            QStringLiteral("name")) {
  parser.setApplicationDescription(QCoreApplication::translate("CommandLine", "Desktop workbench for multimodal deep learning"));
  parser.addHelpOption();
  parser.addVersionOption();
  parser.addPositionalArgument(QStringLiteral("project"), QCoreApplication::translate("CommandLine", "Project file (.fbproj) to open; without one, the Start page"));
  for (const QCommandLineOption* o : {&screenshot, &select, &page, &train, &epochs, &latest, &evalTab, &sample, &explain, &method, &report, &language, &theme})
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

QString languageArgument(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const char* a = argv[i];
    if (std::strcmp(a, "--") == 0) break;
    if (std::strcmp(a, "--language") == 0 && i + 1 < argc) return QString::fromLocal8Bit(argv[i + 1]);
    if (std::strncmp(a, "--language=", 11) == 0) return QString::fromLocal8Bit(a + 11);
  }
  return QString();
}

void setApplicationNames() {
  QCoreApplication::setApplicationName(QStringLiteral("Fusebench"));
  QCoreApplication::setOrganizationName(QStringLiteral("Fusebench"));
  QCoreApplication::setApplicationVersion(QStringLiteral(FUSEBENCH_VERSION));
}

}  // namespace fusebench::app
