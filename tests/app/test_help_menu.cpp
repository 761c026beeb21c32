// Help: the bundled user guide opens offline, the shortcut list is read from the menus (so a new shortcut
// appears without editing a list), and About names the versions a bug report needs.
#include <QMenuBar>
#include <QRegularExpression>
#include <QTest>
#include <QTableWidget>
#include <QTextBrowser>

#include "help/help_dialogs.h"
#include "help/help_menu.h"
#include "main_window.h"

using fusebench::app::MainWindow;

class TestHelpMenu : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void theUserGuideIsBundledAndReadable() {
    fusebench::widgets::UserGuideDialog guide(QStringLiteral("en"));
    const QString text = guide.browser()->toPlainText();
    QVERIFY2(text.startsWith(QStringLiteral("Fusebench user guide")), qPrintable(text.left(80)));
    for (const char* section : {"Start", "Data", "Model", "Training", "Explain", "Without the window"})
      QVERIFY2(text.contains(QString::fromLatin1(section)), section);
    // A language without its own guide reads the English one.
    QCOMPARE(fusebench::widgets::userGuidePath(QStringLiteral("xx")), QStringLiteral(":/help/user_guide.md"));
  }

  void theShortcutListIsReadFromTheMenus() {
    MainWindow w;
    const auto entries = fusebench::app::menuShortcuts(w.menuBar());
    auto keysOf = [&entries](const QString& action) {
      for (const auto& e : entries)
        if (e.action == action) return e.keys;
      return QString();
    };
    QCOMPARE(keysOf(QStringLiteral("Start Training")), QStringLiteral("F5"));
    QCOMPARE(keysOf(QStringLiteral("Model")), QKeySequence(Qt::CTRL | Qt::Key_1).toString(QKeySequence::NativeText));
    QCOMPARE(keysOf(QStringLiteral("User Guide")), QStringLiteral("F1"));
    QVERIFY(!keysOf(QStringLiteral("Undo")).isEmpty());
    for (const auto& e : entries) {
      QVERIFY2(!e.keys.isEmpty(), qPrintable(e.action));
      QVERIFY2(!e.action.contains(QLatin1Char('&')), qPrintable(e.action));  // mnemonics are not shown
    }
    fusebench::widgets::ShortcutsDialog dialog(entries);
    QCOMPARE(dialog.table()->rowCount(), entries.size());
  }

  void aboutNamesTheVersionsAndDevices() {
    const auto info = fusebench::app::aboutInfo({QStringLiteral("CPU, 2 cores")});
    QCOMPARE(info.qt, QString::fromLatin1(qVersion()));
    const QRegularExpression version(QStringLiteral("^\\d+\\.\\d+"));
    QVERIFY2(version.match(info.torch).hasMatch(), qPrintable(info.torch));
    QVERIFY2(version.match(info.opencv).hasMatch(), qPrintable(info.opencv));
    QVERIFY2(version.match(info.gdcm).hasMatch(), qPrintable(info.gdcm));
    const QString text = fusebench::widgets::aboutText(info);
    for (const QString& s : {info.version, info.qt, info.torch, info.opencv, QStringLiteral("CPU, 2 cores")})
      QVERIFY2(text.contains(s), qPrintable(s));
  }
};

QTEST_MAIN(TestHelpMenu)
#include "test_help_menu.moc"
