// A run's setup: its folder, the checks before data is read, the data, the model and its checkpoints.
#include "train/run.h"

namespace fusebench::train::detail {

bool Run::openRunFolder(TrainResult& r) {
  r.run_dir = dir_.string();
  if (!writes()) return true;  // rank 0 writes the folder; the others keep their log in memory only
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
  if (group_ && c_.device.rfind("cuda", 0) == 0) c_.device = "cuda:" + std::to_string(group_->env().local_rank);  // a GPU each
  // Ranks on one host share its cores: by default each takes its share, not all of them.
  const int localRanks = group_ ? std::max(1, group_->env().local_world_size) : 1;
  const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  at::set_num_threads(c_.threads > 0 ? c_.threads : std::max(1, cores / localRanks));
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
  if (writes()) {  // the run's configuration first: a run stopped while preparing still says how it was set up
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
  if (writes() && !writeTextAtomic(dir_ / "pipeline.json", pipeline_->state().dump(2) + "\n", error)) return fail(r, error);
  if (!buildModel(r)) return false;
  data_.makeLoaders(c_, group_ ? group_->rank() : 0, group_ ? group_->size() : 1);
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
  outputWidth_ = outputs;
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
  if (group_) {  // batch norm's running statistics differ by rank: rank 0's are evaluated (and saved)
    std::vector<torch::Tensor> buffers = model_->buffers();
    if (!buffers.empty()) group_->broadcast(buffers);
  }
  model_->eval();
  PredictionAccumulator predictions(pipeline_->task());
  double lossSum = 0;
  std::vector<torch::Tensor> outputs, targets;  // a rank's shard, kept until every rank's is gathered
  loader.startEpoch(0);
  while (auto b = loader.next()) {
    toDevice(*b, device_);
    auto out = model_->forward(b->inputs).prediction;
    lossSum += lossOf(out, b->target).item<double>() * static_cast<double>(b->samples.size());
    if (group_) {
      outputs.push_back(out.to(torch::kCPU));
      targets.push_back(b->target.to(torch::kCPU));
    } else {
      predictions.add(out.to(torch::kCPU), b->target.to(torch::kCPU));
    }
  }
  e.used = loader.used();
  e.skipped = loader.skipped().size();
  if (group_) {
    const bool labels = pipeline_->task() == data::TargetTask::Classification;
    torch::Tensor out = outputs.empty() ? torch::empty({0, outputWidth_}) : torch::cat(outputs);
    torch::Tensor target = !targets.empty() ? torch::cat(targets)
                           : labels         ? torch::empty({0}, torch::kLong)
                                            : torch::empty({0, outputWidth_});
    gatherEvaluation(out, target, lossSum, e.used, e.skipped);
    if (out.size(0) > 0) predictions.add(out, target);
  }
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
  if (!writes()) return true;
  return writeCheckpoint((dir_ / "checkpoints" / (name + ".pt")).string(), *model_, *optimizer_, pr, error);
}

bool Run::loadCheckpoint(const std::string& name, Progress& pr, std::string& error) {
  return readCheckpoint((dir_ / "checkpoints" / (name + ".pt")).string(), device_, *model_, *optimizer_, pr, error);
}

bool Run::loadWeights(const std::string& name) {
  return readCheckpointWeights((dir_ / "checkpoints" / (name + ".pt")).string(), device_, *model_);
}

}  // namespace fusebench::train::detail
