#pragma once
// Filters the sample table by split, class, "has problems" and a search text (id or any text value), and
// sorts it by a column.
//
// Not a QSortFilterProxyModel: that one tells the view about a new filter one removed range at a time, and
// the table's header does O(N) work per range, so filtering a million rows to every tenth took minutes. Here a
// filter change is one reset (a pass over the rows) and a sort one layout change over precomputed keys.
#include <QAbstractProxyModel>
#include <vector>

namespace fusebench::widgets {

class SampleTableModel;

class SampleFilter : public QAbstractProxyModel {
  Q_OBJECT
 public:
  explicit SampleFilter(QObject* parent = nullptr);
  void setSourceModel(QAbstractItemModel* model) override;  // a SampleTableModel
  void setSplit(const QString& split);  // empty: all
  void setTargetClass(const QString& cls);  // empty: all; matches one label of a multi-label target
  void setProblemsOnly(bool on);
  void setSearchText(const QString& text);
  void setLabelSeparator(const QString& sep) { separator_ = sep; }

  QModelIndex mapToSource(const QModelIndex& proxy) const override;
  QModelIndex mapFromSource(const QModelIndex& source) const override;
  QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
  QModelIndex parent(const QModelIndex&) const override { return {}; }
  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;  // column < 0: manifest order

 private:
  bool accepts(int sourceRow) const;
  void refilter();           // a new filter: rows chosen again, in the current sort order
  void chooseRows();         // rows_ from the filter and the sort, and their inverse
  void orderRows();          // rows_ put in sort order (manifest order when sortColumn_ < 0)
  void rebuildInverse();
  void sourceDataChanged(const QModelIndex& topLeft, const QModelIndex& bottomRight, const QList<int>& roles);

  QString split_, class_, search_, separator_ = QStringLiteral(";");
  bool problemsOnly_ = false;
  int sortColumn_ = -1;
  Qt::SortOrder sortOrder_ = Qt::AscendingOrder;
  std::vector<int> rows_;          // proxy row -> source row
  std::vector<int> proxyOfSource_; // source row -> proxy row, -1 when filtered out
};

}  // namespace fusebench::widgets
