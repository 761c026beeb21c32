#include "training/evaluation_panel.h"
#include "training/plot_style.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QAction>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <qcustomplot.h>

#include "dataset/thumbnail_loader.h"
#include "training/confusion_matrix_view.h"
#include "training/reliability_view.h"

namespace fusebench::widgets {

namespace {
constexpr int kThumb = 40;
QColor classColor(int k) { return QColor::fromHsv((k * 360 / 10 + (k / 10) * 17) % 360, 200, 200); }

// Shown with fixed decimals, sorted by value ("100" after "20").
class NumberItem : public QTableWidgetItem {
 public:
  NumberItem(double v, int decimals) : QTableWidgetItem(QString::number(v, 'f', decimals)) {
    setData(Qt::UserRole, v);
    setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
  }
  bool operator<(const QTableWidgetItem& other) const override {
    return data(Qt::UserRole).toDouble() < other.data(Qt::UserRole).toDouble();
  }
};

QTableWidgetItem* numberItem(double v, int decimals = 3) { return new NumberItem(v, decimals); }

constexpr int kMaxListed = 1000;  // samples listed for one cell, most confident first
}  // namespace

EvaluationPanel::EvaluationPanel(QWidget* parent) : QWidget(parent) {
  thumbnails_ = new ThumbnailLoader(kThumb, this);
  headline_ = new QLabel(tr("No evaluation yet: it appears after the first epoch, or evaluate a finished run."), this);
  headline_->setWordWrap(true);
  headline_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  split_ = new QComboBox(this);
  split_->addItem(tr("test split"), QStringLiteral("test"));
  split_->addItem(tr("validation split"), QStringLiteral("val"));
  split_->addItem(tr("training split"), QStringLiteral("train"));
  evaluate_ = new QPushButton(tr("Evaluate"), this);
  evaluate_->setToolTip(tr("Evaluate the selected run's best model on this split (per-sample results included)"));
  robustness_ = new QPushButton(tr("Modality robustness"), this);
  robustness_->setToolTip(tr("Evaluate again with each input modality missing, and show the drop"));
  connect(evaluate_, &QPushButton::clicked, this, [this] { Q_EMIT evaluateRequested(currentSplit()); });
  connect(robustness_, &QPushButton::clicked, this, [this] { Q_EMIT robustnessRequested(currentSplit()); });

  confusion_ = new ConfusionMatrixView(this);
  normalize_ = new QCheckBox(tr("Row-normalized"), this);
  connect(normalize_, &QCheckBox::toggled, confusion_, &ConfusionMatrixView::setNormalized);
  connect(confusion_, &ConfusionMatrixView::cellActivated, this, &EvaluationPanel::showCell);
  cellTitle_ = new QLabel(tr("Click a cell to list its samples."), this);
  cellTitle_->setWordWrap(true);
  samples_ = new QTableWidget(this);
  samples_->setColumnCount(5);
  samples_->setHorizontalHeaderLabels({tr("Sample"), tr("Confidence"), tr("True → predicted"), tr("Top classes"), tr("Text / audio")});
  samples_->verticalHeader()->hide();
  samples_->verticalHeader()->setDefaultSectionSize(kThumb + 4);
  samples_->setIconSize(QSize(kThumb, kThumb));
  samples_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  samples_->setSelectionBehavior(QAbstractItemView::SelectRows);
  samples_->horizontalHeader()->setStretchLastSection(true);
  connect(samples_, &QTableWidget::cellDoubleClicked, this, [this](int row, int) {
    Q_EMIT sampleActivated(samples_->item(row, 0)->data(Qt::UserRole).toInt(), false);
  });
  // Right-click a sample: explain why the model predicted what it did.
  samples_->setContextMenuPolicy(Qt::ActionsContextMenu);
  auto* explain = new QAction(tr("Explain This Prediction"), samples_);
  connect(explain, &QAction::triggered, this, [this] {
    const int row = samples_->currentRow();
    if (row >= 0 && samples_->item(row, 0)) Q_EMIT explainRequested(samples_->item(row, 0)->data(Qt::UserRole).toInt());
  });
  samples_->addAction(explain);
  auto* open = new QAction(tr("Show in Dataset Browser"), samples_);
  connect(open, &QAction::triggered, this, [this] {
    const int row = samples_->currentRow();
    if (row >= 0 && samples_->item(row, 0)) Q_EMIT sampleActivated(samples_->item(row, 0)->data(Qt::UserRole).toInt(), false);
  });
  samples_->addAction(open);
  connect(samples_, &QTableWidget::cellClicked, this, [this](int row, int column) {
    if (column == 4 && audioColumn_ >= 0) Q_EMIT sampleActivated(samples_->item(row, 0)->data(Qt::UserRole).toInt(), true);
  });
  connect(thumbnails_, &ThumbnailLoader::thumbnailReady, this, [this](const QString& path) {
    const QImage thumb = thumbnails_->thumbnail(path);
    for (auto it = rowsOfPath_.constFind(path); it != rowsOfPath_.constEnd() && it.key() == path; ++it)
      if (QTableWidgetItem* item = samples_->item(*it, 0)) item->setIcon(QPixmap::fromImage(thumb));
  });

  auto* confusionPage = new QWidget(this);
  auto* cl = new QVBoxLayout(confusionPage);
  cl->addWidget(normalize_);
  auto* cellSplit = new QSplitter(Qt::Horizontal, confusionPage);
  cellSplit->addWidget(confusion_);
  auto* listBox = new QWidget(cellSplit);
  auto* ll = new QVBoxLayout(listBox);
  ll->setContentsMargins(0, 0, 0, 0);
  ll->addWidget(cellTitle_);
  ll->addWidget(samples_, 1);
  cellSplit->addWidget(listBox);
  cellSplit->setStretchFactor(0, 2);
  cellSplit->setStretchFactor(1, 3);
  cl->addWidget(cellSplit, 1);

  classTable_ = new QTableWidget(this);
  classTable_->setColumnCount(6);
  classTable_->setHorizontalHeaderLabels({tr("Class"), tr("Precision"), tr("Recall"), tr("F1"), tr("Support"), tr("ROC AUC")});
  classTable_->verticalHeader()->hide();
  classTable_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  classTable_->setSortingEnabled(true);
  classTable_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);

  auto makeCurvePlot = [this](const QString& x, const QString& y) {
    auto* p = new QCustomPlot(this);
    stylePlot(p);
    p->xAxis->setLabel(x);
    p->yAxis->setLabel(y);
    p->xAxis->setRange(0, 1);
    p->yAxis->setRange(0, 1.02);
    p->legend->setVisible(true);
    p->legend->setFont(QFont(font().family(), 7));
    p->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    return p;
  };
  roc_ = makeCurvePlot(tr("false positive rate"), tr("true positive rate"));
  pr_ = makeCurvePlot(tr("recall"), tr("precision"));
  curveClass_ = new QComboBox(this);
  connect(curveClass_, &QComboBox::currentIndexChanged, this, [this] { fillCurves(); });
  auto* curvesPage = new QWidget(this);
  auto* cv = new QVBoxLayout(curvesPage);
  cv->addWidget(curveClass_);
  auto* plots = new QHBoxLayout;
  plots->addWidget(roc_);
  plots->addWidget(pr_);
  cv->addLayout(plots, 1);

  robustnessPlot_ = new QCustomPlot(this);
  stylePlot(robustnessPlot_);
  robustnessPlot_->yAxis->setLabel(tr("accuracy"));
  robustnessText_ = new QLabel(tr("Press “Modality robustness” to evaluate the model with each modality missing."), this);
  robustnessText_->setWordWrap(true);
  auto* robustPage = new QWidget(this);
  auto* rv = new QVBoxLayout(robustPage);
  rv->addWidget(robustnessText_);
  rv->addWidget(robustnessPlot_, 1);

  tabs_ = new QTabWidget(this);
  tabs_->addTab(confusionPage, tr("Confusion matrix"));
  tabs_->addTab(classTable_, tr("Per class"));
  tabs_->addTab(curvesPage, tr("ROC / PR"));
  tabs_->addTab(robustPage, tr("Modality robustness"));
  reliability_ = new ReliabilityView(this);
  tabs_->addTab(reliability_, tr("Calibration"));

  auto* bar = new QHBoxLayout;
  bar->addWidget(split_);
  bar->addWidget(evaluate_);
  bar->addWidget(robustness_);
  bar->addStretch(1);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addLayout(bar);
  layout->addWidget(headline_);
  layout->addWidget(tabs_, 1);
}

QString EvaluationPanel::currentSplit() const { return split_->currentData().toString(); }

void EvaluationPanel::setDataset(const BrowserDataset& dataset, std::shared_ptr<const SampleMediaSource> source) {
  dataset_ = dataset;
  thumbnails_->setSource(std::move(source));
  imageColumn_ = audioColumn_ = textColumn_ = -1;
  for (int c = 0; c < dataset_.columns.size(); ++c) {
    const auto kind = dataset_.columns[c].kind;
    if (kind == BrowserColumn::Kind::Image && imageColumn_ < 0) imageColumn_ = c;
    if (kind == BrowserColumn::Kind::Audio && audioColumn_ < 0) audioColumn_ = c;
    if (kind == BrowserColumn::Kind::Text && textColumn_ < 0) textColumn_ = c;
  }
}

void EvaluationPanel::setBusy(const QString& message) { headline_->setText(message); }

QString EvaluationPanel::headline() const { return headline_->text(); }

void EvaluationPanel::setEvaluation(const EvaluationView& e) {
  evaluation_ = e;
  if (!e.valid) {
    headline_->setText(e.error.isEmpty() ? tr("No evaluation.") : tr("<span style='color:#c62828'>%1</span>").arg(e.error.toHtmlEscaped()));
    // Nothing of an earlier evaluation may stay on screen.
    confusion_->setMatrix({}, {});
    classTable_->setRowCount(0);
    samples_->setRowCount(0);
    curveClass_->clear();
    roc_->clearPlottables();
    roc_->replot();
    pr_->clearPlottables();
    pr_->replot();
    setRobustness({});
    robustnessText_->clear();
    reliability_->setCalibration({});
    return;
  }
  QString text = tr("<b>%1</b> · accuracy <b>%2</b> · macro F1 %3 · weighted F1 %4 · macro ROC AUC %5 · %6 samples")
                     .arg(e.title.toHtmlEscaped())
                     .arg(e.accuracy, 0, 'f', 4)
                     .arg(e.macroF1, 0, 'f', 3)
                     .arg(e.weightedF1, 0, 'f', 3)
                     .arg(e.macroRocAuc, 0, 'f', 3)
                     .arg(e.samples);
  if (e.skipped > 0) text += tr(" · <span style='color:#c62828'>%n skipped (unreadable)</span>", nullptr, static_cast<int>(e.skipped));
  headline_->setText(text);
  confusion_->setMatrix(e.classes, e.confusion);
  reliability_->setCalibration(e.calibration);
  samples_->setRowCount(0);
  cellTitle_->setText(e.predictions.isEmpty() ? tr("Per-epoch evaluations keep no per-sample results: press Evaluate to list a cell's samples.")
                                              : tr("Click a cell to list its samples."));
  fillClassTable();
  {
    const QSignalBlocker block(curveClass_);
    curveClass_->clear();
    curveClass_->addItem(tr("All classes"), -1);
    for (int k = 0; k < e.classes.size(); ++k) curveClass_->addItem(e.classes[k], k);
  }
  fillCurves();
}

void EvaluationPanel::fillClassTable() {
  const EvaluationView& e = evaluation_;
  classTable_->setSortingEnabled(false);
  classTable_->setRowCount(static_cast<int>(e.perClass.size()) + 2);
  int r = 0;
  for (const ClassMetricsView& c : e.perClass) {
    classTable_->setItem(r, 0, new QTableWidgetItem(c.name));
    classTable_->setItem(r, 1, numberItem(c.precision));
    classTable_->setItem(r, 2, numberItem(c.recall));
    classTable_->setItem(r, 3, numberItem(c.f1));
    classTable_->setItem(r, 4, numberItem(static_cast<double>(c.support), 0));
    classTable_->setItem(r, 5, c.roc.valid ? numberItem(c.roc.auc) : new QTableWidgetItem(tr("n/a")));
    ++r;
  }
  auto summary = [&](const QString& name, double p, double rc, double f1, double auc) {
    auto* item = new QTableWidgetItem(name);
    QFont bold = item->font();
    bold.setBold(true);
    item->setFont(bold);
    classTable_->setItem(r, 0, item);
    classTable_->setItem(r, 1, numberItem(p));
    classTable_->setItem(r, 2, numberItem(rc));
    classTable_->setItem(r, 3, numberItem(f1));
    classTable_->setItem(r, 4, numberItem(static_cast<double>(e.samples), 0));
    classTable_->setItem(r, 5, auc >= 0 ? numberItem(auc) : new QTableWidgetItem());
    ++r;
  };
  summary(tr("macro average"), e.macroPrecision, e.macroRecall, e.macroF1, e.macroRocAuc);
  summary(tr("weighted average"), e.weightedPrecision, e.weightedRecall, e.weightedF1, -1);
  classTable_->setSortingEnabled(true);
}

void EvaluationPanel::fillCurves() {
  roc_->clearPlottables();
  pr_->clearPlottables();
  const int only = curveClass_->currentData().toInt();
  for (int k = 0; k < evaluation_.perClass.size(); ++k) {
    if (only >= 0 && k != only) continue;
    const ClassMetricsView& c = evaluation_.perClass[k];
    if (!c.roc.valid) continue;
    QCPGraph* g = roc_->addGraph();
    g->setPen(QPen(classColor(k), only >= 0 ? 2 : 1.2));
    g->setName(QStringLiteral("%1 (AUC %2)").arg(c.name).arg(c.roc.auc, 0, 'f', 3));
    g->setData(QVector<double>(c.roc.x.begin(), c.roc.x.end()), QVector<double>(c.roc.y.begin(), c.roc.y.end()), true);
    if (c.pr.valid) {
      QCPCurve* p = new QCPCurve(pr_->xAxis, pr_->yAxis);  // recall is not monotonic in threshold order
      p->setPen(QPen(classColor(k), only >= 0 ? 2 : 1.2));
      p->setName(QStringLiteral("%1 (AP %2)").arg(c.name).arg(c.pr.auc, 0, 'f', 3));
      p->setData(QVector<double>(c.pr.x.begin(), c.pr.x.end()), QVector<double>(c.pr.y.begin(), c.pr.y.end()));
    }
  }
  // The chance diagonal.
  QCPGraph* chance = roc_->addGraph();
  chance->setPen(QPen(Qt::gray, 1, Qt::DashLine));
  chance->setData({0, 1}, {0, 1});
  chance->removeFromLegend();
  roc_->replot();
  pr_->replot();
}

void EvaluationPanel::showCell(int t, int p) {
  const EvaluationView& e = evaluation_;
  if (t < 0 || p < 0 || t >= e.classes.size() || p >= e.classes.size()) return;
  QList<const SamplePredictionView*> cell;
  for (const SamplePredictionView& s : e.predictions)
    if (s.label == t && s.predicted == p) cell << &s;
  // Most confident first: confident mistakes are the ones to look at.
  std::sort(cell.begin(), cell.end(), [](auto* a, auto* b) { return a->confidence() > b->confidence(); });
  cellTitle_->setText(tr("<b>%1</b> predicted as <b>%2</b>: %n sample(s), most confident first. Double-click opens the sample; click the last column to play its audio.",
                         nullptr, static_cast<int>(cell.size()))
                          .arg(e.classes[t].toHtmlEscaped(), e.classes[p].toHtmlEscaped()));
  if (e.predictions.isEmpty())
    cellTitle_->setText(tr("This evaluation has no per-sample results (per-epoch). Press Evaluate to list the samples."));
  const qsizetype total = cell.size();
  if (cell.size() > kMaxListed) {
    cell.resize(kMaxListed);
    cellTitle_->setText(cellTitle_->text() + tr(" Listing the %1 most confident of %2.").arg(kMaxListed).arg(total));
  }
  rowsOfPath_.clear();
  samples_->setRowCount(static_cast<int>(cell.size()));
  for (int r = 0; r < cell.size(); ++r) {
    const SamplePredictionView& s = *cell[r];
    auto* id = new QTableWidgetItem(s.id);
    id->setData(Qt::UserRole, s.sample);
    const BrowserSample sampleView = dataset_.sample(s.sample);  // empty when out of range
    const BrowserSample* bs = s.sample >= 0 && s.sample < dataset_.size() ? &sampleView : nullptr;
    if (bs && imageColumn_ >= 0 && !bs->values.value(imageColumn_).isEmpty())
      rowsOfPath_.insert(bs->values.value(imageColumn_), r);
    samples_->setItem(r, 0, id);
    samples_->setItem(r, 1, numberItem(s.confidence()));
    samples_->setItem(r, 2, new QTableWidgetItem(e.classes.value(s.label) + QStringLiteral(" → ") + e.classes.value(s.predicted)));
    QList<int> order;
    for (int k = 0; k < s.probabilities.size(); ++k) order << k;
    std::sort(order.begin(), order.end(), [&](int a, int b) { return s.probabilities[a] > s.probabilities[b]; });
    QStringList top;
    for (int k = 0; k < std::min<int>(3, static_cast<int>(order.size())); ++k)
      top << QStringLiteral("%1 %2").arg(e.classes.value(order[k])).arg(s.probabilities[order[k]], 0, 'f', 2);
    samples_->setItem(r, 3, new QTableWidgetItem(top.join(QStringLiteral(", "))));
    QString extra;
    if (bs && audioColumn_ >= 0 && !bs->values.value(audioColumn_).isEmpty()) extra = QStringLiteral("\u25B6 ");
    if (bs && textColumn_ >= 0) extra += bs->values.value(textColumn_).isEmpty() ? tr("(no text)") : bs->values.value(textColumn_);
    samples_->setItem(r, 4, new QTableWidgetItem(extra));
  }
  // Thumbnails last row first: the loader serves its newest requests first (and drops its oldest past a
  // few hundred), so the most confident rows, at the top, come first and are never dropped.
  for (int r = static_cast<int>(cell.size()) - 1; r >= 0; --r) {
    const int sample = cell[r]->sample;
    if (sample < 0 || sample >= dataset_.size() || imageColumn_ < 0) continue;
    const QImage thumb = thumbnails_->thumbnail(dataset_.rows->value(sample, imageColumn_));
    if (!thumb.isNull()) samples_->item(r, 0)->setIcon(QPixmap::fromImage(thumb));
  }
  samples_->resizeColumnsToContents();
}

void EvaluationPanel::setRobustnessMessage(const QString& message) { robustnessText_->setText(message.toHtmlEscaped()); }

QString EvaluationPanel::robustnessText() const { return robustnessText_->text(); }

void EvaluationPanel::setRobustness(const RobustnessView& r) {
  robustnessPlot_->clearPlottables();
  if (!r.error.isEmpty()) {
    robustnessText_->setText(tr("<span style='color:#c62828'>%1</span>").arg(r.error.toHtmlEscaped()));
    robustnessPlot_->replot();
    return;
  }
  const bool accuracy = r.metric == QLatin1String("accuracy");
  QString text = tr("%1 with every modality: <b>%2</b>. With one modality missing (masked, as at inference without it):")
                     .arg(accuracy ? tr("Accuracy") : tr("RMSE"))
                     .arg(r.baseline, 0, 'f', 4);
  auto* bars = new QCPBars(robustnessPlot_->xAxis, robustnessPlot_->yAxis);
  bars->setName(accuracy ? tr("accuracy drop") : tr("RMSE increase"));
  bars->setBrush(QColor(0xC6, 0x28, 0x28, 170));
  bars->setPen(Qt::NoPen);
  QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
  double maxDrop = 0.01;
  for (int i = 0; i < r.modalities.size(); ++i) {
    const double drop = accuracy ? r.baseline - r.scores.value(i) : r.scores.value(i) - r.baseline;
    bars->addData(i + 1, drop);
    ticker->addTick(i + 1, r.modalities[i]);
    maxDrop = std::max(maxDrop, drop);
    text += tr("<br>&nbsp;&nbsp;without <b>%1</b>: %2 (%3 %4)")
                .arg(r.modalities[i].toHtmlEscaped())
                .arg(r.scores.value(i), 0, 'f', 4)
                .arg(drop >= 0 ? QStringLiteral("−") : QStringLiteral("+"))
                .arg(std::abs(drop), 0, 'f', 4);
  }
  robustnessText_->setText(text);
  robustnessPlot_->xAxis->setTicker(ticker);
  robustnessPlot_->xAxis->setRange(0.4, r.modalities.size() + 0.6);
  robustnessPlot_->yAxis->setLabel(accuracy ? tr("accuracy drop when missing") : tr("RMSE increase when missing"));
  robustnessPlot_->yAxis->setRange(std::min(0.0, -0.05 * maxDrop), maxDrop * 1.15);
  robustnessPlot_->replot();
}

}  // namespace fusebench::widgets
