#include "help/help_dialogs.h"

#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QFile>
#include <QHeaderView>
#include <QTableWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

// Q_INIT_RESOURCE must be called from the global namespace.
static void initFusebenchResources() { Q_INIT_RESOURCE(fusebench); }

namespace fusebench::widgets {

void initResources() {
  static const bool once = (initFusebenchResources(), true);
  (void)once;
}

QString userGuidePath(const QString& language) {
  initResources();
  const QString translated = QStringLiteral(":/help/user_guide_%1.md").arg(language);
  return !language.isEmpty() && QFile::exists(translated) ? translated : QStringLiteral(":/help/user_guide.md");
}

UserGuideDialog::UserGuideDialog(const QString& language, QWidget* parent) : QDialog(parent) {
  setWindowTitle(tr("Fusebench User Guide"));
  browser_ = new QTextBrowser(this);
  browser_->setOpenExternalLinks(true);
  QFile f(userGuidePath(language));
  if (f.open(QIODevice::ReadOnly))
    browser_->setMarkdown(QString::fromUtf8(f.readAll()));
  else
    browser_->setPlainText(tr("The user guide is missing from this build (%1).").arg(f.fileName()));
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(browser_);
  layout->addWidget(buttons);
  resize(820, 760);
}

ShortcutsDialog::ShortcutsDialog(const QList<ShortcutEntry>& entries, QWidget* parent) : QDialog(parent) {
  setWindowTitle(tr("Keyboard Shortcuts"));
  table_ = new QTableWidget(static_cast<int>(entries.size()), 3, this);
  table_->setHorizontalHeaderLabels({tr("Menu"), tr("Command"), tr("Keys")});
  table_->verticalHeader()->hide();
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  for (int r = 0; r < entries.size(); ++r) {
    table_->setItem(r, 0, new QTableWidgetItem(entries[r].menu));
    table_->setItem(r, 1, new QTableWidgetItem(entries[r].action));
    table_->setItem(r, 2, new QTableWidgetItem(entries[r].keys));
  }
  table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  table_->horizontalHeader()->setStretchLastSection(true);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(table_);
  layout->addWidget(buttons);
  resize(560, 600);
}

QString aboutText(const AboutInfo& info) {
  auto row = [](const QString& what, const QString& value) {
    return QStringLiteral("<tr><td>%1</td><td>%2</td></tr>").arg(what.toHtmlEscaped(), value.toHtmlEscaped());
  };
  QString versions = row(QCoreApplication::translate("AboutFusebench", "Qt"), info.qt) + row(QCoreApplication::translate("AboutFusebench", "LibTorch"), info.torch) +
                     row(QCoreApplication::translate("AboutFusebench", "OpenCV"), info.opencv);
  if (!info.gdcm.isEmpty()) versions += row(QCoreApplication::translate("AboutFusebench", "GDCM"), info.gdcm);
  return QCoreApplication::translate("AboutFusebench", "<b>Fusebench %1</b><p>A desktop workbench for multimodal deep learning: build models that "
                     "combine images, text, audio and tabular values, train them, evaluate them and explain their "
                     "predictions.</p><p>Built with:</p><table>%2</table><p>Devices found: %3</p>")
      .arg(info.version.toHtmlEscaped(), versions, info.devices.join(QStringLiteral(", ")).toHtmlEscaped());
}

}  // namespace fusebench::widgets
