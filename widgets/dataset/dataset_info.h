#pragma once
// Plain view data for the dataset panel, filled by app/ from the engine.
#include <QList>
#include <QPair>
#include <QString>

namespace fusebench::widgets {

struct DatasetColumnInfo {
  QString name, role;
  int present = 0;  // samples with a value
};

struct DatasetInfo {
  bool configured = false;  // the project names a dataset
  bool available = false;   // it could be opened
  QString name, path, provenance;
  QString problem;          // why it is not available, and what to do
  int samples = 0;
  QList<QPair<QString, int>> splits;  // split -> samples
  QList<DatasetColumnInfo> columns;
  QStringList classes;
};

}  // namespace fusebench::widgets
