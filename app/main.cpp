// fusebench: the desktop workbench. `fusebench [PROJECT] [--screenshot FILE.png]`.
#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>

#include <cstdio>

#include "main_window.h"

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
  parser.process(app);

  fusebench::app::MainWindow window;
  const QString path = parser.positionalArguments().value(0, fusebench::app::defaultProjectPath());
  const bool readable = window.openProject(path);
  window.show();
  if (parser.isSet(select)) window.selectNode(parser.value(select));

  if (parser.isSet(screenshot)) {
    const QString file = parser.value(screenshot);
    QTimer::singleShot(0, &window, [&window, file, readable] {
      const bool saved = window.grab().save(file);
      if (!saved) std::fprintf(stderr, "fusebench: cannot write screenshot '%s'\n", qPrintable(file));
      QApplication::exit(saved && readable ? 0 : 1);
    });
  }
  return app.exec();
}
