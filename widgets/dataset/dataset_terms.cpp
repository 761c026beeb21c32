#include "dataset/dataset_terms.h"

namespace fusebench::widgets {

QString splitTitle(const QString& split) {
  if (split == QLatin1String("train")) return DatasetTerms::tr("train", "dataset split");
  if (split == QLatin1String("val")) return DatasetTerms::tr("val", "dataset split: validation");
  if (split == QLatin1String("test")) return DatasetTerms::tr("test", "dataset split");
  return split;
}

QString roleTitle(const QString& role) {
  if (role == QLatin1String("image")) return DatasetTerms::tr("image", "column role");
  if (role == QLatin1String("audio")) return DatasetTerms::tr("audio", "column role");
  if (role == QLatin1String("text")) return DatasetTerms::tr("text", "column role");
  if (role == QLatin1String("numeric")) return DatasetTerms::tr("numeric", "column role");
  if (role == QLatin1String("categorical")) return DatasetTerms::tr("categorical", "column role");
  if (role == QLatin1String("target")) return DatasetTerms::tr("target", "column role");
  if (role == QLatin1String("split")) return DatasetTerms::tr("split", "column role");
  if (role == QLatin1String("id")) return DatasetTerms::tr("id", "column role");
  if (role == QLatin1String("ignore")) return DatasetTerms::tr("ignored", "column role");
  return role;
}

}  // namespace fusebench::widgets
