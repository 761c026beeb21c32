#pragma once
// Measures how late the GUI event loop runs: a 10 ms precise timer records, for each tick, how much
// later than 10 ms after the previous tick it fired. A frozen window shows up as a large lateness.
#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <algorithm>
#include <cstdio>
#include <vector>

namespace fusebench::bench {

class EventLoopProbe : public QObject {
 public:
  explicit EventLoopProbe(int intervalMs = 10) : interval_(intervalMs) {
    timer_.setTimerType(Qt::PreciseTimer);
    timer_.setInterval(intervalMs);
    QObject::connect(&timer_, &QTimer::timeout, this, [this] {
      const qint64 now = clock_.nsecsElapsed();
      if (last_ >= 0) lateness_.push_back(std::max(0.0, (now - last_) / 1e6 - interval_));
      last_ = now;
    });
  }
  // Samples accumulate over several start() / stop() periods until reset().
  void reset() { lateness_.clear(); }
  void start() {
    last_ = -1;
    clock_.start();
    timer_.start();
  }
  void stop() { timer_.stop(); }
  double percentile(double q) const {
    if (lateness_.empty()) return 0;
    std::vector<double> v = lateness_;
    const auto k = static_cast<std::size_t>(q * static_cast<double>(v.size() - 1) + 0.5);
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
    return v[k];
  }
  double max() const { return lateness_.empty() ? 0 : *std::max_element(lateness_.begin(), lateness_.end()); }
  std::size_t ticks() const { return lateness_.size(); }
  void print(const char* what) const {
    std::printf("%s: event-loop lateness over %zu ticks of %d ms: p50 %.2f ms, p99 %.2f ms, max %.2f ms\n", what,
                ticks(), interval_, percentile(0.5), percentile(0.99), max());
  }

 private:
  int interval_;
  QTimer timer_;
  QElapsedTimer clock_;
  qint64 last_ = -1;
  std::vector<double> lateness_;
};

}  // namespace fusebench::bench
