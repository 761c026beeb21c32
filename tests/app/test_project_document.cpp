// Every kind of edit goes through the undo stack; undoing them all restores the identical JSON.
#include <cerrno>

#include <QSignalSpy>
#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include "document/project_document.h"
#include "graph/graph_json.h"
#include "project/project_file.h"
#include "util/files.h"

using fusebench::app::ProjectDocument;
using namespace fusebench;

class TestProjectDocument : public QObject {
  Q_OBJECT
 private:
  static QString example() { return QStringLiteral(FUSEBENCH_SOURCE_DIR "/projects/image_text_concat.fbproj"); }

 private Q_SLOTS:
  void undoRedoEveryKindOfEditBackToIdenticalJson() {
    ProjectDocument doc;
    QString error;
    QVERIFY2(doc.load(example(), &error), qPrintable(error));
    const std::string initial = graphToText(doc.graph());
    QVERIFY(!doc.isModified());

    const QString id = doc.addNode(QStringLiteral("block.layer_norm"), QPointF(100, 300));
    QCOMPARE(id, QStringLiteral("layer_norm"));
    QCOMPARE(doc.addNode(QStringLiteral("block.layer_norm"), QPointF(0, 0)), QStringLiteral("layer_norm_2"));
    doc.removeNodes({QStringLiteral("layer_norm_2")});
    QVERIFY(doc.connectPorts({"fuse", "out"}, {"layer_norm", "in"}, &error));
    doc.setParameter(QStringLiteral("image_cnn"), QStringLiteral("depth"), 2);
    doc.moveNodes({{QStringLiteral("head"), QPointF(1, 2)}});
    doc.disconnectPorts(EdgeSpec{{"fuse", "out"}, {"layer_norm", "in"}});
    doc.removeNodes({QStringLiteral("text_rnn")});  // takes its two edges along
    QVERIFY(doc.isModified());
    const std::string edited = graphToText(doc.graph());
    QVERIFY(edited != initial);
    QVERIFY(!doc.graph().find("text_rnn"));
    QCOMPARE(doc.graph().find("image_cnn")->params["depth"].get<int>(), 2);

    while (doc.undoStack()->canUndo()) doc.undoStack()->undo();
    QCOMPARE(graphToText(doc.graph()), initial);
    QVERIFY(!doc.isModified());
    while (doc.undoStack()->canRedo()) doc.undoStack()->redo();
    QCOMPARE(graphToText(doc.graph()), edited);
  }

  void saveAsReBasesARelativeDatasetPathAndDatasetEditsStayRightAfterIt() {
    QTemporaryDir dir;
    QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("a/data/set")));
    QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("b/deeper")));
    const QString first = dir.filePath(QStringLiteral("a/p.fbproj"));
    ProjectFile p;
    p.name = "p";
    p.dataset_path = "data/set";  // relative to a/
    std::string e;
    QVERIFY(saveProjectFile(p, first.toStdString(), &e));
    fusebench::app::ProjectDocument doc;
    QString error;
    QVERIFY(doc.load(first, &error));
    const QString dataset = QDir::cleanPath(dir.filePath(QStringLiteral("a/data/set")));
    QCOMPARE(QDir::cleanPath(doc.datasetDir()), dataset);
    QVERIFY(doc.saveAs(dir.filePath(QStringLiteral("b/deeper/q.fbproj")), &error));
    QCOMPARE(QDir::cleanPath(doc.datasetDir()), dataset);  // the same folder from the new place
    QCOMPARE(QString::fromStdString(doc.project().dataset_path), QStringLiteral("../../a/data/set"));
    // A dataset chosen afterwards, then undone, still resolves right.
    doc.setDatasetPath(dir.filePath(QStringLiteral("b")));
    QCOMPARE(QDir::cleanPath(doc.datasetDir()), QDir::cleanPath(dir.filePath(QStringLiteral("b"))));
    doc.undoStack()->undo();
    QCOMPARE(QDir::cleanPath(doc.datasetDir()), dataset);
  }

  void editsThatChangeNothingAddNoUndoStep() {
    ProjectDocument doc;
    QVERIFY(doc.load(example(), nullptr));
    doc.setParameter(QStringLiteral("image_cnn"), QStringLiteral("depth"), 3);        // already 3
    doc.setParameter(QStringLiteral("image_cnn"), QStringLiteral("batch_norm"), true);  // the default
    doc.removeNodes({QStringLiteral("no_such_node")});
    QCOMPARE(doc.undoStack()->count(), 0);
    QVERIFY(!doc.isModified());
  }

  void aDragIsOneUndoStep() {
    ProjectDocument doc;
    QVERIFY(doc.load(example(), nullptr));
    const double x0 = doc.graph().find("head")->x;
    for (int i = 1; i <= 20; ++i) doc.moveNodes({{QStringLiteral("head"), QPointF(x0 + i, 5)}});
    QCOMPARE(doc.undoStack()->count(), 1);
    doc.moveNodes({{QStringLiteral("mlp"), QPointF(0, 0)}});  // another node: a new step
    QCOMPARE(doc.undoStack()->count(), 2);
    doc.undoStack()->undo();
    doc.undoStack()->undo();
    QCOMPARE(doc.graph().find("head")->x, x0);
  }

  void incompatibleConnectionsAreRefusedWithTheirReason() {
    ProjectDocument doc;
    QVERIFY(doc.load(example(), nullptr));
    QString reason;
    QVERIFY(!doc.connectPorts({"text", "out"}, {"image_cnn", "in"}, &reason));  // taken, and the wrong kind
    QVERIFY2(reason.contains(QStringLiteral("image_cnn")), qPrintable(reason));
    doc.disconnectPorts(EdgeSpec{{"image", "out"}, {"image_cnn", "in"}});
    QVERIFY(!doc.connectPorts({"text", "out"}, {"image_cnn", "in"}, &reason));
    QVERIFY2(reason.contains(QStringLiteral("wrong kind")), qPrintable(reason));
    QVERIFY(!doc.connectPorts({"head", "out"}, {"image_cnn", "in"}, &reason));
    QVERIFY(!doc.connectPorts({"mlp", "out"}, {"fuse", "in2"}, &reason));  // a cycle
    QVERIFY2(reason.contains(QStringLiteral("cycle")), qPrintable(reason));
    QCOMPARE(doc.undoStack()->count(), 1);  // only the disconnect
  }

  void copyPasteAndDuplicateKeepParametersAndInnerEdges() {
    ProjectDocument doc;
    QVERIFY(doc.load(example(), nullptr));
    const auto nodesBefore = doc.graph().nodes.size(), edgesBefore = doc.graph().edges.size();
    const QString clip = doc.copyNodes({QStringLiteral("text"), QStringLiteral("text_rnn")});
    const QStringList pasted = doc.pasteNodes(clip, QPointF(10, 20));
    QCOMPARE(pasted, (QStringList{QStringLiteral("text_2"), QStringLiteral("text_rnn_2")}));
    QCOMPARE(doc.graph().nodes.size(), nodesBefore + 2);
    QCOMPARE(doc.graph().edges.size(), edgesBefore + 1);  // text_2.out -> text_rnn_2.in, not the edge to fuse
    QVERIFY(doc.graph().find("text_rnn_2")->params == doc.graph().find("text_rnn")->params);
    QCOMPARE(doc.graph().find("text_rnn_2")->x, doc.graph().find("text_rnn")->x + 10);
    QCOMPARE(doc.undoStack()->count(), 1);
    QCOMPARE(doc.duplicateNodes({QStringLiteral("mlp")}), QStringList{QStringLiteral("mlp_2")});
    QString error;
    QVERIFY(doc.pasteNodes(QStringLiteral("not json"), QPointF(), &error).isEmpty());
    QVERIFY(error.contains(QStringLiteral("invalid JSON")));
    doc.undoStack()->undo();
    doc.undoStack()->undo();
    QCOMPARE(doc.graph().nodes.size(), nodesBefore);
  }

  void autoLayoutPlacesNodesByDepthInOneStep() {
    ProjectDocument doc;
    QVERIFY(doc.load(example(), nullptr));
    doc.autoLayout();
    QCOMPARE(doc.undoStack()->count(), 1);
    const auto& g = doc.graph();
    QCOMPARE(g.find("image")->x, 0.0);
    QCOMPARE(g.find("image_cnn")->x, 280.0);
    QCOMPARE(g.find("fuse")->x, 560.0);
    QCOMPARE(g.find("head")->x, 1120.0);
    QVERIFY(g.find("image")->y != g.find("text")->y);
  }

  void saveAndReopenGivesAnEqualDocument() {
    QTemporaryDir dir;
    ProjectDocument doc;
    QVERIFY(doc.load(example(), nullptr));
    doc.addNode(QStringLiteral("block.dropout"), QPointF(3, 4));
    QSignalSpy modified(&doc, &ProjectDocument::modifiedChanged);
    QString error;
    QVERIFY2(doc.saveAs(dir.filePath(QStringLiteral("p.fbproj")), &error), qPrintable(error));
    QVERIFY(!doc.isModified());
    QCOMPARE(modified.count(), 1);
    ProjectDocument again;
    QVERIFY(again.load(dir.filePath(QStringLiteral("p.fbproj")), nullptr));
    QVERIFY(again.graph() == doc.graph());
    QCOMPARE(again.project().name, doc.project().name);
  }

  // A full disk: Save fails naming the file and the reason, the document stays modified (nothing claims to
  // be saved), the saved file is untouched; the autosave timer says so once, not every tick.
  void aFullDiskKeepsTheSavedFileAndTheDocumentModified() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("p.fbproj"));
    ProjectDocument doc;
    QVERIFY(doc.load(example(), nullptr));
    QString error;
    QVERIFY2(doc.saveAs(path, &error), qPrintable(error));
    QFile saved(path);
    QVERIFY(saved.open(QIODevice::ReadOnly));
    const QByteArray before = saved.readAll();
    saved.close();
    doc.addNode(QStringLiteral("block.dropout"), QPointF(3, 4));
    setWriteFaultForTesting(WriteFault{"p.fbproj", 0, ENOSPC});
    const bool ok = doc.save(&error);
    QSignalSpy failed(&doc, &ProjectDocument::autosaveFailed);
    doc.setAutosaveInterval(20);
    QTest::qWait(200);
    doc.setAutosaveInterval(0);
    setWriteFaultForTesting(std::nullopt);
    QVERIFY(!ok);
    QCOMPARE(error, QStringLiteral("cannot write '%1': No space left on device").arg(path));
    QVERIFY(doc.isModified());
    QVERIFY(saved.open(QIODevice::ReadOnly));
    QCOMPARE(saved.readAll(), before);
    QCOMPARE(failed.count(), 1);
    QVERIFY2(failed.at(0).at(0).toString().contains(QStringLiteral("p.fbproj.autosave': No space left on device")),
             qPrintable(failed.at(0).at(0).toString()));
    QVERIFY(!QFileInfo::exists(path + QStringLiteral(".tmp")));
    QVERIFY(!QFileInfo::exists(path + QStringLiteral(".autosave.tmp")));
    // With room again, saving works and the document is clean.
    QVERIFY2(doc.save(&error), qPrintable(error));
    QVERIFY(!doc.isModified());
  }
};

QTEST_MAIN(TestProjectDocument)
#include "test_project_document.moc"
