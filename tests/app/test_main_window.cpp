#include <QFile>
#include <QFileInfo>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

#include "dataset/dataset_info_panel.h"
#include "editor/graph_scene.h"
#include "editor/graph_view.h"
#include "graph/graph_json.h"
#include "graph/validate.h"
#include "util/sha256.h"
#include <QDir>
#include <QLabel>
#include <QMimeData>
#include "main_window.h"
#include "editor/node_item.h"
#include "inspector/node_inspector.h"
#include "palette/node_palette.h"
#include "problems/problems_panel.h"
#include "summary/model_summary_view.h"

using fusebench::app::MainWindow;

class TestMainWindow : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void opensTheDefaultExampleProject() {
    MainWindow w;
    QVERIFY(w.openProject(fusebench::app::defaultProjectPath()));
    QCOMPARE(w.windowTitle(), QStringLiteral("Fashion trimodal: image + speech + title — Fusebench"));
    QCOMPARE(w.summaryView()->rowCount(), 9);
    QCOMPARE(w.problemsPanel()->count(), 0);
  }

  void editsUpdateTheSummaryAndTheUnsavedMarker() {
    MainWindow w;
    QVERIFY(w.openProject(QStringLiteral(FUSEBENCH_SOURCE_DIR "/projects/image_text_concat.fbproj")));
    w.document()->addNode(QStringLiteral("block.dropout"), QPointF(0, 0));
    QCOMPARE(w.summaryView()->rowCount(), 8);
    QVERIFY(w.windowTitle().startsWith(QStringLiteral("Image + text, concatenation* —")));
    QCOMPARE(w.problemsPanel()->count(), 1);  // the new node's input is not connected
    w.document()->undoStack()->undo();
    QCOMPARE(w.summaryView()->rowCount(), 7);
    QCOMPARE(w.problemsPanel()->count(), 0);
    QVERIFY(!w.windowTitle().contains(QLatin1Char('*')));
  }

  // The user's gestures in the real view: types dropped from the palette onto the canvas (the drag
  // events the platform delivers to the viewport), ports connected with press-move-release of the mouse.
  void aGraphIsBuiltWithMouseGesturesInTheViewAndUndoneToTheStart() {
    MainWindow w;
    w.setUnsavedChangesPrompt([] { return QMessageBox::Discard; });
    w.newProject();
    w.resize(1400, 900);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    const std::string initial = fusebench::graphToText(w.document()->graph());
    auto* canvas = w.canvas();
    QWidget* viewport = canvas->viewport();
    auto drop = [&](const QString& type, QPoint at) {
      QMimeData mime;
      mime.setData(QString::fromLatin1(fusebench::widgets::kNodeTypeMime), type.toUtf8());
      QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
      QCoreApplication::sendEvent(viewport, &enter);
      QDragMoveEvent move(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
      QCoreApplication::sendEvent(viewport, &move);
      QDropEvent dropEvent(QPointF(at), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
      QCoreApplication::sendEvent(viewport, &dropEvent);
      return dropEvent.isAccepted();
    };
    QVERIFY(drop(QStringLiteral("input.image"), QPoint(150, 200)));
    QVERIFY(drop(QStringLiteral("image.small_cnn"), QPoint(500, 200)));
    QVERIFY(drop(QStringLiteral("text.bag_of_embeddings"), QPoint(500, 450)));
    QCOMPARE(w.document()->graph().nodes.size(), 3u);
    QVERIFY(w.graphScene()->node(QStringLiteral("small_cnn")));
    auto portPoint = [&](const QString& node, const QString& port, bool output) {
      return canvas->mapFromScene(w.graphScene()->portPosition(node, port, output));
    };
    auto dragPorts = [&](QPoint from, QPoint to) {
      QTest::mousePress(viewport, Qt::LeftButton, {}, from);
      QTest::mouseMove(viewport, (from + to) / 2);
      QTest::mouseMove(viewport, to);
      QTest::mouseRelease(viewport, Qt::LeftButton, {}, to);
    };
    // image.out -> small_cnn.in: accepted.
    dragPorts(portPoint(QStringLiteral("image"), QStringLiteral("out"), true),
              portPoint(QStringLiteral("small_cnn"), QStringLiteral("in"), false));
    QCOMPARE(w.document()->graph().edges.size(), 1u);
    QCOMPARE(w.document()->graph().edges[0].to.node, std::string("small_cnn"));
    // image.out -> the text encoder: refused, with the reason in the status bar.
    dragPorts(portPoint(QStringLiteral("image"), QStringLiteral("out"), true),
              portPoint(QStringLiteral("bag_of_embeddings"), QStringLiteral("in"), false));
    QCOMPARE(w.document()->graph().edges.size(), 1u);
    QVERIFY2(w.statusBar()->currentMessage().startsWith(QStringLiteral("Connection refused")),
             qPrintable(w.statusBar()->currentMessage()));
    // Dragging a card moves it: one undo step.
    const QPointF before = w.graphScene()->node(QStringLiteral("small_cnn"))->pos();
    const QPoint grab = canvas->mapFromScene(w.graphScene()->node(QStringLiteral("small_cnn"))->sceneBoundingRect().center() + QPointF(0, 6));
    QTest::mousePress(viewport, Qt::LeftButton, {}, grab);
    for (int i = 1; i <= 5; ++i) QTest::mouseMove(viewport, grab + QPoint(12 * i, 4 * i));
    QTest::mouseRelease(viewport, Qt::LeftButton, {}, grab + QPoint(60, 20));
    QVERIFY(w.graphScene()->node(QStringLiteral("small_cnn"))->pos() != before);
    const int steps = w.document()->undoStack()->count();
    QCOMPARE(steps, 5);  // 3 drops, 1 connection, 1 move
    while (w.document()->undoStack()->canUndo()) w.document()->undoStack()->undo();
    QCOMPARE(fusebench::graphToText(w.document()->graph()), initial);
  }

  void thePaletteListsEveryTypeSearchesAndAddsNodes() {
    MainWindow w;
    QVERIFY(w.openProject(QStringLiteral(FUSEBENCH_SOURCE_DIR "/projects/image_text_concat.fbproj")));
    QCOMPARE(w.palette()->visibleTypes(), 34);  // every registered type
    w.palette()->setFilter(QStringLiteral("attention"));
    QCOMPARE(w.palette()->visibleTypes(), 1);
    Q_EMIT w.palette()->addRequested(QStringLiteral("fusion.gmu"));
    QVERIFY(w.document()->graph().find("gmu"));
    QVERIFY(w.graphScene()->node(QStringLiteral("gmu")));
    QCOMPARE(w.summaryView()->rowCount(), 8);
  }

  void theInspectorEditsParametersUndoablyAndShapesFollow() {
    MainWindow w;
    QVERIFY(w.openProject(QStringLiteral(FUSEBENCH_SOURCE_DIR "/projects/image_text_concat.fbproj")));
    QCOMPARE(w.inspector()->node(), QString());
    w.graphScene()->node(QStringLiteral("image_cnn"))->setSelected(true);
    QCOMPARE(w.inspector()->node(), QStringLiteral("image_cnn"));
    // depth 3 -> 2: the CNN's features shrink from 64 to 32 channels, the concat from 128 to 96.
    QVERIFY(w.inspector()->editText(QStringLiteral("depth"), QStringLiteral("2")));
    QCOMPARE(w.document()->graph().find("image_cnn")->params["depth"].get<int>(), 2);
    QVERIFY(w.summaryView()->totalText().size() > 0);
    QVERIFY(fusebench::app::describeProject(w.document()->project(), w.document()->path()).summary.nodes[4]
                .outputs[0].second.contains(QStringLiteral("[96]")));
    QCOMPARE(w.inspector()->node(), QStringLiteral("image_cnn"));  // still selected after the rebuild
    // A list parameter: text is checked before it reaches the document.
    w.graphScene()->node(QStringLiteral("image_cnn"))->setSelected(false);
    w.graphScene()->node(QStringLiteral("mlp"))->setSelected(true);
    QVERIFY(!w.inspector()->editText(QStringLiteral("hidden"), QStringLiteral("64, many")));
    QVERIFY(w.inspector()->editText(QStringLiteral("hidden"), QStringLiteral("32, 16")));
    QCOMPARE(w.document()->graph().find("mlp")->params["hidden"].dump(), std::string("[32,16]"));
    w.document()->undoStack()->undo();
    w.document()->undoStack()->undo();
    QVERIFY(!w.document()->isModified());
  }

  // A TorchScript encoder in a project folder: the inspector shows where its file comes from and warns; the
  // training settings are edited undoably; Save As elsewhere re-bases the relative file so it still validates.
  void theInspectorEditsTrainingSettingsAndShowsWhereAScriptComesFrom() {
    QTemporaryDir dir;
    QFile in(QStringLiteral(FUSEBENCH_SOURCE_DIR "/projects/image_text_concat.fbproj"));
    QVERIFY(in.open(QIODevice::ReadOnly));
    QString text = QString::fromUtf8(in.readAll());
    text.replace(QStringLiteral(R"("type": "image.small_cnn", "params": {"depth": 3, "width": 16})"),
                 QStringLiteral(R"("type": "image.torchscript", "params": {"file": "models/backbone.pt"})"));
    QVERIFY(text.contains(QStringLiteral("image.torchscript")));
    QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("models")));
    const QString script = dir.filePath(QStringLiteral("models/backbone.pt"));
    QVERIFY(QFile::copy(QStringLiteral(FUSEBENCH_SOURCE_DIR "/tests/reference/golden/torchscript/gray_feature_map.pt"), script));
    QFile out(dir.filePath(QStringLiteral("p.fbproj")));
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(text.toUtf8());
    out.close();

    MainWindow w;
    QVERIFY(w.openProject(out.fileName()));
    QVERIFY(fusebench::validateGraph(w.document()->graph()).ok());
    w.graphScene()->node(QStringLiteral("image_cnn"))->setSelected(true);
    auto* provenance = w.inspector()->findChild<QLabel*>(QStringLiteral("provenance"));
    auto* warning = w.inspector()->findChild<QLabel*>(QStringLiteral("warning"));
    QVERIFY(provenance && warning);
    std::string digest, error;
    QVERIFY(fusebench::sha256File(script.toStdString(), digest, error));
    QVERIFY2(provenance->text().contains(QString::fromStdString(digest.substr(0, 8)) + QLatin1Char(' ')), qPrintable(provenance->text()));
    QVERIFY(!warning->isHidden());
    QVERIFY(warning->text().contains(QStringLiteral("program")));

    QVERIFY(w.inspector()->editText(QStringLiteral("freeze"), QStringLiteral("-1")));
    QVERIFY(w.inspector()->editText(QStringLiteral("lr_multiplier"), QStringLiteral("0.1")));
    QVERIFY(w.inspector()->editText(QStringLiteral("init_from.model"), QStringLiteral("runs/pretrain")));
    const auto* n = w.document()->graph().find("image_cnn");
    QCOMPARE(n->freeze_epochs, int64_t{-1});
    QCOMPARE(n->lr_multiplier, 0.1);
    QCOMPARE(n->init_model, std::string("runs/pretrain"));
    for (int i = 0; i < 3; ++i) w.document()->undoStack()->undo();
    QVERIFY(!w.document()->isModified());
    QCOMPARE(w.document()->graph().find("image_cnn")->freeze_epochs, int64_t{0});

    QString saveError;
    QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("elsewhere/deeper")));
    QVERIFY2(w.document()->saveAs(dir.filePath(QStringLiteral("elsewhere/deeper/q.fbproj")), &saveError), qPrintable(saveError));
    QCOMPARE(w.document()->graph().find("image_cnn")->params["file"].get<std::string>(),
             std::string("../../models/backbone.pt"));
    QVERIFY(fusebench::validateGraph(w.document()->graph()).ok());
  }

  void unsavedChangesAreNeverLostSilently() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("p.fbproj"));
    QVERIFY(QFile::copy(QStringLiteral(FUSEBENCH_SOURCE_DIR "/projects/image_text_concat.fbproj"), path));
    MainWindow w;
    QVERIFY(w.openProject(path));
    QCOMPARE(w.recentProjects().value(0), QFileInfo(path).absoluteFilePath());
    w.document()->addNode(QStringLiteral("block.dropout"), QPointF(0, 0));
    int asked = 0;
    w.setUnsavedChangesPrompt([&] {
      ++asked;
      return QMessageBox::Cancel;
    });
    QVERIFY(!w.close());  // cancelled: the window stays
    QCOMPARE(asked, 1);
    w.setUnsavedChangesPrompt([&] {
      ++asked;
      return QMessageBox::Save;
    });
    QVERIFY(w.close());
    QCOMPARE(asked, 2);
    MainWindow again;
    QVERIFY(again.openProject(path));
    QVERIFY(again.document()->graph().find("dropout"));  // saved on close
    again.newProject();
    QCOMPARE(again.document()->graph().nodes.size(), 0u);
    QVERIFY(again.close());  // nothing modified: no question
  }

  void anAutosaveFromACrashedSessionIsOfferedAndRecoveredUndoably() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("p.fbproj"));
    QVERIFY(QFile::copy(QStringLiteral(FUSEBENCH_SOURCE_DIR "/projects/image_text_concat.fbproj"), path));
    {
      // A session edits and autosaves, then "crashes" (the window is never closed normally).
      auto* crashed = new MainWindow;
      QVERIFY(crashed->openProject(path));
      crashed->document()->addNode(QStringLiteral("block.layer_norm"), QPointF(5, 5));
      QVERIFY(crashed->document()->writeAutosave());
      QVERIFY(QFile::exists(path + QStringLiteral(".autosave")));
      crashed->setUnsavedChangesPrompt([] { return QMessageBox::Discard; });
      crashed->document()->undoStack()->setClean();  // simulate the crash: nothing asks, nothing cleans up
      delete crashed;
    }
    MainWindow w;
    int asked = 0;
    w.setRecoverPrompt([&] {
      ++asked;
      return QMessageBox::Yes;
    });
    QVERIFY(w.openProject(path));
    QCOMPARE(asked, 1);
    QVERIFY(w.document()->graph().find("layer_norm"));
    QVERIFY(w.document()->isModified());
    w.document()->undoStack()->undo();  // back to the file as saved
    QVERIFY(!w.document()->graph().find("layer_norm"));
    w.document()->undoStack()->redo();
    QVERIFY(w.saveDocumentAs(path));
    QVERIFY(!QFile::exists(path + QStringLiteral(".autosave")));  // saving removes it
  }

  void showsTheDatasetOrHowToGetIt() {
    MainWindow w;
    QVERIFY(w.openProject(QStringLiteral(FUSEBENCH_SOURCE_DIR "/projects/image_text_concat.fbproj")));
    QVERIFY(w.datasetPanel()->headline().contains(QStringLiteral("No dataset")));
    auto info = fusebench::app::describeDataset(QStringLiteral("/nonexistent/fashion_trimodal"));
    QVERIFY(!info.available);
    QVERIFY(info.problem.contains(QStringLiteral("fusebench-cli data make-example")));
  }

  void opensTheImageTextProject() {
    MainWindow w;
    QVERIFY(w.openProject(QStringLiteral(FUSEBENCH_SOURCE_DIR "/projects/image_text_concat.fbproj")));
    QCOMPARE(w.windowTitle(), QStringLiteral("Image + text, concatenation — Fusebench"));
    QCOMPARE(w.summaryView()->rowCount(), 7);
    QCOMPARE(w.problemsPanel()->count(), 0);
    QVERIFY(w.summaryView()->totalText().contains(QLocale().toString(144058)));
    QVERIFY(w.statusBar()->currentMessage().contains(QStringLiteral("graph valid")));
  }

  void showsEveryProblemOfABrokenProject() {
    MainWindow w;
    QVERIFY(w.openProject(QStringLiteral(FUSEBENCH_SOURCE_DIR "/tests/fixtures/broken_graph.fbproj")));
    QCOMPARE(w.problemsPanel()->count(), 2);
    QVERIFY(w.problemsPanel()->textAt(0).contains(QStringLiteral("node 'cnn', port 'in'")));
    QVERIFY(w.problemsPanel()->textAt(1).contains(QStringLiteral("parameter 'num_classes'")));
    w.problemsPanel()->activate(0);
    QCOMPARE(w.summaryView()->selectedNode(), QStringLiteral("cnn"));
    QVERIFY(w.statusBar()->currentMessage().contains(QStringLiteral("2 problem")));
  }

  void unreadableFileIsReportedNotFatal() {
    MainWindow w;
    QVERIFY(!w.openProject(QStringLiteral("/nonexistent/project.fbproj")));
    QCOMPARE(w.problemsPanel()->count(), 1);
    QVERIFY(w.problemsPanel()->textAt(0).contains(QStringLiteral("cannot open '/nonexistent/project.fbproj'")));
    QCOMPARE(w.summaryView()->rowCount(), 0);
  }

  void allExampleProjectsOpenWithoutProblems() {
    for (const char* f : {"fashion_trimodal.fbproj", "image_text_concat.fbproj", "image_audio_weighted.fbproj",
                          "image_text_audio_attention.fbproj"}) {
      MainWindow w;
      QVERIFY(w.openProject(QStringLiteral(FUSEBENCH_SOURCE_DIR "/projects/") + QLatin1String(f)));
      QCOMPARE(w.problemsPanel()->count(), 0);
    }
  }
};

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
