#pragma once
// Every run of the project: status, what changed in the configuration since the run before, best
// validation accuracy, test accuracy, duration. Selecting one shows it; selecting several overlays their
// curves in the monitor.
#include <QWidget>

#include "training/training_data.h"

class QTreeWidget;
class QLabel;

namespace fusebench::widgets {

class RunsPanel : public QWidget {
  Q_OBJECT
 public:
  explicit RunsPanel(QWidget* parent = nullptr);
  void setRuns(const QList<RunSummaryView>& runs);  // oldest first; shown newest first
  void setMessage(const QString& message);
  void selectRun(const QString& dir);  // without emitting selectionChanged
  QStringList selectedRuns() const;  // run folders
  int count() const;
  QTreeWidget* tree() const { return tree_; }

 Q_SIGNALS:
  void selectionChanged(const QStringList& runDirs);
  void resumeRequested(const QString& runDir);

 private:
  QLabel* message_;
  QTreeWidget* tree_;
};

}  // namespace fusebench::widgets
