#include "dataset/browser_data.h"

#include <QHash>

namespace fusebench::widgets {

BrowserSample BrowserRows::sample(int row, int columns) const {
  BrowserSample s;
  if (row < 0 || row >= count()) return s;
  s.id = id(row);
  s.line = line(row);
  s.split = split(row);
  s.target = target(row);
  s.values.reserve(columns);
  for (int c = 0; c < columns; ++c) s.values << value(row, c);
  return s;
}

QString BrowserDataset::searchText(int row) const {
  if (!rows) return {};
  QString text = rows->id(row);
  for (int c = 0; c < columns.size(); ++c)
    if (columns[c].kind == BrowserColumn::Kind::Text) text += QLatin1Char(' ') + rows->value(row, c);
  return text;
}

void BrowserDataset::setSamples(QList<BrowserSample> samples) {
  rows = std::make_shared<BrowserSampleList>(std::move(samples));
  classCounts = countClasses(*rows, classes);
}

QMap<QString, QList<int>> countClasses(const BrowserRows& rows, const QStringList& classes) {
  QHash<QString, int> classIndex;
  for (int c = 0; c < classes.size(); ++c) classIndex.insert(classes[c], c);
  QMap<QString, QList<int>> counts;
  for (int r = 0; r < rows.count(); ++r) {
    const QString split = rows.split(r);
    if (split.isEmpty()) continue;
    QList<int>& perClass = counts[split];
    if (perClass.isEmpty()) perClass = QList<int>(classes.size(), 0);
    for (const QString& label : rows.target(r).split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
      const auto it = classIndex.constFind(label);
      if (it != classIndex.constEnd()) perClass[*it]++;
    }
  }
  return counts;
}

}  // namespace fusebench::widgets
