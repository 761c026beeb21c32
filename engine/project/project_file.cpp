#include "project/project_file.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "graph/graph_json.h"
#include "util/error_text.h"
#include "util/files.h"

namespace fusebench {

using Json = nlohmann::ordered_json;

namespace {
namespace fs = std::filesystem;

std::string projectFolder(const std::string& project_path) {
  std::error_code ec;
  const fs::path absolute = fs::absolute(project_path, ec);
  return (ec ? fs::path(project_path) : absolute).parent_path().lexically_normal().string();
}

// `path` (relative to `from`, or absolute) as seen from `to`; absolute paths and empty ones stay as they are.
std::string rebasePath(const std::string& path, const fs::path& from, const fs::path& to) {
  if (path.empty() || fs::path(path).is_absolute()) return path;
  const fs::path target = (from / path).lexically_normal();
  const fs::path relative = target.lexically_relative(to);
  return relative.empty() ? target.string() : relative.string();
}

ProjectLoadResult readProject(const std::string& text, const std::string& path) {
  ProjectLoadResult r;
  auto fail = [&](const std::string& msg) {
    r.errors.push_back(Diagnostic{"project", "", "", path + ": " + msg, {}, {}});
    return r;
  };
  Json j;
  try {
    j = Json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    return fail("invalid JSON: " + jsonErrorText(e));
  }
  if (!j.is_object() || j.value("format", std::string()) != "fusebench-project")
    return fail("not a Fusebench project (expected \"format\": \"fusebench-project\")");
  if (!j.contains("version") || !j["version"].is_number_integer()) return fail("'version' is missing or not an integer");
  ProjectFile p;
  p.format_version = j["version"].get<int>();
  if (p.format_version > ProjectFile::kFormatVersion)
    return fail("written by a newer Fusebench (project format " + std::to_string(p.format_version) +
                "; this build reads up to " + std::to_string(ProjectFile::kFormatVersion) + ")");
  if (p.format_version < 1) return fail("unsupported project format " + std::to_string(p.format_version));
  if (j.contains("name") && j["name"].is_string()) p.name = j["name"].get<std::string>();
  if (j.contains("dataset")) {
    const auto& d = j["dataset"];
    if (!d.is_object() || !d.contains("path") || !d["path"].is_string()) return fail("dataset: expected {\"path\": \"folder\"}");
    p.dataset_path = d["path"].get<std::string>();
  }
  if (!j.contains("graph")) return fail("'graph' is missing");
  auto g = graphFromJson(j["graph"]);
  for (auto& d : g.errors) d.message = path + ": graph: " + d.message;
  if (!g.graph) {
    r.errors = g.errors;
    return r;
  }
  p.graph = *g.graph;
  p.graph.base_dir = projectFolder(path);
  for (auto it = j.begin(); it != j.end(); ++it)
    if (it.key() != "format" && it.key() != "version" && it.key() != "name" && it.key() != "graph" && it.key() != "dataset")
      p.other[it.key()] = it.value();
  r.project = std::move(p);
  return r;
}
}  // namespace

ProjectLoadResult projectFromText(const std::string& text, const std::string& path) {
  try {
    return readProject(text, path);
  } catch (const nlohmann::json::exception& e) {  // a value of the wrong type or out of range, anywhere in it
    ProjectLoadResult r;
    r.errors.push_back(Diagnostic{"project", "", "", path + ": " + jsonErrorText(e), {}, {}});
    return r;
  }
}

ProjectLoadResult loadProjectFile(const std::string& path) {
  std::string text, error;
  if (!readWholeFile(path, text, error)) {
    ProjectLoadResult r;
    r.errors.push_back(Diagnostic{"project", "", "", error, {}, {}});
    return r;
  }
  return projectFromText(text, path);
}

std::string projectToText(const ProjectFile& p) {
  Json j = Json::object();
  j["format"] = "fusebench-project";
  j["version"] = ProjectFile::kFormatVersion;
  j["name"] = p.name;
  if (!p.dataset_path.empty()) j["dataset"] = {{"path", p.dataset_path}};
  j["graph"] = graphToJson(p.graph);
  for (auto it = p.other.begin(); it != p.other.end(); ++it) j[it.key()] = it.value();
  return j.dump(2) + "\n";
}

bool saveProjectFile(const ProjectFile& project, const std::string& path, std::string* error) {
  std::string e;
  const bool ok = writeFileAtomic(path, projectToText(project), e);
  if (!ok && error) *error = e;
  return ok;
}

void rebaseProject(ProjectFile& project, const std::string& from_path, const std::string& to_path) {
  const fs::path from = projectFolder(from_path), to = projectFolder(to_path);
  project.graph.base_dir = to.string();
  if (from_path.empty() || from == to) return;
  project.dataset_path = rebasePath(project.dataset_path, from, to);
  for (auto& n : project.graph.nodes) {
    n.init_model = rebasePath(n.init_model, from, to);
    for (const char* file_param : {"file", "vocabulary_file"})
      if (n.params.contains(file_param) && n.params[file_param].is_string())
        n.params[file_param] = rebasePath(n.params[file_param].get<std::string>(), from, to);
  }
}

namespace {
bool isInstalledExamplesDir(const std::filesystem::path& dir) {
  const std::filesystem::path d = dir.lexically_normal();
  return d.filename() == "projects" && d.parent_path().filename() == "fusebench" &&
         d.parent_path().parent_path().filename() == "share";
}
}  // namespace

std::string resolveDatasetPath(const ProjectFile& project, const std::string& project_path) {
  if (project.dataset_path.empty()) return {};
  const std::filesystem::path p(project.dataset_path);
  if (p.is_absolute()) return p.string();
  const std::filesystem::path projectDir = std::filesystem::absolute(project_path).parent_path();
  const std::filesystem::path beside = (std::filesystem::path(project_path).parent_path() / p).lexically_normal();
  std::error_code ec;
  if (!std::filesystem::exists(beside, ec) && isInstalledExamplesDir(projectDir))
    return (std::filesystem::path(userDataDir()) / p).lexically_normal().string();
  return beside.string();
}

std::string userDataDir() {
  const char* xdg = std::getenv("XDG_DATA_HOME");
  if (xdg && *xdg == '/') return (std::filesystem::path(xdg) / "fusebench").string();
  const char* home = std::getenv("HOME");
  return (std::filesystem::path(home && *home ? home : "/tmp") / ".local" / "share" / "fusebench").string();
}

std::string userCopyOfInstalledExample(const std::string& project_path, std::string& error) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!isInstalledExamplesDir(fs::absolute(project_path, ec).parent_path())) return project_path;
  const fs::path copy = fs::path(userDataDir()) / "projects" / fs::path(project_path).filename();
  if (fs::exists(copy, ec)) return copy.string();
  ProjectLoadResult loaded = loadProjectFile(project_path);
  if (!loaded.project) {
    error = loaded.errors.empty() ? project_path + ": cannot be read" : loaded.errors.front().message;
    return {};
  }
  ProjectFile p = std::move(*loaded.project);
  p.dataset_path = resolveDatasetPath(p, project_path);  // absolute: the same data from the copy's folder
  fs::create_directories(copy.parent_path(), ec);
  if (!saveProjectFile(p, copy.string(), &error)) return {};
  return copy.string();
}

std::string examplesDirOfThisProgram(const std::string& checkout_dir) {
  std::error_code ec;
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  const std::filesystem::path installed = exe.parent_path().parent_path() / "share" / "fusebench" / "projects";
  if (!ec && exe.parent_path().filename() == "bin" && std::filesystem::is_directory(installed, ec)) return installed.string();
  return checkout_dir;
}

std::string exampleDataDir(const std::string& examples_dir) {
  std::error_code ec;
  const bool checkout = std::filesystem::is_directory(examples_dir, ec) &&
                        !isInstalledExamplesDir(std::filesystem::absolute(examples_dir, ec));
  const std::filesystem::path base = checkout ? std::filesystem::path(examples_dir) : std::filesystem::path(userDataDir());
  return (base / "data" / "fashion_trimodal").string();
}

}  // namespace fusebench
