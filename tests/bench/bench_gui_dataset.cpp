// GUI responsiveness while a large dataset opens in the dataset browser: the manifest is read, every
// file is validated (all cores but one), and a simulated user scrolls the table every 100 ms (visible
// thumbnails decode) and picks a sample every 500 ms (detail view decode), for the whole validation.
// Reports event-loop lateness (10 ms probe) p50 / p99 / max. Target: p99 < 33 ms (two frames at 60 Hz).
//   bench_gui_dataset DATASET_DIR      (run under QT_QPA_PLATFORM=offscreen or a display)
#include <QApplication>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QScrollBar>
#include <QTableView>
#include <QTimer>
#include <cstdio>

#include "dataset/dataset_area.h"
#include "dataset/dataset_browser.h"
#include "dataset/thumbnail_loader.h"
#include "event_loop_probe.h"
#include "proc_status.h"

using fusebench::bench::procStatusMiB;

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  if (argc < 2) {
    std::fprintf(stderr, "usage: bench_gui_dataset DATASET_DIR\n");
    return 2;
  }
  const QString dir = QString::fromLocal8Bit(argv[1]);
  QWidget window;
  window.resize(1400, 850);
  fusebench::app::DatasetArea area(&window);
  area.browser()->setParent(&window);
  area.browser()->resize(window.size());
  window.show();

  fusebench::bench::EventLoopProbe probe;
  QElapsedTimer clock;
  qint64 openedAt = -1, validatedAt = -1;
  int samples = 0, thumbnails = 0, scrolls = 0, picks = 0;
  double rssBefore = 0, rssOpened = 0;
  QObject::connect(&area, &fusebench::app::DatasetArea::datasetOpened, [&](const QString&, int n) {
    openedAt = clock.elapsed();
    samples = n;
    rssOpened = procStatusMiB("VmRSS:");
  });
  QObject::connect(area.browser()->thumbnails(), &fusebench::widgets::ThumbnailLoader::thumbnailReady, [&] { ++thumbnails; });
  QRandomGenerator rng(7);
  QTimer scroll, pick;
  scroll.setInterval(100);
  QObject::connect(&scroll, &QTimer::timeout, [&] {
    QScrollBar* bar = area.browser()->table()->verticalScrollBar();
    if (bar->maximum() <= 0) return;
    bar->setValue(static_cast<int>(rng.bounded(bar->maximum() + 1)));
    ++scrolls;
  });
  pick.setInterval(500);
  QObject::connect(&pick, &QTimer::timeout, [&] {
    if (samples > 0) {
      area.browser()->selectSample(static_cast<int>(rng.bounded(samples)));
      ++picks;
    }
  });
  QObject::connect(&area, &fusebench::app::DatasetArea::validationFinished, [&](int bad) {
    validatedAt = clock.elapsed();
    std::printf("validation finished: %d samples with problems\n", bad);
    QTimer::singleShot(2000, &app, [&] { app.quit(); });  // keep scrolling a little after validation
  });
  QTimer::singleShot(600000, &app, [&] {
    std::printf("timed out after 10 minutes\n");
    app.quit();
  });
  QTimer::singleShot(200, [&] {
    rssBefore = procStatusMiB("VmRSS:");
    clock.start();
    probe.start();
    scroll.start();
    pick.start();
    area.openDataset(dir);
  });
  app.exec();
  probe.stop();
  std::printf("dataset: %s, %d samples\n", qPrintable(dir), samples);
  std::printf("table shown after %.2f s; validation of every file took %.1f s (%d worker thread(s))\n", openedAt / 1000.0,
              (validatedAt - openedAt) / 1000.0, std::max(1, QThread::idealThreadCount() - 1));
  std::printf("memory: RSS %.0f MiB before opening, %.0f MiB with the table shown (+%.0f), peak %.0f MiB\n", rssBefore,
              rssOpened, rssOpened - rssBefore, procStatusMiB("VmHWM:"));
  std::printf("simulated user: %d scrolls, %d sample picks; %d thumbnails decoded off the GUI thread\n", scrolls, picks,
              thumbnails);
  probe.print("while opening, validating and scrolling");
  std::printf("target p99 < 33 ms: %s\n", probe.percentile(0.99) < 33 ? "met" : "NOT met");
  return 0;
}
