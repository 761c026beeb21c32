#include "help/help_menu.h"

#include <QAction>
#include <QCoreApplication>
#include <QRegularExpression>
#include <QLocale>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>

#include "data/decode/media_versions.h"
#include "i18n/translations.h"
#include "train/build_versions.h"

namespace fusebench::app {

namespace {

QString withoutMnemonic(QString text) {
  text.remove(QRegularExpression(QStringLiteral("&(?!&)")));
  return text.replace(QStringLiteral("&&"), QStringLiteral("&"));
}

void collectShortcuts(const QMenu* menu, const QString& path, QList<widgets::ShortcutEntry>& out) {
  for (const QAction* a : menu->actions()) {
    if (a->menu()) {
      collectShortcuts(a->menu(), path + QStringLiteral(" › ") + withoutMnemonic(a->text()), out);
    } else if (!a->shortcut().isEmpty()) {
      out.append({path, withoutMnemonic(a->text()), a->shortcut().toString(QKeySequence::NativeText)});
    }
  }
}

}  // namespace

QList<widgets::ShortcutEntry> menuShortcuts(const QMenuBar* bar) {
  QList<widgets::ShortcutEntry> out;
  for (const QAction* top : bar->actions())
    if (top->menu()) collectShortcuts(top->menu(), withoutMnemonic(top->text()), out);
  return out;
}

widgets::AboutInfo aboutInfo(const QStringList& devices) {
  widgets::AboutInfo info;
  info.version = QStringLiteral(FUSEBENCH_VERSION);
  info.qt = QString::fromLatin1(qVersion());
  info.torch = QString::fromStdString(train::torchVersion());
  info.opencv = QString::fromStdString(data::opencvVersion());
  info.gdcm = QString::fromStdString(data::gdcmVersion());
  info.devices = devices;
  return info;
}

QMenu* createHelpMenu(QMainWindow* window, std::function<QStringList()> devices) {
  QMenu* help = window->menuBar()->addMenu(QCoreApplication::translate("HelpMenu", "&Help"));
  QAction* guide = help->addAction(QCoreApplication::translate("HelpMenu", "&User Guide"), window, [window] {
    auto* dialog = new widgets::UserGuideDialog(widgets::catalogueFor(QLocale()), window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();  // beside the window, not blocking it
  });
  guide->setShortcut(QKeySequence::HelpContents);
  guide->setObjectName(QStringLiteral("userGuideAction"));
  QAction* keys = help->addAction(QCoreApplication::translate("HelpMenu", "&Keyboard Shortcuts"), window, [window] {
    widgets::ShortcutsDialog dialog(menuShortcuts(window->menuBar()), window);
    dialog.exec();
  });
  keys->setObjectName(QStringLiteral("shortcutsAction"));
  help->addSeparator();
  help->addAction(QCoreApplication::translate("HelpMenu", "&About Fusebench"), window, [window, devices] {
    QMessageBox::about(window, QCoreApplication::translate("HelpMenu", "About Fusebench"), widgets::aboutText(aboutInfo(devices ? devices() : QStringList())));
  });
  return help;
}

}  // namespace fusebench::app
