#pragma once
// A compact overview of the project's dataset: name, size, splits, availability of each column, classes,
// or what is wrong and how to fix it. (The full dataset browser comes with the workbench issue.)
#include <QWidget>

#include "dataset/dataset_info.h"

class QLabel;
class QTreeWidget;

namespace fusebench::widgets {

class DatasetInfoPanel : public QWidget {
  Q_OBJECT
 public:
  explicit DatasetInfoPanel(QWidget* parent = nullptr);
  void setInfo(const DatasetInfo& info);
  QString headline() const;
  int columnRows() const;

 private:
  QLabel* headline_;
  QLabel* details_;
  QTreeWidget* columns_;
};

}  // namespace fusebench::widgets
