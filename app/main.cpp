// fusebench: the desktop workbench. `fusebench [PROJECT] [--screenshot FILE.png]`; --help lists the options.
#include <QApplication>
#include <QIcon>
#include <QTimer>

#include "help/help_dialogs.h"
#include "i18n/translations.h"
#include "style/app_palette.h"
#include "main_window.h"
#include "startup/command_line.h"
#include "startup/screenshot_script.h"

namespace {

// The language for this start: --language, else the one saved in View › Language, else the system's.
void installChosenLanguage(int argc, char** argv) {
  using namespace fusebench;
  const QString asked = app::languageArgument(argc, argv);
  QString missing;
  if (!widgets::installLanguage(widgets::localeFor(asked.isEmpty() ? widgets::savedLanguage() : asked), &missing))
    qWarning("Fusebench: %s not found; those strings stay in English", qPrintable(missing));
}

}  // namespace

int main(int argc, char** argv) {
  using namespace fusebench::app;
  if (asksForHelpOrVersion(argc, argv)) {  // no display needed to read the help
    QCoreApplication core(argc, argv);
    setApplicationNames();
    installChosenLanguage(argc, argv);
    CommandLine cl;
    cl.parser.process(core);  // prints and exits
    return 0;
  }
  QApplication app(argc, argv);
  setApplicationNames();
  fusebench::widgets::initResources();
  QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/fusebench.svg")));
  installChosenLanguage(argc, argv);
  CommandLine cl;
  QCommandLineParser& parser = cl.parser;
  parser.process(app);
  fusebench::widgets::applyTheme(parser.isSet(cl.theme) ? parser.value(cl.theme) : fusebench::widgets::savedTheme());

  MainWindow window;
  // A project named on the command line opens on the Model page; without one, the Start page greets.
  const QString path = parser.positionalArguments().value(0);
  bool readable = true;
  if (path.isEmpty())
    window.newProject();
  else
    readable = window.openProject(path);
  window.show();
  if (parser.isSet(cl.select)) window.selectNode(parser.value(cl.select));
  window.showPage(parser.isSet(cl.page) ? parser.value(cl.page) : path.isEmpty() ? QStringLiteral("start") : QStringLiteral("model"));

  if (parser.isSet(cl.screenshot)) {
    ScreenshotScript s;
    s.file = parser.value(cl.screenshot);
    s.row = parser.value(cl.sample).toInt();
    s.trainEpochs = parser.isSet(cl.train) ? parser.value(cl.train).toInt() : 0;
    s.runEpochs = parser.isSet(cl.epochs) ? parser.value(cl.epochs).toInt() : 0;
    s.showLatest = parser.isSet(cl.latest);
    s.tab = parser.value(cl.evalTab);
    s.explainSample = parser.isSet(cl.explain) ? parser.value(cl.explain).toInt() : -1;
    s.explainMethod = parser.value(cl.method);
    s.reportFile = parser.value(cl.report);
    QTimer::singleShot(0, &window, [&window, s, readable] { QApplication::exit(runScreenshotScript(window, s, readable)); });
  }
  return app.exec();
}
