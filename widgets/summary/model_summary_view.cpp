#include "summary/model_summary_view.h"

#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "style/category_colors.h"

namespace fusebench::widgets {
namespace {

QIcon categoryIcon(const QString& category) {
  QPixmap pm(12, 12);
  pm.fill(Qt::transparent);
  QPainter p(&pm);
  p.setRenderHint(QPainter::Antialiasing);
  p.setBrush(categoryColor(category));
  p.setPen(Qt::NoPen);
  p.drawRoundedRect(QRectF(0, 0, 12, 12), 3, 3);
  return QIcon(pm);
}

enum Column { kNode, kType, kOutputs, kParameters };

}  // namespace

ModelSummaryView::ModelSummaryView(QWidget* parent) : QWidget(parent) {
  tree_ = new QTreeWidget(this);
  tree_->setColumnCount(4);
  tree_->setHeaderLabels({tr("Node"), tr("Type"), tr("Output shapes"), tr("Parameters")});
  tree_->setRootIsDecorated(false);
  tree_->setAlternatingRowColors(true);
  tree_->setUniformRowHeights(false);
  tree_->header()->setSectionResizeMode(kOutputs, QHeaderView::Stretch);
  tree_->header()->setStretchLastSection(false);
  total_ = new QLabel(this);
  total_->setObjectName(QStringLiteral("totalParameters"));
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(tree_);
  layout->addWidget(total_);
  connect(tree_, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
    if (item) Q_EMIT nodeSelected(item->data(kNode, Qt::UserRole).toString());
  });
}

void ModelSummaryView::setSummary(const SummaryData& data) {
  tree_->clear();
  const QLocale locale;
  for (const auto& n : data.nodes) {
    auto* item = new QTreeWidgetItem(tree_);
    item->setData(kNode, Qt::UserRole, n.id);
    item->setText(kNode, n.id);
    item->setIcon(kNode, categoryIcon(n.category));
    item->setText(kType, n.title.isEmpty() ? n.type : n.title);
    item->setToolTip(kType, n.type + QStringLiteral(" — ") + n.category);
    QStringList outs;
    // "features [64]" rather than "features: features [64]" when the port is named after its kind.
    for (const auto& [port, shape] : n.outputs)
      outs << (shape.startsWith(port + QLatin1Char(' ')) ? shape : port + QStringLiteral(": ") + shape);
    item->setText(kOutputs, outs.join(QLatin1Char('\n')));
    item->setText(kParameters, n.parameters < 0 ? QStringLiteral("–") : locale.toString(n.parameters));
    item->setTextAlignment(kParameters, Qt::AlignRight | Qt::AlignVCenter);
    if (n.hasErrors) {
      QStringList messages;
      for (const auto& p : data.problems)
        if (p.node == n.id) messages << p.message;
      for (int c = 0; c < 4; ++c) {
        item->setForeground(c, QColor(0xc6, 0x28, 0x28));
        item->setToolTip(c, messages.join(QLatin1Char('\n')));
      }
    }
  }
  for (int c : {kNode, kType, kParameters}) tree_->resizeColumnToContents(c);
  total_->setText(data.totalParameters < 0
                      ? tr("Total parameters: – (fix the problems to compile the model)")
                      : tr("Total parameters: %1").arg(locale.toString(data.totalParameters)));
}

void ModelSummaryView::selectNode(const QString& id) {
  for (int i = 0; i < tree_->topLevelItemCount(); ++i) {
    auto* item = tree_->topLevelItem(i);
    if (item->data(kNode, Qt::UserRole).toString() == id) {
      tree_->setCurrentItem(item);
      tree_->scrollToItem(item);
      return;
    }
  }
}

QString ModelSummaryView::selectedNode() const {
  auto* item = tree_->currentItem();
  return item ? item->data(kNode, Qt::UserRole).toString() : QString();
}

int ModelSummaryView::rowCount() const { return tree_->topLevelItemCount(); }

QString ModelSummaryView::totalText() const { return total_->text(); }

}  // namespace fusebench::widgets
