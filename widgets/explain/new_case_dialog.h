#pragma once
// Asks for a new case to explain, one row per column the model reads: a file (image, audio) with Browse,
// the text, each value. Empty means missing: the model then sees that modality as missing.
#include <QDialog>
#include <QMap>

#include "explain/explanation_data.h"

class QLineEdit;

namespace fusebench::widgets {

class NewCaseDialog : public QDialog {
  Q_OBJECT
 public:
  NewCaseDialog(const QVector<ModalityData>& modalities, QWidget* parent = nullptr);
  QMap<QString, QString> values() const;  // column -> value (empty ones left out)
  QLineEdit* editor(const QString& column) const { return editors_.value(column); }

 private:
  QMap<QString, QLineEdit*> editors_;
};

}  // namespace fusebench::widgets
