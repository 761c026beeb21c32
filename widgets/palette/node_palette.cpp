#include "palette/node_palette.h"

#include <QCoreApplication>

#include <QLineEdit>
#include <QMimeData>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "style/category_colors.h"

namespace fusebench::widgets {
namespace {

// A tree whose type items drag as kNodeTypeMime.
class PaletteTree : public QTreeWidget {
 public:
  using QTreeWidget::QTreeWidget;

 protected:
  QMimeData* mimeData(const QList<QTreeWidgetItem*>& items) const override {
    if (items.isEmpty() || items[0]->data(0, Qt::UserRole).toString().isEmpty()) return nullptr;
    auto* mime = new QMimeData;
    mime->setData(QString::fromLatin1(kNodeTypeMime), items[0]->data(0, Qt::UserRole).toString().toUtf8());
    return mime;
  }
  QStringList mimeTypes() const override { return {QString::fromLatin1(kNodeTypeMime)}; }
};

}  // namespace

NodePalette::NodePalette(QWidget* parent) : QWidget(parent) {
  search_ = new QLineEdit(this);
  search_->setPlaceholderText(tr("Search node types…"));
  search_->setClearButtonEnabled(true);
  tree_ = new PaletteTree(this);
  tree_->setHeaderHidden(true);
  tree_->setDragEnabled(true);
  tree_->setDragDropMode(QAbstractItemView::DragOnly);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addWidget(search_);
  layout->addWidget(tree_);
  connect(search_, &QLineEdit::textChanged, this, &NodePalette::setFilter);
  connect(tree_, &QTreeWidget::itemDoubleClicked, this, [this](QTreeWidgetItem* item) {
    const QString type = item->data(0, Qt::UserRole).toString();
    if (!type.isEmpty()) Q_EMIT addRequested(type);
  });
}

void NodePalette::setEntries(const QList<PaletteEntry>& entries) {
  tree_->clear();
  QMap<QString, QTreeWidgetItem*> groups;
  for (const auto& e : entries) {
    QTreeWidgetItem*& group = groups[e.category];
    if (!group) {
      group = new QTreeWidgetItem(tree_, {QCoreApplication::translate("NodeCatalogue", e.category.toUtf8().constData())});
      group->setForeground(0, categoryColor(e.category));
      QFont f = group->font(0);
      f.setBold(true);
      group->setFont(0, f);
      group->setFlags(Qt::ItemIsEnabled);
    }
    auto* item = new QTreeWidgetItem(group, {e.title});
    item->setData(0, Qt::UserRole, e.type);
    item->setToolTip(0, QStringLiteral("<b>%1</b> <i>(%2)</i><br>%3").arg(e.title.toHtmlEscaped(), e.type, e.doc.toHtmlEscaped()));
  }
  tree_->expandAll();
  setFilter(search_->text());
}

void NodePalette::setFilter(const QString& text) {
  for (int g = 0; g < tree_->topLevelItemCount(); ++g) {
    auto* group = tree_->topLevelItem(g);
    int shown = 0;
    for (int i = 0; i < group->childCount(); ++i) {
      auto* item = group->child(i);
      const bool match = text.isEmpty() || item->text(0).contains(text, Qt::CaseInsensitive) ||
                         item->data(0, Qt::UserRole).toString().contains(text, Qt::CaseInsensitive) ||
                         item->toolTip(0).contains(text, Qt::CaseInsensitive);
      item->setHidden(!match);
      shown += match ? 1 : 0;
    }
    group->setHidden(shown == 0);
  }
}

int NodePalette::visibleTypes() const {
  int n = 0;
  for (int g = 0; g < tree_->topLevelItemCount(); ++g)
    for (int i = 0; i < tree_->topLevelItem(g)->childCount(); ++i) n += tree_->topLevelItem(g)->child(i)->isHidden() ? 0 : 1;
  return n;
}

}  // namespace fusebench::widgets
