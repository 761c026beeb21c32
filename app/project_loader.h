#pragma once
// Opens a project file through the engine and turns the result into the widgets' view data.
#include <QString>

#include "summary/summary_data.h"

namespace fusebench::app {

struct LoadedProject {
  QString path;
  QString name;
  int nodeCount = 0, edgeCount = 0;
  bool readable = false;  // false: the file could not be read at all; summary.problems says why
  widgets::SummaryData summary;
};

LoadedProject loadProject(const QString& path);

// The example project the app opens when started without one: next to an installed binary
// (../share/fusebench/projects) or in the source tree.
QString defaultProjectPath();

}  // namespace fusebench::app
