#pragma once
// The Help menu: User Guide (F1, bundled, offline), Keyboard Shortcuts (read from the menu bar, so it is
// never out of date) and About Fusebench (versions of Fusebench, Qt, LibTorch, OpenCV, GDCM; devices found).
#include <QList>
#include <QStringList>
#include <functional>

#include "help/help_dialogs.h"

class QMainWindow;
class QMenu;
class QMenuBar;

namespace fusebench::app {

// `devices` is asked when About opens: the device chooser's entries.
QMenu* createHelpMenu(QMainWindow* window, std::function<QStringList()> devices);

// Every menu command with a shortcut, menu by menu, in the menu bar's order.
QList<widgets::ShortcutEntry> menuShortcuts(const QMenuBar* bar);

widgets::AboutInfo aboutInfo(const QStringList& devices);

}  // namespace fusebench::app
