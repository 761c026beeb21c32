#pragma once
// One node card on the canvas.
#include <QGraphicsObject>

#include "editor/graph_view_data.h"

namespace fusebench::widgets {

class GraphScene;

class NodeItem : public QGraphicsObject {
  Q_OBJECT
 public:
  NodeItem(const NodeView& view, GraphScene* scene);
  QRectF boundingRect() const override;
  void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;
  const NodeView& view() const { return view_; }
  QPointF portPosition(const QString& port, bool output) const;  // in item coordinates
  // The port under a scene position, if any: {name, isOutput}.
  bool portAt(QPointF scenePos, QString* name, bool* output) const;

 protected:
  void mousePressEvent(QGraphicsSceneMouseEvent* event) override;
  void mouseReleaseEvent(QGraphicsSceneMouseEvent* event) override;
  QVariant itemChange(GraphicsItemChange change, const QVariant& value) override;

 private:
  NodeView view_;
  GraphScene* scene_;
  qreal width_ = 210, height_ = 0;
};

}  // namespace fusebench::widgets
