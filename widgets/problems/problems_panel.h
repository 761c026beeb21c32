#pragma once
// Lists every validation problem; activating one asks for its node to be selected.
#include <QWidget>

#include "summary/summary_data.h"

class QListWidget;

namespace fusebench::widgets {

class ProblemsPanel : public QWidget {
  Q_OBJECT
 public:
  explicit ProblemsPanel(QWidget* parent = nullptr);
  void setProblems(const QList<Problem>& problems);
  int count() const;
  QString textAt(int row) const;
  void activate(int row);  // as if the user clicked the row

 Q_SIGNALS:
  void nodeActivated(const QString& id);

 private:
  QListWidget* list_;
  int problemCount_ = 0;
};

}  // namespace fusebench::widgets
