#include "editor/node_item.h"

#include <QApplication>
#include <QPalette>
#include <QGraphicsSceneMouseEvent>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include "editor/graph_scene.h"
#include "style/category_colors.h"

namespace fusebench::widgets {
namespace {
constexpr qreal kTitle = 24, kRow = 18, kPad = 6, kPortRadius = 5;
}

NodeItem::NodeItem(const NodeView& view, GraphScene* scene) : view_(view), scene_(scene) {
  setFlags(ItemIsMovable | ItemIsSelectable | ItemSendsGeometryChanges);
  setPos(view.position);
  height_ = kTitle + kPad + kRow * std::max(view.inputs.size(), view.outputs.size()) + kPad;
  setToolTip(view.errors.isEmpty() ? view.title : view.errors);
  setZValue(1);
}

QRectF NodeItem::boundingRect() const { return QRectF(-kPortRadius - 1, -1, width_ + 2 * kPortRadius + 2, height_ + 2); }

QPointF NodeItem::portPosition(const QString& port, bool output) const {
  const auto& ports = output ? view_.outputs : view_.inputs;
  for (int i = 0; i < ports.size(); ++i)
    if (ports[i].name == port) return QPointF(output ? width_ : 0, kTitle + kPad + kRow * i + kRow / 2);
  return QPointF(output ? width_ : 0, kTitle / 2);
}

bool NodeItem::portAt(QPointF scenePos, QString* name, bool* output) const {
  const QPointF p = mapFromScene(scenePos);
  for (bool out : {false, true}) {
    for (const auto& port : out ? view_.outputs : view_.inputs) {
      if (QLineF(p, portPosition(port.name, out)).length() <= kPortRadius + 4) {
        *name = port.name;
        *output = out;
        return true;
      }
    }
  }
  return false;
}

void NodeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) {
  painter->setRenderHint(QPainter::Antialiasing);
  const QColor colour = categoryColor(view_.category);
  const QRectF body(0, 0, width_, height_);
  const bool bad = !view_.errors.isEmpty();
  painter->setPen(QPen(bad ? QColor(0xd3, 0x2f, 0x2f) : (isSelected() ? QColor(0xff, 0xa0, 0x00) : QColor(0x90, 0x90, 0x90)),
                       bad || isSelected() ? 2.5 : 1));
  const QPalette palette = QApplication::palette();  // light or dark (style/app_palette.h)
  painter->setBrush(palette.color(QPalette::Base));
  painter->drawRoundedRect(body, 6, 6);
  QPainterPath title;
  title.addRoundedRect(QRectF(0, 0, width_, kTitle), 6, 6);
  painter->fillPath(title, colour);
  painter->fillRect(QRectF(0, kTitle - 6, width_, 6), colour);
  painter->setPen(Qt::white);
  QFont f = painter->font();
  f.setBold(true);
  painter->setFont(f);
  const QString caption = QFontMetrics(f).elidedText(view_.id + QStringLiteral("  ·  ") + view_.title, Qt::ElideRight,
                                                   static_cast<int>(width_ - 16));
  painter->drawText(QRectF(8, 0, width_ - 16, kTitle), Qt::AlignVCenter | Qt::AlignLeft, caption);
  f.setBold(false);
  f.setPointSizeF(f.pointSizeF() * 0.85);
  painter->setFont(f);
  for (bool out : {false, true}) {
    const auto& ports = out ? view_.outputs : view_.inputs;
    for (const auto& port : ports) {
      const QPointF c = portPosition(port.name, out);
      QColor outline = palette.color(QPalette::Text);
      outline.setAlphaF(0.65);
      painter->setPen(QPen(outline, 1));
      painter->setBrush(port.connected || out ? colour : palette.color(QPalette::Base));
      painter->drawEllipse(c, kPortRadius, kPortRadius);
      painter->setPen(palette.color(QPalette::Text));
      const QString text = out ? port.detail : port.name;
      const QRectF r = out ? QRectF(width_ * 0.35, c.y() - kRow / 2, width_ * 0.65 - 10, kRow)
                           : QRectF(10, c.y() - kRow / 2, width_ * 0.6, kRow);
      painter->drawText(r, Qt::AlignVCenter | (out ? Qt::AlignRight : Qt::AlignLeft), text);
    }
  }
}

void NodeItem::mousePressEvent(QGraphicsSceneMouseEvent* event) {
  QString port;
  bool output = false;
  if (event->button() == Qt::LeftButton && portAt(event->scenePos(), &port, &output) && output) {
    scene_->portPressed(view_.id, port, event->scenePos());  // start a connection, not a move
    event->accept();
    return;
  }
  QGraphicsObject::mousePressEvent(event);
}

void NodeItem::mouseReleaseEvent(QGraphicsSceneMouseEvent* event) {
  QGraphicsObject::mouseReleaseEvent(event);
  scene_->nodeReleased();
}

QVariant NodeItem::itemChange(GraphicsItemChange change, const QVariant& value) {
  if (change == ItemPositionHasChanged) scene_->nodeMoving();  // edges follow
  return QGraphicsObject::itemChange(change, value);
}

}  // namespace fusebench::widgets
