#include "dataset/sample_filter.h"

#include "dataset/sample_table_model.h"

namespace fusebench::widgets {

SampleFilter::SampleFilter(QObject* parent) : QSortFilterProxyModel(parent) {}

void SampleFilter::setSplit(const QString& split) {
  if (split == split_) return;
  split_ = split;
  invalidateFilter();
}
void SampleFilter::setTargetClass(const QString& cls) {
  if (cls == class_) return;
  class_ = cls;
  invalidateFilter();
}
void SampleFilter::setProblemsOnly(bool on) {
  if (on == problemsOnly_) return;
  problemsOnly_ = on;
  invalidateFilter();
}
void SampleFilter::setSearchText(const QString& text) {
  if (text.trimmed() == search_) return;
  search_ = text.trimmed();
  invalidateFilter();
}

bool SampleFilter::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const {
  const QModelIndex i = sourceModel()->index(sourceRow, 0, sourceParent);
  if (!split_.isEmpty() && i.data(SampleTableModel::SplitRole).toString() != split_) return false;
  if (problemsOnly_ && !i.data(SampleTableModel::HasProblemsRole).toBool()) return false;
  if (!class_.isEmpty()) {
    const QString target = i.data(SampleTableModel::TargetRole).toString();
    if (target != class_ && !target.split(separator_).contains(class_)) return false;
  }
  if (!search_.isEmpty() && !i.data(SampleTableModel::SearchTextRole).toString().contains(search_, Qt::CaseInsensitive))
    return false;
  return true;
}

}  // namespace fusebench::widgets
