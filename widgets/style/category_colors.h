#pragma once
// One colour per node category, shared by the summary, the palette and (later) the node editor.
#include <QColor>
#include <QString>

namespace fusebench::widgets {

QColor categoryColor(const QString& category);

}  // namespace fusebench::widgets
