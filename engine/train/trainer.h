#pragma once
// Trains a project's graph on its dataset in the calling thread. Progress reaches a listener as plain
// values; pause, resume and stop may be requested from any thread and are honoured at the next step.
// Every run writes a run folder: config.json, graph.json, metrics_steps.csv, metrics_epochs.csv, eval.json,
// checkpoints/last.pt and best.pt (atomic), pipeline.json (fitted preprocessing), log.txt, and status.json
// (running / finished / stopped / failed, with times and the error) that the runs panel reads.
// Plain header: no torch.
#include <atomic>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "project/project_file.h"
#include "train/train_config.h"

namespace fusebench::dist {
class Group;
}

namespace fusebench::train {

struct StepEvent {
  int64_t step = 0, epoch = 0, steps_per_epoch = 0, total_steps = 0;
  double loss = 0, lr = 0, samples_per_s = 0, eta_s = 0;
  double memory_mib = 0;  // resident memory of the process (sampled twice a second)
};

struct EpochEvent {
  int64_t epoch = 0;
  double train_loss = 0, val_loss = 0, val_accuracy = 0, seconds = 0;
  bool best = false;
  std::size_t skipped = 0;  // training samples skipped this epoch (skip policy)
  double lr = 0;            // at the epoch's last step
  nlohmann::json val_metrics;  // the epoch's full validation evaluation (confusion, per class, curves); may be null
};

// The first pass over the training split before step 1 (it fits the image statistics and fills the
// caches); several a second, and once at its end.
struct PrepareEvent {
  std::size_t done = 0, total = 0;
  std::size_t from_cache = 0;  // of `done`, samples read from the disk cache rather than decoded
  double seconds = 0, eta_s = 0;
};

enum class MessageLevel { Info, Warning, Error };
const char* messageLevelName(MessageLevel level);  // "info", "warning", "error"

class TrainListener {
 public:
  virtual ~TrainListener() = default;
  virtual void onStep(const StepEvent&) {}
  virtual void onEpoch(const EpochEvent&) {}
  virtual void onPreparing(const PrepareEvent&) {}
  // The text has no level prefix; the run's log.txt writes "warning: " and "error: " before it.
  virtual void onMessage(MessageLevel, const std::string&) {}
};

struct TrainControl {
  std::atomic<bool> stop{false};
  std::atomic<bool> pause{false};
};

struct TrainResult {
  bool ok = false;
  bool stopped = false;   // by TrainControl::stop (a checkpoint was written, unless stopped_before_training)
  bool stopped_before_training = false;  // the stop came while the data was prepared: this session trained nothing
  std::string error;      // why the run failed: data, graph, NaN at step/epoch, …
  std::string run_dir;
  int64_t epochs_run = 0, steps = 0;
  double seconds = 0;
  nlohmann::json test;    // test-split evaluation (accuracy, per-class, confusion, curves…)
  nlohmann::json val;     // best validation evaluation
  // The kept checkpoint: {"epoch", "metric", "value", "val_loss", "rule"}; null without a validation split.
  nlohmann::json best;
  std::size_t train_used = 0, train_skipped = 0;
  double data_wait_share = 0;  // of the last epoch's training time, the share spent waiting for batches
};

// "cpu", then "cuda:0", "cuda:1", … for each CUDA device this LibTorch build can use.
std::vector<std::string> availableDevices();
// "CPU, 16 cores" or "cuda:0: NVIDIA H200, 139 GiB" (name and memory when LibTorch has CUDA).
std::string deviceDescription(const std::string& device);
// project_path locates the dataset (relative to the project file); config comes from the caller (usually
// TrainConfig::fromJson(project.other["training"]) with command-line overrides).
// With `group` (a distributed run: see dist/group.h) every rank calls this with the same project and
// configuration; each trains on its shard of the training split, the gradients are averaged, and rank 0
// alone writes the run folder. The listener of a rank other than 0 hears warnings and errors only.
TrainResult trainProject(const ProjectFile& project, const std::string& project_path, const TrainConfig& config,
                         const std::string& run_dir, TrainListener* listener = nullptr, TrainControl* control = nullptr,
                         dist::Group* group = nullptr);

// Continues a stopped or crashed run from its last checkpoint (model, optimizer, schedule position, random
// state, epoch and batch), with the run folder's own config.json and graph.json.
// Distributed: every rank reads the same run folder (a shared file system across hosts); the number of
// ranks may differ from the run's before (the interrupted epoch goes on from the same share of its samples).
TrainResult resumeRun(const std::string& run_dir, TrainListener* listener = nullptr, TrainControl* control = nullptr,
                      dist::Group* group = nullptr);

}  // namespace fusebench::train
