// The node editor scene shows a GraphView and turns user actions into requests; it never edits a graph.
#include <QApplication>
#include <QGraphicsSceneMouseEvent>
#include <QKeyEvent>
#include <QSignalSpy>
#include <QTest>

#include "editor/graph_scene.h"
#include "editor/node_item.h"

using namespace fusebench::widgets;

static GraphView twoNodes() {
  GraphView g;
  g.nodes.append({QStringLiteral("img"), QStringLiteral("Image input"), QStringLiteral("Inputs"), QPointF(0, 0), {},
                  {{QStringLiteral("out"), QStringLiteral("image [1, 28, 28]"), false}}, {}});
  g.nodes.append({QStringLiteral("cnn"), QStringLiteral("Small CNN"), QStringLiteral("Image encoders"), QPointF(300, 0),
                  {{QStringLiteral("in"), QStringLiteral("image"), false}},
                  {{QStringLiteral("features"), QStringLiteral("features [64]"), false}},
                  QStringLiteral("node 'cnn', port 'in': required input port is not connected")});
  return g;
}

static void sendMouse(QGraphicsScene& scene, QEvent::Type type, QPointF pos) {
  QGraphicsSceneMouseEvent e(type);
  e.setScenePos(pos);
  e.setButton(Qt::LeftButton);
  e.setButtons(type == QEvent::GraphicsSceneMouseRelease ? Qt::NoButton : Qt::LeftButton);
  QApplication::sendEvent(&scene, &e);
}

class TestGraphScene : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void showsNodesEdgesAndErrors() {
    GraphScene scene;
    auto g = twoNodes();
    g.edges.append({QStringLiteral("img"), QStringLiteral("out"), QStringLiteral("cnn"), QStringLiteral("in")});
    scene.setGraph(g);
    QVERIFY(scene.node(QStringLiteral("img")));
    QVERIFY(scene.node(QStringLiteral("cnn")));
    QCOMPARE(scene.items().size(), 3);  // two cards and one edge
    QVERIFY(scene.node(QStringLiteral("cnn"))->toolTip().contains(QStringLiteral("not connected")));
    QVERIFY(scene.portPosition(QStringLiteral("cnn"), QStringLiteral("in"), false).x() == 300);
    QVERIFY(scene.nodesBoundingRect().width() > 300);
  }

  void draggingFromAnOutputToAnInputRequestsAConnection() {
    GraphScene scene;
    scene.setGraph(twoNodes());
    QSignalSpy spy(&scene, &GraphScene::connectRequested);
    const QPointF from = scene.portPosition(QStringLiteral("img"), QStringLiteral("out"), true);
    const QPointF to = scene.portPosition(QStringLiteral("cnn"), QStringLiteral("in"), false);
    sendMouse(scene, QEvent::GraphicsSceneMousePress, from);
    sendMouse(scene, QEvent::GraphicsSceneMouseMove, (from + to) / 2);
    sendMouse(scene, QEvent::GraphicsSceneMouseRelease, to);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toString(), QStringLiteral("img"));
    QCOMPARE(spy.at(0).at(1).toString(), QStringLiteral("out"));
    QCOMPARE(spy.at(0).at(2).toString(), QStringLiteral("cnn"));
    QCOMPARE(spy.at(0).at(3).toString(), QStringLiteral("in"));
    QCOMPARE(scene.items().size(), 2);  // the rubber edge is gone; the scene drew no edge of its own
  }

  void movingANodeReportsItsNewPositionOnRelease() {
    GraphScene scene;
    scene.setGraph(twoNodes());
    QSignalSpy spy(&scene, &GraphScene::nodesMoved);
    scene.node(QStringLiteral("img"))->setPos(40, 50);
    scene.nodeReleased();
    QCOMPARE(spy.count(), 1);
    const auto moved = spy.at(0).at(0).value<QMap<QString, QPointF>>();
    QCOMPARE(moved.size(), 1);
    QCOMPARE(moved.value(QStringLiteral("img")), QPointF(40, 50));
  }

  void deleteKeyRequestsDeletionOfTheSelection() {
    GraphScene scene;
    scene.setGraph(twoNodes());
    QSignalSpy spy(&scene, &GraphScene::deleteRequested);
    scene.node(QStringLiteral("cnn"))->setSelected(true);
    QKeyEvent key(QEvent::KeyPress, Qt::Key_Delete, Qt::NoModifier);
    QApplication::sendEvent(&scene, &key);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toStringList(), QStringList{QStringLiteral("cnn")});
    // The selection survives a rebuild (the document answers every edit with a new GraphView).
    scene.setGraph(twoNodes());
    QCOMPARE(scene.selectedNodes(), QStringList{QStringLiteral("cnn")});
  }
};

QTEST_MAIN(TestGraphScene)
#include "test_graph_scene.moc"
