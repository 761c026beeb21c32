#pragma once
// The main window only hosts: the summary as central widget, the problems panel as a dock, the
// File and Help menus. Later areas (node editor, dataset browser, training) bring their own docks.
#include <QDockWidget>
#include <QMainWindow>
#include <QMessageBox>
#include <functional>

#include "document/project_document.h"
#include "project_loader.h"

namespace fusebench::widgets {
class DatasetInfoPanel;
class GraphCanvas;
class GraphScene;
class NodeInspector;
class NodePalette;
class ModelSummaryView;
class ProblemsPanel;
}  // namespace fusebench::widgets

class QTabWidget;

namespace fusebench::app {

class DatasetArea;
class TrainingArea;

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(QWidget* parent = nullptr);
  bool openProject(const QString& path);  // false if the file could not be read (the problem is shown)
  void selectNode(const QString& id);     // on the canvas, in the summary and the inspector
  void newProject();
  bool saveDocumentAs(const QString& path);
  // Asked before unsaved changes would be lost (close, open, new); the default shows a dialog.
  void setUnsavedChangesPrompt(std::function<QMessageBox::StandardButton()> prompt) { prompt_ = std::move(prompt); }
  bool maybeSave();  // false: the user cancelled
  // Asked when a project has a newer autosave (Yes recovers); the default shows a dialog.
  void setRecoverPrompt(std::function<QMessageBox::StandardButton()> prompt) { recoverPrompt_ = std::move(prompt); }
  QStringList recentProjects() const;

  const LoadedProject& project() const { return project_; }
  ProjectDocument* document() { return &document_; }
  widgets::ModelSummaryView* summaryView() const { return summary_; }
  widgets::ProblemsPanel* problemsPanel() const { return problems_; }
  widgets::DatasetInfoPanel* datasetPanel() const { return dataset_; }
  widgets::GraphScene* graphScene() const { return scene_; }
  widgets::GraphCanvas* canvas() const { return canvas_; }
  widgets::NodePalette* palette() const { return palette_; }
  widgets::NodeInspector* inspector() const { return inspector_; }
  DatasetArea* datasetArea() const { return datasetArea_; }
  TrainingArea* trainingArea() const { return trainingArea_; }
  // The central workspace: the model editor, the dataset browser (and later training) as pages.
  QTabWidget* workspace() const { return workspace_; }
  void showPage(const QString& name);  // "model", "data" or "training"

 protected:
  void closeEvent(QCloseEvent* event) override;

 private:
  QDockWidget* addDock(const QString& title, const QString& name, QWidget* widget, Qt::DockWidgetArea area);
  void createMenus();
  void showProject();
  void updateTitle();
  void rememberRecent(const QString& path);
  void fillRecentMenu();
  bool saveDocument();

  ProjectDocument document_;
  std::function<QMessageBox::StandardButton()> prompt_, recoverPrompt_;
  QMenu* recentMenu_ = nullptr;
  bool readDataset_ = true;  // set by open/new; edits keep the dataset view already read
  LoadedProject project_;
  widgets::ModelSummaryView* summary_;
  widgets::ProblemsPanel* problems_;
  widgets::DatasetInfoPanel* dataset_;
  widgets::GraphScene* scene_;
  widgets::GraphCanvas* canvas_;
  widgets::NodePalette* palette_;
  widgets::NodeInspector* inspector_;
  DatasetArea* datasetArea_;
  TrainingArea* trainingArea_;
  QTabWidget* workspace_;
  // Docks that belong to the model page: hidden on the other pages, restored as the user left them.
  QList<QDockWidget*> modelDocks_;
  QList<QDockWidget*> hiddenModelDocks_;
  void pageChanged();
  void showInspector();
  void openProjectDataset();
};

}  // namespace fusebench::app
