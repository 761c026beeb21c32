#include "jobs/job_tracker.h"

#include <QCoreApplication>
#include <QSignalBlocker>
#include <algorithm>

namespace fusebench::widgets {

JobTracker::JobTracker(int maxThreads, QObject* parent) : QObject(parent) { pool_.setMaxThreadCount(std::max(1, maxThreads)); }

JobTracker::~JobTracker() { shutDown(); }

JobTracker::Ticket JobTracker::begin(const QString& channel, const QString& label, Policy policy) {
  Channel& c = channels_[channel];
  if (policy == Policy::Latest) ++c.generation;  // older results of this channel become stale
  if (policy == Policy::Coalesce) c.running = true;
  Ticket t;
  t.channel = channel;
  t.generation = c.generation;
  t.id = addJob(channel, label);
  Q_EMIT jobsChanged();
  return t;
}

bool JobTracker::end(const Ticket& ticket, Policy policy) {
  removeJob(ticket.id);
  Channel& c = channels_[ticket.channel];
  if (policy == Policy::Coalesce) c.running = false;
  Q_EMIT jobsChanged();
  if (shutDown_) return false;
  return policy == Policy::Always || ticket.generation == c.generation;
}

void JobTracker::startWaiting(const QString& channel) {
  auto it = channels_.find(channel);
  if (it == channels_.end() || it->running || !it->waiting) return;
  std::function<void()> start = std::move(it->waiting);
  it->waiting = nullptr;
  removeJob(it->waitingId);
  it->waitingId = 0;
  start();
}

void JobTracker::supersede(const QString& channel) {
  Channel& c = channels_[channel];
  ++c.generation;
  c.waiting = nullptr;
  if (c.waitingId) removeJob(c.waitingId);
  c.waitingId = 0;
  Q_EMIT jobsChanged();
}

void JobTracker::shutDown() {
  // Called while its owner is destroyed: whoever listens may be half gone already, so nothing is announced.
  const QSignalBlocker quiet(this);
  shutDown_ = true;
  for (const QString& name : channels_.keys()) supersede(name);
  pool_.waitForDone();
}

bool JobTracker::busy(const QString& channel) const {
  return std::any_of(jobs_.begin(), jobs_.end(), [&channel](const Job& j) { return j.channel == channel; });
}

QStringList JobTracker::labels() const {
  QStringList out;
  for (const Job& j : jobs_) out << j.label;
  return out;
}

void JobTracker::waitForIdle() {
  while (busy()) {
    pool_.waitForDone(50);
    QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
  }
}

quint64 JobTracker::addJob(const QString& channel, const QString& label) {
  jobs_.append({++nextId_, channel, label});
  return nextId_;
}

void JobTracker::removeJob(quint64 id) {
  jobs_.erase(std::remove_if(jobs_.begin(), jobs_.end(), [id](const Job& j) { return j.id == id; }), jobs_.end());
}

}  // namespace fusebench::widgets
