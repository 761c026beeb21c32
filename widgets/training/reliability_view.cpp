#include "training/reliability_view.h"
#include "training/plot_style.h"

#include <QLabel>
#include <QVBoxLayout>
#include <qcustomplot.h>

namespace fusebench::widgets {

namespace {
// Bars of accuracy at the bins' centres, shifted left or right so both sets show; empty bins have none.
QCPBars* accuracyBars(QCustomPlot* plot, const QList<ReliabilityBinView>& bins, double shift, const QColor& colour,
                      const QString& name) {
  auto* bars = new QCPBars(plot->xAxis, plot->yAxis);
  QVector<double> x, y;
  double width = 1.0 / 15;
  for (const auto& b : bins) {
    width = b.upper - b.lower;
    if (b.count == 0) continue;
    x << (b.lower + b.upper) / 2 + shift * width;
    y << b.accuracy;
  }
  bars->setData(x, y);
  bars->setWidth(width * 0.42);
  bars->setPen(QPen(colour.darker(130)));
  bars->setBrush(colour);
  bars->setName(name);
  return bars;
}
}  // namespace

ReliabilityView::ReliabilityView(QWidget* parent) : QWidget(parent) {
  summary_ = new QLabel(tr("Evaluate a split to see how far its probabilities can be trusted."), this);
  summary_->setWordWrap(true);
  summary_->setTextFormat(Qt::RichText);
  plot_ = new QCustomPlot(this);
  stylePlot(plot_);
  plot_->xAxis->setLabel(tr("confidence (top probability)"));
  plot_->yAxis->setLabel(tr("share right"));
  plot_->xAxis->setRange(0, 1);
  plot_->yAxis->setRange(0, 1.02);
  plot_->legend->setVisible(true);
  plot_->legend->setFont(QFont(font().family(), 8));
  plot_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(summary_);
  layout->addWidget(plot_, 1);
}

void ReliabilityView::setCalibration(const CalibrationView& c) {
  plot_->clearPlottables();
  plot_->clearGraphs();
  if (!c.valid) {
    summary_->setText(tr("No calibration for this evaluation (classification models only)."));
    plot_->replot();
    return;
  }
  auto* diagonal = plot_->addGraph();
  diagonal->setData(QVector<double>{0, 1}, QVector<double>{0, 1});
  diagonal->setPen(QPen(Qt::gray, 1, Qt::DashLine));
  diagonal->setName(tr("perfectly calibrated"));
  accuracyBars(plot_, c.before, c.fitted ? -0.25 : 0, QColor(0xB0, 0xB0, 0xB0), tr("model's own probabilities"));
  if (c.fitted) accuracyBars(plot_, c.after, 0.25, QColor(0x1F, 0x6F, 0xC9), tr("calibrated (T = %1)").arg(c.temperature, 0, 'f', 2));
  QString text = tr("Expected calibration error <b>%1</b> (the average gap between confidence and the share right, "
                    "over %2 samples in 15 bins; classwise %3)")
                     .arg(c.ece, 0, 'f', 3)
                     .arg(c.samples)
                     .arg(c.classwiseEce, 0, 'f', 3);
  if (c.fitted)
    text += tr(" → <b>%1</b> after temperature scaling (T = %2, fitted on the validation split; classwise %3). "
               "Predictions, explanations and case reports use the calibrated probabilities.")
                .arg(c.eceCalibrated, 0, 'f', 3)
                .arg(c.temperature, 0, 'f', 3)
                .arg(c.classwiseEceCalibrated, 0, 'f', 3);
  else
    text += tr(". No temperature was fitted for this model (too few validation samples, or none): its probabilities are its own.");
  summary_->setText(text);
  plot_->replot();
}

QString ReliabilityView::summary() const { return summary_->text(); }

}  // namespace fusebench::widgets
