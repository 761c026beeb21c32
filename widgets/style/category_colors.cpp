#include "style/category_colors.h"

#include <QHash>

namespace fusebench::widgets {

QColor categoryColor(const QString& category) {
  static const QHash<QString, QColor> colors = {
      {QStringLiteral("Inputs"), QColor(0x60, 0x7d, 0x8b)},
      {QStringLiteral("Image encoders"), QColor(0x1e, 0x88, 0xe5)},
      {QStringLiteral("Text encoders"), QColor(0x43, 0xa0, 0x47)},
      {QStringLiteral("Audio encoders"), QColor(0xfb, 0x8c, 0x00)},
      {QStringLiteral("Tabular encoders"), QColor(0x8e, 0x24, 0xaa)},
      {QStringLiteral("Fusion"), QColor(0xd8, 0x1b, 0x60)},
      {QStringLiteral("Heads"), QColor(0x5d, 0x40, 0x37)},
      {QStringLiteral("Blocks"), QColor(0x75, 0x75, 0x75)},
  };
  return colors.value(category, QColor(0x9e, 0x9e, 0x9e));
}

}  // namespace fusebench::widgets
