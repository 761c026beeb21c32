#include "train/trainer.h"

#include <algorithm>

#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <ctime>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <thread>

#include "data/disk_cache.h"
#include "data/loader.h"
#include "data/splits.h"
#include "graph/graph_json.h"
#include "model/fusion_model.h"
#include "train/bundle_writer.h"
#include "train/metrics.h"
#include "train/optimizer.h"
#include "train/process_memory.h"
#include "train/predictions.h"
#include "util/files.h"

#include <ATen/autocast_mode.h>
#include <torch/version.h>

#ifdef FUSEBENCH_WITH_CUDA
#include <ATen/cuda/CUDAContext.h>
#include <c10/cuda/CUDAFunctions.h>
#endif

namespace fusebench::train {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

bool writeTextAtomic(const fs::path& p, const std::string& text, std::string& error) {
  return writeFileAtomic(p.string(), text, error);
}

struct Evaluation {
  double loss = 0;
  ClassificationReport classification;
  RegressionReport regression;
  std::size_t used = 0, skipped = 0;
  nlohmann::json json(const std::vector<std::string>& classes, data::TargetTask task) const {
    nlohmann::json j = task == data::TargetTask::Regression ? regression.toJson() : classification.toJson(classes);
    j["loss"] = loss;
    j["used"] = used;
    j["skipped"] = skipped;
    return j;
  }
  double accuracy() const { return classification.accuracy; }
};

// Where a run stands; saved in every checkpoint so a resumed run continues exactly where it stopped.
struct Progress {
  int64_t epoch = 0;  // the epoch in progress (0-based)
  int64_t batch = 0;  // batches of that epoch already trained
  int64_t step = 0;   // optimizer steps so far
  double best = 0;
  int64_t since_best = 0;
};

void toDevice(data::Batch& b, const torch::Device& d) {
  if (d.is_cpu()) return;
  for (auto& [k, t] : b.inputs) t = t.to(d, /*non_blocking=*/true);
  if (b.target.defined()) b.target = b.target.to(d, true);
}

// Mixed precision on CUDA: the forward pass and the loss run under autocast (matmuls and convolutions in
// bfloat16, reductions and losses in float32); backward and the optimizer stay in float32. bfloat16 keeps
// float32's range, so no loss scaling is needed (fp16 would need a GradScaler, absent from the C++ API).
class AutocastScope {
 public:
  explicit AutocastScope(bool on) : on_(on) {
    if (!on_) return;
#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 4)
    at::autocast::set_autocast_dtype(at::kCUDA, at::kBFloat16);
    at::autocast::set_autocast_enabled(at::kCUDA, true);
#else
    at::autocast::set_autocast_gpu_dtype(at::kBFloat16);
    at::autocast::set_enabled(true);
#endif
  }
  ~AutocastScope() {
    if (!on_) return;
#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 4)
    at::autocast::set_autocast_enabled(at::kCUDA, false);
#else
    at::autocast::set_enabled(false);
#endif
    at::autocast::clear_cache();  // the casts of weights cached for this step
  }
  AutocastScope(const AutocastScope&) = delete;
  AutocastScope& operator=(const AutocastScope&) = delete;

 private:
  bool on_;
};

class Run {
 public:
  Run(const ProjectFile& project, const std::string& projectPath, const TrainConfig& config, const std::string& runDir,
      TrainListener* listener, TrainControl* control, bool resume)
      : project_(project), projectPath_(projectPath), c_(config), dir_(runDir), listener_(listener), control_(control),
        resume_(resume) {}

  TrainResult execute();

 private:
  TrainResult executeSteps();
  void writeStatus(const std::string& state, const TrainResult* result);
  void say(const std::string& s) {
    log_ << s << "\n";
    log_.flush();
    if (listener_) listener_->onMessage(s);
  }
  bool fail(TrainResult& r, const std::string& error) {
    r.error = error;
    say("error: " + error);
    return false;
  }
  bool prepare(TrainResult& r);
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

  std::optional<data::Dataset> ds_;
  std::optional<data::Pipeline> pipeline_;
  data::SplitAssignment splits_;
  std::shared_ptr<data::SampleCache> cache_;
  FusionModel model_{nullptr};
  torch::Device device_{torch::kCPU};
  std::unique_ptr<TrainingOptimizer> optimizer_;
  torch::Tensor classWeights_;
};

bool Run::prepare(TrainResult& r) {
  const std::string dsDir = resolveDatasetPath(project_, projectPath_);
  if (dsDir.empty()) return fail(r, "the project names no dataset (\"dataset\": {\"path\": …})");
  auto opened = data::Dataset::open(dsDir);
  if (!opened.dataset) return fail(r, opened.errors.at(0).message);
  ds_.emplace(std::move(*opened.dataset));
  {  // the run's configuration first: a run stopped while preparing still says how it was set up
    nlohmann::json config = c_.toJson();
    config["project"] = projectPath_;
    config["project_name"] = project_.name;
    config["dataset"] = fs::absolute(ds_->dir()).string();
    std::string error;
    if (!writeTextAtomic(dir_ / "config.json", config.dump(2) + "\n", error) ||
        !writeTextAtomic(dir_ / "graph.json", graphToText(project_.graph), error))
      return fail(r, error);
  }
  splits_ = data::assignSplits(*ds_, {c_.val_fraction, c_.test_fraction, c_.seed});
  for (const auto& p : splits_.problems) say("warning: " + p.message);
  const auto train = splits_.indices("train");
  if (train.empty()) return fail(r, "the training split is empty");
  auto created = data::Pipeline::create(*ds_, project_.graph, train);
  if (!created.pipeline) return fail(r, created.errors.at(0).format());
  pipeline_.emplace(std::move(*created.pipeline));
  for (const auto& f : c_.only_inputs) {
    bool known = false;
    for (const auto& b : pipeline_->bindings()) known = known || b.field == f;
    if (!known) return fail(r, "only_inputs names '" + f + "', which no input node reads");
  }

  // Decode and preprocess every sample once (threads), from the disk cache when it is current.
  cache_ = std::make_shared<data::SampleCache>(ds_->size());
  const auto key = data::cacheKey(*ds_, *pipeline_);
  const auto t0 = Clock::now();
  const std::size_t fromDisk = data::loadDiskCache(*ds_, key, *cache_);
  std::vector<std::size_t> all(ds_->size());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
  auto prepared = data::Loader::prepareAll(*ds_, *pipeline_, data::mediaDecoders(), all, c_.loader_threads, cache_.get(),
                                           control_ ? &control_->stop : nullptr);
  const auto unprepared = static_cast<std::size_t>(std::count(prepared.begin(), prepared.end(), nullptr));
  if (unprepared > 0) {
    // A stop while preparing (a large dataset the first time takes a while): nothing is trained in this
    // session. No disk cache is written from the partial preparation.
    say("stopped while preparing the data (" + std::to_string(all.size() - unprepared) + " of " + std::to_string(all.size()) +
        " samples ready); " + (resume_ ? "the run's last checkpoint is kept" : "nothing was trained, so there is nothing to resume"));
    r.ok = true;
    r.stopped = true;
    r.stopped_before_training = true;
    r.seconds = since(start_);
    return false;
  }
  say("prepared " + std::to_string(all.size()) + " samples in " + std::to_string(since(t0)).substr(0, 5) + " s (" +
      std::to_string(fromDisk) + " from the disk cache)");
  if (fromDisk < all.size()) {
    std::string error;
    if (!data::saveDiskCache(*ds_, key, *cache_, &error)) say("warning: disk cache not written: " + error);
  }
  std::vector<const data::PreparedSample*> trainSamples;
  for (auto i : train) trainSamples.push_back(prepared[i].get());
  pipeline_->fitImageStatistics(trainSamples);

  // The graph, checked against the data it will see.
  const auto shapes = pipeline_->datasetShapes();
  torch::manual_seed(c_.seed);
  auto compiled = compileGraph(project_.graph, builtinRegistry(), &shapes);
  if (!compiled.ok()) return fail(r, compiled.shapes.errors.at(0).format());
  model_ = compiled.model;
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
    std::vector<double> counts(static_cast<std::size_t>(classes), 0.0);
    for (auto* s : trainSamples)
      if (s->ok) counts[static_cast<std::size_t>(s->target[0])] += 1;
    classWeights_ = torch::empty({classes});
    for (int64_t k = 0; k < classes; ++k)
      classWeights_[k] = counts[k] > 0 ? static_cast<double>(trainSamples.size()) / (classes * counts[k]) : 0.0;
    classWeights_ = classWeights_.to(device_);
  }

  optimizer_ = std::make_unique<TrainingOptimizer>(c_, model_->parameters());
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
  if (pipeline_->task() == data::TargetTask::Classification)
    e.classification = predictions.classification(static_cast<int64_t>(pipeline_->classes().size()));
  if (pipeline_->task() == data::TargetTask::Regression) e.regression = predictions.regression();
  model_->train();
  return e;
}

bool Run::saveCheckpoint(const std::string& name, const Progress& pr, std::string& error) {
  const fs::path target = dir_ / "checkpoints" / (name + ".pt");
  const fs::path tmp = target.string() + ".tmp";
  try {
    torch::serialize::OutputArchive archive;
    model_->save(archive);
    torch::serialize::OutputArchive opt;
    optimizer_->save(opt);
    archive.write("optimizer", opt);
    archive.write("progress", torch::tensor({pr.epoch, pr.batch, pr.step, pr.since_best}, torch::kLong));
    archive.write("best", torch::tensor(pr.best, torch::kDouble));
    // The global generator drives dropout and modality dropout; restoring it makes a resumed run exact.
    {
      at::Generator generator = at::detail::getDefaultCPUGenerator();
      std::lock_guard<std::mutex> lock(generator.mutex());
      archive.write("rng", generator.get_state());
    }
    archive.save_to(tmp.string());
  } catch (const std::exception& e) {
    error = "cannot write checkpoint '" + tmp.string() + "': " + e.what();
    return false;
  }
  return commitFile(tmp.string(), target.string(), error);
}

bool Run::loadCheckpoint(const std::string& name, Progress& pr, std::string& error) {
  const fs::path p = dir_ / "checkpoints" / (name + ".pt");
  try {
    torch::serialize::InputArchive archive;
    archive.load_from(p.string(), device_);  // a checkpoint written on another device resumes on this one
    model_->load(archive);
    torch::serialize::InputArchive opt;
    archive.read("optimizer", opt);
    optimizer_->load(opt);
    torch::Tensor progress, best, rng;
    archive.read("progress", progress);
    archive.read("best", best);
    archive.read("rng", rng);
    pr.epoch = progress[0].item<int64_t>();
    pr.batch = progress[1].item<int64_t>();
    pr.step = progress[2].item<int64_t>();
    pr.since_best = progress[3].item<int64_t>();
    pr.best = best.item<double>();
    at::Generator generator = at::detail::getDefaultCPUGenerator();  // a handle to the global generator
    std::lock_guard<std::mutex> lock(generator.mutex());
    generator.set_state(rng.to(torch::kCPU));  // the CPU generator's state, wherever the archive was mapped
  } catch (const std::exception& e) {
    error = "cannot read checkpoint '" + p.string() + "': " + e.what();
    return false;
  }
  return true;
}

bool Run::loadWeights(const std::string& name) {
  const fs::path p = dir_ / "checkpoints" / (name + ".pt");
  if (!fs::exists(p)) return false;
  torch::serialize::InputArchive archive;
  archive.load_from(p.string(), device_);
  model_->load(archive);
  return true;
}

std::string isoTime() {
  const auto now = std::time(nullptr);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", std::localtime(&now));
  return stamp;
}

void Run::writeStatus(const std::string& state, const TrainResult* r) {
  nlohmann::json j;
  {
    std::ifstream in(dir_ / "status.json");
    if (in) j = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
    if (!j.is_object()) j = nlohmann::json::object();
  }
  j["format"] = "fusebench-run-status";
  j["state"] = state;
  j["updated"] = isoTime();
  if (state == "running" && !r) {  // a session begins
    if (!j.contains("started") || !resume_) j["started"] = isoTime();
    // Time of earlier sessions (stopped, failed or killed) is kept: a resumed run's time adds to it.
    j["seconds_before"] = resume_ ? j.value("seconds", 0.0) : 0.0;
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
  }
  std::string error;
  writeTextAtomic(dir_ / "status.json", j.dump(2) + "\n", error);  // best effort: the run matters more
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
  r.run_dir = dir_.string();
  const auto start = Clock::now();
  start_ = start;
  std::error_code ec;
  fs::create_directories(dir_ / "checkpoints", ec);
  if (ec) {
    r.error = "cannot create the run folder '" + dir_.string() + "': " + ec.message();
    return r;
  }
  log_.open(dir_ / "log.txt", std::ios::app);
  writeStatus("running", nullptr);
  at::set_num_threads(c_.threads > 0 ? c_.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency())));
  if (c_.device != "cpu" && !torch::cuda::is_available()) {
    fail(r, "device '" + c_.device + "' requested but this LibTorch build has no CUDA device available");
    return r;
  }
  if (c_.precision == "bf16" && c_.device == "cpu") {
    fail(r, "precision 'bf16' (mixed precision) needs a CUDA device; on the CPU, train in fp32");
    return r;
  }
#ifdef FUSEBENCH_WITH_CUDA
  // The current CUDA device is per thread: set it in the thread that trains (the GUI's worker thread).
  if (c_.device != "cpu") {
    const torch::Device d(c_.device);
    const int index = d.has_index() ? d.index() : 0;
    if (index < static_cast<int>(torch::cuda::device_count())) c10::cuda::set_device(static_cast<c10::DeviceIndex>(index));
  }
#endif
  say("training " + project_.name + " on " + deviceDescription(c_.device) + " with " + std::to_string(at::get_num_threads()) + " threads");
  try {
    if (!prepare(r)) return r;
  } catch (const std::exception& e) {
    fail(r, e.what());
    return r;
  }
  std::string error;
  if (!writeTextAtomic(dir_ / "pipeline.json", pipeline_->state().dump(2) + "\n", error)) {
    fail(r, error);
    return r;
  }

  data::LoaderOptions trainOpts;
  trainOpts.batch_size = c_.batch_size;
  trainOpts.threads = c_.loader_threads;
  trainOpts.shuffle = true;
  trainOpts.seed = c_.seed;
  trainOpts.policy = c_.sample_policy == "skip" ? data::SamplePolicy::Skip : data::SamplePolicy::Fail;
  trainOpts.augment.enabled = c_.augment;
  for (const auto& b : pipeline_->bindings())
    if (!c_.only_inputs.empty() &&
        std::find(c_.only_inputs.begin(), c_.only_inputs.end(), b.field) == c_.only_inputs.end())
      trainOpts.masked_fields.push_back(b.field);
  data::LoaderOptions evalOpts = trainOpts;
  evalOpts.shuffle = false;
  evalOpts.augment.enabled = false;
  evalOpts.batch_size = std::max<int64_t>(c_.batch_size, 128);
  data::Loader trainLoader(*ds_, *pipeline_, data::mediaDecoders(), splits_.indices("train"), trainOpts, cache_);
  data::Loader valLoader(*ds_, *pipeline_, data::mediaDecoders(), splits_.indices("val"), evalOpts, cache_);
  data::Loader testLoader(*ds_, *pipeline_, data::mediaDecoders(), splits_.indices("test"), evalOpts, cache_);

  const auto csvMode = resume_ ? std::ios::app : std::ios::trunc;
  std::ofstream stepsCsv(dir_ / "metrics_steps.csv", std::ios::out | csvMode), epochsCsv(dir_ / "metrics_epochs.csv", std::ios::out | csvMode);
  stepsCsv << std::setprecision(17);  // losses exactly, so runs can be compared bit for bit
  epochsCsv << std::setprecision(17);
  if (!resume_) {
    stepsCsv << "step,epoch,loss,lr,samples_per_s\n";
    epochsCsv << "epoch,train_loss,val_loss,val_accuracy,lr,seconds,skipped,rss_mib\n";
  }
  const int64_t stepsPerEpoch = static_cast<int64_t>(trainLoader.batchesPerEpoch());
  const int64_t total = stepsPerEpoch * c_.epochs;
  Progress pr;
  pr.best = c_.best_metric == "val_loss" ? 1e300 : -1.0;
  if (resume_) {
    if (!loadCheckpoint("last", pr, error)) {
      fail(r, error);
      return r;
    }
    say("resuming at epoch " + std::to_string(pr.epoch + 1) + ", batch " + std::to_string(pr.batch) + ", step " +
        std::to_string(pr.step));
  }
  double& best = pr.best;
  int64_t& sinceBest = pr.since_best;
  int64_t& step = pr.step;
  const int64_t firstStep = step;  // a resumed run's ETA counts only its own steps
  bool flatSteps = false;
  double memory = residentMiB();
  auto memorySampled = Clock::now();
  auto statusWritten = Clock::now();
  const bool hasVal = !splits_.indices("val").empty();
  model_->train();
  try {
    for (int64_t epoch = pr.epoch; epoch < c_.epochs; ++epoch) {
      const auto epochStart = Clock::now();
      trainLoader.startEpoch(epoch);
      double lossSum = 0;
      std::size_t seen = 0;
      // A resumed epoch skips the batches it had already trained on (same order: it depends on seed and epoch).
      for (int64_t skip = epoch == pr.epoch ? pr.batch : 0; skip > 0; --skip) trainLoader.next();
      int64_t batchIndex = epoch == pr.epoch ? pr.batch : 0;
      while (auto batch = trainLoader.next()) {
        while (control_ && control_->pause && !control_->stop) std::this_thread::sleep_for(std::chrono::milliseconds(20));
        if (control_ && control_->stop) {
          pr.epoch = epoch;
          pr.batch = batchIndex;
          if (!saveCheckpoint("last", pr, error)) {
            fail(r, "stopped, but the checkpoint could not be written: " + error);
            return r;
          }
          say("stopped at step " + std::to_string(step) + " (epoch " + std::to_string(epoch + 1) + "); checkpoint written");
          r.stopped = true;
          r.ok = true;
          r.steps = step;
          r.epochs_run = epoch;
          r.seconds = since(start);
          return r;
        }
        if (batch->samples.size() < 2) {
          // Skipped samples can leave a last batch of one, which batch normalization cannot train on.
          ++batchIndex;
          say("note: a training batch of 1 sample was left out (epoch " + std::to_string(epoch + 1) + ")");
          continue;
        }
        const auto stepStart = Clock::now();
        toDevice(*batch, device_);
        const double lr = learningRate(c_, step, total, stepsPerEpoch);
        optimizer_->setLearningRate(lr);
        optimizer_->zeroGrad();
        torch::Tensor loss;
        {
          AutocastScope autocast(c_.precision == "bf16");
          auto out = model_->forward(batch->inputs);
          loss = lossOf(out.prediction.to(torch::kFloat), batch->target);
        }
        const double lossValue = loss.item<double>();
        if (!std::isfinite(lossValue)) {
          fail(r, "the loss became " + std::string(std::isnan(lossValue) ? "NaN" : "infinite") + " at step " +
                      std::to_string(step + 1) + " (epoch " + std::to_string(epoch + 1) +
                      "); the last good checkpoint is kept. Lower the learning rate or enable grad_clip.");
          return r;
        }
        loss.backward();
        const double norm = optimizer_->clipGradNorm(c_.grad_clip);  // also the finiteness check of the gradients
        if (!std::isfinite(norm)) {
          fail(r, "the gradients became NaN or infinite at step " + std::to_string(step + 1) + " (epoch " +
                      std::to_string(epoch + 1) + "); the last good checkpoint is kept.");
          return r;
        }
        optimizer_->step();
        if (step == firstStep || optimizer_->lastStepWasFlat() != flatSteps) {  // said once, and on a change
          flatSteps = optimizer_->lastStepWasFlat();
          say("optimizer update: " + optimizer_->lastStepPath());
        }
        ++step;
        ++batchIndex;
        lossSum += lossValue * static_cast<double>(batch->samples.size());
        seen += batch->samples.size();
        StepEvent ev{step, epoch + 1, stepsPerEpoch, total, lossValue, lr,
                     static_cast<double>(batch->samples.size()) / std::max(1e-9, since(stepStart)), 0, 0};
        ev.eta_s = since(start) / static_cast<double>(step - firstStep) * static_cast<double>(total - step);
        if (since(memorySampled) > 0.5) {  // /proc reads are cheap, but not free at thousands of steps/s
          memory = residentMiB();
          memorySampled = Clock::now();
        }
        ev.memory_mib = memory;
        if (since(statusWritten) > 30) {  // a heartbeat: the runs panel tells a live run from a killed one
          TrainResult partial = r;
          partial.steps = step;
          partial.seconds = since(start);
          writeStatus("running", &partial);
          statusWritten = Clock::now();
        }
        stepsCsv << step << "," << epoch + 1 << "," << lossValue << "," << lr << "," << ev.samples_per_s << "\n";
        if (listener_) listener_->onStep(ev);
      }
      r.train_used = trainLoader.used();
      r.train_skipped = trainLoader.skipped().size();
      for (const auto& s : trainLoader.skipped()) say("skipped " + s.reason);
      EpochEvent ee;
      ee.epoch = epoch + 1;
      ee.train_loss = seen ? lossSum / static_cast<double>(seen) : 0;
      ee.skipped = trainLoader.skipped().size();
      Evaluation val;
      if (hasVal) {
        val = evaluate(valLoader);
        ee.val_loss = val.loss;
        ee.val_accuracy = val.accuracy();
        ee.val_metrics = val.json(pipeline_->classes(), pipeline_->task());
      }
      ee.lr = learningRate(c_, std::max<int64_t>(0, step - 1), total, stepsPerEpoch);
      const double metric = c_.best_metric == "val_loss" ? ee.val_loss : ee.val_accuracy;
      ee.best = !hasVal || (c_.best_metric == "val_loss" ? metric < best : metric > best);
      if (ee.best) {
        best = metric;
        sinceBest = 0;
        r.val = val.json(pipeline_->classes(), pipeline_->task());
        pr.epoch = epoch + 1;
        pr.batch = 0;
        if (!saveCheckpoint("best", pr, error)) {
          fail(r, error);
          return r;
        }
      } else {
        ++sinceBest;
      }
      pr.epoch = epoch + 1;
      pr.batch = 0;
      if (!saveCheckpoint("last", pr, error)) {
        fail(r, error);
        return r;
      }
      ee.seconds = since(epochStart);
      epochsCsv << ee.epoch << "," << ee.train_loss << "," << ee.val_loss << "," << ee.val_accuracy << ","
                << learningRate(c_, std::max<int64_t>(0, step - 1), total, stepsPerEpoch) << "," << ee.seconds << ","
                << ee.skipped << "," << residentMiB() << "\n";
      epochsCsv.flush();
      stepsCsv.flush();
      say("epoch " + std::to_string(ee.epoch) + ": train loss " + std::to_string(ee.train_loss) +
          (hasVal ? ", val loss " + std::to_string(ee.val_loss) + ", val accuracy " + std::to_string(ee.val_accuracy) +
                        (ee.best ? " (best)" : "")
                  : std::string(" (no validation split: the last epoch's weights are kept)")));
      r.epochs_run = epoch + 1;
      {  // the runs panel shows progress, best metric and time so far; written before the listener hears
         // of the epoch, so a view refreshed on that event reads this epoch's status
        TrainResult partial = r;
        partial.steps = step;
        partial.seconds = since(start);
        writeStatus("running", &partial);
      }
      if (listener_) listener_->onEpoch(ee);
      if (!c_.early_stopping.empty() && hasVal && sinceBest >= c_.patience) {
        say("early stopping: no improvement of " + c_.best_metric + " for " + std::to_string(c_.patience) + " epochs");
        break;
      }
    }
    loadWeights("best");
    if (!writeBundle((dir_ / "model").string(), project_.name, project_.graph, *pipeline_, *model_, c_,
                     fs::absolute(ds_->dir()).string(), error)) {
      fail(r, error);
      return r;
    }
    Evaluation test = evaluate(testLoader);
    r.test = test.json(pipeline_->classes(), pipeline_->task());
    nlohmann::json eval = {{"test", r.test}, {"val", r.val}, {"classes", pipeline_->classes()}};
    if (!writeTextAtomic(dir_ / "eval.json", eval.dump(2) + "\n", error)) {
      fail(r, error);
      return r;
    }
  } catch (const std::exception& e) {
    fail(r, e.what());
    return r;
  }
  r.ok = true;
  r.steps = step;
  r.seconds = since(start);
  say("done in " + std::to_string(r.seconds).substr(0, 6) + " s; peak resident memory " +
      std::to_string(static_cast<int>(peakResidentMiB())) + " MiB");
  return r;
}

}  // namespace

std::vector<std::string> availableDevices() {
  std::vector<std::string> out = {"cpu"};
  const auto n = torch::cuda::is_available() ? torch::cuda::device_count() : 0;
  for (std::size_t i = 0; i < n; ++i) out.push_back("cuda:" + std::to_string(i));
  return out;
}

std::string deviceDescription(const std::string& device) {
  if (device == "cpu") return "CPU, " + std::to_string(std::max(1u, std::thread::hardware_concurrency())) + " cores";
#ifdef FUSEBENCH_WITH_CUDA
  try {
    const torch::Device d(device);
    const int index = d.has_index() ? d.index() : 0;
    const cudaDeviceProp* p = at::cuda::getDeviceProperties(index);
    return device + ": " + p->name + ", " + std::to_string(p->totalGlobalMem >> 30) + " GiB";
  } catch (const std::exception&) {
  }
#endif
  return device;
}

TrainResult trainProject(const ProjectFile& project, const std::string& projectPath, const TrainConfig& config,
                         const std::string& runDir, TrainListener* listener, TrainControl* control) {
  Run run(project, projectPath, config, runDir, listener, control, /*resume=*/false);
  return run.execute();
}

TrainResult resumeRun(const std::string& runDir, TrainListener* listener, TrainControl* control) {
  TrainResult r;
  r.run_dir = runDir;
  std::ifstream cin(fs::path(runDir) / "config.json");
  if (!cin) {
    r.error = "'" + runDir + "' is not a run folder (no config.json)";
    return r;
  }
  nlohmann::json saved;
  try {
    saved = nlohmann::json::parse(cin);
  } catch (const std::exception& e) {
    r.error = (fs::path(runDir) / "config.json").string() + ": invalid JSON";
    return r;
  }
  Diagnostics errors;
  nlohmann::json settings = saved;
  for (const char* k : {"project", "project_name", "dataset"}) settings.erase(k);
  TrainConfig config = TrainConfig::fromJson(settings, errors);
  auto graph = loadGraphFile((fs::path(runDir) / "graph.json").string());
  if (!errors.empty() || !graph.graph) {
    r.error = !errors.empty() ? errors[0].format() : graph.errors.at(0).message;
    return r;
  }
  ProjectFile project;
  project.name = saved.value("project_name", std::string());
  project.graph = *graph.graph;
  project.dataset_path = saved.value("dataset", std::string());
  Run run(project, saved.value("project", std::string()), config, runDir, listener, control, /*resume=*/true);
  return run.execute();
}

}  // namespace fusebench::train
