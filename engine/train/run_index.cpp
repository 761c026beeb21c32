#include "train/run_index.h"

#include "graph/graph_json.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

namespace fusebench::train {

namespace fs = std::filesystem;

std::string runsFolder(const std::string& projectPath) {
  return (fs::path(projectPath).parent_path() / "runs").string();
}

std::string defaultRunDir(const std::string& projectPath) {
  const auto now = std::time(nullptr);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", std::localtime(&now));
  const auto p = fs::path(projectPath);
  const fs::path folder = runsFolder(projectPath);
  fs::path dir = folder / (p.stem().string() + "-" + stamp);
  // Two runs started within one second get distinct folders.
  for (int k = 2; fs::exists(dir); ++k) dir = folder / (p.stem().string() + "-" + stamp + "-" + std::to_string(k));
  return dir.string();
}

namespace {
nlohmann::json readJson(const fs::path& p) {
  std::ifstream in(p);
  if (!in) return nlohmann::json::object();
  auto j = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  return j.is_object() ? j : nlohmann::json::object();
}
}  // namespace

RunInfo readRun(const std::string& runDir) {
  RunInfo r;
  const fs::path dir(runDir);
  r.dir = runDir;
  r.name = dir.filename().string();
  r.config = readJson(dir / "config.json");
  const nlohmann::json status = readJson(dir / "status.json");
  r.state = status.value("state", std::string("unknown"));
  r.error = status.value("error", std::string());
  r.started = status.value("started", std::string());
  r.seconds = status.value("seconds", 0.0);
  r.epochs_run = status.value("epochs_run", int64_t{0});
  r.steps = status.value("steps", int64_t{0});
  r.best_val_accuracy = status.value("best_val_accuracy", -1.0);
  r.test_accuracy = status.value("test_accuracy", -1.0);
  if (const auto b = status.find("best"); b != status.end() && b->is_object()) {
    // Read field by field: a status file edited by hand must not end the listing.
    auto number = [&](const char* k, double fallback) {
      auto it = b->find(k);
      return it != b->end() && it->is_number() ? it->get<double>() : fallback;
    };
    auto text = [&](const char* k) {
      auto it = b->find(k);
      return it != b->end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    r.best_epoch = static_cast<int64_t>(number("epoch", 0));
    r.best_value = number("value", 0);
    r.best_val_loss = number("val_loss", -1);
    r.best_metric = text("metric");
    r.best_rule = text("rule");
  }
  r.epochs = r.config.value("epochs", int64_t{0});
  if (r.state == "unknown" && fs::exists(dir / "eval.json")) r.state = "finished";
  // A run that says "running" but whose log has not moved for two minutes died with its process.
  if (r.state == "running") {
    std::error_code ec;
    // A live run rewrites status.json at least every 30 s (heartbeat) and after each epoch.
    const auto written = fs::last_write_time(dir / "status.json", ec);
    if (!ec && fs::file_time_type::clock::now() - written > std::chrono::minutes(2)) r.state = "interrupted";
    // The epochs CSV tells how far it got.
    std::ifstream in(dir / "metrics_epochs.csv");
    std::string line;
    int64_t lines = 0;
    while (std::getline(in, line)) lines += !line.empty();
    r.epochs_run = std::max<int64_t>(0, lines - 1);
  }
  r.resumable = r.state != "finished" && fs::exists(dir / "checkpoints" / "last.pt");
  return r;
}

std::vector<RunInfo> listRuns(const std::string& projectPath) {
  std::vector<RunInfo> runs;
  const fs::path folder = runsFolder(projectPath);
  // <stem>-YYYYmmdd-HHMMSS[-k]: not the runs of "<stem>-v2.fbproj" beside it.
  const std::regex runName(std::regex_replace(fs::path(projectPath).stem().string(), std::regex(R"([.^$|()\[\]{}*+?\\])"), R"(\$&)") +
                           R"(-\d{8}-\d{6}(-\d+)?)");
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) return runs;
  for (const auto& entry : fs::directory_iterator(folder, ec)) {
    if (!entry.is_directory()) continue;
    const std::string name = entry.path().filename().string();
    if (!std::regex_match(name, runName)) continue;
    if (!fs::exists(entry.path() / "config.json") && !fs::exists(entry.path() / "status.json")) continue;
    runs.push_back(readRun(entry.path().string()));
  }
  // Folder names carry the start time: name order is time order.
  std::sort(runs.begin(), runs.end(), [](const RunInfo& a, const RunInfo& b) { return a.name < b.name; });
  return runs;
}

std::vector<std::string> configDifference(const nlohmann::json& before, const nlohmann::json& after) {
  static const char* ignored[] = {"project", "project_name"};
  auto skip = [](const std::string& k) { return std::find(std::begin(ignored), std::end(ignored), k) != std::end(ignored); };
  auto text = [](const nlohmann::json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); };
  std::vector<std::string> out;
  for (const auto& [k, v] : after.items()) {
    if (skip(k)) continue;
    if (!before.contains(k))
      out.push_back(k + " " + text(v) + " (new)");
    else if (before[k] != v)
      out.push_back(k + " " + text(before[k]) + " \u2192 " + text(v));
  }
  for (const auto& [k, v] : before.items())
    if (!skip(k) && !after.contains(k)) out.push_back(k + " " + text(v) + " (removed)");
  return out;
}

RunCurves readRunCurves(const std::string& runDir, std::size_t* badLines) {
  RunCurves c;
  std::size_t bad = 0;
  auto parse = [&](const fs::path& p, std::size_t columns, auto&& take) {
    std::ifstream in(p);
    std::string line;
    bool header = true;
    while (std::getline(in, line)) {
      if (header) {
        header = false;
        continue;
      }
      if (line.empty()) continue;
      std::vector<double> v;
      std::stringstream ss(line);
      std::string cell;
      bool ok = true;
      while (std::getline(ss, cell, ',')) {
        try {
          std::size_t used = 0;
          v.push_back(std::stod(cell, &used));
          ok = ok && used == cell.size();
        } catch (const std::exception&) {
          ok = false;
        }
      }
      if (!ok || v.size() < columns) {
        ++bad;  // e.g. a half-written last line of a crashed run
        continue;
      }
      take(v);
    }
  };
  parse(fs::path(runDir) / "metrics_steps.csv", 5, [&](const std::vector<double>& v) {
    c.step.push_back(v[0]);
    c.step_loss.push_back(v[2]);
    c.step_lr.push_back(v[3]);
    c.step_samples_per_s.push_back(v[4]);
  });
  parse(fs::path(runDir) / "metrics_epochs.csv", 6, [&](const std::vector<double>& v) {
    c.epoch.push_back(v[0]);
    c.train_loss.push_back(v[1]);
    c.val_loss.push_back(v[2]);
    c.val_accuracy.push_back(v[3]);
    c.epoch_lr.push_back(v[4]);
    c.epoch_seconds.push_back(v[5]);
  });
  if (badLines) *badLines = bad;
  return c;
}

bool readSavedRun(const std::string& runDir, SavedRun& out, std::string& error) {
  std::ifstream in(fs::path(runDir) / "config.json");
  if (!in) {
    error = "'" + runDir + "' is not a run folder (no config.json)";
    return false;
  }
  nlohmann::json saved;
  try {
    saved = nlohmann::json::parse(in);
  } catch (const std::exception&) {
    error = (fs::path(runDir) / "config.json").string() + ": invalid JSON";
    return false;
  }
  if (!saved.is_object()) {
    error = (fs::path(runDir) / "config.json").string() + ": expected an object";
    return false;
  }
  Diagnostics errors;
  nlohmann::json settings = saved;
  for (const char* k : {"project", "project_name", "dataset"}) settings.erase(k);
  out.config = TrainConfig::fromJson(settings, errors);
  auto graph = loadGraphFile((fs::path(runDir) / "graph.json").string());
  if (!errors.empty() || !graph.graph) {
    error = !errors.empty() ? errors[0].format() : graph.errors.at(0).message;
    return false;
  }
  auto text = [&](const char* k) {
    const auto it = saved.find(k);
    return it != saved.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  out.project.name = text("project_name");
  out.project.graph = *graph.graph;
  out.project.dataset_path = text("dataset");
  out.project_path = text("project");
  if (!out.project_path.empty()) {
    std::error_code ec;  // relative file parameters (TorchScript encoders) are the project folder's
    out.project.graph.base_dir = fs::absolute(out.project_path, ec).parent_path().lexically_normal().string();
  }
  return true;
}

}  // namespace fusebench::train
