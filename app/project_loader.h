#pragma once
// Opens a project file through the engine and turns the result into the widgets' view data.
#include <QString>

#include "dataset/dataset_info.h"
#include "data/splits.h"
#include "project/project_file.h"
#include "summary/summary_data.h"

namespace fusebench::app {

struct LoadedProject {
  QString path;
  QString name;
  int nodeCount = 0, edgeCount = 0;
  bool readable = false;  // false: the file could not be read at all; summary.problems says why
  widgets::SummaryData summary;
  widgets::DatasetInfo dataset;
};

LoadedProject loadProject(const QString& path);
// The same view data for a project already in memory (the open document after an edit). The dataset is
// described only when `withDataset` (it reads the manifest: do it on load, not on every edit).
LoadedProject describeProject(const ProjectFile& project, const QString& path, bool withDataset = true);

// Reads the dataset's description and manifest (no decoding: fast enough for the GUI thread).
widgets::DatasetInfo describeDataset(const QString& dir, const data::SplitOptions& splits = {});
// The split settings of the project's training section (seed, validation and test fractions): what training
// will use, so every view of the dataset shows the same splits.
data::SplitOptions projectSplitOptions(const ProjectFile& project);

// The example project the app opens when started without one: next to an installed binary
// (../share/fusebench/projects) or in the source tree.
QString defaultProjectPath();

}  // namespace fusebench::app
