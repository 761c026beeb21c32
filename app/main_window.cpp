#include "main_window.h"

#include <QAction>
#include <QClipboard>
#include <QGuiApplication>
#include <QMimeData>
#include <QCloseEvent>
#include <QFileInfo>
#include <QSettings>
#include <QApplication>
#include <QDockWidget>
#include <QFileDialog>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>

#include <QTabWidget>

#include "dataset/dataset_area.h"
#include "dataset/dataset_browser.h"
#include "dataset/dataset_info_panel.h"
#include "dataset/sample_detail_view.h"
#include "training/runs_panel.h"
#include "training/training_area.h"
#include "editor/graph_scene.h"
#include "editor/graph_view.h"
#include "editor/node_item.h"
#include "editor_adapter.h"
#include "inspector/node_inspector.h"
#include "palette/node_palette.h"
#include "problems/problems_panel.h"
#include "summary/model_summary_view.h"

namespace fusebench::app {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
  // The node editor is the central area; the summary, the dataset and the problems are docks around it.
  scene_ = new widgets::GraphScene(this);
  canvas_ = new widgets::GraphCanvas(scene_, this);
  datasetArea_ = new DatasetArea(this);
  workspace_ = new QTabWidget(this);
  workspace_->setDocumentMode(true);
  workspace_->addTab(canvas_, tr("Model"));
  workspace_->addTab(datasetArea_->browser(), tr("Data"));
  trainingArea_ = new TrainingArea(this, &document_, datasetArea_);
  workspace_->addTab(trainingArea_->page(), tr("Training"));
  addToolBar(trainingArea_->toolBar());
  connect(trainingArea_, &TrainingArea::statusMessage, this, [this](const QString& m) { statusBar()->showMessage(m, 10000); });
  connect(trainingArea_, &TrainingArea::openSampleRequested, this, [this](int sample, bool play) {
    showPage(QStringLiteral("data"));
    datasetArea_->browser()->selectSample(sample);
    if (play) datasetArea_->browser()->detail()->play();
  });
  setCentralWidget(workspace_);
  connect(datasetArea_, &DatasetArea::statusMessage, this, [this](const QString& m) { statusBar()->showMessage(m, 8000); });
  connect(datasetArea_, &DatasetArea::useForProjectRequested, this, [this](const QString& dir) { document_.setDatasetPath(dir); });
  connect(scene_, &widgets::GraphScene::nodesMoved, this,
          [this](const QMap<QString, QPointF>& positions) { document_.moveNodes(positions); });
  connect(scene_, &widgets::GraphScene::deleteRequested, this,
          [this](const QStringList& ids) { document_.removeNodes(ids); });
  connect(scene_, &widgets::GraphScene::connectRequested, this,
          [this](const QString& fn, const QString& fp, const QString& tn, const QString& tp) {
            QString reason;
            if (!document_.connectPorts({fn.toStdString(), fp.toStdString()}, {tn.toStdString(), tp.toStdString()}, &reason))
              statusBar()->showMessage(tr("Connection refused: %1").arg(reason), 8000);
          });

  connect(canvas_, &widgets::GraphCanvas::nodeTypeDropped, this,
          [this](const QString& type, QPointF pos) { document_.addNode(type, pos); });

  palette_ = new widgets::NodePalette(this);
  palette_->setEntries(paletteEntries());
  connect(palette_, &widgets::NodePalette::addRequested, this,
          [this](const QString& type) { document_.addNode(type, canvas_->visibleCenter()); });
  auto* paletteDock = addDock(tr("Nodes"), QStringLiteral("paletteDock"), palette_, Qt::LeftDockWidgetArea);

  inspector_ = new widgets::NodeInspector(this);
  auto* inspectorDock = addDock(tr("Inspector"), QStringLiteral("inspectorDock"), inspector_, Qt::LeftDockWidgetArea);
  connect(scene_, &QGraphicsScene::selectionChanged, this, [this] { showInspector(); });
  connect(inspector_, &widgets::NodeInspector::parameterEdited, this,
          [this](const QString& node, const QString& param, const QString& json) {
            try {
              document_.setParameter(node, param, nlohmann::ordered_json::parse(json.toStdString()));
            } catch (const std::exception&) {
              statusBar()->showMessage(tr("'%1' is not a valid value for %2.%3").arg(json, node, param), 6000);
            }
          });

  summary_ = new widgets::ModelSummaryView(this);
  auto* summaryDock = addDock(tr("Model summary"), QStringLiteral("summaryDock"), summary_, Qt::RightDockWidgetArea);

  problems_ = new widgets::ProblemsPanel(this);
  auto* dock = addDock(tr("Problems"), QStringLiteral("problemsDock"), problems_, Qt::BottomDockWidgetArea);
  connect(problems_, &widgets::ProblemsPanel::nodeActivated, this, &MainWindow::selectNode);

  dataset_ = new widgets::DatasetInfoPanel(this);
  auto* datasetDock = addDock(tr("Dataset"), QStringLiteral("datasetDock"), dataset_, Qt::RightDockWidgetArea);

  // Views follow the document: every edit (and every undo) re-derives the summary from the graph.
  connect(&document_, &ProjectDocument::graphChanged, this, [this] {
    // The dataset does not change with the graph: read it when a project is (re)opened, not on every edit.
    const widgets::DatasetInfo dataset = project_.dataset;
    project_ = describeProject(document_.project(), document_.path(), readDataset_);
    if (!readDataset_) project_.dataset = dataset;
    datasetArea_->setGraph(document_.graph());
    if (readDataset_) openProjectDataset();
    readDataset_ = false;
    scene_->setGraph(graphView(document_.graph()));  // emits selectionChanged: the inspector follows
    showProject();
  });
  connect(&document_, &ProjectDocument::modifiedChanged, this, [this] { updateTitle(); });
  connect(&document_, &ProjectDocument::datasetChanged, this, [this] {
    project_ = describeProject(document_.project(), document_.path(), true);
    showProject();
    openProjectDataset();
  });

  auto* runsDock = addDock(tr("Runs"), QStringLiteral("runsDock"), trainingArea_->runsPanel(), Qt::BottomDockWidgetArea);
  tabifyDockWidget(dock, runsDock);
  dock->raise();
  modelDocks_ = {paletteDock, inspectorDock, summaryDock, dock, datasetDock};
  connect(workspace_, &QTabWidget::currentChanged, this, [this] { pageChanged(); });

  document_.setAutosaveInterval(30000);
  createMenus();
  resize(1500, 840);
  resizeDocks({dock}, {130}, Qt::Vertical);
  resizeDocks({summaryDock, paletteDock}, {440, 190}, Qt::Horizontal);
  resizeDocks({summaryDock, datasetDock}, {430, 250}, Qt::Vertical);
  resizeDocks({paletteDock, inspectorDock}, {330, 350}, Qt::Vertical);
  setWindowTitle(tr("Fusebench"));
  // The layout the user left last time (docks and size), when there is one.
  QSettings settings;
  restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
  restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
}

QDockWidget* MainWindow::addDock(const QString& title, const QString& name, QWidget* widget, Qt::DockWidgetArea area) {
  auto* dock = new QDockWidget(title, this);
  dock->setObjectName(name);  // for saveState()
  dock->setWidget(widget);
  addDockWidget(area, dock);
  return dock;
}

void MainWindow::createMenus() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  QAction* newAction = file->addAction(tr("&New Project"), this, [this] {
    if (maybeSave()) newProject();
  });
  newAction->setShortcut(QKeySequence::New);
  QAction* open = file->addAction(tr("&Open Project…"), this, [this] {
    if (!maybeSave()) return;
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Project"), QString(),
                                                      tr("Fusebench projects (*.fbproj);;All files (*)"));
    if (!path.isEmpty()) openProject(path);
  });
  open->setShortcut(QKeySequence::Open);
  recentMenu_ = file->addMenu(tr("Open &Recent"));
  connect(recentMenu_, &QMenu::aboutToShow, this, [this] { fillRecentMenu(); });
  QAction* reload = file->addAction(tr("Re&load"), this, [this] {
    if (!project_.path.isEmpty() && maybeSave()) openProject(project_.path);
  });
  reload->setShortcut(QKeySequence::Refresh);
  QAction* save = file->addAction(tr("&Save"), this, [this] { saveDocument(); });
  save->setShortcut(QKeySequence::Save);
  QAction* saveAs = file->addAction(tr("Save &As…"), this, [this] {
    const QString path = QFileDialog::getSaveFileName(this, tr("Save Project As"), document_.path(),
                                                      tr("Fusebench projects (*.fbproj)"));
    if (!path.isEmpty()) saveDocumentAs(path);
  });
  saveAs->setShortcut(QKeySequence::SaveAs);
  file->addSeparator();
  QAction* quit = file->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
  quit->setShortcut(QKeySequence::Quit);

  QMenu* edit = menuBar()->addMenu(tr("&Edit"));
  QAction* undo = document_.undoStack()->createUndoAction(this, tr("&Undo"));
  undo->setShortcut(QKeySequence::Undo);
  QAction* redo = document_.undoStack()->createRedoAction(this, tr("&Redo"));
  redo->setShortcut(QKeySequence::Redo);
  edit->addAction(undo);
  edit->addAction(redo);
  edit->addSeparator();
  QAction* copy = edit->addAction(tr("&Copy"), this, [this] {
    if (scene_->selectedNodes().isEmpty()) return;
    auto* mime = new QMimeData;
    const QString json = document_.copyNodes(scene_->selectedNodes());
    mime->setData(QStringLiteral("application/x-fusebench-graph"), json.toUtf8());
    mime->setText(json);
    QGuiApplication::clipboard()->setMimeData(mime);
  });
  copy->setShortcut(QKeySequence::Copy);
  QAction* paste = edit->addAction(tr("&Paste"), this, [this] {
    const QMimeData* mime = QGuiApplication::clipboard()->mimeData();
    if (!mime) return;
    const QByteArray data = mime->hasFormat(QStringLiteral("application/x-fusebench-graph"))
                                ? mime->data(QStringLiteral("application/x-fusebench-graph"))
                                : mime->text().toUtf8();
    QString error;
    if (document_.pasteNodes(QString::fromUtf8(data), QPointF(40, 40), &error).isEmpty() && !error.isEmpty())
      statusBar()->showMessage(tr("Cannot paste: %1").arg(error), 6000);
  });
  paste->setShortcut(QKeySequence::Paste);
  QAction* duplicate = edit->addAction(tr("&Duplicate"), this, [this] {
    if (!scene_->selectedNodes().isEmpty()) document_.duplicateNodes(scene_->selectedNodes());
  });
  duplicate->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
  QAction* remove = edit->addAction(tr("De&lete"), this, [this] {
    if (!scene_->selectedNodes().isEmpty()) document_.removeNodes(scene_->selectedNodes());
  });
  remove->setShortcut(QKeySequence::Delete);
  edit->addSeparator();
  edit->addAction(tr("&Auto-layout"), this, [this] {
    document_.autoLayout();
    canvas_->fitToNodes();
  });
  edit->addAction(tr("&Fit to View"), this, [this] { canvas_->fitToNodes(); })->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));

  menuBar()->addMenu(datasetArea_->menu());
  menuBar()->addMenu(trainingArea_->menu());

  QMenu* view = menuBar()->addMenu(tr("&View"));
  view->addAction(tr("&Model"), this, [this] { showPage(QStringLiteral("model")); })->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
  view->addAction(tr("&Data"), this, [this] { showPage(QStringLiteral("data")); })->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_2));
  view->addAction(tr("&Training"), this, [this] { showPage(QStringLiteral("training")); })->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_3));

  QMenu* help = menuBar()->addMenu(tr("&Help"));
  help->addAction(tr("&About Fusebench"), this, [this] {
    QMessageBox::about(this, tr("About Fusebench"),
                       tr("<b>Fusebench %1</b><p>A desktop workbench for multimodal deep learning.</p>")
                           .arg(QStringLiteral(FUSEBENCH_VERSION)));
  });
}

bool MainWindow::openProject(const QString& path) {
  readDataset_ = true;
  QString error;
  if (document_.load(path, &error)) {  // graphChanged() shows it
    canvas_->fitToNodes();
    rememberRecent(path);
    if (document_.hasNewerAutosave()) {
      const auto answer = recoverPrompt_ ? recoverPrompt_()
                                         : QMessageBox::question(this, tr("Recover unsaved changes?"),
                                                                 tr("%1 has unsaved changes from an earlier session "
                                                                    "that did not end normally. Recover them?")
                                                                     .arg(QFileInfo(path).fileName()));
      if (answer == QMessageBox::Yes) {
        if (!document_.recoverAutosave(&error)) statusBar()->showMessage(tr("Recovery failed: %1").arg(error), 8000);
      } else {
        document_.removeAutosave();
      }
    }
    return true;
  }
  project_ = loadProject(path);  // unreadable: show why
  scene_->setGraph({});
  showProject();
  return false;
}

void MainWindow::newProject() {
  readDataset_ = true;
  document_.reset(tr("Untitled"));
  canvas_->fitToNodes();
}

bool MainWindow::saveDocumentAs(const QString& path) {
  QString error;
  if (!document_.saveAs(path, &error)) {
    QMessageBox::warning(this, tr("Save failed"), error);
    return false;
  }
  rememberRecent(path);
  project_.path = path;
  updateTitle();
  return true;
}

bool MainWindow::maybeSave() {
  if (!document_.isModified()) return true;
  const auto answer = prompt_ ? prompt_()
                              : QMessageBox::question(this, tr("Unsaved changes"),
                                                      tr("Save the changes to %1?").arg(project_.name),
                                                      QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel);
  if (answer == QMessageBox::Cancel) return false;
  if (answer == QMessageBox::Save) return saveDocument();
  document_.removeAutosave();  // discarded on purpose
  return true;
}

void MainWindow::closeEvent(QCloseEvent* event) {
  if (!trainingArea_->confirmClose() || !maybeSave()) {
    event->ignore();
    return;
  }
  QSettings settings;
  settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
  settings.setValue(QStringLiteral("window/state"), saveState());
  event->accept();
}

QStringList MainWindow::recentProjects() const {
  return QSettings().value(QStringLiteral("recentProjects")).toStringList();
}

void MainWindow::rememberRecent(const QString& path) {
  QStringList recent = recentProjects();
  const QString full = QFileInfo(path).absoluteFilePath();
  recent.removeAll(full);
  recent.prepend(full);
  while (recent.size() > 8) recent.removeLast();
  QSettings().setValue(QStringLiteral("recentProjects"), recent);
}

void MainWindow::fillRecentMenu() {
  recentMenu_->clear();
  for (const QString& path : recentProjects()) {
    recentMenu_->addAction(QFileInfo(path).fileName() + QStringLiteral("  —  ") + path, this, [this, path] {
      if (maybeSave()) openProject(path);
    });
  }
  if (recentMenu_->isEmpty()) recentMenu_->addAction(tr("(none)"))->setEnabled(false);
}

bool MainWindow::saveDocument() {
  if (document_.path().isEmpty()) {
    const QString path = QFileDialog::getSaveFileName(this, tr("Save Project"), QString(), tr("Fusebench projects (*.fbproj)"));
    return !path.isEmpty() && saveDocumentAs(path);
  }
  QString error;
  if (document_.save(&error)) {
    statusBar()->showMessage(tr("Saved %1").arg(document_.path()), 3000);
    return true;
  }
  QMessageBox::warning(this, tr("Save failed"), error);
  return false;
}

void MainWindow::showPage(const QString& name) {
  if (name == QLatin1String("data"))
    workspace_->setCurrentWidget(datasetArea_->browser());
  else if (name == QLatin1String("training"))
    workspace_->setCurrentWidget(trainingArea_->page());
  else
    workspace_->setCurrentWidget(canvas_);
}

void MainWindow::pageChanged() {
  const bool model = workspace_->currentWidget() == canvas_;
  if (!model) {
    for (QDockWidget* d : modelDocks_)
      if (d->isVisible() && !hiddenModelDocks_.contains(d)) {
        hiddenModelDocks_ << d;
        d->hide();
      }
  } else {
    for (QDockWidget* d : hiddenModelDocks_) d->show();
    hiddenModelDocks_.clear();
  }
}

void MainWindow::openProjectDataset() {
  const QString dir = document_.datasetDir();
  QString message;
  if (dir.isEmpty()) message = tr("This project names no dataset. Open one from the Dataset menu, then choose Use for This Project.");
  datasetArea_->openDataset(dir, message);
}

void MainWindow::selectNode(const QString& id) {
  scene_->clearSelection();
  if (auto* item = scene_->node(id)) item->setSelected(true);
  summary_->selectNode(id);
}

void MainWindow::showInspector() {
  const QStringList selected = scene_->selectedNodes();
  if (selected.size() == 1) {
    const auto data = inspectorData(document_.graph(), selected[0]);
    // Rebuilding the editors while one of them is being edited would lose focus; skip identical views.
    inspector_->setNode(data);
  } else {
    inspector_->clear();
  }
}

void MainWindow::updateTitle() {
  setWindowTitle(tr("%1%2 — Fusebench").arg(project_.name, document_.isModified() ? QStringLiteral("*") : QString()));
}

void MainWindow::showProject() {
  summary_->setSummary(project_.summary);
  problems_->setProblems(project_.summary.problems);
  dataset_->setInfo(project_.dataset);
  updateTitle();
  const int n = static_cast<int>(project_.summary.problems.size());
  if (!project_.readable)
    statusBar()->showMessage(tr("Could not open %1").arg(project_.path));
  else if (n == 0)
    statusBar()->showMessage(tr("%1 nodes, %2 edges · graph valid").arg(project_.nodeCount).arg(project_.edgeCount));
  else
    statusBar()->showMessage(tr("%1 nodes, %2 edges · %n problem(s)", nullptr, n)
                                 .arg(project_.nodeCount)
                                 .arg(project_.edgeCount));
}

}  // namespace fusebench::app
