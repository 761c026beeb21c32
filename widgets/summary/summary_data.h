#pragma once
// Plain view data for the model summary and the problems panel, filled by app/ from the engine.
#include <QList>
#include <QString>

namespace fusebench::widgets {

struct SummaryNode {
  QString id, type, title, category;
  QList<QPair<QString, QString>> outputs;  // port, shape text
  qint64 parameters = -1;                  // -1: unknown (the graph does not compile)
  bool hasErrors = false;
};

struct Problem {
  QString node;     // may be empty
  QString port;     // may be empty
  QString message;  // full sentence, as the engine formats it
};

struct SummaryData {
  QString title;
  QList<SummaryNode> nodes;
  qint64 totalParameters = -1;
  QList<Problem> problems;
};

}  // namespace fusebench::widgets
