#include "main_window.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QFileDialog>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>

#include "dataset/dataset_info_panel.h"
#include "problems/problems_panel.h"
#include "summary/model_summary_view.h"

namespace fusebench::app {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
  summary_ = new widgets::ModelSummaryView(this);
  setCentralWidget(summary_);

  problems_ = new widgets::ProblemsPanel(this);
  auto* dock = new QDockWidget(tr("Problems"), this);
  dock->setObjectName(QStringLiteral("problemsDock"));
  dock->setWidget(problems_);
  addDockWidget(Qt::BottomDockWidgetArea, dock);
  connect(problems_, &widgets::ProblemsPanel::nodeActivated, summary_, &widgets::ModelSummaryView::selectNode);

  dataset_ = new widgets::DatasetInfoPanel(this);
  auto* datasetDock = new QDockWidget(tr("Dataset"), this);
  datasetDock->setObjectName(QStringLiteral("datasetDock"));
  datasetDock->setWidget(dataset_);
  addDockWidget(Qt::RightDockWidgetArea, datasetDock);

  // Views follow the document: every edit (and every undo) re-derives the summary from the graph.
  connect(&document_, &ProjectDocument::graphChanged, this, [this] {
    project_ = describeProject(document_.project(), document_.path());
    showProject();
  });
  connect(&document_, &ProjectDocument::modifiedChanged, this, [this] { updateTitle(); });

  createMenus();
  resize(1200, 680);
  resizeDocks({dock}, {150}, Qt::Vertical);
  resizeDocks({datasetDock}, {330}, Qt::Horizontal);
  setWindowTitle(tr("Fusebench"));
}

void MainWindow::createMenus() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  QAction* open = file->addAction(tr("&Open Project…"), this, [this] {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Project"), QString(),
                                                      tr("Fusebench projects (*.fbproj);;All files (*)"));
    if (!path.isEmpty()) openProject(path);
  });
  open->setShortcut(QKeySequence::Open);
  QAction* reload = file->addAction(tr("&Reload"), this, [this] {
    if (!project_.path.isEmpty()) openProject(project_.path);
  });
  reload->setShortcut(QKeySequence::Refresh);
  QAction* save = file->addAction(tr("&Save"), this, [this] { saveDocument(); });
  save->setShortcut(QKeySequence::Save);
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

  QMenu* help = menuBar()->addMenu(tr("&Help"));
  help->addAction(tr("&About Fusebench"), this, [this] {
    QMessageBox::about(this, tr("About Fusebench"),
                       tr("<b>Fusebench %1</b><p>A desktop workbench for multimodal deep learning.</p>")
                           .arg(QStringLiteral(FUSEBENCH_VERSION)));
  });
}

bool MainWindow::openProject(const QString& path) {
  QString error;
  if (document_.load(path, &error)) return true;  // graphChanged() shows it
  project_ = loadProject(path);                     // unreadable: show why
  showProject();
  return false;
}

bool MainWindow::saveDocument() {
  QString error;
  if (document_.save(&error)) {
    statusBar()->showMessage(tr("Saved %1").arg(document_.path()), 3000);
    return true;
  }
  QMessageBox::warning(this, tr("Save failed"), error);
  return false;
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
