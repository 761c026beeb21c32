// GUI responsiveness while training, through the app's own classes under offscreen Qt:
//  1. trainer steps/s headless (the engine alone, a listener that only takes timestamps) vs. the same
//     recipe through TrainingSession + the live TrainingMonitor on a shown window;
//  2. event-loop lateness (10 ms probe) p50 / p99 / max during the GUI run;
//  3. replot time of the monitor holding 4 curves x 100,000 points.
// Targets: p99 lateness < 33 ms, replot < 10 ms, GUI steps/s >= 0.95 x headless.
// Headless and GUI runs alternate --repeat times (default 3) and the medians are compared: on a shared
// 2-core machine single runs vary by +-15 %.
//   bench_gui_training PROJECT.fbproj [--epochs N] [--threads T] [--repeat R]
#include <QApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTimer>
#include <chrono>
#include <cstdio>
#include <filesystem>

#include "event_loop_probe.h"
#include "project/project_file.h"
#include "train/run_index.h"
#include "train/trainer.h"
#include "training/training_monitor.h"
#include "training/training_session.h"

namespace {
using Clock = std::chrono::steady_clock;

// Steps per second between the first and the last step (data preparation excluded in both modes).
struct StepClock {
  Clock::time_point first, last;
  long steps = 0;
  void tick() {
    const auto now = Clock::now();
    if (steps++ == 0) first = now;
    last = now;
  }
  double perSecond() const {
    const double s = std::chrono::duration<double>(last - first).count();
    return steps > 1 && s > 0 ? (steps - 1) / s : 0;
  }
};

class TimingListener : public fusebench::train::TrainListener {
 public:
  void onStep(const fusebench::train::StepEvent&) override { clock.tick(); }
  StepClock clock;
};
}  // namespace

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  if (argc < 2) {
    std::fprintf(stderr, "usage: bench_gui_training PROJECT.fbproj [--epochs N] [--threads T]\n");
    return 2;
  }
  const std::string projectPath = argv[1];
  int epochs = 3, threads = 0, repeat = 3;
  for (int i = 2; i + 1 < argc; i += 2) {
    if (std::string(argv[i]) == "--epochs") epochs = std::atoi(argv[i + 1]);
    if (std::string(argv[i]) == "--threads") threads = std::atoi(argv[i + 1]);
    if (std::string(argv[i]) == "--repeat") repeat = std::max(1, std::atoi(argv[i + 1]));
  }
  auto loaded = fusebench::loadProjectFile(projectPath);
  if (!loaded.project) {
    std::fprintf(stderr, "cannot read %s\n", projectPath.c_str());
    return 1;
  }
  fusebench::Diagnostics errors;
  const auto& other = loaded.project->other;
  auto config = fusebench::train::TrainConfig::fromJson(
      other.contains("training") ? nlohmann::json::parse(other["training"].dump()) : nlohmann::json::object(), errors);
  config.epochs = epochs;
  config.threads = threads;
  const auto tmp = std::filesystem::temp_directory_path() / "fusebench-bench-gui-training";
  std::filesystem::remove_all(tmp);

  // Warm-up (fills the disk cache, so both measured runs start alike), then headless.
  {
    auto warm = config;
    warm.epochs = 1;
    fusebench::train::trainProject(*loaded.project, projectPath, warm, (tmp / "warmup").string());
  }
  QWidget window;
  window.resize(1400, 850);
  auto* monitor = new fusebench::widgets::TrainingMonitor(&window);
  monitor->resize(window.size());
  window.show();
  fusebench::app::TrainingSession session;
  fusebench::bench::EventLoopProbe probe;
  std::vector<double> headlessRates, guiRates;
  long steps = 0;
  int redraws = 0, drains = 0;
  for (int rep = 0; rep < repeat; ++rep) {
    // Headless: the engine alone.
    TimingListener headless;
    auto h = fusebench::train::trainProject(*loaded.project, projectPath, config,
                                            (tmp / ("headless" + std::to_string(rep))).string(), &headless);
    if (!h.ok) {
      std::fprintf(stderr, "headless run failed: %s\n", h.error.c_str());
      return 1;
    }
    headlessRates.push_back(headless.clock.perSecond());
    steps = h.steps;

    // The GUI path: session on its worker thread, the monitor shown, the probe on the GUI thread.
    StepClock gui;
    auto connection = QObject::connect(
        &session, &fusebench::app::TrainingSession::progress, monitor,
        [&](const QList<fusebench::widgets::StepPoint>& s, const QList<fusebench::widgets::EpochPoint>& ep) {
          for (int i = 0; i < s.size(); ++i) gui.tick();
          monitor->addSteps(s);
          monitor->addEpochs(ep);
        });
    fusebench::app::TrainingOutcome outcome;
    auto done = QObject::connect(&session, &fusebench::app::TrainingSession::finished, &app,
                                 [&](const fusebench::app::TrainingOutcome& o) {
                                   outcome = o;
                                   app.quit();
                                 });
    fusebench::app::TrainingRequest request;
    request.project = *loaded.project;
    request.projectPath = QString::fromStdString(projectPath);
    request.config = config;
    request.runDir = QString::fromStdString((tmp / ("gui" + std::to_string(rep))).string());
    monitor->beginRun(QStringLiteral("bench"), 0, 0);
    const int redrawsBefore = monitor->redraws(), drainsBefore = session.drains();
    probe.start();
    session.start(request);
    app.exec();
    probe.stop();
    QObject::disconnect(connection);
    QObject::disconnect(done);
    if (!outcome.ok) {
      std::fprintf(stderr, "GUI run failed: %s\n", qPrintable(outcome.error));
      return 1;
    }
    guiRates.push_back(gui.perSecond());
    redraws += monitor->redraws() - redrawsBefore;
    drains += session.drains() - drainsBefore;
  }
  auto median = [](std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
  };

  // Replot cost with 4 curves x 100,000 points (3 of this run's kind, plus one overlaid run).
  fusebench::widgets::TrainingMonitor big;
  big.resize(1400, 850);
  big.show();
  QList<fusebench::widgets::StepPoint> points;
  fusebench::widgets::RunCurvesView overlay;
  overlay.name = QStringLiteral("other run");
  for (int i = 1; i <= 100000; ++i) {
    fusebench::widgets::StepPoint s;
    s.step = i;
    s.epoch = 1 + i / 1000;
    s.totalSteps = 100000;
    s.stepsPerEpoch = 1000;
    s.loss = 2.3 * std::exp(-i / 30000.0) + 0.2 * std::sin(i * 0.37) * std::sin(i * 0.0011);
    s.lr = 1e-3 * (1 + std::cos(M_PI * i / 100000.0)) / 2;
    points << s;
    overlay.step << i;
    overlay.stepLoss << s.loss * 1.1;
  }
  big.addSteps(points);
  big.setOverlays({overlay});
  QCoreApplication::processEvents();
  std::vector<double> times;
  for (int i = 0; i < 21; ++i) times.push_back(big.replotNow());
  std::sort(times.begin(), times.end());

  std::printf("project: %s, %d epochs, %d intra-op thread(s), %ld steps per run, %d runs of each\n", projectPath.c_str(),
              epochs, threads > 0 ? threads : static_cast<int>(std::thread::hardware_concurrency()), steps, repeat);
  std::printf("steps/s (median): headless %.2f, through the GUI classes with the live monitor %.2f (ratio %.3f; target >= 0.95)\n",
              median(headlessRates), median(guiRates), median(guiRates) / median(headlessRates));
  std::printf("  each run: headless");
  for (double r : headlessRates) std::printf(" %.2f", r);
  std::printf("; GUI");
  for (double r : guiRates) std::printf(" %.2f", r);
  std::printf("\nmonitor redraws: %d over %ld steps (coalesced, at most ~30/s); progress deliveries: %d\n", redraws,
              steps * repeat, drains);
  probe.print("during GUI training");
  std::printf("replot of 4 curves x 100,000 points: median %.2f ms, max %.2f ms (target < 10 ms)\n", times[times.size() / 2],
              times.back());
  std::filesystem::remove_all(tmp);
  return 0;
}
