#include "problems/problems_panel.h"

#include <QListWidget>
#include <QStyle>
#include <QVBoxLayout>

namespace fusebench::widgets {

ProblemsPanel::ProblemsPanel(QWidget* parent) : QWidget(parent) {
  list_ = new QListWidget(this);
  list_->setWordWrap(true);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(list_);
  connect(list_, &QListWidget::itemClicked, this, [this](QListWidgetItem* item) { activate(list_->row(item)); });
  connect(list_, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) { activate(list_->row(item)); });
}

void ProblemsPanel::setProblems(const QList<Problem>& problems) {
  list_->clear();
  problemCount_ = static_cast<int>(problems.size());
  const QIcon error = style()->standardIcon(QStyle::SP_MessageBoxCritical);
  const QIcon ok = style()->standardIcon(QStyle::SP_DialogApplyButton);
  for (const auto& p : problems) {
    auto* item = new QListWidgetItem(error, p.message, list_);
    item->setData(Qt::UserRole, p.node);
    item->setToolTip(p.node.isEmpty() ? p.message : tr("Click to select node '%1'").arg(p.node));
  }
  if (problems.isEmpty()) {
    auto* item = new QListWidgetItem(ok, tr("No problems: the graph is valid."), list_);
    item->setFlags(Qt::ItemIsEnabled);
  }
}

int ProblemsPanel::count() const { return problemCount_; }

QString ProblemsPanel::textAt(int row) const { return list_->item(row) ? list_->item(row)->text() : QString(); }

void ProblemsPanel::activate(int row) {
  auto* item = list_->item(row);
  if (!item) return;
  const QString node = item->data(Qt::UserRole).toString();
  if (!node.isEmpty()) Q_EMIT nodeActivated(node);
}

}  // namespace fusebench::widgets
