#pragma once
// The desktop app's command line: `fusebench [PROJECT] [--page P] [--screenshot FILE.png] ...`.
// Built the same way with or without a display, so --help and --version print on a server too.
#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QStringList>

namespace fusebench::app {

struct CommandLine {
  CommandLine();
  QCommandLineParser parser;
  QCommandLineOption screenshot, select, page, train, epochs, latest, evalTab, sample, explain, method, report;
};

// True when argv asks only for --help / --help-all / --version: answered without a display (no QApplication).
bool asksForHelpOrVersion(int argc, char** argv);

// The application's names, shared by the GUI and the display-less help.
void setApplicationNames();

}  // namespace fusebench::app
