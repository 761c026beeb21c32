#pragma once
// File > Export > ONNX…: the selected (or latest) run's model written as ONNX and checked in ONNX Runtime
// against LibTorch, on a worker thread; the outcome (inputs, outputs, the largest difference and the runtime
// that ran it, or why it could not) is shown in a dialog and in the status bar.
#include <QObject>
#include <QString>
#include <functional>

class QAction;
class QWidget;

namespace fusebench::app {

struct ModelExportResult {
  bool ok = false;
  QString file;
  QString summary;  // what the dialog says: plain text, several lines
};

class ModelExport : public QObject {
  Q_OBJECT
 public:
  // currentRun: the run folder to export (empty when there is none).
  ModelExport(QWidget* window, std::function<QString()> currentRun);

  QAction* onnxAction() const { return onnx_; }
  // Without asking for a file name or showing a dialog (tests, scripts); finished() follows.
  void exportOnnx(const QString& runDir, const QString& file);
  bool busy() const { return busy_; }
  // Shown after each export; tests replace it so that no dialog blocks.
  void setResultPresenter(std::function<void(const ModelExportResult&)> present) { present_ = std::move(present); }

 Q_SIGNALS:
  void finished(const fusebench::app::ModelExportResult& result);
  void statusMessage(const QString& message);

 private:
  void chooseFileAndExport();

  QWidget* window_;
  std::function<QString()> currentRun_;
  std::function<void(const ModelExportResult&)> present_;
  QAction* onnx_;
  bool busy_ = false;
};

}  // namespace fusebench::app
