#include "dataset/dataset_info_panel.h"

#include "dataset/dataset_terms.h"

#include <QHeaderView>
#include <QLabel>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace fusebench::widgets {

DatasetInfoPanel::DatasetInfoPanel(QWidget* parent) : QWidget(parent) {
  headline_ = new QLabel(this);
  headline_->setWordWrap(true);
  headline_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  details_ = new QLabel(this);
  details_->setWordWrap(true);
  details_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  columns_ = new QTreeWidget(this);
  columns_->setHeaderLabels({tr("Column"), tr("Role"), tr("Present")});
  columns_->setRootIsDecorated(false);
  columns_->header()->setStretchLastSection(true);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(6, 6, 6, 6);
  layout->addWidget(headline_);
  layout->addWidget(details_);
  layout->addWidget(columns_, 1);
  layout->addStretch(0);  // keeps the labels at the top when the column list is hidden
  headline_->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
  details_->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
}

void DatasetInfoPanel::setInfo(const DatasetInfo& info) {
  columns_->clear();
  if (!info.configured) {
    headline_->setText(tr("<b>No dataset</b>"));
    details_->setText(tr("This project does not name a dataset folder yet."));
    columns_->hide();
    return;
  }
  if (!info.available) {
    headline_->setText(tr("<b>Dataset not available</b>"));
    details_->setText(info.problem.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>")));
    columns_->hide();
    return;
  }
  columns_->show();
  headline_->setText(tr("<b>%1</b> — %2 samples").arg(info.name.toHtmlEscaped()).arg(info.samples));
  QStringList splits;
  for (const auto& [name, n] : info.splits) splits << QStringLiteral("%1 %2").arg(splitTitle(name)).arg(n);
  QString text = tr("Splits: %1<br>Classes (%2): %3<br><span style='color:gray'>%4</span>")
                     .arg(splits.join(QStringLiteral(" · ")))
                     .arg(info.classes.size())
                     .arg(info.classes.join(QStringLiteral(", ")).toHtmlEscaped())
                     .arg(info.path.toHtmlEscaped());
  details_->setText(text);
  details_->setToolTip(info.provenance);
  for (const auto& c : info.columns) {
    auto* item = new QTreeWidgetItem(columns_);
    item->setText(0, c.name);
    item->setText(1, roleTitle(c.role));
    const double pct = info.samples ? 100.0 * c.present / info.samples : 0.0;
    item->setText(2, QStringLiteral("%1 (%2%)").arg(c.present).arg(pct, 0, 'f', 1));
  }
  columns_->resizeColumnToContents(0);
}

QString DatasetInfoPanel::headline() const { return headline_->text(); }

int DatasetInfoPanel::columnRows() const { return columns_->topLevelItemCount(); }

}  // namespace fusebench::widgets
