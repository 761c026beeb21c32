#pragma once
// The main window only hosts: the areas (model editor, dataset browser, training) bring their pages, docks,
// menus and toolbars; the window owns the project document and its lifecycle (File menu, title, closing).
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

class QLabel;
class QTabWidget;

namespace fusebench::app {

class DatasetArea;
class EditorArea;
class Area;
class ExplainArea;
class StartArea;
class ModelExport;
class TrainingArea;

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(QWidget* parent = nullptr);
  // False if the file could not be read (the problem is shown). An installed example opens as the user's copy.
  bool openProject(const QString& path);
  void selectNode(const QString& id);     // on the canvas, in the summary and the inspector
  void newProject();
  void openNewProject(const ProjectFile& project);  // an unsaved project made for the user (from a dataset)
  bool saveDocumentAs(const QString& path);
  // Asked before unsaved changes would be lost (close, open, new); the default shows a dialog.
  void setUnsavedChangesPrompt(std::function<QMessageBox::StandardButton()> prompt) { prompt_ = std::move(prompt); }
  bool maybeSave();  // false: the user cancelled
  // Asked when a project has a newer autosave (Yes recovers); the default shows a dialog.
  void setRecoverPrompt(std::function<QMessageBox::StandardButton()> prompt) { recoverPrompt_ = std::move(prompt); }
  QStringList recentProjects() const;

  const LoadedProject& project() const { return project_; }
  ProjectDocument* document() { return &document_; }
  // The areas' views, for tests and scripting.
  widgets::ModelSummaryView* summaryView() const;
  widgets::ProblemsPanel* problemsPanel() const;
  widgets::DatasetInfoPanel* datasetPanel() const;
  widgets::GraphScene* graphScene() const;
  widgets::GraphCanvas* canvas() const;
  widgets::NodePalette* palette() const;
  widgets::NodeInspector* inspector() const;
  EditorArea* editorArea() const { return editor_; }
  DatasetArea* datasetArea() const { return datasetArea_; }
  TrainingArea* trainingArea() const { return trainingArea_; }
  ExplainArea* explainArea() const { return explainArea_; }
  StartArea* startArea() const { return startArea_; }
  ModelExport* modelExport() const { return modelExport_; }
  // The central workspace: the model editor, the dataset browser (and later training) as pages.
  QTabWidget* workspace() const { return workspace_; }
  void showPage(const QString& name);  // an area's pageName(): "start", "model", "data", "training", "explain"

 protected:
  void closeEvent(QCloseEvent* event) override;
  void showEvent(QShowEvent* event) override;  // docks are shown with the window: hide the other pages' now

 private:
  void hostAreas();
  void connectStartArea();
  void showBackgroundJobs();
  Area* currentArea() const;
  void openProjectWithDialog();
  void createMenus();
  void addLanguageMenu(QMenu* view);
  void addThemeMenu(QMenu* view);
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
  StartArea* startArea_;
  EditorArea* editor_;
  DatasetArea* datasetArea_;
  TrainingArea* trainingArea_;
  ExplainArea* explainArea_;
  ModelExport* modelExport_;
  QList<Area*> areas_;  // in workspace order
  QTabWidget* workspace_;
  QLabel* jobsLabel_;
  // Docks hidden because another page is shown; they come back as the user left them.
  QList<QDockWidget*> hiddenDocks_;
  void pageChanged();
  void openProjectDataset();
};

}  // namespace fusebench::app
