#pragma once

#include <QCoreApplication>
#include <QString>

namespace fusebench::widgets {

// A manifest's keywords — split values ("train", "val", "test") and column roles ("image", "target") — are
// data, but the words shown for them are interface: the browser's split filter, its Split column, the class
// histogram's legend and the dataset panel show them in the reader's language. Any other value (a manifest
// may use its own split names) is shown as written.
struct DatasetTerms {
  Q_DECLARE_TR_FUNCTIONS(DatasetTerms)
};

QString splitTitle(const QString& split);
QString roleTitle(const QString& role);

}  // namespace fusebench::widgets
