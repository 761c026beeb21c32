#include "dataset/sample_table_model.h"

#include <QApplication>
#include <QBrush>
#include <QFileInfo>
#include <QFont>
#include <QPalette>
#include <QStyle>

#include "dataset/dataset_terms.h"
#include "dataset/thumbnail_loader.h"

namespace fusebench::widgets {

SampleTableModel::SampleTableModel(ThumbnailLoader* thumbnails, QObject* parent)
    : QAbstractTableModel(parent), thumbnails_(thumbnails) {
  connect(thumbnails_, &ThumbnailLoader::thumbnailReady, this, &SampleTableModel::thumbnailArrived);
}

void SampleTableModel::setDataset(const BrowserDataset& dataset) {
  beginResetModel();
  dataset_ = dataset;
  validation_ = {};
  cellsOfPath_.clear();
  endResetModel();
}

void SampleTableModel::setValidation(const BrowserValidation& validation) {
  validation_ = validation;
  if (rowCount() > 0) Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
}

int SampleTableModel::datasetColumn(int column) const {
  const int c = column - kLeadingColumns;
  return c >= 0 && c < dataset_.columns.size() ? c : -1;
}

int SampleTableModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : dataset_.size();
}

int SampleTableModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : problemsColumn() + 1;
}

QVariant SampleTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  if (section == RowColumn) return tr("Row");
  if (section == IdColumn) return tr("Id");
  if (section == targetColumn()) return dataset_.targetName.isEmpty() ? tr("Target") : dataset_.targetName;
  if (section == splitColumn()) return tr("Split");
  if (section == problemsColumn()) return tr("Problems");
  const int c = datasetColumn(section);
  return c >= 0 ? dataset_.columns[c].name : QVariant();
}

QVariant SampleTableModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= dataset_.size()) return {};
  const int row = index.row();
  const BrowserRows& rows = *dataset_.rows;
  switch (role) {  // the filter's roles first: they are asked for every row
    case SampleRole: return row;
    case SplitRole: return rows.split(row);
    case TargetRole: return rows.target(row);
    case HasProblemsRole: return validation_.sampleProblems.contains(row);
    case SearchTextRole: return dataset_.searchText(row);
    default: break;
  }
  const QStringList problems = validation_.sampleProblems.value(row);
  const int col = index.column();
  const int dc = datasetColumn(col);
  const QString value = dc >= 0 ? rows.value(row, dc) : QString();
  const BrowserColumn::Kind kind = dc >= 0 ? dataset_.columns[dc].kind : BrowserColumn::Kind::Text;
  const bool media = dc >= 0 && (kind == BrowserColumn::Kind::Image || kind == BrowserColumn::Kind::Audio);
  const QString target = col == targetColumn() ? rows.target(row) : QString();

  if (role == MediaPathRole) return media ? value : QString();
  if (role == Qt::DisplayRole) {
    if (col == RowColumn) return row + 1;
    if (col == IdColumn) return rows.id(row);
    if (col == splitColumn()) {
      const QString split = rows.split(row);
      return split.isEmpty() ? tr("(unknown)") : splitTitle(split);
    }
    if (col == targetColumn()) return target.isEmpty() ? tr("missing") : target;
    if (col == problemsColumn()) {
      if (problems.isEmpty()) return validation_.complete ? tr("ok") : QString();
      return problems.size() == 1 ? problems.first() : tr("%n problems", nullptr, static_cast<int>(problems.size()));
    }
    if (value.isEmpty()) return tr("missing");
    if (kind == BrowserColumn::Kind::Image) {
      const QString error = thumbnails_->error(value);
      return error.isEmpty() ? QString() : error;
    }
    if (kind == BrowserColumn::Kind::Audio) return QStringLiteral("\u25B6 ") + QFileInfo(value).fileName();
    return value;
  }
  if (role == Qt::DecorationRole && dc >= 0 && kind == BrowserColumn::Kind::Image && !value.isEmpty()) {
    const QImage thumb = thumbnails_->thumbnail(value);
    if (!thumb.isNull()) return thumb;
    if (thumbnails_->error(value).isEmpty()) cellsOfPath_.insert(value, {row, col});  // repainted when it arrives
    if (!thumbnails_->error(value).isEmpty())
      return QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
    return {};
  }
  if (role == Qt::ToolTipRole) {
    if (col == problemsColumn() || (col == IdColumn && !problems.isEmpty())) return problems.join(QLatin1Char('\n'));
    if (media) {
      const QString error = kind == BrowserColumn::Kind::Image ? thumbnails_->error(value) : QString();
      return error.isEmpty() ? value : value + QStringLiteral("\n") + error;
    }
    if (dc >= 0) return value;
    return {};
  }
  if (role == Qt::ForegroundRole) {
    if ((col == problemsColumn() || col == IdColumn) && !problems.isEmpty()) return QBrush(QColor(0xC6, 0x28, 0x28));
    if ((dc >= 0 && value.isEmpty()) || (col == targetColumn() && target.isEmpty()))
      return QApplication::palette().brush(QPalette::Disabled, QPalette::Text);
    return {};
  }
  if (role == Qt::FontRole && dc >= 0 && value.isEmpty()) {
    QFont f;
    f.setItalic(true);
    return f;
  }
  if (role == Qt::TextAlignmentRole && col == RowColumn) return int(Qt::AlignRight | Qt::AlignVCenter);
  return {};
}

void SampleTableModel::thumbnailArrived(const QString& path) {
  // Every cell that asked for that file (several image columns, or samples sharing a file).
  const QList<QPair<int, int>> cells = cellsOfPath_.values(path);
  cellsOfPath_.remove(path);
  for (const auto& [row, column] : cells) {
    if (row >= rowCount()) continue;
    const QModelIndex cell = index(row, column);
    Q_EMIT dataChanged(cell, cell, {Qt::DecorationRole, Qt::DisplayRole});
  }
}

}  // namespace fusebench::widgets
