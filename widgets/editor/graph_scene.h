#pragma once
// The node editor's scene: cards for nodes (title in the category colour, typed ports, inferred output
// shapes), curves for edges. It shows a GraphView and reports what the user does (moves, connections,
// deletions) as signals; it never edits the graph itself, so the document stays the only truth.
#include <QGraphicsScene>
#include <QMap>

#include "editor/graph_view_data.h"

namespace fusebench::widgets {

class EdgeItem;
class NodeItem;

class GraphScene : public QGraphicsScene {
  Q_OBJECT
 public:
  explicit GraphScene(QObject* parent = nullptr);
  ~GraphScene() override;
  void setGraph(const GraphView& graph);  // rebuilds the items, keeping the selection by node id
  QStringList selectedNodes() const;
  NodeItem* node(const QString& id) const { return nodes_.value(id); }
  QPointF portPosition(const QString& node, const QString& port, bool output) const;
  QRectF nodesBoundingRect() const;

  // Used by the items.
  void portPressed(const QString& node, const QString& port, QPointF scenePos);
  void nodeReleased();
  void nodeMoving();

 Q_SIGNALS:
  void nodesMoved(const QMap<QString, QPointF>& positions);  // on release of a drag
  void connectRequested(const QString& fromNode, const QString& fromPort, const QString& toNode, const QString& toPort);
  void deleteRequested(const QStringList& nodes);

 protected:
  void mouseMoveEvent(QGraphicsSceneMouseEvent* event) override;
  void mouseReleaseEvent(QGraphicsSceneMouseEvent* event) override;
  void keyPressEvent(QKeyEvent* event) override;

 private:
  QMap<QString, NodeItem*> nodes_;
  QList<EdgeItem*> edges_;
  QMap<QString, QPointF> positionsAtPress_;
  QGraphicsPathItem* rubberEdge_ = nullptr;
  QString dragFromNode_, dragFromPort_;
};

}  // namespace fusebench::widgets
