#pragma once
// Runs the engine's trainer on one long-lived worker thread (a QThread started once), so the window never
// waits for training. Progress crosses threads through a locked buffer that the GUI drains at most ~30
// times a second: however fast the trainer reports, the event loop sees a bounded number of updates.
// Pause, resume and stop are the engine's cooperative requests (honoured at the next step; stop writes a
// checkpoint). Any engine failure ends the run with its message, never with a crash.
#include <QElapsedTimer>
#include <QObject>
#include <QPair>
#include <QString>
#include <QThread>
#include <QTimer>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>

#include "project/project_file.h"
#include "train/train_config.h"
#include "training/training_data.h"

namespace fusebench::train {
struct TrainControl;
}

namespace fusebench::app {

struct TrainingRequest {
  ProjectFile project;
  QString projectPath;
  train::TrainConfig config;
  QString runDir;     // a new run (empty with resumeDir)
  QString resumeDir;  // or: continue this stopped run from its last checkpoint
};

struct TrainingOutcome {
  bool ok = false, stopped = false, stoppedBeforeTraining = false;
  QString error, runDir;
  qint64 epochs = 0, steps = 0;
  double seconds = 0, testAccuracy = -1;
};

class TrainingSession : public QObject {
  Q_OBJECT
 public:
  enum class State { Idle, Running, Paused, Stopping };
  Q_ENUM(State)

  explicit TrainingSession(QObject* parent = nullptr);
  ~TrainingSession() override;  // stops a run in progress (with its checkpoint) and joins the thread

  bool start(const TrainingRequest& request, QString* error = nullptr);
  void pause();
  void resume();
  void stop();
  State state() const { return state_; }
  bool isActive() const { return state_ != State::Idle; }
  QString runDir() const { return runDir_; }
  // Processes events until the run has ended (tests, closing the window); false on timeout.
  bool waitUntilIdle(int timeoutMs);
  int drains() const { return drains_; }

 Q_SIGNALS:
  void started(const QString& runDir);
  void progress(const QList<widgets::StepPoint>& steps, const QList<widgets::EpochPoint>& epochs);
  void epochEvaluated(const widgets::EvaluationView& validation);
  // level: 0 information, 1 warning, 2 error (train::MessageLevel); the text has no level prefix.
  void message(int level, const QString& text);
  // The first pass over the training split before step 1: samples done of total, seconds left.
  void preparing(qint64 done, qint64 total, double etaSeconds);
  void stateChanged(fusebench::app::TrainingSession::State state);
  void finished(const fusebench::app::TrainingOutcome& outcome);

 private:
  class Listener;
  struct Buffer {
    std::mutex mutex;
    QList<widgets::StepPoint> steps;
    QList<widgets::EpochPoint> epochs;
    nlohmann::json validation;  // the newest epoch's validation metrics (null: none since the last drain)
    qint64 validationEpoch = 0;
    QList<QPair<int, QString>> messages;
    qint64 prepared = -1, toPrepare = 0;  // the newest first-pass progress (-1: none since the last drain)
    double prepareEta = 0;
  };
  void drain();
  void setState(State s);
  void runFinished(const TrainingOutcome& outcome);

  QThread thread_;
  QObject* context_;  // lives in thread_: queued calls to it run on the worker
  std::shared_ptr<train::TrainControl> control_;
  std::shared_ptr<Buffer> buffer_;
  QTimer drainTimer_;
  State state_ = State::Idle;
  QString runDir_;
  int drains_ = 0;
};

}  // namespace fusebench::app
