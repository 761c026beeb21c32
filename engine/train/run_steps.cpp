// A run's epoch loop and one optimizer step.
#include "train/run.h"

namespace fusebench::train::detail {

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
  if (writes()) csv_ = std::make_unique<MetricsCsv>(dir_.string(), resume_);
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
    adaptProgressToWorldSize(pr);
    say("resuming at epoch " + std::to_string(pr.epoch + 1) + ", batch " + std::to_string(pr.batch) + ", step " +
        std::to_string(pr.step));
  }
  pr.world_size = group_ ? group_->size() : 1;
  try {
    if (!joinRanks(r)) return r;
  } catch (const std::exception& e) {
    fail(r, e.what());
    return r;
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
      if (averager_) averager_->track(model_->parameters());  // the parameters that train this epoch
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

Run::Outcome Run::stopAt(int64_t epoch, int64_t batchIndex, Progress& pr, TrainResult& r) {
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

Run::Outcome Run::trainEpoch(int64_t epoch, Progress& pr, EpochTotals& totals, TrainResult& r) {
  data::Loader& loader = data_.train();
  const auto epochStart = Clock::now();
  loader.startEpoch(epoch);
  // A resumed epoch skips the batches it had already trained on (same order: it depends on seed and epoch).
  for (int64_t skip = epoch == pr.epoch ? pr.batch : 0; skip > 0; --skip) loader.next();
  int64_t batchIndex = epoch == pr.epoch ? pr.batch : 0;
  while (auto batch = loader.next()) {
    while (control_ && control_->pause && !control_->stop) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    // Ranks stop together at the step they agree on (trainStep), never one alone.
    if (!group_ && control_ && control_->stop) return stopAt(epoch, batchIndex, pr, r);
    ++batchIndex;
    if (batch->samples.size() < 2 && !group_) {
      // Skipped samples can leave a last batch of one, which batch normalization cannot train on.
      say("note: a training batch of 1 sample was left out (epoch " + std::to_string(epoch + 1) + ")");
      continue;
    }
    const Outcome step = trainStep(*batch, epoch, pr, totals, r);
    if (step == Outcome::Stopped) return stopAt(epoch, batchIndex, pr, r);  // after this batch's step
    if (step != Outcome::Continue) return Outcome::Failed;
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
  if (group_ && epochSeconds > 0)
    say("distributed: epoch " + std::to_string(epoch + 1) + " waited " +
        std::to_string(static_cast<int>(std::lround(100 * totals.gradient_wait_seconds / epochSeconds))) +
        "% of its time for gradient all-reduces that backward did not hide and " +
        std::to_string(static_cast<int>(std::lround(100 * totals.agreement_seconds / epochSeconds))) +
        "% more for the per-step agreement on loss and stop (waits for a slower rank show here)");
  return Outcome::Continue;
}

Run::Outcome Run::trainStep(data::Batch& batch, int64_t epoch, Progress& pr, EpochTotals& totals, TrainResult& r) {
  const auto stepStart = Clock::now();
  toDevice(batch, device_);
  const double lr = learningRate(c_, pr.step, totalSteps_, stepsPerEpoch_);
  optimizer_->setLearningRate(lr);
  optimizer_->zeroGrad();
  // A rank whose batch shrank below 2 samples (skipped samples) still takes part in the step, with zeros.
  const bool trains = batch.samples.size() >= 2;
  if (!trains)
    say("note: a training batch of " + std::to_string(batch.samples.size()) + " sample(s) contributes nothing (epoch " +
        std::to_string(epoch + 1) + ")");
  torch::Tensor loss;
  if (trains) {
    AutocastScope autocast(c_.precision == "bf16", device_);
    auto out = model_->forward(batch.inputs);
    loss = lossOf(out.prediction.to(torch::kFloat), batch.target);
  }
  // Distributed, the ranks' losses and stop requests are summed while backward runs (a non-finite loss
  // anywhere then fails every rank at this step, before any weight changes).
  const double localLoss = trains ? loss.item<double>() : 0.0;
  auto agreement = startAgreement(localLoss, trains ? batch.samples.size() : 0, control_ && control_->stop);
  if (averager_) averager_->beginStep();
  if (trains && (group_ || std::isfinite(localLoss))) loss.backward();
  if (averager_) {
    averager_->finishStep();  // every rank's gradients averaged into .grad
    totals.gradient_wait_seconds += averager_->lastWaitSeconds();
  }
  const auto agreeStart = Clock::now();
  const auto agreed = finishAgreement(agreement);
  totals.agreement_seconds += since(agreeStart);
  const double lossValue = agreed.loss;
  const std::string where = " at step " + std::to_string(pr.step + 1) + " (epoch " + std::to_string(epoch + 1) + ")";
  if (!std::isfinite(lossValue)) {
    fail(r, "the loss became " + std::string(std::isnan(lossValue) ? "NaN" : "infinite") + where +
                "; the last good checkpoint is kept. Lower the learning rate or enable grad_clip.");
    return Outcome::Failed;
  }
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
  totals.loss_sum += lossValue * static_cast<double>(agreed.samples);
  totals.seen += agreed.samples;
  reportStep(pr, epoch, lossValue, lr, static_cast<double>(agreed.samples) / std::max(1e-9, since(stepStart)), r);
  // A stop that some rank was asked for comes with the step's agreement, so every rank finishes this step and
  // stops before the next (a forward without its step would still move batch norm's running statistics).
  return agreed.stop ? Outcome::Stopped : Outcome::Continue;
}

void Run::reportStep(const Progress& pr, int64_t epoch, double loss, double lr, double samplesPerSecond, const TrainResult& r) {
  StepEvent ev{pr.step, epoch + 1, stepsPerEpoch_, totalSteps_, loss, lr, samplesPerSecond, 0, 0};
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
  if (csv_) csv_->step(pr.step, epoch + 1, loss, lr, ev.samples_per_s);
  if (listener_) listener_->onStep(ev);
}

}  // namespace fusebench::train::detail
