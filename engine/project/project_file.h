#pragma once
// The project document on disk (.fbproj): versioned JSON holding the graph and, as later features add
// them, the dataset reference, preprocessing, training configuration and runs. Sections this build does
// not know are kept as they are, so saving never loses what a newer or older build wrote.
#include <optional>
#include <string>

#include "graph/diagnostic.h"
#include "graph/graph_spec.h"

namespace fusebench {

struct ProjectFile {
  static constexpr int kFormatVersion = 1;
  int format_version = kFormatVersion;
  std::string name;
  std::string dataset_path;  // "dataset": {"path": …}; relative paths are relative to the project file
  GraphSpec graph;
  nlohmann::ordered_json other = nlohmann::ordered_json::object();  // every other top-level key, kept verbatim
};

struct ProjectLoadResult {
  std::optional<ProjectFile> project;
  Diagnostics errors;  // messages start with the file path
};

ProjectLoadResult loadProjectFile(const std::string& path);
ProjectLoadResult projectFromText(const std::string& text, const std::string& path_for_messages);
std::string projectToText(const ProjectFile& project);
// Writes to a temporary file in the same folder, then renames it over the target.
bool saveProjectFile(const ProjectFile& project, const std::string& path, std::string* error);

// For a project moving from `from_path` to `to_path` (Save As): relative paths in it (the dataset, init_from
// models, file parameters) are rewritten to reach the same files from the new folder; graph.base_dir follows.
// An empty from_path (a project never saved) only sets graph.base_dir.
void rebaseProject(ProjectFile& project, const std::string& from_path, const std::string& to_path);

// The project's dataset folder as an absolute (or cwd-relative) path; empty when the project has none.
// A project installed with the app (…/share/fusebench/projects, read-only) keeps its generated data in the
// user's data folder instead: a relative dataset path missing beside it is looked up in userDataDir().
std::string resolveDatasetPath(const ProjectFile& project, const std::string& project_path);

// $XDG_DATA_HOME/fusebench, or ~/.local/share/fusebench: where data generated for installed examples goes.
std::string userDataDir();
// Where `data make-example` writes by default: beside the example projects when they are a source checkout's
// (`examples_dir`, writable), otherwise in userDataDir() — never under an installed /usr/share.
std::string exampleDataDir(const std::string& examples_dir);
// An installed example (…/share/fusebench/projects, read-only, where training could not write its runs) is
// opened as the user's own copy: userDataDir()/projects/<file>, made on first use with its dataset path made
// absolute (the data made for it) and kept afterwards (the user's edits and runs live there). Any other path
// comes back as it is. Empty with `error` when the copy cannot be written.
std::string userCopyOfInstalledExample(const std::string& project_path, std::string& error);

// The example projects of this program: <prefix>/share/fusebench/projects when the running program is an
// installed one (<prefix>/bin), else `checkout_dir` (the source tree it was built from).
std::string examplesDirOfThisProgram(const std::string& checkout_dir);

}  // namespace fusebench
