#include "training/confusion_matrix_view.h"

#include <QMouseEvent>
#include <QPainter>
#include <algorithm>

namespace fusebench::widgets {

ConfusionMatrixView::ConfusionMatrixView(QWidget* parent) : QWidget(parent) {
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
  setMouseTracking(true);
  setToolTip(tr("Rows: true class; columns: predicted class. Click a cell to list its samples."));
}

void ConfusionMatrixView::setMatrix(const QStringList& classes, const QList<QList<qint64>>& confusion) {
  classes_ = classes;
  confusion_ = confusion;
  update();
}

void ConfusionMatrixView::setNormalized(bool rows) {
  normalized_ = rows;
  update();
}

QString ConfusionMatrixView::cellText(int t, int p) const {
  if (t < 0 || t >= confusion_.size() || p < 0 || p >= confusion_[t].size()) return {};
  const qint64 n = confusion_[t][p];
  if (!normalized_) return QString::number(n);
  qint64 row = 0;
  for (qint64 v : confusion_[t]) row += v;
  return row > 0 ? QStringLiteral("%1%").arg(100.0 * static_cast<double>(n) / static_cast<double>(row), 0, 'f', n * 1000 >= row ? 0 : 1)
                 : QStringLiteral("–");
}

void ConfusionMatrixView::layoutCells(int& left, int& top, int& cell) const {
  const QFontMetrics fm = fontMetrics();
  int label = 0;
  for (const QString& c : classes_) label = std::max(label, fm.horizontalAdvance(c));
  label = std::min(label + 10, width() / 3);
  const int n = std::max<int>(1, static_cast<int>(classes_.size()));
  // Column labels are drawn rotated above the matrix: they need `label` pixels of height too.
  left = label + fm.height() + 4;
  top = std::min(label, height() / 3) + fm.height() + 4;
  cell = std::max(8, std::min((width() - left - 4) / n, (height() - top - 4) / n));
}

QRect ConfusionMatrixView::cellRect(int t, int p) const {
  int left = 0, top = 0, cell = 0;
  layoutCells(left, top, cell);
  return {left + p * cell, top + t * cell, cell, cell};
}

void ConfusionMatrixView::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  painter.fillRect(rect(), palette().color(QPalette::Base));
  const int n = static_cast<int>(classes_.size());
  if (n == 0 || confusion_.size() != n) {
    painter.setPen(palette().color(QPalette::Disabled, QPalette::Text));
    painter.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap, tr("No confusion matrix yet: it appears after the first epoch."));
    return;
  }
  int left = 0, top = 0, cell = 0;
  layoutCells(left, top, cell);
  const QFontMetrics fm = fontMetrics();
  // Axis titles.
  painter.setPen(palette().color(QPalette::Text));
  painter.drawText(QRect(left, 0, cell * n, fm.height()), Qt::AlignCenter, tr("predicted"));
  painter.save();
  painter.translate(fm.height() - 2, top + cell * n / 2);
  painter.rotate(-90);
  painter.drawText(QRect(-cell * n / 2, -fm.height(), cell * n, fm.height()), Qt::AlignCenter, tr("true"));
  painter.restore();
  const int labelWidth = left - fm.height() - 6;
  for (int i = 0; i < n; ++i) {
    painter.drawText(QRect(fm.height() + 2, top + i * cell, labelWidth, cell), Qt::AlignRight | Qt::AlignVCenter,
                     fm.elidedText(classes_[i], Qt::ElideRight, labelWidth));
    painter.save();
    painter.translate(left + i * cell + cell / 2 + fm.ascent() / 2, top - 4);
    painter.rotate(-90);
    painter.drawText(QRect(0, -fm.ascent(), top - fm.height() - 8, fm.height()), Qt::AlignLeft | Qt::AlignVCenter,
                     fm.elidedText(classes_[i], Qt::ElideRight, top - fm.height() - 8));
    painter.restore();
  }
  QFont small = font();
  small.setPointSizeF(std::max(6.0, std::min(font().pointSizeF(), cell / 3.2)));
  painter.setFont(small);
  for (int t = 0; t < n; ++t) {
    qint64 row = 0;
    for (qint64 v : confusion_[t]) row += v;
    for (int p = 0; p < n; ++p) {
      const qint64 v = confusion_[t].value(p);
      const double share = row > 0 ? static_cast<double>(v) / static_cast<double>(row) : 0.0;
      // Diagonal in blue, errors in red: the eye finds the confusions at once.
      const QColor base = t == p ? QColor(0x1F, 0x6F, 0xC9) : QColor(0xC6, 0x28, 0x28);
      QColor c = base;
      c.setAlphaF(v == 0 ? 0.0 : 0.08 + 0.92 * share);
      const QRect r(left + p * cell, top + t * cell, cell, cell);
      painter.fillRect(r, palette().color(QPalette::Base));
      painter.fillRect(r, c);
      painter.setPen(palette().color(QPalette::Mid));
      painter.drawRect(r.adjusted(0, 0, -1, -1));
      if (cell >= 16) {
        painter.setPen(share > 0.55 ? Qt::white : palette().color(QPalette::Text));
        painter.drawText(r, Qt::AlignCenter, cellText(t, p));
      }
    }
  }
}

void ConfusionMatrixView::mousePressEvent(QMouseEvent* event) {
  const int n = static_cast<int>(classes_.size());
  for (int t = 0; t < n; ++t)
    for (int p = 0; p < n; ++p)
      if (cellRect(t, p).contains(event->position().toPoint())) {
        Q_EMIT cellActivated(t, p);
        return;
      }
}

}  // namespace fusebench::widgets
