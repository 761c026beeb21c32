#pragma once
// Asks for the IDX files to import (MNIST-style: images + labels, optionally a test pair), the class
// names and the output folder. Offers Debian's Fashion-MNIST when it is installed.
#include <QDialog>
#include <QStringList>

class QLineEdit;

namespace fusebench::widgets {

struct IdxImportRequest {
  QString images, labels, testImages, testLabels;
  QStringList classNames;
  QString out, name;
};

class ImportIdxDialog : public QDialog {
  Q_OBJECT
 public:
  explicit ImportIdxDialog(const QString& fashionMnistDir, const QString& defaultOut, QWidget* parent = nullptr);
  IdxImportRequest request() const;
  // Empty when the request can be imported; otherwise what is missing.
  QString problem() const;

 private:
  QLineEdit* images_;
  QLineEdit* labels_;
  QLineEdit* testImages_;
  QLineEdit* testLabels_;
  QLineEdit* classes_;
  QLineEdit* out_;
  QLineEdit* name_;
};

}  // namespace fusebench::widgets
