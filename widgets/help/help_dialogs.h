#pragma once
// Help: the user guide (bundled, readable offline), the keyboard shortcuts of every menu, and About with the
// versions of what this build runs on. Plain view data; app/ collects the actions and the engine's versions.
#include <QDialog>
#include <QList>
#include <QString>
#include <QStringList>

class QTableWidget;
class QTextBrowser;

namespace fusebench::widgets {

// The bundled resources (:/help, :/icons) of this static library, registered once.
void initResources();

// The user guide in `language` ("zh_CN"), else in English: Markdown from :/help.
QString userGuidePath(const QString& language);

class UserGuideDialog : public QDialog {
  Q_OBJECT
 public:
  explicit UserGuideDialog(const QString& language, QWidget* parent = nullptr);
  QTextBrowser* browser() const { return browser_; }

 private:
  QTextBrowser* browser_;
};

struct ShortcutEntry {
  QString menu;    // "Training"
  QString action;  // "Start Training"
  QString keys;    // "F5", in the platform's words
};

class ShortcutsDialog : public QDialog {
  Q_OBJECT
 public:
  explicit ShortcutsDialog(const QList<ShortcutEntry>& entries, QWidget* parent = nullptr);
  QTableWidget* table() const { return table_; }

 private:
  QTableWidget* table_;
};

struct AboutInfo {
  QString version, qt, torch, opencv, gdcm;
  QStringList devices;  // "CPU, 2 cores", "NVIDIA H100 80GB HBM3"
};

// About's text (rich text): what Fusebench is, and the versions and devices, for a bug report.
QString aboutText(const AboutInfo& info);

}  // namespace fusebench::widgets
