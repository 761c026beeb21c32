#include "train/trainer.h"

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

namespace fusebench::train {

const char* messageLevelName(MessageLevel level) {
  switch (level) {
    case MessageLevel::Info: return "info";
    case MessageLevel::Warning: return "warning";
    case MessageLevel::Error: return "error";
  }
  return "info";
}

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

bool writeTextAtomic(const fs::path& p, const std::string& text, std::string& error) {
  return writeFileAtomic(p.string(), text, error);
}

// What one epoch's steps add up to.
struct EpochTotals {
  double loss_sum = 0;
  std::size_t seen = 0;
  double step_seconds = 0;
};

class Run {
 public:
  Run(const ProjectFile& project, const std::string& projectPath, const TrainConfig& config, const std::string& runDir,
      TrainListener* listener, TrainControl* control, bool resume)
      : project_(project), projectPath_(projectPath), c_(config), dir_(runDir), listener_(listener), control_(control),
        resume_(resume), data_([this](MessageLevel l, const std::string& m) { say(l, m); }) {}

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
    return false;
  }
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

bool Run::openRunFolder(TrainResult& r) {
  r.run_dir = dir_.string();
  std::error_code ec;
  fs::create_directories(dir_ / "checkpoints", ec);
  if (ec) {
    r.error = "cannot create the run folder '" + dir_.string() + "': " + ec.message();
    return false;
  }
  log_.open(dir_ / "log.txt", std::ios::app);
  writeStatus("running", nullptr);
  return true;
}

bool Run::checkSetup(TrainResult& r) {
  at::set_num_threads(c_.threads > 0 ? c_.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency())));
  if (c_.device != "cpu" && !torch::cuda::is_available())
    return fail(r, "device '" + c_.device + "' requested but this LibTorch build has no CUDA device available");
  if (c_.precision == "bf16") {
    const std::string refusal = bf16Refusal(torch::Device(c_.device));
    if (!refusal.empty()) return fail(r, refusal);
  }
  useDeviceInThisThread(c_.device);  // the current CUDA device is per thread: the one that trains
  std::string precision;
  if (c_.precision == "bf16")
    precision = torch::Device(c_.device).is_cpu() ? ", bf16 mixed precision (" + util::cpuBf16Support().instructions + ")"
                                                  : ", bf16 mixed precision";
  say("training " + project_.name + " on " + deviceDescription(c_.device) + " with " + std::to_string(at::get_num_threads()) +
      " threads" + precision);
  return true;
}

bool Run::prepare(TrainResult& r) {
  std::string error;
  if (!data_.open(project_, projectPath_, c_, error)) return fail(r, error);
  {  // the run's configuration first: a run stopped while preparing still says how it was set up
    nlohmann::json config = c_.toJson();
    config["project"] = projectPath_;
    config["project_name"] = project_.name;
    config["dataset"] = fs::absolute(data_.dataset().dir()).string();
    if (!writeTextAtomic(dir_ / "config.json", config.dump(2) + "\n", error) ||
        !writeTextAtomic(dir_ / "graph.json", graphToText(project_.graph), error))
      return fail(r, error);
  }
  data_.openCaches(c_);
  if (!data_.fitStatistics(c_, listener_, control_ ? &control_->stop : nullptr)) {
    // A stop during the first pass (a large dataset the first time takes a while): nothing is trained in
    // this session; what was prepared stays in the disk cache for the next try.
    say(resume_ ? "the run's last checkpoint is kept" : "nothing was trained, so there is nothing to resume");
    r.ok = true;
    r.stopped = true;
    r.stopped_before_training = true;
    r.seconds = since(start_);
    return false;
  }
  pipeline_ = &data_.pipeline();
  if (!writeTextAtomic(dir_ / "pipeline.json", pipeline_->state().dump(2) + "\n", error)) return fail(r, error);
  if (!buildModel(r)) return false;
  data_.makeLoaders(c_);
  return true;
}

bool Run::buildModel(TrainResult& r) {
  // The graph, checked against the data it will see.
  const auto shapes = pipeline_->datasetShapes();
  torch::manual_seed(c_.seed);
  auto compiled = compileGraph(project_.graph, builtinRegistry(), &shapes);
  if (!compiled.ok()) return fail(r, compiled.shapes.errors.at(0).format());
  model_ = compiled.model;
  std::string error;  // a resumed run's weights come from its checkpoint: the source may be gone by now
  if (!resume_ && !initEncodersFrom(*model_, projectPath_, error)) return fail(r, error);
  freeze_ = FreezeSchedule(project_.graph);
  device_ = torch::Device(c_.device);  // validated by TrainConfig: cpu, cuda or cuda:N
  if (device_.is_cuda() && device_.has_index() && device_.index() >= static_cast<int>(torch::cuda::device_count()))
    return fail(r, "device '" + c_.device + "' does not exist (" + std::to_string(torch::cuda::device_count()) +
                       " CUDA device(s))");
  model_->to(device_);
  const NodeSpec* head = project_.graph.find(compiled.shapes.head);
  const auto outputs = compiled.shapes.outputs.at(head->id).at("out").dims.at(0);
  const auto task = pipeline_->task();
  const std::string wanted = task == data::TargetTask::Classification ? "head.classification"
                             : task == data::TargetTask::MultiLabel   ? "head.multilabel"
                                                                      : "head.regression";
  if (head->type != wanted)
    return fail(r, "node '" + head->id + "': the dataset's target is " + data::taskName(task) + ", which needs a " +
                       wanted + " head, not " + head->type);
  const auto classes = static_cast<int64_t>(pipeline_->classes().size());
  if (task != data::TargetTask::Regression && outputs != classes)
    return fail(r, "node '" + head->id + "': the head has " + std::to_string(outputs) + " outputs but the dataset has " +
                       std::to_string(classes) + " classes");
  if (c_.class_weights == "balanced" && task == data::TargetTask::Classification) {
    const auto counts = data_.classCounts();
    double labelled = 0;
    for (double n : counts) labelled += n;
    classWeights_ = torch::empty({classes});
    for (int64_t k = 0; k < classes; ++k)
      classWeights_[k] = counts[k] > 0 ? labelled / (static_cast<double>(classes) * counts[k]) : 0.0;
    classWeights_ = classWeights_.to(device_);
  }
  optimizer_ = std::make_unique<TrainingOptimizer>(c_, parameterGroups(*model_));
  return true;
}

torch::Tensor Run::lossOf(const torch::Tensor& prediction, const torch::Tensor& target) const {
  namespace F = torch::nn::functional;
  switch (pipeline_->task()) {
    case data::TargetTask::Classification: {
      auto o = F::CrossEntropyFuncOptions().label_smoothing(c_.label_smoothing);
      if (classWeights_.defined()) o.weight(classWeights_);
      return F::cross_entropy(prediction, target, o);
    }
    case data::TargetTask::MultiLabel:
      return F::binary_cross_entropy_with_logits(prediction, target);
    case data::TargetTask::Regression:
      return c_.regression_loss == "huber" ? F::smooth_l1_loss(prediction, target) : F::mse_loss(prediction, target);
  }
  return {};
}

Evaluation Run::evaluate(data::Loader& loader) {
  Evaluation e;
  torch::NoGradGuard noGrad;
  model_->eval();
  PredictionAccumulator predictions(pipeline_->task());
  double lossSum = 0;
  loader.startEpoch(0);
  while (auto b = loader.next()) {
    toDevice(*b, device_);
    auto out = model_->forward(b->inputs).prediction;
    lossSum += lossOf(out, b->target).item<double>() * static_cast<double>(b->samples.size());
    predictions.add(out.to(torch::kCPU), b->target.to(torch::kCPU));
  }
  e.used = loader.used();
  e.skipped = loader.skipped().size();
  e.loss = e.used ? lossSum / static_cast<double>(e.used) : 0;
  if (pipeline_->task() == data::TargetTask::Classification) {
    e.classification = predictions.classification(static_cast<int64_t>(pipeline_->classes().size()));
    e.logits = predictions.logits();
    e.labels = predictions.labels();
  }
  if (pipeline_->task() == data::TargetTask::Regression) e.regression = predictions.regression();
  freeze_.trainMode(*model_);
  return e;
}

bool Run::saveCheckpoint(const std::string& name, const Progress& pr, std::string& error) {
  return writeCheckpoint((dir_ / "checkpoints" / (name + ".pt")).string(), *model_, *optimizer_, pr, error);
}

bool Run::loadCheckpoint(const std::string& name, Progress& pr, std::string& error) {
  return readCheckpoint((dir_ / "checkpoints" / (name + ".pt")).string(), device_, *model_, *optimizer_, pr, error);
}

bool Run::loadWeights(const std::string& name) {
  return readCheckpointWeights((dir_ / "checkpoints" / (name + ".pt")).string(), device_, *model_);
}

void Run::writeStatus(const std::string& state, const TrainResult* r) {
  writeRunStatus(dir_.string(), state, resume_, r);  // best effort: the run matters more
}

TrainResult Run::execute() {
  TrainResult r = executeSteps();
  if (!log_.is_open()) return r;  // the folder could not be created: nothing to write into
  // A resumed run stopped before it trained keeps its earlier sessions' epochs, steps and time.
  const bool keepProgress = resume_ && r.stopped_before_training;
  writeStatus(!r.ok ? "failed" : r.stopped ? "stopped" : "finished", keepProgress ? nullptr : &r);
  return r;
}

TrainResult Run::executeSteps() {
  TrainResult r;
  start_ = Clock::now();
  if (!openRunFolder(r) || !checkSetup(r)) return r;
  try {
    if (!prepare(r)) return r;
  } catch (const std::exception& e) {
    fail(r, torchErrorText(e));
    return r;
  }
  csv_ = std::make_unique<MetricsCsv>(dir_.string(), resume_);
  stepsPerEpoch_ = static_cast<int64_t>(data_.train().batchesPerEpoch());
  totalSteps_ = stepsPerEpoch_ * c_.epochs;
  Progress pr;
  std::string ruleProblem;
  rule_.emplace(c_.best_metric, pipeline_->task(), &ruleProblem);
  if (!ruleProblem.empty()) say(MessageLevel::Warning, ruleProblem);
  pr.best = rule_->initial();
  std::string error;
  if (resume_) {
    if (!loadCheckpoint("last", pr, error)) {
      // A damaged last checkpoint (a disk fault, a copy cut short): the one before it, saying so.
      const std::string previous = previousCheckpointPath((dir_ / "checkpoints" / "last.pt").string());
      std::string previousError;
      if (!fs::exists(previous) || !readCheckpoint(previous, device_, *model_, *optimizer_, pr, previousError)) {
        fail(r, error + (fs::exists(previous) ? "; the checkpoint before it cannot be read either: " + previousError : ""));
        return r;
      }
      say(MessageLevel::Warning, error + "; resuming from the checkpoint before it (" + fs::path(previous).filename().string() + ")");
    }
    say("resuming at epoch " + std::to_string(pr.epoch + 1) + ", batch " + std::to_string(pr.batch) + ", step " +
        std::to_string(pr.step));
  }
  if (data_.hasValidation()) say("best checkpoint: " + rule_->describe());
  firstStep_ = pr.step;  // a resumed run's ETA counts only its own steps
  firstEpoch_ = pr.epoch;
  memory_ = residentMiB();
  model_->train();
  try {
    for (int64_t epoch = pr.epoch; epoch < c_.epochs; ++epoch) {
      EpochTotals totals;
      freeze_.apply(*model_, epoch);  // from the epoch alone, so a resumed run keeps the schedule
      const Outcome trained = trainEpoch(epoch, pr, totals, r);
      if (trained != Outcome::Continue) return r;
      bool earlyStop = false;
      if (endEpoch(epoch, totals, pr, r, earlyStop) != Outcome::Continue) return r;
      if (earlyStop) break;
    }
    if (!finish(r, pr.step)) return r;
  } catch (const std::exception& e) {
    fail(r, torchErrorText(e));
    return r;
  }
  return r;
}

Run::Outcome Run::trainEpoch(int64_t epoch, Progress& pr, EpochTotals& totals, TrainResult& r) {
  data::Loader& loader = data_.train();
  const auto epochStart = Clock::now();
  loader.startEpoch(epoch);
  // A resumed epoch skips the batches it had already trained on (same order: it depends on seed and epoch).
  for (int64_t skip = epoch == pr.epoch ? pr.batch : 0; skip > 0; --skip) loader.next();
  int64_t batchIndex = epoch == pr.epoch ? pr.batch : 0;
  while (auto batch = loader.next()) {
    while (control_ && control_->pause && !control_->stop) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    if (control_ && control_->stop) {
      pr.epoch = epoch;
      pr.batch = batchIndex;
      std::string error;
      if (!saveCheckpoint("last", pr, error)) {
        fail(r, "stopped, but the checkpoint could not be written: " + error);
        return Outcome::Failed;
      }
      say("stopped at step " + std::to_string(pr.step) + " (epoch " + std::to_string(epoch + 1) + "); checkpoint written");
      r.stopped = true;
      r.ok = true;
      r.steps = pr.step;
      r.epochs_run = epoch;
      r.seconds = since(start_);
      return Outcome::Stopped;
    }
    ++batchIndex;
    if (batch->samples.size() < 2) {
      // Skipped samples can leave a last batch of one, which batch normalization cannot train on.
      say("note: a training batch of 1 sample was left out (epoch " + std::to_string(epoch + 1) + ")");
      continue;
    }
    if (trainStep(*batch, epoch, pr, totals, r) != Outcome::Continue) return Outcome::Failed;
  }
  const double epochSeconds = since(epochStart);
  r.data_wait_share = epochSeconds > 0 ? loader.waitSeconds() / epochSeconds : 0;
  r.train_used = loader.used();
  r.train_skipped = loader.skipped().size();
  for (const auto& s : loader.skipped()) say(MessageLevel::Warning, "skipped " + s.reason);
  if (!loader.changed().empty())
    say("epoch " + std::to_string(epoch + 1) + ": " + std::to_string(loader.changed().size()) +
        " sample(s) prepared again because a file changed since it was cached (first: " +
        data_.dataset().describe(loader.changed().front()) + ")");
  data_.reportCacheProblems();
  totals.step_seconds = epochSeconds;
  return Outcome::Continue;
}

Run::Outcome Run::trainStep(data::Batch& batch, int64_t epoch, Progress& pr, EpochTotals& totals, TrainResult& r) {
  const auto stepStart = Clock::now();
  toDevice(batch, device_);
  const double lr = learningRate(c_, pr.step, totalSteps_, stepsPerEpoch_);
  optimizer_->setLearningRate(lr);
  optimizer_->zeroGrad();
  torch::Tensor loss;
  {
    AutocastScope autocast(c_.precision == "bf16", device_);
    auto out = model_->forward(batch.inputs);
    loss = lossOf(out.prediction.to(torch::kFloat), batch.target);
  }
  const double lossValue = loss.item<double>();
  const std::string where = " at step " + std::to_string(pr.step + 1) + " (epoch " + std::to_string(epoch + 1) + ")";
  if (!std::isfinite(lossValue)) {
    fail(r, "the loss became " + std::string(std::isnan(lossValue) ? "NaN" : "infinite") + where +
                "; the last good checkpoint is kept. Lower the learning rate or enable grad_clip.");
    return Outcome::Failed;
  }
  loss.backward();
  const double norm = optimizer_->clipGradNorm(c_.grad_clip);  // also the finiteness check of the gradients
  if (!std::isfinite(norm)) {
    fail(r, "the gradients became NaN or infinite" + where + "; the last good checkpoint is kept.");
    return Outcome::Failed;
  }
  optimizer_->step();
  if (pr.step == firstStep_ || optimizer_->lastStepWasFlat() != flatSteps_) {  // said once, and on a change
    flatSteps_ = optimizer_->lastStepWasFlat();
    say("optimizer update: " + optimizer_->lastStepPath());
  }
  ++pr.step;
  const auto n = batch.samples.size();
  totals.loss_sum += lossValue * static_cast<double>(n);
  totals.seen += n;
  StepEvent ev{pr.step, epoch + 1, stepsPerEpoch_, totalSteps_, lossValue, lr,
               static_cast<double>(n) / std::max(1e-9, since(stepStart)), 0, 0};
  ev.eta_s = since(start_) / static_cast<double>(pr.step - firstStep_) * static_cast<double>(totalSteps_ - pr.step);
  if (since(memorySampled_) > 0.5) {  // /proc reads are cheap, but not free at thousands of steps/s
    memory_ = residentMiB();
    memorySampled_ = Clock::now();
  }
  ev.memory_mib = memory_;
  if (since(statusWritten_) > 30) {  // a heartbeat: the runs panel tells a live run from a killed one
    TrainResult partial = r;
    partial.steps = pr.step;
    partial.seconds = since(start_);
    writeStatus("running", &partial);
    statusWritten_ = Clock::now();
  }
  csv_->step(pr.step, epoch + 1, lossValue, lr, ev.samples_per_s);
  if (listener_) listener_->onStep(ev);
  return Outcome::Continue;
}

Run::Outcome Run::endEpoch(int64_t epoch, const EpochTotals& totals, Progress& pr, TrainResult& r, bool& earlyStop) {
  const auto endStart = Clock::now();
  EpochEvent ee;
  ee.epoch = epoch + 1;
  ee.train_loss = totals.seen ? totals.loss_sum / static_cast<double>(totals.seen) : 0;
  ee.skipped = data_.train().skipped().size();
  const bool hasVal = data_.hasValidation();
  Evaluation val;
  if (hasVal) {
    val = evaluate(data_.val());
    ee.val_loss = val.loss;
    ee.val_accuracy = val.accuracy();
    ee.val_metrics = val.json(pipeline_->classes(), pipeline_->task());
  }
  ee.lr = learningRate(c_, std::max<int64_t>(0, pr.step - 1), totalSteps_, stepsPerEpoch_);
  const double metric = hasVal ? rule_->value(val.scores(pipeline_->task())) : 0;
  ee.best = !hasVal || rule_->improves(metric, val.loss, pr.best, pr.best_loss);
  std::string error;
  pr.epoch = epoch + 1;
  pr.batch = 0;
  if (ee.best) {
    pr.best = metric;
    pr.best_loss = hasVal ? val.loss : 0;
    pr.best_epoch = epoch + 1;
    pr.since_best = 0;
    r.val = val.json(pipeline_->classes(), pipeline_->task());
    if (!saveCheckpoint("best", pr, error)) {
      fail(r, error);
      return Outcome::Failed;
    }
  } else {
    ++pr.since_best;
  }
  if (!saveCheckpoint("last", pr, error)) {
    fail(r, error);
    return Outcome::Failed;
  }
  if (hasVal) r.best = {{"epoch", pr.best_epoch}, {"metric", rule_->metric()}, {"value", pr.best},
                        {"val_loss", pr.best_loss}, {"rule", rule_->describe()}};
  ee.seconds = totals.step_seconds + since(endStart);
  if (epoch == firstEpoch_) {  // the caches are as full as they get after one epoch
    const std::string cache = data_.memoryCacheReport();
    if (!cache.empty()) say(cache);
  }
  csv_->epoch(ee, residentMiB());
  if (!csv_->ok() && !metricsWarned_) {
    metricsWarned_ = true;
    say(MessageLevel::Warning, "cannot write the metrics tables in '" + dir_.string() + "': " + std::strerror(errno) +
                                   "; training goes on, but its curves on disk stop here");
  }
  say("epoch " + std::to_string(ee.epoch) + ": train loss " + std::to_string(ee.train_loss) +
      (hasVal ? ", val loss " + std::to_string(ee.val_loss) + ", val accuracy " + std::to_string(ee.val_accuracy) +
                    (rule_->metric() == "val_loss" || rule_->metric() == "val_accuracy"
                         ? std::string()
                         : ", " + rule_->metric() + " " + std::to_string(metric)) +
                    (ee.best ? " (best)" : "")
              : std::string(" (no validation split: the last epoch's weights are kept)")));
  r.epochs_run = epoch + 1;
  {  // the runs panel shows progress, best metric and time so far; written before the listener hears
     // of the epoch, so a view refreshed on that event reads this epoch's status
    TrainResult partial = r;
    partial.steps = pr.step;
    partial.seconds = since(start_);
    writeStatus("running", &partial);
  }
  if (listener_) listener_->onEpoch(ee);
  if (!c_.early_stopping.empty() && hasVal && pr.since_best >= c_.patience) {
    say("early stopping: no improvement of " + rule_->metric() + " for " + std::to_string(c_.patience) + " epochs");
    earlyStop = true;
  }
  return Outcome::Continue;
}

// Temperature scaling of the kept weights on the validation split (classification): the bundle's
// "calibration" record, or an empty object when there is nothing to fit it on (said in the log).
nlohmann::json Run::calibrate() {
  if (pipeline_->task() != data::TargetTask::Classification || !data_.hasValidation()) return nlohmann::json::object();
  const Evaluation val = evaluate(data_.val());
  std::string line;
  auto record = calibrationRecord(val.logits, val.labels, static_cast<int64_t>(pipeline_->classes().size()), line);
  say(line);
  return record;
}

// The bundle's similar-cases index, from one more pass over the training split, so that explanations find
// it ready. A failure is a warning: an explanation builds it itself when it is missing.
void Run::indexSimilarCases(const fs::path& bundle) {
  std::string line;
  const bool ok = writeCaseIndex(*model_, data_.trainInOrder(), data_.dataset(), pipeline_->classes(), device_, bundle.string(),
                                 c_.seed, c_.val_fraction, c_.test_fraction, line);
  say(ok ? MessageLevel::Info : MessageLevel::Warning, line);
}

bool Run::finish(TrainResult& r, int64_t steps) {
  std::string error;
  loadWeights("best");
  const nlohmann::json calibration = calibrate();
  if (!writeBundle((dir_ / "model").string(), project_.name, project_.graph, *pipeline_, *model_, c_,
                   fs::absolute(data_.dataset().dir()).string(), error, calibration))
    return fail(r, error);
  indexSimilarCases(dir_ / "model");
  Evaluation test = evaluate(data_.test());
  r.test = test.json(pipeline_->classes(), pipeline_->task());
  if (!test.labels.empty()) {
    r.test["calibration"] = calibrationSummary(test.logits, test.labels, static_cast<int64_t>(pipeline_->classes().size()),
                                               calibration.value("temperature", 1.0));
    r.test["calibration"]["fitted"] = calibration.contains("temperature");
  }
  nlohmann::json eval = {{"test", r.test}, {"val", r.val}, {"classes", pipeline_->classes()}};
  if (!writeTextAtomic(dir_ / "eval.json", eval.dump(2) + "\n", error)) return fail(r, error);
  r.ok = true;
  r.seconds = since(start_);
  r.steps = steps;
  say("done in " + std::to_string(r.seconds).substr(0, 6) + " s; peak resident memory " +
      std::to_string(static_cast<int>(peakResidentMiB())) + " MiB; the last epoch waited for data " +
      std::to_string(static_cast<int>(std::lround(100 * r.data_wait_share))) + "% of its time");
  return true;
}

}  // namespace

TrainResult trainProject(const ProjectFile& project, const std::string& projectPath, const TrainConfig& config,
                         const std::string& runDir, TrainListener* listener, TrainControl* control) {
  Run run(project, projectPath, config, runDir, listener, control, /*resume=*/false);
  return run.execute();
}

TrainResult resumeRun(const std::string& runDir, TrainListener* listener, TrainControl* control) {
  TrainResult r;
  r.run_dir = runDir;
  SavedRun saved;
  if (!readSavedRun(runDir, saved, r.error)) return r;
  Run run(saved.project, saved.project_path, saved.config, runDir, listener, control, /*resume=*/true);
  return run.execute();
}

}  // namespace fusebench::train
