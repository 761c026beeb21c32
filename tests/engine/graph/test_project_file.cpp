#include <gtest/gtest.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "project/project_file.h"
#include "util/files.h"

namespace fusebench {
namespace {

TEST(ProjectFile, ExampleProjectRoundTripsAndKeepsUnknownSections) {
  auto r = loadProjectFile(std::string(FUSEBENCH_SOURCE_DIR) + "/projects/image_text_concat.fbproj");
  ASSERT_TRUE(r.project) << r.errors[0].message;
  EXPECT_EQ(r.project->name, "Image + text, concatenation");
  auto p = *r.project;
  p.other["training"] = {{"epochs", 5}};
  auto again = projectFromText(projectToText(p), "mem");
  ASSERT_TRUE(again.project);
  EXPECT_EQ(again.project->graph, p.graph);
  EXPECT_EQ(again.project->other["training"]["epochs"], 5);
}

// Relative paths are the project file's: the graph's base folder is set on load, and Save As elsewhere rewrites
// the dataset, init_from models and file parameters so they still reach the same files.
TEST(ProjectFile, RelativePathsFollowTheProjectToANewFolder) {
  auto r = projectFromText(R"({"format": "fusebench-project", "version": 1, "dataset": {"path": "data/set"},
      "graph": {"schema_version": 1, "nodes": [
        {"id": "e", "type": "image.torchscript", "params": {"file": "models/backbone.pt"},
         "init_from": {"model": "runs/a", "node": "e"}},
        {"id": "f", "type": "image.torchscript", "params": {"file": "/abs/other.pt"}}], "edges": []}})",
                           "/work/proj/p.fbproj");
  ASSERT_TRUE(r.project) << r.errors[0].message;
  EXPECT_EQ(r.project->graph.base_dir, "/work/proj");
  auto p = *r.project;
  rebaseProject(p, "/work/proj/p.fbproj", "/work/elsewhere/deeper/q.fbproj");
  EXPECT_EQ(p.graph.base_dir, "/work/elsewhere/deeper");
  EXPECT_EQ(p.dataset_path, "../../proj/data/set");
  EXPECT_EQ(p.graph.nodes[0].params["file"], "../../proj/models/backbone.pt");
  EXPECT_EQ(p.graph.nodes[0].init_model, "../../proj/runs/a");
  EXPECT_EQ(p.graph.nodes[1].params["file"], "/abs/other.pt");
  auto same = *r.project;
  rebaseProject(same, "/work/proj/p.fbproj", "/work/proj/copy.fbproj");
  EXPECT_EQ(same.graph, r.project->graph);
  EXPECT_EQ(same.dataset_path, "data/set");
}

TEST(ProjectFile, RefusesNewerFormatsAndOtherFilesClearly) {
  auto newer = projectFromText(R"({"format": "fusebench-project", "version": 7, "graph": {}})", "p.fbproj");
  ASSERT_FALSE(newer.project);
  EXPECT_NE(newer.errors[0].message.find("p.fbproj: written by a newer Fusebench"), std::string::npos);
  auto other = projectFromText(R"({"hello": 1})", "q.json");
  ASSERT_FALSE(other.project);
  EXPECT_NE(other.errors[0].message.find("q.json: not a Fusebench project"), std::string::npos);
  auto broken = projectFromText(R"({"format": "fusebench-project", "version": 1, "graph": {"schema_version": 1, "nodes": 3, "edges": []}})", "r.fbproj");
  ASSERT_FALSE(broken.project);
  EXPECT_NE(broken.errors[0].message.find("r.fbproj: graph: nodes: missing or not an array"), std::string::npos);
}

// Found by mutating project files: a number out of double's range made nlohmann throw out_of_range, which
// ended the process. Every such input is a message naming the file.
TEST(ProjectFile, OutOfRangeNumbersAndWrongTypesAreMessagesNotCrashes) {
  for (const std::string& text :
       {std::string(R"({"format": "fusebench-project", "version": 1e309, "graph": {}})"),
        std::string(R"({"format": "fusebench-project", "version": 1, "graph": {"schema_version": 1, "nodes": [{"id": "a", "type": "x", "position": [1e999, 0]}], "edges": []}})"),
        std::string(R"({"format": "fusebench-project", "version": 1, "name": 5, "graph": {"schema_version": 1, "nodes": [{"id": 3, "type": []}], "edges": []}})"),
        std::string(R"({"format": 1})")}) {
    const auto r = projectFromText(text, "m.fbproj");
    EXPECT_FALSE(r.project) << text;
    ASSERT_FALSE(r.errors.empty()) << text;
    EXPECT_EQ(r.errors[0].message.rfind("m.fbproj: ", 0), 0u) << r.errors[0].message;
    EXPECT_EQ(r.errors[0].message.find("[json.exception"), std::string::npos) << r.errors[0].message;
  }
}

TEST(ProjectFile, SaveIsAtomicAndLeavesNoTemporary) {
  auto dir = std::filesystem::temp_directory_path() / "fusebench_project_test";
  std::filesystem::create_directories(dir);
  const auto path = (dir / "p.fbproj").string();
  ProjectFile p;
  p.name = "saved";
  std::string error;
  ASSERT_TRUE(saveProjectFile(p, path, &error)) << error;
  EXPECT_FALSE(std::filesystem::exists(path + ".tmp"));
  auto back = loadProjectFile(path);
  ASSERT_TRUE(back.project);
  EXPECT_EQ(back.project->name, "saved");
  EXPECT_FALSE(saveProjectFile(p, (dir / "missing_dir" / "x.fbproj").string(), &error));
  EXPECT_NE(error.find("cannot write"), std::string::npos);
  std::filesystem::remove_all(dir);
}

// An installed example project (…/share/fusebench/projects) finds its generated data in the user's data folder;
// a project anywhere else, or data that is beside the installed one, stays where the project says.
TEST(ProjectFile, InstalledExamplesKeepTheirDataInTheUsersDataFolder) {
  const auto root = std::filesystem::temp_directory_path() / "fusebench_installed_test";
  std::filesystem::remove_all(root);
  const auto share = root / "usr" / "share" / "fusebench" / "projects";
  std::filesystem::create_directories(share);
  const char* saved = std::getenv("XDG_DATA_HOME");
  const std::string savedValue = saved ? saved : "";
  setenv("XDG_DATA_HOME", (root / "home").c_str(), 1);
  ProjectFile p;
  p.dataset_path = "data/fashion_trimodal";
  EXPECT_EQ(userDataDir(), (root / "home" / "fusebench").string());
  EXPECT_EQ(resolveDatasetPath(p, (share / "fashion_trimodal.fbproj").string()),
            (root / "home" / "fusebench" / "data" / "fashion_trimodal").string());
  EXPECT_EQ(exampleDataDir(share.string()), (root / "home" / "fusebench" / "data" / "fashion_trimodal").string());
  EXPECT_EQ(exampleDataDir((root / "gone").string()), (root / "home" / "fusebench" / "data" / "fashion_trimodal").string());
  const auto checkout = root / "src" / "projects";
  std::filesystem::create_directories(checkout);
  EXPECT_EQ(exampleDataDir(checkout.string()), (checkout / "data" / "fashion_trimodal").string());
  EXPECT_EQ(resolveDatasetPath(p, (checkout / "x.fbproj").string()), (checkout / "data" / "fashion_trimodal").string());
  // Opened as the user's own copy (training writes runs beside a project): made once, with the data's path.
  ASSERT_TRUE(saveProjectFile(p, (share / "fashion_trimodal.fbproj").string(), nullptr));
  std::string error;
  const std::string copy = userCopyOfInstalledExample((share / "fashion_trimodal.fbproj").string(), error);
  EXPECT_EQ(copy, (root / "home" / "fusebench" / "projects" / "fashion_trimodal.fbproj").string()) << error;
  const auto reread = loadProjectFile(copy);
  ASSERT_TRUE(reread.project);
  EXPECT_EQ(resolveDatasetPath(*reread.project, copy), (root / "home" / "fusebench" / "data" / "fashion_trimodal").string());
  EXPECT_EQ(userCopyOfInstalledExample((share / "fashion_trimodal.fbproj").string(), error), copy);  // kept, not redone
  EXPECT_EQ(userCopyOfInstalledExample((checkout / "x.fbproj").string(), error), (checkout / "x.fbproj").string());
  std::filesystem::create_directories(share / "data" / "fashion_trimodal");  // data shipped beside it: used
  EXPECT_EQ(resolveDatasetPath(p, (share / "fashion_trimodal.fbproj").string()), (share / "data" / "fashion_trimodal").string());
  if (saved) setenv("XDG_DATA_HOME", savedValue.c_str(), 1);
  else unsetenv("XDG_DATA_HOME");
  std::filesystem::remove_all(root);
}

// Saving onto a full disk: the message names the file and the reason, the saved project stays as it was.
TEST(ProjectFile, SaveOnAFullDiskKeepsTheSavedProject) {
  auto dir = std::filesystem::temp_directory_path() / "fusebench_project_full_disk";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const auto path = (dir / "p.fbproj").string();
  ProjectFile p;
  p.name = "first";
  std::string error;
  ASSERT_TRUE(saveProjectFile(p, path, &error)) << error;
  p.name = "second";
  setWriteFaultForTesting(WriteFault{"p.fbproj", 10, ENOSPC});
  const bool saved = saveProjectFile(p, path, &error);
  setWriteFaultForTesting(std::nullopt);
  EXPECT_FALSE(saved);
  EXPECT_EQ(error, "cannot write '" + path + "': No space left on device");
  auto back = loadProjectFile(path);
  ASSERT_TRUE(back.project);
  EXPECT_EQ(back.project->name, "first");
  EXPECT_FALSE(std::filesystem::exists(path + ".tmp"));
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace fusebench
