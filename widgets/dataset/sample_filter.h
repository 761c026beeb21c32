#pragma once
// Filters the sample table by split, class, "has problems" and a search text (id or any text value).
#include <QSortFilterProxyModel>

namespace fusebench::widgets {

class SampleFilter : public QSortFilterProxyModel {
  Q_OBJECT
 public:
  explicit SampleFilter(QObject* parent = nullptr);
  void setSplit(const QString& split);  // empty: all
  void setTargetClass(const QString& cls);  // empty: all; matches one label of a multi-label target
  void setProblemsOnly(bool on);
  void setSearchText(const QString& text);
  void setLabelSeparator(const QString& sep) { separator_ = sep; }

 protected:
  bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

 private:
  QString split_, class_, search_, separator_ = QStringLiteral(";");
  bool problemsOnly_ = false;
};

}  // namespace fusebench::widgets
