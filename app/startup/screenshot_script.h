#pragma once
// What `--screenshot` does after the project loads: optionally train a few epochs, evaluate the latest run
// or explain a sample, then render the window to a PNG. For the README's pictures and for looking at a
// change without clicking through it.
#include <QString>

namespace fusebench::app {

class MainWindow;

struct ScreenshotScript {
  QString file;                 // the PNG written
  int row = 0;                  // dataset row selected in the browser
  int trainEpochs = 0;          // > 0: train, capture after this many epochs
  int runEpochs = 0;            // > 0: the run's epochs (default: the project's)
  bool showLatest = false;      // evaluate the newest finished run and open its most confused cell
  QString tab = QStringLiteral("confusion");
  int explainSample = -1;       // >= 0: explain this row
  QString explainMethod, reportFile;
};

// Runs the script, writes the screenshot and returns the exit code (0: written and the project was readable).
int runScreenshotScript(MainWindow& window, const ScreenshotScript& script, bool projectReadable);

}  // namespace fusebench::app
