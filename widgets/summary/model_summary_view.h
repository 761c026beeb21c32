#pragma once
// The model summary: one row per node (category colour, id, type, output shapes, parameters) and the
// total. Nodes with errors are marked red with the messages as tooltip.
#include <QWidget>

#include "summary/summary_data.h"

class QLabel;
class QTreeWidget;

namespace fusebench::widgets {

class ModelSummaryView : public QWidget {
  Q_OBJECT
 public:
  explicit ModelSummaryView(QWidget* parent = nullptr);
  void setSummary(const SummaryData& data);
  void selectNode(const QString& id);
  QString selectedNode() const;
  int rowCount() const;
  QString totalText() const;

 Q_SIGNALS:
  void nodeSelected(const QString& id);

 private:
  QTreeWidget* tree_;
  QLabel* total_;
};

}  // namespace fusebench::widgets
