#pragma once
// Live curves of a training run: loss per step (raw and smoothed) with validation loss at each epoch's end,
// validation accuracy per epoch, the learning rate; a progress line with epoch / step, samples/s, ETA and
// memory. Points are appended as they come; the plots redraw at most ~30 times a second (a timer
// coalesces), keep the whole run (QCustomPlot decimates what it draws), zoom and pan with the mouse, and
// export to PNG and CSV. Other runs can be overlaid for comparison.
#include <QElapsedTimer>
#include <QWidget>

#include "training/training_data.h"

class QCustomPlot;
class QCPGraph;
class QLabel;
class QProgressBar;
class QTimer;

namespace fusebench::widgets {

class TrainingMonitor : public QWidget {
  Q_OBJECT
 public:
  explicit TrainingMonitor(QWidget* parent = nullptr);

  void beginRun(const QString& name, qint64 totalSteps, qint64 stepsPerEpoch);
  void addSteps(const QList<StepPoint>& steps);
  void addEpochs(const QList<EpochPoint>& epochs);
  void showRun(const RunCurvesView& run, qint64 stepsPerEpoch);  // a finished run, read back
  void setOverlays(const QList<RunCurvesView>& runs);  // other runs, thin and coloured
  void setStatus(const QString& text);                  // "finished", "stopped: …"
  QString statusText() const;
  void setSmoothing(double alpha);                      // exponential moving average weight of the past, [0, 0.999]

  bool exportCsv(const QString& path, QString* error = nullptr) const;
  bool exportPng(const QString& path, QString* error = nullptr);

  // For tests and benchmarks.
  int stepCount() const { return static_cast<int>(stepX_.size()); }
  int epochCount() const { return static_cast<int>(epochX_.size()); }
  int redraws() const { return redraws_; }
  double replotNow();  // draws all plots at once; returns milliseconds
  QString progressText() const;
  QCustomPlot* lossPlot() const { return loss_; }

 private:
  void flush();
  void resetZoom();
  void updateRanges();
  QCPGraph* addGraph(QCustomPlot* plot, const QColor& color, double width, const QString& name);

  QLabel* status_;
  QProgressBar* progress_;
  QCustomPlot* loss_;
  QCustomPlot* metric_;
  QCustomPlot* lr_;
  QCPGraph* rawLoss_;
  QCPGraph* smoothLoss_;
  QCPGraph* valLoss_;
  QCPGraph* valAccuracy_;
  QCPGraph* lrGraph_;
  QList<QCPGraph*> overlays_;
  QTimer* redraw_;
  bool dirty_ = false, userZoomed_ = false;
  int redraws_ = 0;
  // Bias-corrected exponential moving average (TensorBoard's smoothing): the first points are not pulled
  // towards 0, and a NaN or infinite loss is left out instead of poisoning every later point.
  struct Smoother {
    double alpha, value = 0;
    int n = 0;
    double add(double x);
  };
  double alpha_ = 0.95;
  Smoother smoother_{0.95};
  double overlayMin_ = 1e300, overlayMax_ = -1e300, overlaySteps_ = 0;  // of the runs overlaid now
  QList<bool> epochHasValidation_;
  qint64 totalSteps_ = 0, stepsPerEpoch_ = 0;
  double lossMin_ = 1e300, lossMax_ = -1e300, lrMax_ = 0;
  QList<double> stepX_, stepLoss_, stepSmooth_, stepLr_;
  QList<double> epochX_, epochTrain_, epochVal_, epochAcc_;
  QString name_;
};

}  // namespace fusebench::widgets
