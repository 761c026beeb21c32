#include "training/training_monitor.h"
#include "training/plot_style.h"

#include <QFile>
#include <QBuffer>
#include <QSaveFile>
#include <QHBoxLayout>
#include <QImageWriter>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QFileDialog>
#include <QTextStream>
#include <QTimer>
#include <QVBoxLayout>
#include <qcustomplot.h>

namespace fusebench::widgets {

namespace {
QString clock(double seconds) {
  const auto s = static_cast<qint64>(seconds);
  return s >= 3600 ? QStringLiteral("%1:%2:%3").arg(s / 3600).arg(s / 60 % 60, 2, 10, QLatin1Char('0')).arg(s % 60, 2, 10, QLatin1Char('0'))
                   : QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

QCustomPlot* makePlot(QWidget* parent, const QString& xLabel, const QString& yLabel) {
  auto* p = new QCustomPlot(parent);
  stylePlot(p);
  p->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  p->setNotAntialiasedElements(QCP::aeAll);  // fast lines; the plots redraw while training
  p->setPlottingHint(QCP::phFastPolylines, true);
  p->xAxis->setLabel(xLabel);
  p->yAxis->setLabel(yLabel);
  p->legend->setVisible(true);
  p->legend->setFont(QFont(p->font().family(), 8));
  p->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
  p->setMinimumHeight(90);
  return p;
}

const QColor kOverlayColors[] = {QColor(0x8E, 0x44, 0xAD), QColor(0x16, 0xA0, 0x85), QColor(0xD3, 0x54, 0x00),
                                 QColor(0x7F, 0x8C, 0x8D), QColor(0xC0, 0x39, 0x2B)};
}  // namespace

double TrainingMonitor::Smoother::add(double x) {
  if (std::isfinite(x)) {
    value = alpha * value + (1 - alpha) * x;
    ++n;
  }
  return n ? value / (1 - std::pow(alpha, n)) : x;
}

TrainingMonitor::TrainingMonitor(QWidget* parent) : QWidget(parent) {
  status_ = new QLabel(tr("No run yet. Start training from the toolbar (Training › Start)."), this);
  status_->setWordWrap(true);
  status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  progress_ = new QProgressBar(this);
  progress_->setRange(0, 1);
  progress_->setValue(0);
  progress_->setTextVisible(true);

  loss_ = makePlot(this, tr("step"), tr("loss"));
  metric_ = makePlot(this, tr("epoch"), tr("validation accuracy"));
  lr_ = makePlot(this, tr("step"), tr("LR"));
  lr_->legend->setVisible(false);
  lr_->yAxis->setNumberFormat(QStringLiteral("g"));
  lr_->yAxis->setNumberPrecision(1);
  lr_->yAxis->ticker()->setTickCount(2);
  metric_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignRight);
  rawLoss_ = addGraph(loss_, QColor(0x3B, 0x7D, 0xD8, 70), 1, tr("train loss (per step)"));
  smoothLoss_ = addGraph(loss_, QColor(0x1F, 0x4E, 0x96), 2, tr("train loss (smoothed)"));
  valLoss_ = addGraph(loss_, QColor(0xE6, 0x7E, 0x22), 2, tr("validation loss (per epoch)"));
  valLoss_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 7));
  valAccuracy_ = addGraph(metric_, QColor(0x27, 0xAE, 0x60), 2, tr("validation accuracy"));
  valAccuracy_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 7));
  lrGraph_ = addGraph(lr_, QColor(0x7F, 0x8C, 0x8D), 1.5, tr("learning rate"));
  metric_->yAxis->setRange(0, 1);

  auto* reset = new QPushButton(tr("Reset zoom"), this);
  auto* png = new QPushButton(tr("Export PNG…"), this);
  auto* csv = new QPushButton(tr("Export CSV…"), this);
  connect(reset, &QPushButton::clicked, this, [this] { resetZoom(); });
  connect(png, &QPushButton::clicked, this, [this] {
    const QString path = QFileDialog::getSaveFileName(this, tr("Export curves as PNG"), name_ + QStringLiteral(".png"), tr("PNG images (*.png)"));
    QString error;
    if (!path.isEmpty() && !exportPng(path, &error)) status_->setText(tr("<span style='color:#c62828'>Export failed: %1</span>").arg(error.toHtmlEscaped()));
  });
  connect(csv, &QPushButton::clicked, this, [this] {
    const QString path = QFileDialog::getSaveFileName(this, tr("Export curves as CSV"), name_ + QStringLiteral(".csv"), tr("CSV files (*.csv)"));
    QString error;
    if (!path.isEmpty() && !exportCsv(path, &error)) status_->setText(tr("<span style='color:#c62828'>Export failed: %1</span>").arg(error.toHtmlEscaped()));
  });
  // Dragging or zooming a plot means the user wants that view: stop following the data until reset.
  for (QCustomPlot* p : {loss_, metric_, lr_}) {
    connect(p, &QCustomPlot::mousePress, this, [this] { userZoomed_ = true; });
    connect(p, &QCustomPlot::mouseWheel, this, [this] { userZoomed_ = true; });
  }

  redraw_ = new QTimer(this);
  redraw_->setInterval(33);  // at most ~30 redraws per second, however fast the trainer reports
  connect(redraw_, &QTimer::timeout, this, [this] { flush(); });
  redraw_->start();

  auto* buttons = new QHBoxLayout;
  buttons->addStretch(1);
  buttons->addWidget(reset);
  buttons->addWidget(png);
  buttons->addWidget(csv);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addWidget(progress_);
  layout->addLayout(buttons);
  layout->addWidget(status_);
  layout->addWidget(loss_, 3);
  layout->addWidget(metric_, 2);
  layout->addWidget(lr_, 1);
}

QCPGraph* TrainingMonitor::addGraph(QCustomPlot* plot, const QColor& color, double width, const QString& name) {
  QCPGraph* g = plot->addGraph();
  g->setPen(QPen(color, width));
  g->setName(name);
  g->setAdaptiveSampling(true);
  return g;
}

void TrainingMonitor::beginRun(const QString& name, qint64 totalSteps, qint64 stepsPerEpoch) {
  name_ = name;
  totalSteps_ = totalSteps;
  stepsPerEpoch_ = stepsPerEpoch;
  for (QCPGraph* g : {rawLoss_, smoothLoss_, valLoss_, valAccuracy_, lrGraph_}) g->data()->clear();
  stepX_.clear();
  stepLoss_.clear();
  stepSmooth_.clear();
  stepLr_.clear();
  epochX_.clear();
  epochTrain_.clear();
  epochVal_.clear();
  epochAcc_.clear();
  lossMin_ = 1e300;
  lossMax_ = -1e300;
  epochHasValidation_.clear();
  lrMax_ = 0;
  smoother_ = {alpha_};
  userZoomed_ = false;
  progress_->setRange(0, static_cast<int>(std::max<qint64>(1, totalSteps)));
  progress_->setValue(0);
  progress_->setFormat(tr("starting…"));
  status_->setText(tr("Run %1: preparing data and model…").arg(name));
  dirty_ = true;
}

void TrainingMonitor::setSmoothing(double alpha) {
  alpha_ = std::clamp(alpha, 0.0, 0.999);
  smoother_.alpha = alpha_;
}

void TrainingMonitor::addSteps(const QList<StepPoint>& steps) {
  if (steps.isEmpty()) return;
  for (const StepPoint& s : steps) {
    const double x = static_cast<double>(s.step);
    const double corrected = smoother_.add(s.loss);
    stepX_ << x;
    stepLoss_ << s.loss;
    stepSmooth_ << corrected;
    stepLr_ << s.lr;
    rawLoss_->addData(x, s.loss);
    smoothLoss_->addData(x, corrected);
    lrGraph_->addData(x, s.lr);
    if (std::isfinite(s.loss)) {
      lossMin_ = std::min(lossMin_, s.loss);
      lossMax_ = std::max(lossMax_, s.loss);
    }
    lrMax_ = std::max(lrMax_, s.lr);
  }
  const StepPoint& last = steps.last();
  if (last.totalSteps > 0) totalSteps_ = last.totalSteps;
  if (last.stepsPerEpoch > 0) stepsPerEpoch_ = last.stepsPerEpoch;
  progress_->setRange(0, static_cast<int>(std::max<qint64>(1, totalSteps_)));
  progress_->setValue(static_cast<int>(last.step));
  const qint64 epochs = stepsPerEpoch_ > 0 ? (totalSteps_ + stepsPerEpoch_ - 1) / stepsPerEpoch_ : 0;
  progress_->setFormat(tr("epoch %1/%2 · step %3/%4").arg(last.epoch).arg(epochs).arg(last.step).arg(totalSteps_));
  const QLocale loc;
  status_->setText(tr("Run %1 · loss %2 · %3 samples/s · ETA %4 · %5 MiB resident")
                       .arg(name_)
                       .arg(last.loss, 0, 'g', 4)
                       .arg(loc.toString(last.samplesPerSecond, 'f', 0))
                       .arg(clock(last.etaSeconds))
                       .arg(loc.toString(last.memoryMiB, 'f', 0)));
  dirty_ = true;
}

void TrainingMonitor::addEpochs(const QList<EpochPoint>& epochs) {
  for (const EpochPoint& e : epochs) {
    epochX_ << static_cast<double>(e.epoch);
    epochTrain_ << e.trainLoss;
    epochVal_ << e.valLoss;
    epochAcc_ << e.valAccuracy;
    epochHasValidation_ << e.hasValidation;
    if (e.hasValidation) {
      valLoss_->addData(static_cast<double>(e.epoch * stepsPerEpoch_), e.valLoss);
      valAccuracy_->addData(static_cast<double>(e.epoch), e.valAccuracy);
      if (std::isfinite(e.valLoss)) {
        lossMax_ = std::max(lossMax_, e.valLoss);
        lossMin_ = std::min(lossMin_, e.valLoss);
      }
    }
  }
  dirty_ = true;
}

void TrainingMonitor::showRun(const RunCurvesView& run, qint64 stepsPerEpoch) {
  const qint64 total = run.step.isEmpty() ? 0 : static_cast<qint64>(run.step.last());
  beginRun(run.name, total, stepsPerEpoch);
  QList<StepPoint> steps;
  steps.reserve(run.step.size());
  for (int i = 0; i < run.step.size(); ++i) {
    StepPoint s;
    s.step = static_cast<qint64>(run.step[i]);
    s.loss = run.stepLoss.value(i);
    s.lr = run.stepLr.value(i);
    s.totalSteps = total;
    s.stepsPerEpoch = stepsPerEpoch;
    s.epoch = stepsPerEpoch > 0 ? (s.step + stepsPerEpoch - 1) / stepsPerEpoch : 0;
    steps << s;
  }
  addSteps(steps);
  QList<EpochPoint> epochs;
  for (int i = 0; i < run.epoch.size(); ++i) {
    EpochPoint e;
    e.epoch = static_cast<qint64>(run.epoch[i]);
    e.trainLoss = run.trainLoss.value(i);
    e.valLoss = run.valLoss.value(i);
    e.valAccuracy = run.valAccuracy.value(i);
    epochs << e;
  }
  addEpochs(epochs);
  status_->setText(tr("Run %1 (read from its run folder)").arg(run.name));
}

void TrainingMonitor::setOverlays(const QList<RunCurvesView>& runs) {
  for (QCPGraph* g : overlays_) g->parentPlot()->removeGraph(g);
  overlays_.clear();
  overlayMin_ = 1e300;  // the axes follow the overlays shown now, not the ones removed
  overlayMax_ = -1e300;
  overlaySteps_ = 0;
  int k = 0;
  for (const RunCurvesView& r : runs) {
    const QColor c = kOverlayColors[k++ % 5];
    // Smoothed step loss, validation accuracy per epoch.
    QCPGraph* loss = addGraph(loss_, c, 1.5, tr("%1: train loss (smoothed)").arg(r.name));
    Smoother smoother{alpha_};
    QVector<double> xs, ys;
    for (int i = 0; i < r.step.size(); ++i) {
      xs << r.step[i];
      ys << smoother.add(r.stepLoss.value(i));
    }
    loss->addData(xs, ys, true);
    overlays_ << loss;
    QCPGraph* acc = addGraph(metric_, c, 1.5, tr("%1").arg(r.name));
    acc->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 5));
    acc->addData(QVector<double>(r.epoch.begin(), r.epoch.end()), QVector<double>(r.valAccuracy.begin(), r.valAccuracy.end()), true);
    overlays_ << acc;
    for (double v : r.stepLoss)
      if (std::isfinite(v)) overlayMax_ = std::max(overlayMax_, v), overlayMin_ = std::min(overlayMin_, v);
    if (!r.step.isEmpty()) overlaySteps_ = std::max(overlaySteps_, r.step.last());
  }
  dirty_ = true;
}

void TrainingMonitor::setStatus(const QString& text) {
  status_->setText(text);
  if (progress_->value() >= progress_->maximum() || text.contains(tr("finished"))) progress_->setFormat(tr("done"));
}

QString TrainingMonitor::statusText() const { return status_->text(); }

QString TrainingMonitor::progressText() const { return progress_->format() + QStringLiteral(" | ") + status_->text(); }

void TrainingMonitor::updateRanges() {
  if (userZoomed_) return;
  // Running min/max instead of rescaleAxes(): no pass over 100,000 points per frame.
  const double xMax = std::max({static_cast<double>(totalSteps_), stepX_.isEmpty() ? 1.0 : stepX_.last(), overlaySteps_});
  loss_->xAxis->setRange(0, std::max(1.0, xMax));
  lr_->xAxis->setRange(0, std::max(1.0, xMax));
  const double lo = std::min(lossMin_, overlayMin_), hi = std::max(lossMax_, overlayMax_);
  if (hi >= lo) {
    const double pad = std::max(1e-3, (hi - lo) * 0.05);
    loss_->yAxis->setRange(std::max(0.0, lo - pad), hi + pad);
  }
  lr_->yAxis->setRange(0, std::max(1e-12, lrMax_ * 1.05));
  double epochs = stepsPerEpoch_ > 0 ? std::ceil(static_cast<double>(totalSteps_) / static_cast<double>(stepsPerEpoch_)) : 1.0;
  for (double e : epochX_) epochs = std::max(epochs, e);
  metric_->xAxis->setRange(0.5, std::max(1.5, epochs + 0.5));
  metric_->yAxis->setRange(0, 1.02);
}

void TrainingMonitor::flush() {
  if (!dirty_) return;
  dirty_ = false;
  updateRanges();
  ++redraws_;
  for (QCustomPlot* p : {loss_, metric_, lr_}) p->replot(QCustomPlot::rpQueuedReplot);
}

void TrainingMonitor::resetZoom() {
  userZoomed_ = false;
  dirty_ = true;
  flush();
}

double TrainingMonitor::replotNow() {
  updateRanges();
  QElapsedTimer t;
  t.start();
  for (QCustomPlot* p : {loss_, metric_, lr_}) p->replot(QCustomPlot::rpImmediateRefresh);
  return static_cast<double>(t.nsecsElapsed()) / 1e6;
}

bool TrainingMonitor::exportCsv(const QString& path, QString* error) const {
  QSaveFile f(path);  // the previous file stays until the new one is complete
  if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text)) {
    if (error) *error = tr("cannot write '%1': %2").arg(path, f.errorString());
    return false;
  }
  // Long format (series, x, y): one file for every curve, easy to pivot in any tool.
  QTextStream out(&f);
  out.setRealNumberPrecision(10);
  out << "series,x,y\n";
  for (int i = 0; i < stepX_.size(); ++i) out << "train_loss," << stepX_[i] << ',' << stepLoss_[i] << '\n';
  for (int i = 0; i < stepX_.size(); ++i) out << "train_loss_smoothed," << stepX_[i] << ',' << stepSmooth_[i] << '\n';
  for (int i = 0; i < stepX_.size(); ++i) out << "learning_rate," << stepX_[i] << ',' << stepLr_[i] << '\n';
  for (int i = 0; i < epochX_.size(); ++i) out << "epoch_train_loss," << epochX_[i] << ',' << epochTrain_[i] << '\n';
  for (int i = 0; i < epochX_.size(); ++i)
    if (epochHasValidation_.value(i)) out << "val_loss," << epochX_[i] << ',' << epochVal_[i] << '\n';
  for (int i = 0; i < epochX_.size(); ++i)
    if (epochHasValidation_.value(i)) out << "val_accuracy," << epochX_[i] << ',' << epochAcc_[i] << '\n';
  out.flush();
  if (f.error() != QFile::NoError || !f.commit()) {
    if (error) *error = tr("cannot write '%1': %2").arg(path, f.errorString());
    return false;
  }
  return true;
}

bool TrainingMonitor::exportPng(const QString& path, QString* error) {
  updateRanges();
  for (QCustomPlot* p : {loss_, metric_, lr_}) p->replot(QCustomPlot::rpImmediateRefresh);
  // Encoded in memory first: Qt's PNG writer, when the file fails under it (a full disk), leaks its row
  // buffer (found by LeakSanitizer) and only knows "Unknown error"; the file below knows why.
  QByteArray png;
  QBuffer buffer(&png);
  buffer.open(QIODevice::WriteOnly);
  QImageWriter writer(&buffer, "png");
  if (!writer.write(grab().toImage())) {
    if (error) *error = tr("cannot write '%1': %2").arg(path, writer.errorString());
    return false;
  }
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly)) {
    if (error) *error = tr("cannot write '%1': %2").arg(path, file.errorString());
    return false;
  }
  if (file.write(png) != png.size() || !file.commit()) {
    if (error) *error = tr("cannot write '%1': %2").arg(path, file.errorString());
    return false;
  }
  return true;
}

}  // namespace fusebench::widgets
