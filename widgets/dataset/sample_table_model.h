#pragma once
// The samples of a dataset as a table (virtualized by the view: only visible rows are asked for, and each
// value is read from the dataset's rows when asked, not copied in).
// Columns: row, id, split, target, one per modality column, problems. Image cells show thumbnails
// loaded off the GUI thread; audio cells a play symbol; missing values say "missing".
#include <QAbstractTableModel>

#include "dataset/browser_data.h"

namespace fusebench::widgets {

class ThumbnailLoader;

class SampleTableModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Roles {
    SampleRole = Qt::UserRole + 1,  // int: the sample's index in the dataset
    SplitRole,                      // QString
    TargetRole,                     // QString
    HasProblemsRole,                // bool
    MediaPathRole,                  // QString: the file behind an image / audio cell
    SearchTextRole,                 // QString: id and text values, for the search box
  };
  // The modality columns come right after the id (what a user looks at first); then target, split, problems.
  enum FixedColumn { RowColumn = 0, IdColumn, kLeadingColumns };

  explicit SampleTableModel(ThumbnailLoader* thumbnails, QObject* parent = nullptr);

  void setDataset(const BrowserDataset& dataset);
  void setValidation(const BrowserValidation& validation);
  const BrowserDataset& dataset() const { return dataset_; }
  const BrowserValidation& validation() const { return validation_; }
  int targetColumn() const { return kLeadingColumns + static_cast<int>(dataset_.columns.size()); }
  int splitColumn() const { return targetColumn() + 1; }
  int problemsColumn() const { return targetColumn() + 2; }
  // The dataset column shown in table column `column`, or -1 for the fixed ones.
  int datasetColumn(int column) const;

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

 private:
  void thumbnailArrived(const QString& path);

  ThumbnailLoader* thumbnails_;
  BrowserDataset dataset_;
  BrowserValidation validation_;
  // Image path -> (row, column) of the cells that asked for its thumbnail: repainted when it arrives. Only
  // shown cells ask, so this holds what was scrolled past, never the whole dataset.
  mutable QMultiHash<QString, QPair<int, int>> cellsOfPath_;
};

}  // namespace fusebench::widgets
