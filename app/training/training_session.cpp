#include "training/training_session.h"

#include <utility>

#include <QCoreApplication>
#include <QMetaObject>
#include <QPointer>

#include "train/process_memory.h"
#include "train/trainer.h"
#include "training/training_adapter.h"
#include "util/error_text.h"

namespace fusebench::app {

// Runs in the worker thread: converts the engine's events to view data and buffers them.
class TrainingSession::Listener : public train::TrainListener {
 public:
  explicit Listener(std::shared_ptr<Buffer> buffer) : buffer_(std::move(buffer)) {}
  void onStep(const train::StepEvent& e) override {
    widgets::StepPoint p;
    p.step = e.step;
    p.epoch = e.epoch;
    p.stepsPerEpoch = e.steps_per_epoch;
    p.totalSteps = e.total_steps;
    p.loss = e.loss;
    p.lr = e.lr;
    p.samplesPerSecond = e.samples_per_s;
    p.etaSeconds = e.eta_s;
    p.memoryMiB = e.memory_mib;
    std::lock_guard lock(buffer_->mutex);
    buffer_->steps << p;
  }
  void onEpoch(const train::EpochEvent& e) override {
    widgets::EpochPoint p;
    p.epoch = e.epoch;
    p.trainLoss = e.train_loss;
    p.valLoss = e.val_loss;
    p.valAccuracy = e.val_accuracy;
    p.lr = e.lr;
    p.seconds = e.seconds;
    p.best = e.best;
    p.skipped = static_cast<int>(e.skipped);
    p.hasValidation = !e.val_metrics.is_null();
    // Only a copy here: the conversion to view data happens on the GUI thread, for the newest epoch only,
    // so a fast trainer pays nothing per epoch for the evaluation view.
    nlohmann::json metrics = e.val_metrics;
    std::lock_guard lock(buffer_->mutex);
    buffer_->epochs << p;
    if (p.hasValidation) {
      buffer_->validation = std::move(metrics);
      buffer_->validationEpoch = e.epoch;
    }
  }
  void onMessage(train::MessageLevel level, const std::string& m) override {
    std::lock_guard lock(buffer_->mutex);
    buffer_->messages << qMakePair(static_cast<int>(level), QString::fromStdString(m));
  }
  void onPreparing(const train::PrepareEvent& e) override {
    std::lock_guard lock(buffer_->mutex);
    buffer_->prepared = static_cast<qint64>(e.done);
    buffer_->toPrepare = static_cast<qint64>(e.total);
    buffer_->prepareEta = e.eta_s;
  }

 private:
  std::shared_ptr<Buffer> buffer_;
};

TrainingSession::TrainingSession(QObject* parent) : QObject(parent) {
  thread_.setObjectName(QStringLiteral("fusebench-training"));
  context_ = new QObject;
  context_->moveToThread(&thread_);
  connect(&thread_, &QThread::finished, context_, &QObject::deleteLater);
  thread_.start();
  drainTimer_.setInterval(33);
  connect(&drainTimer_, &QTimer::timeout, this, [this] { drain(); });
}

TrainingSession::~TrainingSession() {
  if (control_) control_->stop = true;
  thread_.quit();
  thread_.wait();  // the trainer honours stop at its next step
}

bool TrainingSession::start(const TrainingRequest& request, QString* error) {
  if (isActive()) {
    if (error) *error = tr("A run is already in progress.");
    return false;
  }
  control_ = std::make_shared<train::TrainControl>();
  buffer_ = std::make_shared<Buffer>();
  runDir_ = request.resumeDir.isEmpty() ? request.runDir : request.resumeDir;
  setState(State::Running);
  drainTimer_.start();
  Q_EMIT started(runDir_);
  QPointer<TrainingSession> self(this);
  auto control = control_;
  auto buffer = buffer_;
  QMetaObject::invokeMethod(context_, [self, request, control, buffer] {
    // The worker thread: the engine runs here, with its own grad mode and device state.
    Listener listener(buffer);
    TrainingOutcome out;
    try {
      const train::TrainResult r =
          request.resumeDir.isEmpty()
              ? train::trainProject(request.project, request.projectPath.toStdString(), request.config,
                                    request.runDir.toStdString(), &listener, control.get())
              : train::resumeRun(request.resumeDir.toStdString(), &listener, control.get());
      out.ok = r.ok;
      out.stopped = r.stopped;
      out.stoppedBeforeTraining = r.stopped_before_training;
      out.error = QString::fromStdString(r.error);
      out.runDir = QString::fromStdString(r.run_dir);
      out.epochs = r.epochs_run;
      out.steps = r.steps;
      out.seconds = r.seconds;
      if (r.test.contains("accuracy")) out.testAccuracy = r.test["accuracy"].get<double>();
    } catch (const std::exception& e) {  // the engine reports errors; this is the last line of defence
      out.error = QObject::tr("training failed: %1").arg(QString::fromStdString(withoutBacktrace(e.what())));
    } catch (...) {
      out.error = QObject::tr("training failed with an unknown error");
    }
    if (out.runDir.isEmpty()) out.runDir = request.resumeDir.isEmpty() ? request.runDir : request.resumeDir;
    train::returnFreedMemory();  // here on the worker, before the GUI hears the run is over
    QMetaObject::invokeMethod(qApp, [self, out] {
      if (self) self->runFinished(out);
    }, Qt::QueuedConnection);
  }, Qt::QueuedConnection);
  return true;
}

void TrainingSession::pause() {
  if (state_ != State::Running) return;
  control_->pause = true;
  setState(State::Paused);
}

void TrainingSession::resume() {
  if (state_ != State::Paused) return;
  control_->pause = false;
  setState(State::Running);
}

void TrainingSession::stop() {
  if (state_ != State::Running && state_ != State::Paused) return;
  control_->stop = true;
  control_->pause = false;
  setState(State::Stopping);
}

bool TrainingSession::waitUntilIdle(int timeoutMs) {
  QElapsedTimer t;
  t.start();
  while (isActive() && t.elapsed() < timeoutMs) QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 20);
  return !isActive();
}

void TrainingSession::drain() {
  if (!buffer_) return;
  QList<widgets::StepPoint> steps;
  QList<widgets::EpochPoint> epochs;
  nlohmann::json validation;
  qint64 validationEpoch = 0;
  QList<QPair<int, QString>> messages;
  qint64 prepared = -1, toPrepare = 0;
  double prepareEta = 0;
  {
    std::lock_guard lock(buffer_->mutex);
    prepared = std::exchange(buffer_->prepared, -1);
    toPrepare = buffer_->toPrepare;
    prepareEta = buffer_->prepareEta;
    steps.swap(buffer_->steps);
    epochs.swap(buffer_->epochs);
    validation.swap(buffer_->validation);
    validationEpoch = buffer_->validationEpoch;
    messages.swap(buffer_->messages);
  }
  if (steps.isEmpty() && epochs.isEmpty() && validation.is_null() && messages.isEmpty() && prepared < 0) return;
  ++drains_;
  for (const auto& [level, text] : messages) Q_EMIT message(level, text);
  if (prepared >= 0) Q_EMIT preparing(prepared, toPrepare, prepareEta);
  if (!steps.isEmpty() || !epochs.isEmpty()) Q_EMIT progress(steps, epochs);
  if (!validation.is_null())  // only the newest epoch's evaluation is shown
    Q_EMIT epochEvaluated(evaluationFromJson(validation, tr("epoch %1 · validation split").arg(validationEpoch), QStringLiteral("val")));
}

void TrainingSession::runFinished(const TrainingOutcome& outcome) {
  drain();  // the last points and messages first
  drainTimer_.stop();
  control_.reset();
  setState(State::Idle);
  Q_EMIT finished(outcome);
}

void TrainingSession::setState(State s) {
  if (s == state_) return;
  state_ = s;
  Q_EMIT stateChanged(s);
}

}  // namespace fusebench::app
