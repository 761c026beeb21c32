#include "dataset/sample_filter.h"

#include <algorithm>
#include <numeric>

#include "dataset/sample_table_model.h"

namespace fusebench::widgets {

SampleFilter::SampleFilter(QObject* parent) : QAbstractProxyModel(parent) {}

void SampleFilter::setSourceModel(QAbstractItemModel* model) {
  beginResetModel();
  if (sourceModel()) sourceModel()->disconnect(this);
  QAbstractProxyModel::setSourceModel(model);
  // The sample model only ever resets (a new dataset) or changes data; it never inserts or removes rows.
  connect(model, &QAbstractItemModel::modelAboutToBeReset, this, [this] { beginResetModel(); });
  connect(model, &QAbstractItemModel::modelReset, this, [this] {
    sortColumn_ = -1;
    chooseRows();
    endResetModel();
  });
  connect(model, &QAbstractItemModel::dataChanged, this, &SampleFilter::sourceDataChanged);
  connect(model, &QAbstractItemModel::headerDataChanged, this, &QAbstractItemModel::headerDataChanged);
  chooseRows();
  endResetModel();
}

void SampleFilter::setSplit(const QString& split) {
  if (split == split_) return;
  split_ = split;
  refilter();
}
void SampleFilter::setTargetClass(const QString& cls) {
  if (cls == class_) return;
  class_ = cls;
  refilter();
}
void SampleFilter::setProblemsOnly(bool on) {
  if (on == problemsOnly_) return;
  problemsOnly_ = on;
  refilter();
}
void SampleFilter::setSearchText(const QString& text) {
  if (text.trimmed() == search_) return;
  search_ = text.trimmed();
  refilter();
}

bool SampleFilter::accepts(int sourceRow) const {
  const QModelIndex i = sourceModel()->index(sourceRow, 0);
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

void SampleFilter::refilter() {
  if (!sourceModel()) return;
  beginResetModel();
  chooseRows();
  endResetModel();
}

void SampleFilter::chooseRows() {
  rows_.clear();
  for (int r = 0, n = sourceModel()->rowCount(); r < n; ++r)
    if (accepts(r)) rows_.push_back(r);
  orderRows();
  rebuildInverse();
}

void SampleFilter::orderRows() {
  if (sortColumn_ < 0) {
    std::sort(rows_.begin(), rows_.end());
    return;
  }
  // One key per row, read once: numbers compare as numbers, everything else as case-insensitive text.
  struct Key {
    bool number;
    double value;
    QString text;
  };
  std::vector<Key> keys(rows_.size());
  for (std::size_t k = 0; k < rows_.size(); ++k) {
    const QVariant v = sourceModel()->index(rows_[k], sortColumn_).data(Qt::DisplayRole);
    bool ok = false;
    const double d = v.toDouble(&ok);
    keys[k] = ok ? Key{true, d, {}} : Key{false, 0, v.toString()};
  }
  std::vector<std::size_t> order(rows_.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  const bool ascending = sortOrder_ == Qt::AscendingOrder;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const Key& x = ascending ? keys[a] : keys[b];
    const Key& y = ascending ? keys[b] : keys[a];
    if (x.number != y.number) return x.number;  // numbers before text
    return x.number ? x.value < y.value : x.text.compare(y.text, Qt::CaseInsensitive) < 0;
  });
  std::vector<int> sorted(rows_.size());
  for (std::size_t k = 0; k < order.size(); ++k) sorted[k] = rows_[order[k]];
  rows_.swap(sorted);
}

void SampleFilter::rebuildInverse() {
  proxyOfSource_.assign(sourceModel() ? static_cast<std::size_t>(sourceModel()->rowCount()) : 0, -1);
  for (std::size_t k = 0; k < rows_.size(); ++k) proxyOfSource_[static_cast<std::size_t>(rows_[k])] = static_cast<int>(k);
}

void SampleFilter::sort(int column, Qt::SortOrder order) {
  if (!sourceModel() || (column == sortColumn_ && order == sortOrder_)) return;
  Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
  const QModelIndexList before = persistentIndexList();
  QList<int> sourceRows;
  for (const QModelIndex& p : before) sourceRows << rows_.at(static_cast<std::size_t>(p.row()));
  sortColumn_ = column;
  sortOrder_ = order;
  orderRows();
  rebuildInverse();
  QModelIndexList after;
  for (qsizetype k = 0; k < before.size(); ++k)
    after << index(proxyOfSource_[static_cast<std::size_t>(sourceRows[k])], before[k].column());
  changePersistentIndexList(before, after);
  Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

void SampleFilter::sourceDataChanged(const QModelIndex& topLeft, const QModelIndex& bottomRight, const QList<int>& roles) {
  // New validation results can change which rows "only samples with problems" keeps.
  if (problemsOnly_ && (roles.isEmpty() || roles.contains(SampleTableModel::HasProblemsRole))) {
    refilter();
    return;
  }
  if (rows_.empty()) return;
  if (topLeft.row() == bottomRight.row()) {
    const int p = proxyOfSource_.at(static_cast<std::size_t>(topLeft.row()));
    if (p >= 0) Q_EMIT dataChanged(index(p, topLeft.column()), index(p, bottomRight.column()), roles);
    return;
  }
  Q_EMIT dataChanged(index(0, topLeft.column()), index(static_cast<int>(rows_.size()) - 1, bottomRight.column()), roles);
}

QModelIndex SampleFilter::mapToSource(const QModelIndex& proxy) const {
  if (!proxy.isValid() || !sourceModel() || proxy.row() >= static_cast<int>(rows_.size())) return {};
  return sourceModel()->index(rows_[static_cast<std::size_t>(proxy.row())], proxy.column());
}

QModelIndex SampleFilter::mapFromSource(const QModelIndex& source) const {
  if (!source.isValid() || source.row() >= static_cast<int>(proxyOfSource_.size())) return {};
  const int p = proxyOfSource_[static_cast<std::size_t>(source.row())];
  return p < 0 ? QModelIndex() : index(p, source.column());
}

QModelIndex SampleFilter::index(int row, int column, const QModelIndex& parent) const {
  if (parent.isValid() || row < 0 || column < 0 || row >= rowCount() || column >= columnCount()) return {};
  return createIndex(row, column);
}

int SampleFilter::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : static_cast<int>(rows_.size()); }

int SampleFilter::columnCount(const QModelIndex& parent) const {
  return parent.isValid() || !sourceModel() ? 0 : sourceModel()->columnCount();
}

}  // namespace fusebench::widgets
