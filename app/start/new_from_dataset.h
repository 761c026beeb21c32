#pragma once
// New Project from Dataset…: a folder (or its table) → each column's role proposed from its content and
// confirmed by the user (widgets::ColumnRolesDialog) → dataset.json written beside the table → a starter
// graph sized from the data (data::starterGraph) → a new, unsaved project on it. A folder that has a
// dataset.json already goes straight to the starter graph. Reading the table and the files runs on the
// Start area's job tracker; what goes wrong is said in a message naming the file.
#include <QObject>
#include <QString>
#include <functional>

#include "project/project_file.h"

class QWidget;

namespace fusebench::widgets {
class ColumnRolesDialog;
class JobTracker;
}  // namespace fusebench::widgets

namespace fusebench::app {

class NewFromDataset : public QObject {
  Q_OBJECT
 public:
  NewFromDataset(QWidget* window, widgets::JobTracker* jobs, std::function<void(const ProjectFile&)> open);

  void chooseAndStart();            // asks for the dataset folder
  void start(const QString& path);  // a folder or a .csv / .jsonl table
  // Who answers the roles dialog (default: the user, modally); tests answer it themselves.
  void setConfirm(std::function<bool(widgets::ColumnRolesDialog&)> confirm) { confirm_ = std::move(confirm); }

 Q_SIGNALS:
  void statusMessage(const QString& message);
  void failed(const QString& message);  // also shown in a message box

 private:
  void buildProject(const QString& folder);
  void fail(const QString& message);

  QWidget* window_;
  widgets::JobTracker* jobs_;
  std::function<void(const ProjectFile&)> open_;
  std::function<bool(widgets::ColumnRolesDialog&)> confirm_;
};

}  // namespace fusebench::app
