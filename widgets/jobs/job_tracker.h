#pragma once
// One way to run background work in the app: the work runs on the tracker's pool, its result comes back
// queued to the GUI thread, and jobs of one kind (a "channel": "open", "evaluate", "explain", …) supersede
// each other by a policy, so a newer request never waits behind, or is overwritten by, an older one. Every
// job has a label ("Validating fashion_trimodal"), so the window can say what runs, and tests and
// benchmarks can wait for all of it. The areas each own one (their pools are sized for their work).
//
// Lifetime: destroying the tracker (or shutDown()) drops every result still on its way and waits for the
// work that runs; `done` callbacks may therefore use the owner's members, and `work` must not (it runs on
// a pool thread: give it copies or shared pointers).
#include <QHash>
#include <QList>
#include <QMetaObject>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QThreadPool>
#include <functional>
#include <memory>
#include <utility>

namespace fusebench::widgets {

class JobTracker : public QObject {
  Q_OBJECT
 public:
  enum class Policy {
    Latest,    // every request runs; only the newest one's result is delivered (open a dataset, evaluate)
    Coalesce,  // one at a time; while one runs, only the newest waiting request is kept (what-if edits)
    Always,    // runs and is always delivered, superseded or not (imports: their dialogs must close)
  };

  explicit JobTracker(int maxThreads = 1, QObject* parent = nullptr);
  ~JobTracker() override;

  // Runs work() on the pool, then done(result) on the GUI thread unless the policy drops it.
  template <typename Work, typename Done>
  void run(const QString& channel, const QString& label, Work work, Done done, Policy policy = Policy::Latest);

  void supersede(const QString& channel);  // its results on their way are dropped, a waiting request forgotten
  void shutDown();                          // drops every result and waiting request; waits for running work
  bool busy() const { return !jobs_.isEmpty(); }
  bool busy(const QString& channel) const;
  QStringList labels() const;  // of the jobs running or waiting, oldest first
  void waitForIdle();          // processes events until nothing runs or waits (tests, benchmarks)
  void setMaxThreads(int n) { pool_.setMaxThreadCount(n); }

 Q_SIGNALS:
  void jobsChanged();  // a job started, finished or was dropped

 private:
  struct Ticket {
    quint64 id = 0, generation = 0;
    QString channel;
  };
  struct Channel {
    quint64 generation = 0;
    bool running = false;           // Coalesce: one of its jobs is on the pool
    std::function<void()> waiting;  // Coalesce: the newest request, started when the running one ends
    quint64 waitingId = 0;
  };
  struct Job {
    quint64 id;
    QString channel, label;
  };

  Ticket begin(const QString& channel, const QString& label, Policy policy);
  bool end(const Ticket& ticket, Policy policy);  // true: deliver the result
  void startWaiting(const QString& channel);
  quint64 addJob(const QString& channel, const QString& label);
  void removeJob(quint64 id);

  QThreadPool pool_;
  QHash<QString, Channel> channels_;
  QList<Job> jobs_;
  quint64 nextId_ = 0;
  bool shutDown_ = false;
};

template <typename Work, typename Done>
void JobTracker::run(const QString& channel, const QString& label, Work work, Done done, Policy policy) {
  if (shutDown_) return;
  auto start = [this, channel, label, work = std::move(work), done = std::move(done), policy]() mutable {
    const Ticket ticket = begin(channel, label, policy);
    const QPointer<JobTracker> self(this);
    pool_.start([this, self, ticket, work, done, policy]() mutable {
      auto result = std::make_shared<decltype(work())>(work());
      // Queued to the tracker: an event still posted when the tracker is destroyed is discarded with it.
      QMetaObject::invokeMethod(
          this,
          [self, ticket, done, result, policy]() mutable {
            if (self && self->end(ticket, policy)) done(std::move(*result));
            if (self) self->startWaiting(ticket.channel);
          },
          Qt::QueuedConnection);
    });
  };
  Channel& c = channels_[channel];
  if (policy == Policy::Coalesce && c.running) {
    ++c.generation;  // the running job's result is older than this request
    if (c.waitingId) removeJob(c.waitingId);
    c.waitingId = addJob(channel, label);
    c.waiting = std::move(start);
    Q_EMIT jobsChanged();
    return;
  }
  start();
}

}  // namespace fusebench::widgets
