#pragma once
// The runs of a project, read back from their run folders (status.json, config.json, the metrics CSVs),
// for the runs panel, run comparison and curve overlays. Plain header: no torch.
#include <string>
#include <vector>
#include <nlohmann/json.hpp>

#include "project/project_file.h"
#include "train/train_config.h"

namespace fusebench::train {

// runs/<project stem>-<YYYYmmdd-HHMMSS> beside the project file (what `train` uses without --out).
std::string defaultRunDir(const std::string& project_path);
// The folder the project's runs go into, and the prefix of their names.
std::string runsFolder(const std::string& project_path);

struct RunInfo {
  std::string dir, name;
  std::string state;  // running | finished | stopped | failed | interrupted (running, but its log is old) | unknown
  std::string error, started;
  double seconds = 0;
  int64_t epochs_run = 0, epochs = 0, steps = 0;
  double best_val_accuracy = -1, test_accuracy = -1;  // -1: not known
  // The kept checkpoint: its epoch (0 = not known), the monitored metric's value and the rule that chose it
  // ("highest val_accuracy; ties broken by the lower val_loss").
  int64_t best_epoch = 0;
  std::string best_metric, best_rule;
  double best_value = 0, best_val_loss = -1;
  nlohmann::json config;                             // config.json (empty object when missing)
  bool resumable = false;                            // a last checkpoint exists and the run did not finish
};

// Every run folder of the project, oldest first. A folder without config.json and status.json is skipped.
std::vector<RunInfo> listRuns(const std::string& project_path);
RunInfo readRun(const std::string& run_dir);

// What a run folder saved of its start (config.json, graph.json): enough to resume it.
struct SavedRun {
  ProjectFile project;       // name, graph (with base_dir: the project's folder), dataset path
  std::string project_path;  // "" when the run was not started from a project file
  TrainConfig config;
};
// False with `error` naming the file when the folder is not a run or its files cannot be used.
bool readSavedRun(const std::string& run_dir, SavedRun& out, std::string& error);

// What changed from `before` to `after` ("lr 0.001 → 0.003", "epochs 10 → 20"); bookkeeping keys ignored.
std::vector<std::string> configDifference(const nlohmann::json& before, const nlohmann::json& after);

struct RunCurves {
  std::vector<double> step, step_loss, step_lr, step_samples_per_s;  // per optimizer step
  std::vector<double> epoch, train_loss, val_loss, val_accuracy, epoch_lr, epoch_seconds;
};
// metrics_steps.csv and metrics_epochs.csv; malformed lines are counted in `bad_lines`, not fatal.
RunCurves readRunCurves(const std::string& run_dir, std::size_t* bad_lines = nullptr);

}  // namespace fusebench::train
