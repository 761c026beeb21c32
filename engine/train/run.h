#pragma once
// One training run's state and steps (trainProject and resumeRun make one and execute it). Internal to
// engine/train; its methods live in run_setup.cpp (folder, checks, data, model), run_steps.cpp (the epoch
// loop and one optimizer step), run_epoch_end.cpp (validation, checkpoints, the final bundle) and
// run_distributed.cpp (what data-parallel ranks agree on).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <thread>

#include "graph/graph_json.h"
#include "model/fusion_model.h"
#include "train/best_checkpoint.h"
#include "train/run_evaluation.h"
#include "train/run_index.h"
#include "train/bundle_writer.h"
#include "train/calibration.h"
#include "train/case_index.h"
#include "train/checkpoint.h"
#include "train/device_support.h"
#include "train/encoder_init.h"
#include "train/metrics.h"
#include "train/metrics_csv.h"
#include "train/optimizer.h"
#include "train/predictions.h"
#include "train/process_memory.h"
#include "train/run_data.h"
#include "train/run_status.h"
#include "util/cpu_features.h"
#include "util/files.h"
#include "util/torch_error_text.h"

#include "dist/gradient_averager.h"
#include "dist/group.h"

namespace fusebench::train::detail {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

inline double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

inline bool writeTextAtomic(const fs::path& p, const std::string& text, std::string& error) {
  return writeFileAtomic(p.string(), text, error);
}

// What one epoch's steps add up to.
struct EpochTotals {
  double loss_sum = 0;
  std::size_t seen = 0;
  double step_seconds = 0;
  double gradient_wait_seconds = 0, agreement_seconds = 0;  // distributed: communication the step waited for
};

class Run {
 public:
  Run(const ProjectFile& project, const std::string& projectPath, const TrainConfig& config, const std::string& runDir,
      TrainListener* listener, TrainControl* control, bool resume, dist::Group* group)
      : project_(project), projectPath_(projectPath), c_(config), dir_(runDir), listener_(listener), control_(control),
        resume_(resume), group_(group), data_([this](MessageLevel l, const std::string& m) { say(l, m); }) {}

  TrainResult execute();

 private:
  enum class Outcome { Continue, Stopped, Failed };

  TrainResult executeSteps();
  bool openRunFolder(TrainResult& r);
  bool checkSetup(TrainResult& r);
  bool prepare(TrainResult& r);
  bool buildModel(TrainResult& r);
  Outcome trainEpoch(int64_t epoch, Progress& pr, EpochTotals& totals, TrainResult& r);
  Outcome trainStep(data::Batch& batch, int64_t epoch, Progress& pr, EpochTotals& totals, TrainResult& r);
  void reportStep(const Progress& pr, int64_t epoch, double loss, double lr, double samplesPerSecond, const TrainResult& r);
  Outcome endEpoch(int64_t epoch, const EpochTotals& totals, Progress& pr, TrainResult& r, bool& earlyStop);
  bool finish(TrainResult& r, int64_t steps);
  nlohmann::json calibrate();
  void indexSimilarCases(const fs::path& bundle);
  void writeStatus(const std::string& state, const TrainResult* result);
  void say(MessageLevel level, const std::string& s) {
    log_ << (level == MessageLevel::Info ? "" : std::string(messageLevelName(level)) + ": ") << s << "\n";
    log_.flush();
    if (listener_) listener_->onMessage(level, s);
  }
  void say(const std::string& s) { say(MessageLevel::Info, s); }
  bool fail(TrainResult& r, const std::string& error) {
    r.error = error;
    say(MessageLevel::Error, error);
    if (group_) group_->reportFailure(error);  // the other ranks name this one and its reason
    return false;
  }
  // Rank 0 of a distributed run, or the only process: the one that writes the run folder.
  bool writes() const { return !group_ || group_->leader(); }
  Outcome stopAt(int64_t epoch, int64_t batchIndex, Progress& pr, TrainResult& r);

  // Data parallel (run_distributed.cpp); each is a no-op without a group.
  bool joinRanks(TrainResult& r);          // the same setup everywhere, rank 0's weights, the log's summary
  void adaptProgressToWorldSize(Progress& pr);  // a resume with another number of ranks
  struct StepAgreement {
    double loss = 0;      // the mean over every rank's samples
    std::size_t samples = 0;
    bool stop = false;    // some rank was asked to stop: all stop after this step
  };
  // Started after the forward pass, so that it travels while backward runs; finished after backward.
  struct PendingAgreement {
    StepAgreement local;
    torch::Tensor values;
    std::unique_ptr<dist::Group::Pending> work;
  };
  PendingAgreement startAgreement(double loss, std::size_t samples, bool stop);
  StepAgreement finishAgreement(PendingAgreement& pending);
  // The evaluation of every rank's shard, as one process would have made it over the whole split.
  void gatherEvaluation(torch::Tensor& outputs, torch::Tensor& targets, double& lossSum, std::size_t& used,
                        std::size_t& skipped);
  void shareWeightsFromLeader();
  torch::Tensor lossOf(const torch::Tensor& prediction, const torch::Tensor& target) const;
  Evaluation evaluate(data::Loader& loader);
  bool saveCheckpoint(const std::string& name, const Progress& progress, std::string& error);
  bool loadWeights(const std::string& name);
  bool loadCheckpoint(const std::string& name, Progress& progress, std::string& error);

  const ProjectFile& project_;
  std::string projectPath_;
  TrainConfig c_;
  fs::path dir_;
  TrainListener* listener_;
  TrainControl* control_;
  bool resume_;
  dist::Group* group_;  // null: one process
  std::unique_ptr<dist::GradientAverager> averager_;
  int64_t outputWidth_ = 0;  // the head's outputs per sample
  std::ofstream log_;
  Clock::time_point start_ = Clock::now();  // this session's start

  RunData data_;
  const data::Pipeline* pipeline_ = nullptr;  // data_'s, once fitted
  FusionModel model_{nullptr};
  FreezeSchedule freeze_{GraphSpec{}};
  torch::Device device_{torch::kCPU};
  std::unique_ptr<TrainingOptimizer> optimizer_;
  torch::Tensor classWeights_;
  std::unique_ptr<MetricsCsv> csv_;
  int64_t stepsPerEpoch_ = 0, totalSteps_ = 0, firstStep_ = 0;
  bool flatSteps_ = false;
  double memory_ = 0;
  int64_t firstEpoch_ = 0;
  std::optional<CheckpointRule> rule_;  // once the target's task is known
  bool metricsWarned_ = false;  // the first epoch this session trains (a resumed run starts later)
  Clock::time_point memorySampled_ = Clock::now(), statusWritten_ = Clock::now();
};

}  // namespace fusebench::train::detail
