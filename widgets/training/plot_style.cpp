#include "training/plot_style.h"

#include <QApplication>
#include <qcustomplot.h>

namespace fusebench::widgets {

void stylePlot(QCustomPlot* plot) {
  const QPalette palette = QApplication::palette();
  const QColor text = palette.color(QPalette::Text);
  QColor axis = text;
  axis.setAlphaF(0.7);
  QColor grid = palette.color(QPalette::Mid);
  grid.setAlphaF(0.6);
  plot->setBackground(palette.color(QPalette::Base));
  for (QCPAxis* a : plot->axisRect()->axes()) {
    a->setBasePen(QPen(axis));
    a->setTickPen(QPen(axis));
    a->setSubTickPen(QPen(axis));
    a->setLabelColor(text);
    a->setTickLabelColor(text);
    a->grid()->setPen(QPen(grid, 1, Qt::DotLine));
    a->grid()->setZeroLinePen(QPen(grid));
  }
  plot->legend->setBrush(palette.color(QPalette::Base));
  plot->legend->setTextColor(text);
  plot->legend->setBorderPen(QPen(palette.color(QPalette::Mid)));
}

}  // namespace fusebench::widgets
