#include "editor/graph_scene.h"

#include <QApplication>
#include <QPalette>
#include <QGraphicsPathItem>
#include <QGraphicsSceneMouseEvent>
#include <QKeyEvent>
#include <QPainterPath>

#include "editor/node_item.h"

namespace fusebench::widgets {
namespace {

QPainterPath curve(QPointF a, QPointF b) {
  QPainterPath p(a);
  const qreal dx = std::max<qreal>(40, std::abs(b.x() - a.x()) / 2);
  p.cubicTo(a + QPointF(dx, 0), b - QPointF(dx, 0), b);
  return p;
}

}  // namespace

// An edge between two ports; the scene refreshes its curve whenever a node moves.
class EdgeItem : public QGraphicsPathItem {
 public:
  EdgeItem(const EdgeView& e, GraphScene* scene) : edge_(e), scene_(scene) {
    QColor ink = QApplication::palette().color(QPalette::Text);  // dark on light, light on dark
    ink.setAlphaF(0.6);
    setPen(QPen(ink, 1.6));
    setZValue(0);
    setToolTip(e.fromNode + QLatin1Char('.') + e.fromPort + QStringLiteral(" → ") + e.toNode + QLatin1Char('.') + e.toPort);
    refresh();
  }
  void refresh() {
    setPath(curve(scene_->portPosition(edge_.fromNode, edge_.fromPort, true),
                  scene_->portPosition(edge_.toNode, edge_.toPort, false)));
  }

 private:
  EdgeView edge_;
  GraphScene* scene_;
};

GraphScene::GraphScene(QObject* parent) : QGraphicsScene(parent) {
  setBackgroundBrush(QApplication::palette().color(QPalette::Window));  // light or dark (style/app_palette.h)
}

GraphScene::~GraphScene() {
  // QGraphicsScene's destructor deletes the items, which emits selectionChanged: nobody should hear it.
  blockSignals(true);
  nodes_.clear();
  edges_.clear();
}

void GraphScene::setGraph(const GraphView& graph) {
  const QStringList selected = selectedNodes();
  // Forget the items before deleting them (clear() emits selectionChanged while they die), and announce
  // the selection once, after the rebuild.
  rubberEdge_ = nullptr;
  edges_.clear();
  nodes_.clear();
  const bool wasBlocked = blockSignals(true);
  clear();
  for (const auto& n : graph.nodes) {
    auto* item = new NodeItem(n, this);
    addItem(item);
    nodes_[n.id] = item;
    item->setSelected(selected.contains(n.id));
  }
  setSceneRect(itemsBoundingRect().adjusted(-400, -300, 400, 300));
  for (const auto& e : graph.edges)
    if (nodes_.contains(e.fromNode) && nodes_.contains(e.toNode)) {
      edges_.append(new EdgeItem(e, this));
      addItem(edges_.back());
    }
  blockSignals(wasBlocked);
  Q_EMIT selectionChanged();
}

void GraphScene::nodeMoving() {
  for (auto* e : edges_) e->refresh();
}

QRectF GraphScene::nodesBoundingRect() const {
  QRectF r;
  for (auto* n : nodes_) r = r.united(n->sceneBoundingRect());
  return r;
}

QStringList GraphScene::selectedNodes() const {
  QStringList ids;
  for (auto it = nodes_.begin(); it != nodes_.end(); ++it)
    if (it.value()->isSelected()) ids << it.key();
  return ids;
}

QPointF GraphScene::portPosition(const QString& node, const QString& port, bool output) const {
  auto* item = nodes_.value(node);
  return item ? item->mapToScene(item->portPosition(port, output)) : QPointF();
}

void GraphScene::portPressed(const QString& node, const QString& port, QPointF scenePos) {
  dragFromNode_ = node;
  dragFromPort_ = port;
  rubberEdge_ = addPath(curve(scenePos, scenePos), QPen(QColor(0x1e, 0x88, 0xe5), 2, Qt::DashLine));
}

void GraphScene::nodeReleased() {
  QMap<QString, QPointF> moved;
  for (auto it = nodes_.begin(); it != nodes_.end(); ++it)
    if (it.value()->pos() != it.value()->view().position) moved[it.key()] = it.value()->pos();
  if (!moved.isEmpty()) Q_EMIT nodesMoved(moved);
}

void GraphScene::mouseMoveEvent(QGraphicsSceneMouseEvent* event) {
  if (rubberEdge_) {
    rubberEdge_->setPath(curve(portPosition(dragFromNode_, dragFromPort_, true), event->scenePos()));
    return;
  }
  QGraphicsScene::mouseMoveEvent(event);
}

void GraphScene::mouseReleaseEvent(QGraphicsSceneMouseEvent* event) {
  if (rubberEdge_) {
    removeItem(rubberEdge_);
    delete rubberEdge_;
    rubberEdge_ = nullptr;
    for (auto* item : nodes_) {
      QString port;
      bool output = false;
      if (item->portAt(event->scenePos(), &port, &output) && !output) {
        Q_EMIT connectRequested(dragFromNode_, dragFromPort_, item->view().id, port);
        break;
      }
    }
    return;
  }
  QGraphicsScene::mouseReleaseEvent(event);
}

void GraphScene::keyPressEvent(QKeyEvent* event) {
  if ((event->key() == Qt::Key_Delete || event->key() == Qt::Key_Backspace) && !selectedNodes().isEmpty()) {
    Q_EMIT deleteRequested(selectedNodes());
    return;
  }
  QGraphicsScene::keyPressEvent(event);
}

}  // namespace fusebench::widgets
