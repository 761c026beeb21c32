#pragma once
// One area of the workbench (start, model, data, training, explain). MainWindow only hosts: it loops over
// its areas, putting each one's page into the workspace, its menus into the menu bar (after File), its
// toolbar and docks into the window and an entry into View; it hides a page's docks on the other pages.
#include <QKeySequence>
#include <QList>
#include <QString>

class QDockWidget;
class QMenu;
class QToolBar;
class QWidget;

namespace fusebench::widgets {
class JobTracker;
}

namespace fusebench::app {

class Area {
 public:
  virtual ~Area() = default;
  virtual QString pageName() const = 0;        // "start", "model", …: --page and showPage()
  virtual QString pageTitle() const = 0;       // the workspace tab, translated
  virtual QString viewActionText() const = 0;  // its View menu entry, with a mnemonic
  virtual QKeySequence viewShortcut() const { return {}; }
  virtual QWidget* page() const = 0;
  virtual QList<QMenu*> menus() const { return {}; }
  virtual QToolBar* toolBar() const { return nullptr; }
  virtual QList<QDockWidget*> pageDocks() const { return {}; }    // shown with this page only
  virtual QList<QDockWidget*> windowDocks() const { return {}; }  // added at the bottom, shown on every page
  virtual bool hasWindowToItself() const { return false; }  // true: no window docks or toolbars beside it
  virtual widgets::JobTracker* jobs() { return nullptr; }          // its background work, for the status bar
};

}  // namespace fusebench::app
