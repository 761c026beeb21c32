#pragma once
// The node palette: every node type grouped by category, searchable, with its documentation as tooltip.
// Drag a type onto the canvas (mime type kNodeTypeMime) or double-click it to add one.
#include <QWidget>

class QLineEdit;
class QTreeWidget;

namespace fusebench::widgets {

inline constexpr const char* kNodeTypeMime = "application/x-fusebench-node-type";

struct PaletteEntry {
  QString type, title, category, doc;
};

class NodePalette : public QWidget {
  Q_OBJECT
 public:
  explicit NodePalette(QWidget* parent = nullptr);
  void setEntries(const QList<PaletteEntry>& entries);
  void setFilter(const QString& text);
  int visibleTypes() const;

 Q_SIGNALS:
  void addRequested(const QString& type);

 private:
  QLineEdit* search_;
  QTreeWidget* tree_;
};

}  // namespace fusebench::widgets
