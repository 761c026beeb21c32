#include "editor/editor_area.h"

#include <QAction>
#include <QClipboard>
#include <QDockWidget>
#include <QGuiApplication>
#include <QMainWindow>
#include <QMenu>
#include <QMimeData>
#include <QUndoStack>

#include "dataset/dataset_info_panel.h"
#include "document/project_document.h"
#include "editor/graph_scene.h"
#include "editor/graph_view.h"
#include "editor/node_item.h"
#include "editor_adapter.h"
#include "inspector/node_inspector.h"
#include "palette/node_palette.h"
#include "problems/problems_panel.h"
#include "summary/model_summary_view.h"

namespace fusebench::app {

namespace {
const QString kGraphMime = QStringLiteral("application/x-fusebench-graph");
}

EditorArea::EditorArea(QMainWindow* window, ProjectDocument* document)
    : QObject(window), window_(window), document_(document) {
  scene_ = new widgets::GraphScene(window);
  canvas_ = new widgets::GraphCanvas(scene_, window);
  connect(scene_, &widgets::GraphScene::nodesMoved, this,
          [this](const QMap<QString, QPointF>& positions) { document_->moveNodes(positions); });
  connect(scene_, &widgets::GraphScene::deleteRequested, this, [this](const QStringList& ids) { document_->removeNodes(ids); });
  connect(scene_, &widgets::GraphScene::connectRequested, this,
          [this](const QString& fn, const QString& fp, const QString& tn, const QString& tp) {
            QString reason;
            if (!document_->connectPorts({fn.toStdString(), fp.toStdString()}, {tn.toStdString(), tp.toStdString()}, &reason))
              Q_EMIT statusMessage(tr("Connection refused: %1").arg(reason), 8000);
          });
  connect(canvas_, &widgets::GraphCanvas::nodeTypeDropped, this,
          [this](const QString& type, QPointF pos) { document_->addNode(type, pos); });

  palette_ = new widgets::NodePalette(window);
  palette_->setEntries(paletteEntries());
  connect(palette_, &widgets::NodePalette::addRequested, this,
          [this](const QString& type) { document_->addNode(type, canvas_->visibleCenter()); });
  addDock(tr("Nodes"), QStringLiteral("paletteDock"), palette_, Qt::LeftDockWidgetArea);

  inspector_ = new widgets::NodeInspector(window);
  addDock(tr("Inspector"), QStringLiteral("inspectorDock"), inspector_, Qt::LeftDockWidgetArea);
  connect(scene_, &QGraphicsScene::selectionChanged, this, [this] { showInspector(); });
  connect(inspector_, &widgets::NodeInspector::parameterEdited, this,
          [this](const QString& node, const QString& param, const QString& json) {
            try {
              document_->setParameter(node, param, nlohmann::ordered_json::parse(json.toStdString()));
            } catch (const std::exception&) {
              Q_EMIT statusMessage(tr("'%1' is not a valid value for %2.%3").arg(json, node, param), 6000);
            }
          });

  connect(inspector_, &widgets::NodeInspector::trainingEdited, this,
          [this](const QString& node, const QString& setting, const QString& json) {
            QString reason;
            try {
              if (!document_->setTrainingSetting(node, setting, nlohmann::ordered_json::parse(json.toStdString()), &reason))
                Q_EMIT statusMessage(tr("%1.%2: %3").arg(node, setting, reason), 6000);
            } catch (const std::exception&) {
              Q_EMIT statusMessage(tr("'%1' is not a valid value for %2 %3").arg(json, node, setting), 6000);
            }
          });

  summary_ = new widgets::ModelSummaryView(window);
  addDock(tr("Model summary"), QStringLiteral("summaryDock"), summary_, Qt::RightDockWidgetArea);
  problems_ = new widgets::ProblemsPanel(window);
  problemsDock_ = addDock(tr("Problems"), QStringLiteral("problemsDock"), problems_, Qt::BottomDockWidgetArea);
  connect(problems_, &widgets::ProblemsPanel::nodeActivated, this, &EditorArea::selectNode);
  datasetInfo_ = new widgets::DatasetInfoPanel(window);
  addDock(tr("Dataset"), QStringLiteral("datasetDock"), datasetInfo_, Qt::RightDockWidgetArea);
  createEditMenu();
}

QDockWidget* EditorArea::addDock(const QString& title, const QString& name, QWidget* widget, Qt::DockWidgetArea area) {
  auto* dock = new QDockWidget(title, window_);
  dock->setObjectName(name);  // for saveState()
  dock->setWidget(widget);
  window_->addDockWidget(area, dock);
  docks_ << dock;
  return dock;
}

void EditorArea::arrangeDocks() {
  // palette, inspector, summary, problems, dataset (creation order)
  window_->resizeDocks({docks_[3]}, {130}, Qt::Vertical);
  window_->resizeDocks({docks_[2], docks_[0]}, {440, 190}, Qt::Horizontal);
  window_->resizeDocks({docks_[2], docks_[4]}, {430, 250}, Qt::Vertical);
  window_->resizeDocks({docks_[0], docks_[1]}, {330, 350}, Qt::Vertical);
}

void EditorArea::createEditMenu() {
  edit_ = new QMenu(tr("&Edit"), window_);
  QAction* undo = document_->undoStack()->createUndoAction(this, tr("&Undo"));
  undo->setShortcut(QKeySequence::Undo);
  QAction* redo = document_->undoStack()->createRedoAction(this, tr("&Redo"));
  redo->setShortcut(QKeySequence::Redo);
  edit_->addAction(undo);
  edit_->addAction(redo);
  edit_->addSeparator();
  QAction* copy = edit_->addAction(tr("&Copy"), this, [this] {
    if (scene_->selectedNodes().isEmpty()) return;
    auto* mime = new QMimeData;
    const QString json = document_->copyNodes(scene_->selectedNodes());
    mime->setData(kGraphMime, json.toUtf8());
    mime->setText(json);
    QGuiApplication::clipboard()->setMimeData(mime);
  });
  copy->setShortcut(QKeySequence::Copy);
  QAction* paste = edit_->addAction(tr("&Paste"), this, [this] {
    const QMimeData* mime = QGuiApplication::clipboard()->mimeData();
    if (!mime) return;
    const QByteArray data = mime->hasFormat(kGraphMime) ? mime->data(kGraphMime) : mime->text().toUtf8();
    QString error;
    if (document_->pasteNodes(QString::fromUtf8(data), QPointF(40, 40), &error).isEmpty() && !error.isEmpty())
      Q_EMIT statusMessage(tr("Cannot paste: %1").arg(error), 6000);
  });
  paste->setShortcut(QKeySequence::Paste);
  QAction* duplicate = edit_->addAction(tr("&Duplicate"), this, [this] {
    if (!scene_->selectedNodes().isEmpty()) document_->duplicateNodes(scene_->selectedNodes());
  });
  duplicate->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
  QAction* remove = edit_->addAction(tr("De&lete"), this, [this] {
    if (!scene_->selectedNodes().isEmpty()) document_->removeNodes(scene_->selectedNodes());
  });
  remove->setShortcut(QKeySequence::Delete);
  edit_->addSeparator();
  edit_->addAction(tr("&Auto-layout"), this, [this] {
    document_->autoLayout();
    canvas_->fitToNodes();
  });
  edit_->addAction(tr("&Fit to View"), this, [this] { canvas_->fitToNodes(); })->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
}

void EditorArea::graphChanged() { scene_->setGraph(graphView(document_->graph())); }  // the inspector follows

void EditorArea::showProject(const LoadedProject& project) {
  summary_->setSummary(project.summary);
  problems_->setProblems(project.summary.problems);
  datasetInfo_->setInfo(project.dataset);
}

QWidget* EditorArea::page() const { return canvas_; }

void EditorArea::fitToNodes() { canvas_->fitToNodes(); }

void EditorArea::selectNode(const QString& id) {
  scene_->clearSelection();
  if (auto* item = scene_->node(id)) item->setSelected(true);
  summary_->selectNode(id);
}

void EditorArea::showInspector() {
  const QStringList selected = scene_->selectedNodes();
  if (selected.size() == 1)
    inspector_->setNode(inspectorData(document_->graph(), selected[0]));
  else
    inspector_->clear();
}

}  // namespace fusebench::app
