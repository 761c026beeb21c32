#pragma once
// New Project from Dataset: the proposed role of every column of the table, for the user to confirm or
// change before dataset.json is written. Each row shows the column, a few of its values, the role (a
// target with its task) and why it was proposed. OK needs one target and at least one input column.
#include <QDialog>
#include <QList>
#include <QString>
#include <QStringList>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QTableWidget;

namespace fusebench::widgets {

struct ProposedColumn {
  QString name;
  QString role;  // a dataset.json role: "image", "audio", "text", "numeric", "categorical", "target", "split", "id", "ignore"
  QString task;  // targets: "classification", "multilabel", "regression"
  QString reason;
  QStringList examples;
  int missing = 0;
};

class ColumnRolesDialog : public QDialog {
  Q_OBJECT
 public:
  ColumnRolesDialog(const QString& table, int rows, const QList<ProposedColumn>& columns, QWidget* parent = nullptr);

  QList<ProposedColumn> chosen() const;  // the columns with the roles (and task) as the user left them
  void setRole(int row, const QString& role, const QString& task = {});  // tests
  QString problem() const;               // why OK is disabled; empty when it is not
  QTableWidget* table() const { return table_; }

 private:
  void check();

  QList<ProposedColumn> columns_;
  QTableWidget* table_;
  QList<QComboBox*> roles_;
  QLabel* problem_;
  QDialogButtonBox* buttons_;
};

}  // namespace fusebench::widgets
