#include "editor/graph_view.h"

#include <QDragEnterEvent>
#include <QMimeData>
#include <QResizeEvent>
#include <QScrollBar>
#include <QWheelEvent>

#include "editor/graph_scene.h"
#include "palette/node_palette.h"

namespace fusebench::widgets {

GraphCanvas::GraphCanvas(QGraphicsScene* scene, QWidget* parent) : QGraphicsView(scene, parent) {
  setRenderHint(QPainter::Antialiasing);
  setDragMode(QGraphicsView::RubberBandDrag);
  setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
  setViewportUpdateMode(QGraphicsView::FullViewportUpdate);  // edges are curves across the scene
  setAcceptDrops(true);
}

void GraphCanvas::fitToNodes() {
  autoFit_ = true;
  resetTransform();
  auto* graph = qobject_cast<GraphScene*>(scene());
  const QRectF r = (graph ? graph->nodesBoundingRect() : scene()->itemsBoundingRect()).adjusted(-30, -30, 30, 30);
  if (!r.isEmpty()) fitInView(r, Qt::KeepAspectRatio);
  const qreal s = transform().m11();
  if (s > 1.0) scale(1.0 / s, 1.0 / s);  // never blow small graphs up beyond 100 %
}

void GraphCanvas::wheelEvent(QWheelEvent* event) {
  const qreal factor = event->angleDelta().y() > 0 ? 1.15 : 1 / 1.15;
  const qreal s = transform().m11() * factor;
  if (s < 0.15 || s > 4.0) return;
  autoFit_ = false;
  scale(factor, factor);
}

QPointF GraphCanvas::visibleCenter() const { return mapToScene(viewport()->rect().center()); }

void GraphCanvas::dragEnterEvent(QDragEnterEvent* event) {
  if (event->mimeData()->hasFormat(QString::fromLatin1(kNodeTypeMime))) event->acceptProposedAction();
}

void GraphCanvas::dragMoveEvent(QDragMoveEvent* event) {
  if (event->mimeData()->hasFormat(QString::fromLatin1(kNodeTypeMime))) event->acceptProposedAction();
}

void GraphCanvas::dropEvent(QDropEvent* event) {
  const QByteArray type = event->mimeData()->data(QString::fromLatin1(kNodeTypeMime));
  if (type.isEmpty()) return;
  Q_EMIT nodeTypeDropped(QString::fromUtf8(type), mapToScene(event->position().toPoint()));
  event->acceptProposedAction();
}

// Middle button drags the view (pan).
void GraphCanvas::mousePressEvent(QMouseEvent* event) {
  if (event->button() == Qt::MiddleButton) {
    panning_ = true;
    panFrom_ = event->pos();
    setCursor(Qt::ClosedHandCursor);
    event->accept();
    return;
  }
  QGraphicsView::mousePressEvent(event);
}

void GraphCanvas::mouseMoveEvent(QMouseEvent* event) {
  if (panning_) {
    const QPoint d = event->pos() - panFrom_;
    panFrom_ = event->pos();
    horizontalScrollBar()->setValue(horizontalScrollBar()->value() - d.x());
    verticalScrollBar()->setValue(verticalScrollBar()->value() - d.y());
    autoFit_ = false;
    event->accept();
    return;
  }
  QGraphicsView::mouseMoveEvent(event);
}

void GraphCanvas::mouseReleaseEvent(QMouseEvent* event) {
  if (panning_ && event->button() == Qt::MiddleButton) {
    panning_ = false;
    unsetCursor();
    event->accept();
    return;
  }
  QGraphicsView::mouseReleaseEvent(event);
}

void GraphCanvas::resizeEvent(QResizeEvent* event) {
  QGraphicsView::resizeEvent(event);
  if (autoFit_) fitToNodes();
}

}  // namespace fusebench::widgets
