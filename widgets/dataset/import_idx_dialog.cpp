#include "dataset/import_idx_dialog.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

namespace fusebench::widgets {

namespace {
QWidget* withBrowse(QWidget* parent, QLineEdit* edit, bool directory) {
  auto* row = new QWidget(parent);
  auto* layout = new QHBoxLayout(row);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(edit, 1);
  auto* browse = new QPushButton(QObject::tr("Browse…"), row);
  QObject::connect(browse, &QPushButton::clicked, row, [row, edit, directory] {
    const QString path = directory ? QFileDialog::getExistingDirectory(row, QObject::tr("Output folder"), edit->text())
                                   : QFileDialog::getOpenFileName(row, QObject::tr("IDX file"), QFileInfo(edit->text()).path(),
                                                                  QObject::tr("IDX files (*-ubyte *-ubyte.gz *.idx *.gz);;All files (*)"));
    if (!path.isEmpty()) edit->setText(path);
  });
  layout->addWidget(browse);
  return row;
}
}  // namespace

ImportIdxDialog::ImportIdxDialog(const QString& fashionMnistDir, const QString& defaultOut, QWidget* parent)
    : QDialog(parent) {
  setWindowTitle(tr("Import IDX dataset"));
  images_ = new QLineEdit(this);
  labels_ = new QLineEdit(this);
  testImages_ = new QLineEdit(this);
  testLabels_ = new QLineEdit(this);
  classes_ = new QLineEdit(this);
  classes_->setPlaceholderText(tr("Comma-separated, in label order (default: 0, 1, 2, …)"));
  out_ = new QLineEdit(defaultOut, this);
  name_ = new QLineEdit(tr("IDX import"), this);
  auto* form = new QFormLayout;
  form->addRow(tr("Training images"), withBrowse(this, images_, false));
  form->addRow(tr("Training labels"), withBrowse(this, labels_, false));
  form->addRow(tr("Test images (optional)"), withBrowse(this, testImages_, false));
  form->addRow(tr("Test labels (optional)"), withBrowse(this, testLabels_, false));
  form->addRow(tr("Class names"), classes_);
  form->addRow(tr("Dataset name"), name_);
  form->addRow(tr("Output folder"), withBrowse(this, out_, true));

  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  buttons->button(QDialogButtonBox::Ok)->setText(tr("Import"));
  const QDir fm(fashionMnistDir);
  if (fm.exists(QStringLiteral("train-images-idx3-ubyte.gz"))) {
    auto* preset = buttons->addButton(tr("Use Fashion-MNIST"), QDialogButtonBox::ResetRole);
    preset->setToolTip(tr("Fill in Debian's dataset-fashion-mnist from %1").arg(fashionMnistDir));
    connect(preset, &QPushButton::clicked, this, [this, fm] {
      images_->setText(fm.filePath(QStringLiteral("train-images-idx3-ubyte.gz")));
      labels_->setText(fm.filePath(QStringLiteral("train-labels-idx1-ubyte.gz")));
      testImages_->setText(fm.filePath(QStringLiteral("t10k-images-idx3-ubyte.gz")));
      testLabels_->setText(fm.filePath(QStringLiteral("t10k-labels-idx1-ubyte.gz")));
      classes_->setText(QStringLiteral("T-shirt/top,Trouser,Pullover,Dress,Coat,Sandal,Shirt,Sneaker,Bag,Ankle boot"));
      name_->setText(QStringLiteral("Fashion-MNIST"));
    });
  }
  connect(buttons, &QDialogButtonBox::accepted, this, [this] {
    const QString why = problem();
    if (why.isEmpty())
      accept();
    else
      QMessageBox::warning(this, windowTitle(), why);
  });
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addWidget(buttons);
  resize(640, sizeHint().height());
}

IdxImportRequest ImportIdxDialog::request() const {
  IdxImportRequest r;
  r.images = images_->text().trimmed();
  r.labels = labels_->text().trimmed();
  r.testImages = testImages_->text().trimmed();
  r.testLabels = testLabels_->text().trimmed();
  for (const QString& c : classes_->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) r.classNames << c.trimmed();
  r.out = out_->text().trimmed();
  r.name = name_->text().trimmed();
  return r;
}

QString ImportIdxDialog::problem() const {
  const IdxImportRequest r = request();
  if (r.images.isEmpty() || r.labels.isEmpty()) return tr("Choose the training images and labels files.");
  const QList<QPair<QString, QString>> files = {{tr("Training images"), r.images}, {tr("Training labels"), r.labels},
                                                 {tr("Test images"), r.testImages}, {tr("Test labels"), r.testLabels}};
  for (const auto& [field, f] : files)
    if (!f.isEmpty() && !QFileInfo(f).isFile()) return tr("%1: file not found: %2").arg(field, f);
  if (r.testImages.isEmpty() != r.testLabels.isEmpty()) return tr("Give both test files, or neither.");
  if (r.out.isEmpty()) return tr("Choose an output folder.");
  return {};
}

}  // namespace fusebench::widgets
