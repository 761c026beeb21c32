#pragma once
// A confusion matrix as a heat map: true class per row, predicted class per column, class names on both
// axes, the count (or the row-normalized share) in each cell. Clicking a cell asks for its samples.
#include <QWidget>

#include "training/training_data.h"

namespace fusebench::widgets {

class ConfusionMatrixView : public QWidget {
  Q_OBJECT
 public:
  explicit ConfusionMatrixView(QWidget* parent = nullptr);
  void setMatrix(const QStringList& classes, const QList<QList<qint64>>& confusion);
  void setNormalized(bool rows);  // row-normalized: each true class's row sums to 100 %
  bool normalized() const { return normalized_; }
  QString cellText(int trueClass, int predicted) const;
  QRect cellRect(int trueClass, int predicted) const;  // in widget coordinates (tests click it)
  QSize sizeHint() const override { return {520, 480}; }
  QSize minimumSizeHint() const override { return {240, 220}; }

 Q_SIGNALS:
  void cellActivated(int trueClass, int predicted);

 protected:
  void paintEvent(QPaintEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;

 private:
  void layoutCells(int& left, int& top, int& cell) const;

  QStringList classes_;
  QList<QList<qint64>> confusion_;
  bool normalized_ = false;
};

}  // namespace fusebench::widgets
