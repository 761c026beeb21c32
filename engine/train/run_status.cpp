#include "train/run_status.h"

#include <ctime>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "util/files.h"

namespace fusebench::train {
namespace {

namespace fs = std::filesystem;

std::string isoTime() {
  const auto now = std::time(nullptr);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", std::localtime(&now));
  return stamp;
}

}  // namespace

void writeRunStatus(const std::string& dirText, const std::string& state, bool resume, const TrainResult* r) {
  const fs::path dir(dirText);
  nlohmann::json j;
  {
    std::ifstream in(dir / "status.json");
    if (in) j = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
    if (!j.is_object()) j = nlohmann::json::object();
  }
  j["format"] = "fusebench-run-status";
  j["state"] = state;
  j["updated"] = isoTime();
  if (state == "running" && !r) {  // a session begins
    if (!j.contains("started") || !resume) j["started"] = isoTime();
    // Time of earlier sessions (stopped, failed or killed) is kept: a resumed run's time adds to it.
    j["seconds_before"] = resume ? j.value("seconds", 0.0) : 0.0;
    j.erase("error");
  }
  if (r) {
    j["epochs_run"] = r->epochs_run;
    j["steps"] = r->steps;
    j["seconds"] = j.value("seconds_before", 0.0) + r->seconds;
    if (!r->error.empty()) j["error"] = r->error;
    if (r->test.contains("accuracy")) j["test_accuracy"] = r->test["accuracy"];
    if (r->val.contains("accuracy")) j["best_val_accuracy"] = r->val["accuracy"];
    if (r->val.contains("loss")) j["best_val_loss"] = r->val["loss"];
    if (!r->best.is_null()) j["best"] = r->best;
  }
  std::string error;
  writeFileAtomic((dir / "status.json").string(), j.dump(2) + "\n", error);  // best effort: the run matters more
}

}  // namespace fusebench::train
