// The end of an epoch (validation, the best and last checkpoints, early stopping) and of the run (calibration, bundle, test split).
#include "train/run.h"

namespace fusebench::train::detail {

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
  if (csv_) csv_->epoch(ee, residentMiB());
  if (csv_ && !csv_->ok() && !metricsWarned_) {
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
  if (writes()) loadWeights("best");
  shareWeightsFromLeader();  // the kept weights, which only rank 0 reads, for the sharded passes below
  const nlohmann::json calibration = calibrate();
  // The test split before the bundle: its passes need every rank, the bundle and the index only rank 0.
  Evaluation test = evaluate(data_.test());
  r.test = test.json(pipeline_->classes(), pipeline_->task());
  if (!test.labels.empty()) {
    r.test["calibration"] = calibrationSummary(test.logits, test.labels, static_cast<int64_t>(pipeline_->classes().size()),
                                               calibration.value("temperature", 1.0));
    r.test["calibration"]["fitted"] = calibration.contains("temperature");
  }
  r.ok = true;
  r.steps = steps;
  if (!writes()) {
    r.seconds = since(start_);
    return true;
  }
  if (!writeBundle((dir_ / "model").string(), project_.name, project_.graph, *pipeline_, *model_, c_,
                   fs::absolute(data_.dataset().dir()).string(), error, calibration))
    return r.ok = false, fail(r, error);
  indexSimilarCases(dir_ / "model");
  nlohmann::json eval = {{"test", r.test}, {"val", r.val}, {"classes", pipeline_->classes()}};
  if (!writeTextAtomic(dir_ / "eval.json", eval.dump(2) + "\n", error)) return r.ok = false, fail(r, error);
  r.seconds = since(start_);
  say("done in " + std::to_string(r.seconds).substr(0, 6) + " s; peak resident memory " +
      std::to_string(static_cast<int>(peakResidentMiB())) + " MiB; the last epoch waited for data " +
      std::to_string(static_cast<int>(std::lround(100 * r.data_wait_share))) + "% of its time");
  return true;
}

}  // namespace fusebench::train::detail
