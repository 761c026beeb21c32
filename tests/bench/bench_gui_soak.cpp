// Soak: the desktop app trains the example project run after run for a given time, as a user would from the
// Training page (MainWindow, training area, live monitor, runs panel), and reports what grows:
//   - resident memory (VmRSS) after each run: the median of the last quarter of the runs against the median of
//     the first quarter after run 1 (which warms caches, fonts and plots); single readings swing by +-15 % with
//     the allocators' pools, so single runs are not compared;
//   - threads and open file descriptors;
//   - event-loop lateness (10 ms probe) over the whole soak.
// Targets: RSS growth < 5 %, no growth in threads or open files, lateness p99 < 33 ms.
// Memory is read twice after each run: as it is, and after malloc_trim (glibc keeps freed memory in per-thread
// arenas; a leak survives the trim, arena retention does not). Run folders beyond the newest two are deleted as it goes (a user's accumulating runs panel is not a leak).
//   bench_gui_soak PROJECT.fbproj [--minutes M (30)] [--epochs E (2)]
#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <malloc.h>
#include <cstdio>
#include <filesystem>
#include <string>

#include "event_loop_probe.h"
#include "proc_status.h"
#include "main_window.h"
#include "project/project_file.h"
#include "training/training_area.h"
#include "training/training_session.h"

namespace {
namespace fs = std::filesystem;

int openFiles() {
  int n = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator("/proc/self/fd")) ++n;
  return n;
}

// Keeps the newest `keep` run folders under `runs`.
void pruneRuns(const fs::path& runs, std::size_t keep) {
  if (!fs::exists(runs)) return;
  std::vector<fs::path> dirs;
  for (const auto& e : fs::directory_iterator(runs))
    if (e.is_directory()) dirs.push_back(e.path());
  std::sort(dirs.begin(), dirs.end(), [](const fs::path& a, const fs::path& b) {
    return fs::last_write_time(a) > fs::last_write_time(b);
  });
  for (std::size_t i = keep; i < dirs.size(); ++i) fs::remove_all(dirs[i]);
}

struct Sample {
  double rssMiB, trimmedMiB;  // as it is, and after malloc_trim: what the allocator keeps but does not use
  int threads, files;
};
}  // namespace

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  if (argc < 2) {
    std::fprintf(stderr, "usage: bench_gui_soak PROJECT.fbproj [--minutes M] [--epochs E]\n");
    return 2;
  }
  double minutes = 30;
  int epochs = 2;
  for (int i = 2; i + 1 < argc; i += 2) {
    if (std::string(argv[i]) == "--minutes") minutes = std::atof(argv[i + 1]);
    if (std::string(argv[i]) == "--epochs") epochs = std::atoi(argv[i + 1]);
  }
  // A copy of the project in a scratch folder, its dataset made absolute, so the runs are written there.
  auto loaded = fusebench::loadProjectFile(argv[1]);
  if (!loaded.project) {
    std::fprintf(stderr, "cannot read %s\n", argv[1]);
    return 1;
  }
  const fs::path scratch = fs::temp_directory_path() / "fusebench-soak";
  fs::remove_all(scratch);
  fs::create_directories(scratch);
  auto project = *loaded.project;
  project.dataset_path = fs::absolute(fs::path(argv[1]).parent_path() / project.dataset_path).lexically_normal().string();
  const std::string projectPath = (scratch / "soak.fbproj").string();
  std::string error;
  if (!fusebench::saveProjectFile(project, projectPath, &error)) {
    std::fprintf(stderr, "%s\n", error.c_str());
    return 1;
  }

  fusebench::app::MainWindow window;
  window.resize(1500, 950);
  if (!window.openProject(QString::fromStdString(projectPath))) return 1;
  window.show();
  window.showPage(QStringLiteral("training"));
  auto* training = window.trainingArea();
  fusebench::bench::EventLoopProbe probe;
  probe.start();
  QElapsedTimer clock;
  clock.start();
  std::vector<Sample> samples;
  std::printf("run  seconds  RSS MiB  trimmed  threads  open files\n");
  while (clock.elapsed() < minutes * 60000) {
    training->setEpochs(epochs);
    const qint64 started = clock.elapsed();
    QString trainError;
    if (!training->startTraining(&trainError)) {
      std::fprintf(stderr, "cannot train: %s\n", qPrintable(trainError));
      return 1;
    }
    while (training->session()->isActive()) QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 50);
    for (int i = 0; i < 20; ++i) QCoreApplication::processEvents(QEventLoop::AllEvents, 10);  // the run's last updates
    pruneRuns(scratch / "runs", 2);
    training->refreshRuns();
    QCoreApplication::processEvents();
    const double rss = fusebench::bench::procStatus("VmRSS:") / 1024.0;
    malloc_trim(0);  // a leak survives this; memory glibc keeps in its arenas for reuse does not
    samples.push_back({rss, fusebench::bench::procStatus("VmRSS:") / 1024.0,
                       static_cast<int>(fusebench::bench::procStatus("Threads:")), openFiles()});
    std::printf("%3zu  %7.1f  %7.0f  %7.0f  %7d  %10d\n", samples.size(), (clock.elapsed() - started) / 1000.0,
                samples.back().rssMiB, samples.back().trimmedMiB, samples.back().threads, samples.back().files);
    std::fflush(stdout);
  }
  probe.stop();
  if (samples.size() < 11) {
    std::printf("too few runs (%zu) for a soak; give it more minutes\n", samples.size());
    return 1;
  }
  auto medianRss = [&](std::size_t from, std::size_t to, bool trimmed = false) {
    std::vector<double> v;
    for (std::size_t i = from; i < to; ++i) v.push_back(trimmed ? samples[i].trimmedMiB : samples[i].rssMiB);
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
  };
  const Sample& base = samples[1];
  const Sample& last = samples.back();
  const std::size_t quarter = std::max<std::size_t>(2, (samples.size() - 1) / 4);
  const double early = medianRss(1, 1 + quarter), late = medianRss(samples.size() - quarter, samples.size());
  const double growth = 100.0 * (late - early) / early;
  std::printf("soak: %zu runs of %d epochs in %.1f minutes\n", samples.size(), epochs, clock.elapsed() / 60000.0);
  std::printf("RSS, median of runs 2-%zu %.0f MiB, of the last %zu runs %.0f MiB: growth %.1f %% (target < 5 %%): %s\n",
              1 + quarter, early, quarter, late, growth, growth < 5 ? "met" : "NOT met");
  const double earlyTrim = medianRss(1, 1 + quarter, true), lateTrim = medianRss(samples.size() - quarter, samples.size(), true);
  std::printf("after malloc_trim: %.0f -> %.0f MiB, growth %.1f %%\n", earlyTrim, lateTrim, 100.0 * (lateTrim - earlyTrim) / earlyTrim);
  std::printf("threads %d -> %d, open files %d -> %d (target: no growth): %s\n", base.threads, last.threads, base.files,
              last.files, last.threads <= base.threads && last.files <= base.files ? "met" : "NOT met");
  probe.print("over the soak");
  std::printf("target p99 < 33 ms: %s\n", probe.percentile(0.99) < 33 ? "met" : "NOT met");
  fs::remove_all(scratch);
  return 0;
}
