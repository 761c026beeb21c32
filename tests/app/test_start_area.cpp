// The Start page as a first-time user meets it: the example projects with whether their data is here, the
// data made with progress on the example's card and then the project opened on the Model page, recent
// projects (a moved one said so), the window's docks out of the way, and the status bar naming the work
// that runs in the background.
#include <QAction>
#include <QDockWidget>
#include <QFile>
#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>
#include <QTemporaryDir>
#include <QTest>
#include <filesystem>

#include "dataset/dataset_area.h"
#include "document/project_document.h"
#include "fixtures.h"
#include "problems/problems_panel.h"
#include "start/column_roles_dialog.h"
#include "start/new_from_dataset.h"
#include "editor/editor_area.h"
#include "main_window.h"
#include "start/start_area.h"
#include "start/welcome_page.h"
#include "training/training_area.h"

using fusebench::app::MainWindow;
using fusebench::widgets::WelcomeExample;

namespace {

// A folder of example projects like the installed one: the main example, whose data is not made yet.
QString copyExample(const QTemporaryDir& dir) {
  const QString path = dir.filePath(QStringLiteral("fashion_trimodal.fbproj"));
  QFile::copy(QStringLiteral(FUSEBENCH_SOURCE_DIR "/projects/fashion_trimodal.fbproj"), path);
  QFile::copy(QStringLiteral(FUSEBENCH_SOURCE_DIR "/projects/image_text_concat.fbproj"),
              dir.filePath(QStringLiteral("image_text_concat.fbproj")));
  return path;
}

// Open, as the user sees it (a dock tabbed behind another is open too): its View menu entry is checked.
bool isOpen(QDockWidget* dock) { return dock->toggleViewAction()->isChecked(); }

}  // namespace

class TestStartArea : public QObject {
  Q_OBJECT
  QTemporaryDir config_;

 private Q_SLOTS:
  void initTestCase() {
    // The recent-projects list lives in the settings: this test's own, not the user's.
    qputenv("XDG_CONFIG_HOME", config_.path().toUtf8());
    QSettings().clear();
  }

  void theStartPageIsFirstAndHasTheWindowToItself() {
    MainWindow w;
    w.resize(1400, 900);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QCOMPARE(w.workspace()->widget(0), w.startArea()->page());
    QCOMPARE(w.workspace()->tabText(0), QStringLiteral("Start"));
    w.showPage(QStringLiteral("model"));
    QVERIFY(isOpen(w.trainingArea()->runsDock()));
    QVERIFY(isOpen(w.editorArea()->problemsDock()));
    w.showPage(QStringLiteral("start"));
    QVERIFY(!w.trainingArea()->toolBar()->isVisible());  // the welcome page has the window to itself
    QVERIFY(!isOpen(w.trainingArea()->runsDock()));
    QVERIFY(!isOpen(w.editorArea()->problemsDock()));
    w.showPage(QStringLiteral("training"));  // the Runs dock is back, the editor's stay with the Model page
    QVERIFY(w.trainingArea()->toolBar()->isVisible());
    QVERIFY(isOpen(w.trainingArea()->runsDock()));
    QVERIFY(!isOpen(w.editorArea()->problemsDock()));
    w.showPage(QStringLiteral("model"));
    QVERIFY(isOpen(w.editorArea()->problemsDock()));
  }

  void examplesSayWhetherTheirDataIsHere() {
    QTemporaryDir examples;
    const QString trimodal = copyExample(examples);
    MainWindow w;
    w.startArea()->setExamplesDir(examples.path());
    auto* page = w.startArea()->welcome();
    QVERIFY(page->exampleButton(trimodal));
    QCOMPARE(page->exampleButton(trimodal)->text(), QStringLiteral("Make Data and Open"));
    QVERIFY2(page->exampleStatus(trimodal).contains(QStringLiteral("3,200 samples")), qPrintable(page->exampleStatus(trimodal)));
    const QString concat = examples.filePath(QStringLiteral("image_text_concat.fbproj"));
    QCOMPARE(page->exampleButton(concat)->text(), QStringLiteral("Open"));  // a model without a dataset
    QVERIFY(page->exampleStatus(concat).contains(QStringLiteral("names no dataset")));
  }

  // The button makes a (small) example dataset with progress on the card, then opens the project.
  void makeDataAndOpenMakesTheDatasetThenOpensTheProject() {
    QTemporaryDir examples;
    const QString trimodal = copyExample(examples);
    MainWindow w;
    w.startArea()->setExamplesDir(examples.path());
    w.startArea()->setSampleLimit(40);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.showPage(QStringLiteral("start"));
    QCoreApplication::processEvents();  // cards added to a shown page are shown from the event loop
    auto* page = w.startArea()->welcome();
    QVERIFY(page->exampleButton(trimodal)->isVisible());
    QSignalSpy opened(w.datasetArea(), &fusebench::app::DatasetArea::datasetOpened);
    QTest::mouseClick(page->exampleButton(trimodal), Qt::LeftButton);
    QVERIFY(page->exampleProgress(trimodal)->isVisible());
    QVERIFY(!page->exampleButton(trimodal)->isEnabled());  // not twice
    QVERIFY(w.startArea()->jobs()->busy());
    auto* jobs = w.statusBar()->findChild<QLabel*>(QStringLiteral("backgroundJobs"));
    QVERIFY(jobs);
    QVERIFY2(jobs->text().contains(QStringLiteral("Making the data of")), qPrintable(jobs->text()));
    QVERIFY(opened.wait(120000));
    QCOMPARE(w.document()->path(), trimodal);
    QCOMPARE(w.workspace()->currentWidget(), w.editorArea()->page());
    QCOMPARE(opened.first().at(1).toInt(), 40);
    QVERIFY(QFile::exists(examples.filePath(QStringLiteral("data/fashion_trimodal/dataset.json"))));
    QCOMPARE(page->exampleButton(trimodal)->text(), QStringLiteral("Open"));
    QVERIFY2(!jobs->text().contains(QStringLiteral("Making the data of")), qPrintable(jobs->text()));  // opening it may run
    // The project opened from the Start page is the first recent one.
    QCOMPARE(w.recentProjects().value(0), QFileInfo(trimodal).absoluteFilePath());
  }

  // A folder with files and a table, no dataset.json: the roles are proposed and confirmed, dataset.json is
  // written, and a valid first model opens as an unsaved project on the Model page.
  void newProjectFromDatasetProposesRolesWritesTheDescriptionAndBuildsAModel() {
    const auto dir = fusebench::testing::writeCleanDataset("gui_new_from_dataset", 3, true);
    std::filesystem::remove(dir / "dataset.json");
    MainWindow w;
    w.setUnsavedChangesPrompt([] { return QMessageBox::Discard; });
    QStringList proposed;
    QString refusedWithoutTarget;
    w.startArea()->newFromDataset()->setConfirm([&](fusebench::widgets::ColumnRolesDialog& dialog) {
      for (const auto& c : dialog.chosen()) proposed << c.name + QLatin1Char('=') + c.role;
      dialog.setRole(6, QStringLiteral("categorical"));  // no target: OK is refused, saying why
      refusedWithoutTarget = dialog.problem();
      dialog.setRole(6, QStringLiteral("target"), QStringLiteral("classification"));
      return dialog.problem().isEmpty();
    });
    w.startArea()->newFromDataset()->start(QString::fromStdString(dir.string()));
    QTRY_VERIFY_WITH_TIMEOUT(!w.document()->graph().nodes.empty(), 30000);
    QCOMPARE(proposed, (QStringList{"id=id", "image=image", "audio=audio", "title=text", "size=numeric", "colour=categorical",
                                    "label=target", "split=split"}));
    QVERIFY2(refusedWithoutTarget.contains(QStringLiteral("target")), qPrintable(refusedWithoutTarget));
    QVERIFY(std::filesystem::exists(dir / "dataset.json"));
    QVERIFY(w.document()->isModified());  // unsaved: closing asks first
    QVERIFY(w.document()->path().isEmpty());
    QCOMPARE(QDir(w.document()->datasetDir()).canonicalPath(), QDir(QString::fromStdString(dir.string())).canonicalPath());
    QCOMPARE(w.problemsPanel()->count(), 0);  // the first model is valid
    QCOMPARE(w.workspace()->currentWidget(), w.editorArea()->page());
  }

  void recentProjectsOpenAndAMovedOneIsSaidSo() {
    QTemporaryDir dir;
    const QString kept = dir.filePath(QStringLiteral("kept.fbproj"));
    QFile::copy(QStringLiteral(FUSEBENCH_SOURCE_DIR "/projects/image_text_concat.fbproj"), kept);
    QSettings().setValue(QStringLiteral("recentProjects"), QStringList{kept, dir.filePath(QStringLiteral("moved.fbproj"))});
    MainWindow w;
    w.startArea()->refresh();
    QListWidget* list = w.startArea()->welcome()->recentList();
    QCOMPARE(list->count(), 2);
    QVERIFY(list->item(0)->flags() & Qt::ItemIsEnabled);
    QVERIFY(list->item(1)->text().contains(QStringLiteral("not found")));
    QVERIFY(!(list->item(1)->flags() & Qt::ItemIsEnabled));
    Q_EMIT list->itemActivated(list->item(0));
    QCOMPARE(w.document()->path(), kept);
    QCOMPARE(w.workspace()->currentWidget(), w.editorArea()->page());
  }
};

QTEST_MAIN(TestStartArea)
#include "test_start_area.moc"
