#pragma once
// The reliability diagram of one split: per confidence bin, how often the model was right, beside the
// diagonal a perfectly calibrated model would follow; the model's own probabilities and the calibrated ones
// side by side, with the expected calibration error of each in words.
#include <QWidget>

#include "training/training_data.h"

class QCustomPlot;
class QLabel;

namespace fusebench::widgets {

class ReliabilityView : public QWidget {
  Q_OBJECT
 public:
  explicit ReliabilityView(QWidget* parent = nullptr);
  void setCalibration(const CalibrationView& calibration);
  QString summary() const;  // the caption above the plot
  QCustomPlot* plot() const { return plot_; }

 private:
  QLabel* summary_;
  QCustomPlot* plot_;
};

}  // namespace fusebench::widgets
