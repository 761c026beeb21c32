#pragma once
// Samples per class, one bar per split side by side, so an imbalanced class or a split that lacks a
// class is seen at a glance.
#include <QMap>
#include <QWidget>

namespace fusebench::widgets {

class ClassHistogram : public QWidget {
  Q_OBJECT
 public:
  explicit ClassHistogram(QWidget* parent = nullptr);
  // counts[split][class index]; splits are drawn in the order given.
  void setCounts(const QStringList& classes, const QStringList& splits, const QMap<QString, QList<int>>& counts);
  int count(const QString& split, int cls) const { return counts_.value(split).value(cls); }
  QSize sizeHint() const override;
  QSize minimumSizeHint() const override { return {200, 80}; }

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  QStringList classes_, splits_;
  QMap<QString, QList<int>> counts_;
};

}  // namespace fusebench::widgets
