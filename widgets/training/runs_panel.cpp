#include "training/runs_panel.h"

#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace fusebench::widgets {

namespace {
QString duration(double s) {
  const auto t = static_cast<qint64>(s);
  if (t >= 3600) return RunsPanel::tr("%1 h %2 min").arg(t / 3600).arg(t / 60 % 60);
  if (t >= 60) return RunsPanel::tr("%1 min %2 s").arg(t / 60).arg(t % 60);
  return RunsPanel::tr("%1 s").arg(s, 0, 'f', 1);
}
// status.json's state is a keyword; the reader sees it in their language.
QString stateTitle(const QString& state) {
  if (state == QLatin1String("finished")) return RunsPanel::tr("finished", "run state");
  if (state == QLatin1String("running")) return RunsPanel::tr("running", "run state");
  if (state == QLatin1String("failed")) return RunsPanel::tr("failed", "run state");
  if (state == QLatin1String("stopped")) return RunsPanel::tr("stopped", "run state");
  if (state == QLatin1String("interrupted")) return RunsPanel::tr("interrupted", "run state");
  if (state == QLatin1String("unknown")) return RunsPanel::tr("unknown", "run state");
  return state;
}
QColor stateColor(const QString& state) {
  if (state == QLatin1String("finished")) return QColor(0x2E, 0x7D, 0x32);
  if (state == QLatin1String("running")) return QColor(0x1F, 0x6F, 0xC9);
  if (state == QLatin1String("failed") || state == QLatin1String("interrupted")) return QColor(0xC6, 0x28, 0x28);
  return QColor(0xB2, 0x6A, 0x00);
}
// "epoch 12 (val_accuracy 0.9125, loss 0.231)", with the rule that chose it as the tooltip.
void setBestCheckpoint(QTreeWidgetItem* item, int column, const RunSummaryView& r) {
  if (r.bestEpoch <= 0) {
    item->setText(column, QStringLiteral("–"));
    return;
  }
  QString text = RunsPanel::tr("epoch %1").arg(r.bestEpoch);
  if (r.bestMetric == QLatin1String("val_loss")) text += QStringLiteral(" (val_loss %1)").arg(r.bestValue, 0, 'g', 4);
  else
    text += QStringLiteral(" (%1 %2, val_loss %3)").arg(r.bestMetric).arg(r.bestValue, 0, 'g', 4).arg(r.bestValLoss, 0, 'g', 4);
  item->setText(column, text);
  QString rule;
  if (r.bestMetric == QLatin1String("val_loss")) rule = RunsPanel::tr("The weights kept for the model: the epoch with the lowest val_loss.");
  else if (r.bestHigherIsBetter)
    rule = RunsPanel::tr("The weights kept for the model: the epoch with the highest %1; ties broken by the lower val_loss.").arg(r.bestMetric);
  else
    rule = RunsPanel::tr("The weights kept for the model: the epoch with the lowest %1; ties broken by the lower val_loss.").arg(r.bestMetric);
  item->setToolTip(column, rule);
}

}  // namespace

RunsPanel::RunsPanel(QWidget* parent) : QWidget(parent) {
  message_ = new QLabel(this);
  message_->setWordWrap(true);
  message_->hide();
  tree_ = new QTreeWidget(this);
  tree_->setRootIsDecorated(false);
  tree_->setSelectionMode(QAbstractItemView::ExtendedSelection);
  tree_->setHeaderLabels({tr("Run"), tr("Status"), tr("Best val acc."), tr("Test acc."), tr("Best checkpoint"), tr("Epochs"), tr("Duration"),
                          tr("Changes from the run before")});
  tree_->header()->setStretchLastSection(true);
  tree_->setContextMenuPolicy(Qt::CustomContextMenu);
  connect(tree_, &QTreeWidget::itemSelectionChanged, this, [this] { Q_EMIT selectionChanged(selectedRuns()); });
  connect(tree_, &QTreeWidget::customContextMenuRequested, this, [this](const QPoint& pos) {
    QTreeWidgetItem* item = tree_->itemAt(pos);
    if (!item || !item->data(0, Qt::UserRole + 1).toBool()) return;
    QMenu menu(this);
    const QString dir = item->data(0, Qt::UserRole).toString();
    menu.addAction(tr("Resume this run"), this, [this, dir] { Q_EMIT resumeRequested(dir); });
    menu.exec(tree_->viewport()->mapToGlobal(pos));
  });
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addWidget(message_);
  layout->addWidget(tree_, 1);
}

void RunsPanel::setMessage(const QString& message) {
  message_->setText(message);
  message_->setVisible(!message.isEmpty());
}

void RunsPanel::setRuns(const QList<RunSummaryView>& runs) {
  const QStringList selected = selectedRuns();
  const QSignalBlocker block(tree_);
  tree_->clear();
  for (int i = static_cast<int>(runs.size()) - 1; i >= 0; --i) {
    const RunSummaryView& r = runs[i];
    auto* item = new QTreeWidgetItem(tree_);
    item->setText(0, r.name);
    item->setToolTip(0, r.dir);
    item->setData(0, Qt::UserRole, r.dir);
    item->setData(0, Qt::UserRole + 1, r.resumable);
    QString state = stateTitle(r.state);
    if (r.resumable && r.state != QLatin1String("running")) state += tr(" (resumable)");
    item->setText(1, state);
    item->setForeground(1, stateColor(r.state));
    if (!r.error.isEmpty()) item->setToolTip(1, r.error);
    item->setText(2, r.bestValAccuracy >= 0 ? QString::number(r.bestValAccuracy, 'f', 4) : QStringLiteral("–"));
    item->setText(3, r.testAccuracy >= 0 ? QString::number(r.testAccuracy, 'f', 4) : QStringLiteral("–"));
    setBestCheckpoint(item, 4, r);
    item->setText(5, QStringLiteral("%1 / %2").arg(r.epochsRun).arg(r.epochs));
    item->setText(6, r.seconds > 0 ? duration(r.seconds) : QStringLiteral("–"));
    item->setText(7, i == 0 ? tr("(first run)") : r.changes.isEmpty() ? tr("(same configuration)") : r.changes.join(QStringLiteral("; ")));
    item->setToolTip(7, r.changes.join(QLatin1Char('\n')));
    if (selected.contains(r.dir)) item->setSelected(true);
  }
  for (int c = 0; c < 7; ++c) tree_->resizeColumnToContents(c);
  setMessage(runs.isEmpty() ? tr("No runs yet. Training writes each run to runs/ beside the project file.") : QString());
}

void RunsPanel::selectRun(const QString& dir) {
  const QSignalBlocker block(tree_);  // a programmatic selection: the caller shows the run itself
  tree_->clearSelection();
  for (int i = 0; i < tree_->topLevelItemCount(); ++i) {
    QTreeWidgetItem* item = tree_->topLevelItem(i);
    if (item->data(0, Qt::UserRole).toString() == dir) {
      item->setSelected(true);
      tree_->setCurrentItem(item);
    }
  }
}

QStringList RunsPanel::selectedRuns() const {
  QStringList dirs;
  for (QTreeWidgetItem* item : tree_->selectedItems()) dirs << item->data(0, Qt::UserRole).toString();
  return dirs;
}

int RunsPanel::count() const { return tree_->topLevelItemCount(); }

}  // namespace fusebench::widgets
