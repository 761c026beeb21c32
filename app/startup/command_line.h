#pragma once
// The desktop app's command line: `fusebench [PROJECT] [--page P] [--screenshot FILE.png] ...`.
// Built the same way with or without a display, so --help and --version print on a server too.
#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QString>
#include <QStringList>

namespace fusebench::app {

struct CommandLine {
  CommandLine();
  QCommandLineParser parser;
  QCommandLineOption screenshot, select, page, train, epochs, latest, evalTab, sample, explain, method, report, language, theme;
};

// True when argv asks only for --help / --help-all / --version: answered without a display (no QApplication).
bool asksForHelpOrVersion(int argc, char** argv);

// The value of --language CODE / --language=CODE, read before the application exists (the translations
// must be installed before any string is made); empty when not given.
QString languageArgument(int argc, char** argv);

// The application's names, shared by the GUI and the display-less help.
void setApplicationNames();

}  // namespace fusebench::app
