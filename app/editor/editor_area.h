#pragma once
// The model editor area: the node canvas (the Model page), its docks (node palette, inspector, model
// summary, problems, the project's dataset overview) and the Edit menu. Every gesture becomes an edit of
// the ProjectDocument; the views are re-derived from the document after each edit.
#include <QList>
#include <QObject>

#include "project_loader.h"
#include "workbench/area.h"

class QDockWidget;
class QMainWindow;
class QMenu;

namespace fusebench::widgets {
class DatasetInfoPanel;
class GraphCanvas;
class GraphScene;
class ModelSummaryView;
class NodeInspector;
class NodePalette;
class ProblemsPanel;
}  // namespace fusebench::widgets

namespace fusebench::app {

class ProjectDocument;

class EditorArea : public QObject, public Area {
  Q_OBJECT
 public:
  EditorArea(QMainWindow* window, ProjectDocument* document);

  QString pageName() const override { return QStringLiteral("model"); }
  QString pageTitle() const override { return tr("Model"); }
  QString viewActionText() const override { return tr("&Model"); }
  QKeySequence viewShortcut() const override { return QKeySequence(Qt::CTRL | Qt::Key_1); }
  QWidget* page() const override;
  QList<QMenu*> menus() const override { return {edit_}; }
  QList<QDockWidget*> pageDocks() const override { return docks_; }


  widgets::GraphCanvas* canvas() const { return canvas_; }  // the Model page
  widgets::GraphScene* scene() const { return scene_; }
  widgets::NodePalette* palette() const { return palette_; }
  widgets::NodeInspector* inspector() const { return inspector_; }
  widgets::ModelSummaryView* summary() const { return summary_; }
  widgets::ProblemsPanel* problems() const { return problems_; }
  widgets::DatasetInfoPanel* datasetInfo() const { return datasetInfo_; }
  QMenu* editMenu() const { return edit_; }
  QList<QDockWidget*> docks() const { return docks_; }  // shown with the Model page
  QDockWidget* problemsDock() const { return problemsDock_; }

  void showProject(const LoadedProject& project);  // summary, problems, dataset overview
  void graphChanged();                             // the canvas follows the document
  void selectNode(const QString& id);
  void fitToNodes();
  void arrangeDocks();  // default sizes, before a saved layout is restored

 Q_SIGNALS:
  void statusMessage(const QString& message, int timeoutMs);

 private:
  QDockWidget* addDock(const QString& title, const QString& name, QWidget* widget, Qt::DockWidgetArea area);
  void createEditMenu();
  void showInspector();

  QMainWindow* window_;
  ProjectDocument* document_;
  widgets::GraphScene* scene_;
  widgets::GraphCanvas* canvas_;
  widgets::NodePalette* palette_;
  widgets::NodeInspector* inspector_;
  widgets::ModelSummaryView* summary_;
  widgets::ProblemsPanel* problems_;
  widgets::DatasetInfoPanel* datasetInfo_;
  QMenu* edit_ = nullptr;
  QList<QDockWidget*> docks_;
  QDockWidget* problemsDock_ = nullptr;
};

}  // namespace fusebench::app
