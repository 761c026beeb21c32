#include "main_window.h"

#include <QAction>
#include <QCloseEvent>
#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QApplication>
#include <QDockWidget>
#include <QFileDialog>
#include <QActionGroup>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>

#include <QTabWidget>

#include "i18n/translations.h"
#include "dataset/dataset_area.h"
#include "dataset/dataset_browser.h"
#include "dataset/dataset_info_panel.h"
#include "dataset/sample_detail_view.h"
#include "training/model_export.h"
#include "training/runs_panel.h"
#include "training/training_area.h"
#include "editor/editor_area.h"
#include "explain/explain_area.h"
#include "explain/explanation_view.h"
#include "editor/graph_scene.h"
#include "editor/graph_view.h"

namespace fusebench::app {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
  // A host: each area brings its page, its docks and its menus; the window routes between them.
  editor_ = new EditorArea(this, &document_);
  datasetArea_ = new DatasetArea(this);
  trainingArea_ = new TrainingArea(this, &document_, datasetArea_);
  explainArea_ = new ExplainArea(this, &document_, datasetArea_, trainingArea_);
  modelExport_ = new ModelExport(this, [this] { return trainingArea_->selectedOrLastRun(); });
  workspace_ = new QTabWidget(this);
  workspace_->setDocumentMode(true);
  workspace_->addTab(editor_->canvas(), tr("Model"));
  workspace_->addTab(datasetArea_->browser(), tr("Data"));
  workspace_->addTab(trainingArea_->page(), tr("Training"));
  workspace_->addTab(explainArea_->view(), tr("Explain"));
  setCentralWidget(workspace_);
  addToolBar(trainingArea_->toolBar());
  auto* runsDock = new QDockWidget(tr("Runs"), this);
  runsDock->setObjectName(QStringLiteral("runsDock"));
  runsDock->setWidget(trainingArea_->runsPanel());
  addDockWidget(Qt::BottomDockWidgetArea, runsDock);
  tabifyDockWidget(editor_->problemsDock(), runsDock);
  editor_->problemsDock()->raise();

  connect(editor_, &EditorArea::statusMessage, this, [this](const QString& m, int ms) { statusBar()->showMessage(m, ms); });
  connect(datasetArea_, &DatasetArea::statusMessage, this, [this](const QString& m) { statusBar()->showMessage(m, 8000); });
  connect(datasetArea_, &DatasetArea::useForProjectRequested, this, [this](const QString& dir) { document_.setDatasetPath(dir); });
  connect(trainingArea_, &TrainingArea::statusMessage, this, [this](const QString& m) { statusBar()->showMessage(m, 10000); });
  connect(modelExport_, &ModelExport::statusMessage, this, [this](const QString& m) { statusBar()->showMessage(m, 10000); });
  connect(explainArea_, &ExplainArea::statusMessage, this, [this](const QString& m) { statusBar()->showMessage(m, 10000); });
  connect(trainingArea_, &TrainingArea::showPageRequested, this, [this] { showPage(QStringLiteral("training")); });
  connect(explainArea_, &ExplainArea::showPageRequested, this, [this] { showPage(QStringLiteral("explain")); });
  connect(trainingArea_, &TrainingArea::openSampleRequested, this, [this](int sample, bool play) {
    showPage(QStringLiteral("data"));
    datasetArea_->browser()->selectSample(sample);
    if (play) datasetArea_->browser()->detail()->play();
  });

  // Views follow the document: every edit (and every undo) re-derives them from the graph.
  connect(&document_, &ProjectDocument::graphChanged, this, [this] {
    // The dataset does not change with the graph: read it when a project is (re)opened, not on every edit.
    const widgets::DatasetInfo dataset = project_.dataset;
    project_ = describeProject(document_.project(), document_.path(), readDataset_);
    if (!readDataset_) project_.dataset = dataset;
    datasetArea_->setGraph(document_.graph());
    if (readDataset_) openProjectDataset();
    readDataset_ = false;
    editor_->graphChanged();
    showProject();
  });
  connect(&document_, &ProjectDocument::modifiedChanged, this, [this] { updateTitle(); });
  connect(&document_, &ProjectDocument::autosaveFailed, this, [this](const QString& error) {
    statusBar()->showMessage(tr("Autosave failed: %1. Unsaved changes are only in memory.").arg(error));
  });
  connect(&document_, &ProjectDocument::datasetChanged, this, [this] {
    project_ = describeProject(document_.project(), document_.path(), true);
    showProject();
    // "Use for This Project" names the dataset the browser has open already: no second read and validation.
    if (QDir(document_.datasetDir()).canonicalPath() != QDir(datasetArea_->currentDir()).canonicalPath() ||
        document_.datasetDir().isEmpty())
      openProjectDataset();
  });
  connect(workspace_, &QTabWidget::currentChanged, this, [this] { pageChanged(); });

  document_.setAutosaveInterval(30000);
  createMenus();
  resize(1500, 840);
  editor_->arrangeDocks();
  setWindowTitle(tr("Fusebench"));
  // The layout the user left last time (docks and size), when there is one.
  QSettings settings;
  restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
  restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
}

widgets::ModelSummaryView* MainWindow::summaryView() const { return editor_->summary(); }
widgets::ProblemsPanel* MainWindow::problemsPanel() const { return editor_->problems(); }
widgets::DatasetInfoPanel* MainWindow::datasetPanel() const { return editor_->datasetInfo(); }
widgets::GraphScene* MainWindow::graphScene() const { return editor_->scene(); }
widgets::GraphCanvas* MainWindow::canvas() const { return editor_->canvas(); }
widgets::NodePalette* MainWindow::palette() const { return editor_->palette(); }
widgets::NodeInspector* MainWindow::inspector() const { return editor_->inspector(); }

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
  QMenu* exportMenu = file->addMenu(tr("&Export"));
  exportMenu->addAction(modelExport_->onnxAction());
  file->addSeparator();
  QAction* quit = file->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
  quit->setShortcut(QKeySequence::Quit);

  menuBar()->addMenu(editor_->editMenu());
  menuBar()->addMenu(datasetArea_->menu());
  menuBar()->addMenu(trainingArea_->menu());
  menuBar()->addMenu(explainArea_->menu());

  QMenu* view = menuBar()->addMenu(tr("&View"));
  view->addAction(tr("&Model"), this, [this] { showPage(QStringLiteral("model")); })->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
  view->addAction(tr("&Data"), this, [this] { showPage(QStringLiteral("data")); })->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_2));
  view->addAction(tr("&Training"), this, [this] { showPage(QStringLiteral("training")); })->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_3));
  view->addAction(tr("E&xplain"), this, [this] { showPage(QStringLiteral("explain")); })->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_4));

  addLanguageMenu(view);

  QMenu* help = menuBar()->addMenu(tr("&Help"));
  help->addAction(tr("&About Fusebench"), this, [this] {
    QMessageBox::about(this, tr("About Fusebench"),
                       tr("<b>Fusebench %1</b><p>A desktop workbench for multimodal deep learning.</p>")
                           .arg(QStringLiteral(FUSEBENCH_VERSION)));
  });
}

bool MainWindow::openProject(const QString& path) {
  readDataset_ = true;
  explainArea_->reset();  // another project: its models and rows are not the ones shown
  QString error;
  if (document_.load(path, &error)) {  // graphChanged() shows it
    editor_->fitToNodes();
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
  editor_->scene()->setGraph({});
  showProject();
  return false;
}

void MainWindow::newProject() {
  readDataset_ = true;
  explainArea_->reset();
  document_.reset(tr("Untitled"));
  editor_->fitToNodes();
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

// View › Language: the choice is saved and applies from the next start (every window is built in one language).
void MainWindow::addLanguageMenu(QMenu* view) {
  QMenu* language = view->addMenu(tr("&Language"));
  auto* group = new QActionGroup(language);
  const QString saved = widgets::savedLanguage();
  for (const widgets::LanguageChoice& choice : widgets::availableLanguages()) {
    QAction* a = language->addAction(choice.nativeName);
    a->setCheckable(true);
    a->setChecked(choice.code == saved);
    group->addAction(a);
    connect(a, &QAction::triggered, this, [this, choice] {
      widgets::saveLanguage(choice.code);
      QMessageBox::information(this, tr("Language"),
                               tr("Fusebench will use %1 from its next start.").arg(choice.nativeName));
    });
  }
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
  else if (name == QLatin1String("explain"))
    workspace_->setCurrentWidget(explainArea_->view());
  else
    workspace_->setCurrentWidget(editor_->canvas());
}

void MainWindow::pageChanged() {
  const bool model = workspace_->currentWidget() == editor_->canvas();
  if (!model) {
    for (QDockWidget* d : editor_->docks())
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
  datasetArea_->setSplitOptions(projectSplitOptions(document_.project()));
  QString message;
  if (dir.isEmpty()) message = tr("This project names no dataset. Open one from the Dataset menu, then choose Use for This Project.");
  datasetArea_->openDataset(dir, message);
}

void MainWindow::selectNode(const QString& id) { editor_->selectNode(id); }

void MainWindow::updateTitle() {
  setWindowTitle(tr("%1%2 — Fusebench").arg(project_.name, document_.isModified() ? QStringLiteral("*") : QString()));
}

void MainWindow::showProject() {
  editor_->showProject(project_);
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
