#pragma once
// The canvas widget: zoom with the wheel (around the cursor), pan with the middle button or by dragging
// the background with Space held, rubber-band selection, fit to view.
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

 private:
  bool autoFit_ = true;
};

}  // namespace fusebench::widgets
