#pragma once
// The canvas widget: zoom with the wheel (around the cursor), pan with the middle button, rubber-band
// selection, fit to view, and drops of node types from the palette.
#include <QGraphicsView>

namespace fusebench::widgets {

class GraphCanvas : public QGraphicsView {
  Q_OBJECT
 public:
  explicit GraphCanvas(QGraphicsScene* scene, QWidget* parent = nullptr);
  void fitToNodes();  // and keep fitting on resize until the user zooms
  QPointF visibleCenter() const;

 Q_SIGNALS:
  void nodeTypeDropped(const QString& type, QPointF scenePos);

 protected:
  void wheelEvent(QWheelEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dragMoveEvent(QDragMoveEvent* event) override;
  void dropEvent(QDropEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;

 private:
  bool autoFit_ = true;
  bool panning_ = false;
  QPoint panFrom_;
};

}  // namespace fusebench::widgets
