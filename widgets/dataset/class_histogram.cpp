#include "dataset/class_histogram.h"

#include "dataset/dataset_terms.h"

#include <QPainter>
#include <algorithm>

namespace fusebench::widgets {

namespace {
QColor splitColor(const QString& split) {
  if (split == QLatin1String("train")) return QColor(0x3B, 0x7D, 0xD8);
  if (split == QLatin1String("val")) return QColor(0xF2, 0x9E, 0x38);
  if (split == QLatin1String("test")) return QColor(0x3F, 0xA3, 0x5B);
  return QColor(0x99, 0x99, 0x99);
}
constexpr int kRowHeight = 20, kTop = 24;
}  // namespace

ClassHistogram::ClassHistogram(QWidget* parent) : QWidget(parent) {
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
}

void ClassHistogram::setCounts(const QStringList& classes, const QStringList& splits,
                               const QMap<QString, QList<int>>& counts) {
  classes_ = classes;
  splits_ = splits;
  counts_ = counts;
  updateGeometry();
  update();
}

QSize ClassHistogram::sizeHint() const { return {360, kTop + kRowHeight * static_cast<int>(classes_.size()) + 8}; }

void ClassHistogram::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.setRenderHint(QPainter::Antialiasing);
  const QFontMetrics fm = fontMetrics();
  if (classes_.isEmpty()) {
    p.setPen(palette().color(QPalette::Disabled, QPalette::Text));
    p.drawText(rect(), Qt::AlignCenter, tr("No classes (regression target, or no target)"));
    return;
  }
  int labelWidth = 0;
  for (const QString& c : classes_) labelWidth = std::max(labelWidth, fm.horizontalAdvance(c));
  labelWidth = std::min(labelWidth + 8, width() / 3);
  int maxCount = 1;
  for (const auto& list : counts_)
    for (int v : list) maxCount = std::max(maxCount, v);
  const int countWidth = fm.horizontalAdvance(QString::number(maxCount)) + 6;
  const int barArea = std::max(20, width() - labelWidth - countWidth - 8);

  // Legend.
  int x = labelWidth;
  for (const QString& s : splits_) {
    p.fillRect(QRect(x, 6, 10, 10), splitColor(s));
    p.setPen(palette().color(QPalette::Text));
    const QString title = splitTitle(s);
    p.drawText(QPoint(x + 14, 15), title);
    x += 14 + fm.horizontalAdvance(title) + 14;
  }
  const int rowHeight = std::max(kRowHeight, (height() - kTop - 4) / static_cast<int>(classes_.size()));
  const int barHeight = std::max(3, (std::min(rowHeight, 40) - 4) / std::max(1, static_cast<int>(splits_.size())));
  for (int c = 0; c < classes_.size(); ++c) {
    const int y = kTop + c * rowHeight;
    p.setPen(palette().color(QPalette::Text));
    p.drawText(QRect(0, y, labelWidth - 6, rowHeight), Qt::AlignRight | Qt::AlignVCenter,
               fm.elidedText(classes_[c], Qt::ElideRight, labelWidth - 6));
    const int block = barHeight * static_cast<int>(splits_.size());
    int by = y + (rowHeight - block) / 2;
    for (const QString& s : splits_) {
      const int n = counts_.value(s).value(c);
      const int w = static_cast<int>(static_cast<double>(barArea) * n / maxCount);
      p.fillRect(QRect(labelWidth, by, std::max(w, n > 0 ? 1 : 0), barHeight - 1), splitColor(s));
      if (barHeight >= fm.height() - 4 || s == splits_.first()) {
        p.setPen(palette().color(QPalette::Text));
        p.drawText(QPoint(labelWidth + w + 3, by + barHeight - 2), QString::number(n));
      }
      by += barHeight;
    }
  }
}

}  // namespace fusebench::widgets
