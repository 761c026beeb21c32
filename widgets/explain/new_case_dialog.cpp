#include "explain/new_case_dialog.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace fusebench::widgets {

NewCaseDialog::NewCaseDialog(const QVector<ModalityData>& modalities, QWidget* parent) : QDialog(parent) {
  setWindowTitle(tr("Explain a New Case"));
  auto* layout = new QVBoxLayout(this);
  auto* intro = new QLabel(tr("Give the new case's files and values. Leave a field empty to treat that modality as "
                              "missing."));
  intro->setWordWrap(true);
  layout->addWidget(intro);
  auto* form = new QFormLayout();
  for (const auto& m : modalities) {
    for (const auto& column : m.columns) {
      if (editors_.contains(column)) continue;  // two inputs reading one column: one field
      auto* edit = new QLineEdit();
      editors_[column] = edit;
      const bool file = m.kind == QLatin1String("image") || m.kind == QLatin1String("audio");
      if (!file) {
        edit->setPlaceholderText(m.kind == QLatin1String("text") ? tr("text") : tr("value"));
        form->addRow(QStringLiteral("%1 (%2)").arg(column, m.kind), edit);
        continue;
      }
      edit->setPlaceholderText(tr("%1 file").arg(m.kind));
      auto* row = new QHBoxLayout();
      row->addWidget(edit, 1);
      auto* browse = new QPushButton(tr("Browse…"));
      const QString filter = m.kind == QLatin1String("image") ? tr("Images (*.png *.jpg *.jpeg *.bmp *.tif *.tiff *.dcm);;All files (*)")
                                                             : tr("Audio (*.wav *.flac *.ogg);;All files (*)");
      connect(browse, &QPushButton::clicked, this, [this, edit, filter] {
        const QString f = QFileDialog::getOpenFileName(this, tr("Choose a File"), edit->text(), filter);
        if (!f.isEmpty()) edit->setText(f);
      });
      row->addWidget(browse);
      form->addRow(QStringLiteral("%1 (%2)").arg(column, m.kind), row);
    }
  }
  layout->addLayout(form);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
  buttons->button(QDialogButtonBox::Ok)->setText(tr("Explain"));
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  layout->addWidget(buttons);
  resize(560, sizeHint().height());
}

QMap<QString, QString> NewCaseDialog::values() const {
  QMap<QString, QString> out;
  for (auto it = editors_.begin(); it != editors_.end(); ++it)
    if (!it.value()->text().trimmed().isEmpty()) out[it.key()] = it.value()->text().trimmed();
  return out;
}

}  // namespace fusebench::widgets
