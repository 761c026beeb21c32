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

#include <QLabel>
#include <QTabWidget>
#include <QToolBar>

#include "i18n/translations.h"
#include "style/app_palette.h"
#include "dataset/dataset_area.h"
#include "dataset/dataset_browser.h"
#include "dataset/dataset_info_panel.h"
#include "dataset/sample_detail_view.h"
#include "training/model_export.h"
#include "training/runs_panel.h"
#include "training/training_area.h"
#include "editor/editor_area.h"
#include "explain/explain_area.h"
#include "start/start_area.h"
#include "start/new_from_dataset.h"
#include "help/help_menu.h"
#include "jobs/job_tracker.h"
#include "explain/explanation_view.h"
#include "editor/graph_scene.h"
#include "editor/graph_view.h"

namespace fusebench::app {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
  // A host: each area brings its page, its docks and its menus; the window routes between them.
  startArea_ = new StartArea(this, [this] { return recentProjects(); }, [this](const ProjectFile& p) { openNewProject(p); });
  editor_ = new EditorArea(this, &document_);
  datasetArea_ = new DatasetArea(this);
  trainingArea_ = new TrainingArea(this, &document_, datasetArea_);
  explainArea_ = new ExplainArea(this, &document_, datasetArea_, trainingArea_);
  modelExport_ = new ModelExport(this, [this] { return trainingArea_->selectedOrLastRun(); });
  areas_ = {startArea_, editor_, datasetArea_, trainingArea_, explainArea_};
  hostAreas();
  connectStartArea();

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

// The areas' pages become the workspace, their toolbars and docks the window's; the window docks share the
// bottom with the editor's Problems dock.
void MainWindow::hostAreas() {
  workspace_ = new QTabWidget(this);
  workspace_->setDocumentMode(true);
  jobsLabel_ = new QLabel(this);
  jobsLabel_->setObjectName(QStringLiteral("backgroundJobs"));
  statusBar()->addPermanentWidget(jobsLabel_);
  for (Area* area : areas_) {
    workspace_->addTab(area->page(), area->pageTitle());
    if (QToolBar* bar = area->toolBar()) addToolBar(bar);
    for (QDockWidget* dock : area->windowDocks()) {
      addDockWidget(Qt::BottomDockWidgetArea, dock);
      tabifyDockWidget(editor_->problemsDock(), dock);
    }
    if (widgets::JobTracker* jobs = area->jobs())
      connect(jobs, &widgets::JobTracker::jobsChanged, this, [this] { showBackgroundJobs(); });
  }
  editor_->problemsDock()->raise();
  setCentralWidget(workspace_);
}

// The status bar names the work running in the background, across areas ("Validating …, Evaluating …").
void MainWindow::showBackgroundJobs() {
  QStringList running;
  for (Area* area : areas_)
    if (widgets::JobTracker* jobs = area->jobs()) running << jobs->labels();
  jobsLabel_->setText(running.isEmpty() ? QString() : running.join(QStringLiteral(" · ")) + QStringLiteral("…"));
  jobsLabel_->setToolTip(running.join(QLatin1Char('\n')));
}

void MainWindow::connectStartArea() {
  connect(startArea_, &StartArea::statusMessage, this, [this](const QString& m) { statusBar()->showMessage(m, 10000); });
  connect(startArea_, &StartArea::openProjectRequested, this, [this](const QString& path) {
    if (!maybeSave()) return;
    openProject(path);
    showPage(QStringLiteral("model"));
  });
  connect(startArea_, &StartArea::newProjectRequested, this, [this] {
    if (!maybeSave()) return;
    newProject();
    showPage(QStringLiteral("model"));
  });
  connect(startArea_, &StartArea::openDialogRequested, this, [this] { openProjectWithDialog(); });
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
  file->addAction(tr("New Project from &Dataset…"), this, [this] {
    if (maybeSave()) startArea_->newFromDataset()->chooseAndStart();
  });
  QAction* open = file->addAction(tr("&Open Project…"), this, [this] { openProjectWithDialog(); });
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

  for (Area* area : areas_)
    for (QMenu* menu : area->menus()) menuBar()->addMenu(menu);

  QMenu* view = menuBar()->addMenu(tr("&View"));
  for (Area* area : areas_) {
    const QString name = area->pageName();
    view->addAction(area->viewActionText(), this, [this, name] { showPage(name); })->setShortcut(area->viewShortcut());
  }

  addLanguageMenu(view);
  addThemeMenu(view);

  createHelpMenu(this, [this] { return trainingArea_->deviceTitles(); });
}

bool MainWindow::openProject(const QString& requested) {
  // An installed example is read-only (its runs could not be written): the user's own copy is opened.
  std::string copyError;
  const QString path = QString::fromStdString(userCopyOfInstalledExample(requested.toStdString(), copyError));
  if (path.isEmpty()) {
    QMessageBox::warning(this, tr("Open Project"), tr("Cannot make your copy of %1: %2").arg(requested, QString::fromStdString(copyError)));
    return false;
  }
  readDataset_ = true;
  explainArea_->reset();  // another project: its models and rows are not the ones shown
  QString error;
  if (document_.load(path, &error)) {  // graphChanged() shows it
    editor_->fitToNodes();
    rememberRecent(path);
    if (path != requested)
      statusBar()->showMessage(tr("%1 is installed read-only; opened your own copy, %2").arg(requested, path), 15000);
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

void MainWindow::openNewProject(const ProjectFile& project) {
  if (!maybeSave()) return;
  readDataset_ = true;
  explainArea_->reset();
  document_.resetTo(project);
  editor_->fitToNodes();
  showPage(QStringLiteral("model"));
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

void MainWindow::showEvent(QShowEvent* event) {
  QMainWindow::showEvent(event);
  pageChanged();
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

// View › Theme: system, light or dark; saved, and applied from the next start (the canvas and plots take
// their colours when they are made).
void MainWindow::addThemeMenu(QMenu* view) {
  QMenu* theme = view->addMenu(tr("T&heme"));
  auto* group = new QActionGroup(theme);
  const QString saved = widgets::savedTheme();
  const QList<QPair<QString, QString>> choices = {
      {QString(), tr("System Default")}, {QStringLiteral("light"), tr("Light")}, {QStringLiteral("dark"), tr("Dark")}};
  for (const auto& [code, title] : choices) {
    QAction* a = theme->addAction(title);
    a->setCheckable(true);
    a->setChecked(code == saved);
    group->addAction(a);
    connect(a, &QAction::triggered, this, [this, code = code, title = title] {
      widgets::saveTheme(code);
      QMessageBox::information(this, tr("Theme"), tr("Fusebench will use the %1 colours from its next start.").arg(title));
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
  Area* shown = editor_;  // an unknown or empty name: the Model page
  for (Area* area : areas_)
    if (area->pageName() == name) shown = area;
  workspace_->setCurrentWidget(shown->page());
}

Area* MainWindow::currentArea() const {
  for (Area* area : areas_)
    if (area->page() == workspace_->currentWidget()) return area;
  return editor_;
}

// A page's docks are hidden on the other pages and come back as the user left them; the window docks
// (Runs) and the toolbars hide on a page that has the window to itself (Start).
void MainWindow::pageChanged() {
  Area* current = currentArea();
  if (current == startArea_) {
    startArea_->refresh();      // a project opened or saved since: its recent list
    statusBar()->clearMessage();  // "0 nodes, 0 edges" of the empty project behind the page says nothing here
  }
  QList<QDockWidget*> wanted = current->pageDocks();
  if (!current->hasWindowToItself())
    for (Area* area : areas_) wanted << area->windowDocks();
  for (Area* area : areas_)
    if (QToolBar* bar = area->toolBar()) bar->setVisible(!current->hasWindowToItself());
  for (Area* area : areas_) {
    QList<QDockWidget*> docks = area->pageDocks() + area->windowDocks();
    for (QDockWidget* d : docks) {
      if (wanted.contains(d)) {
        if (hiddenDocks_.removeAll(d) > 0) d->show();
      } else if (!d->isHidden() && !hiddenDocks_.contains(d)) {  // open, tabbed behind another or not
        hiddenDocks_ << d;
        d->hide();
      }
    }
  }
}

void MainWindow::openProjectWithDialog() {
  if (!maybeSave()) return;
  const QString path = QFileDialog::getOpenFileName(this, tr("Open Project"), QString(),
                                                    tr("Fusebench projects (*.fbproj);;All files (*)"));
  if (!path.isEmpty()) {
    openProject(path);
    showPage(QStringLiteral("model"));
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
