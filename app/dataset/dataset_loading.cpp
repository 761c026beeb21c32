#include "dataset/dataset_loading.h"

#include <QObject>
#include <QStringList>

#include "data/dataset_check.h"
#include "data/decode/decoders.h"
#include "data/splits.h"
#include "dataset/engine_browser_rows.h"

namespace fusebench::app {

namespace {
QString q(const std::string& s) { return QString::fromStdString(s); }

widgets::BrowserColumn::Kind kindOf(data::ColumnRole role) {
  switch (role) {
    case data::ColumnRole::Image: return widgets::BrowserColumn::Kind::Image;
    case data::ColumnRole::Audio: return widgets::BrowserColumn::Kind::Audio;
    case data::ColumnRole::Numeric: return widgets::BrowserColumn::Kind::Numeric;
    case data::ColumnRole::Categorical: return widgets::BrowserColumn::Kind::Categorical;
    default: return widgets::BrowserColumn::Kind::Text;
  }
}
}  // namespace

OpenedDataset openDatasetForBrowser(const QString& dir, const data::SplitOptions& splitOptions) {
  OpenedDataset out;
  auto opened = data::Dataset::open(dir.toStdString());
  if (!opened.dataset) {
    QStringList reasons;
    for (const auto& e : opened.errors) reasons << q(e.message);
    out.error = reasons.join(QLatin1Char('\n'));
    if (out.error.isEmpty()) out.error = QObject::tr("%1 cannot be read as a dataset").arg(dir);
    return out;
  }
  auto ds = std::make_shared<const data::Dataset>(std::move(*opened.dataset));
  const data::DatasetDescription& d = ds->description();
  widgets::BrowserDataset& v = out.view;
  v.name = q(d.name);
  v.dir = q(ds->dir());
  v.provenance = q(d.provenance);
  v.sampleRate = d.sample_rate;
  std::vector<const data::ColumnSpec*> shown;
  for (const auto& c : d.columns) {
    if (c.role == data::ColumnRole::Image || c.role == data::ColumnRole::Audio || c.role == data::ColumnRole::Text ||
        c.role == data::ColumnRole::Numeric || c.role == data::ColumnRole::Categorical) {
      shown.push_back(&c);
      v.columns.append({q(c.name), kindOf(c.role)});
    }
  }
  const data::ColumnSpec* target = d.target();
  if (target) {
    v.targetName = q(target->name);
    for (const auto& c : target->classes) v.classes << q(c);
  }
  std::vector<std::string> shownNames;
  for (const data::ColumnSpec* c : shown) shownNames.push_back(c->name);
  v.rows = std::make_shared<EngineBrowserRows>(ds, std::move(shownNames), data::assignSplits(*ds, splitOptions));
  v.classCounts = widgets::countClasses(*v.rows, v.classes);
  out.dataset = std::move(ds);
  return out;
}

widgets::BrowserValidation validateForBrowser(const data::Dataset& ds, int threads,
                                              const std::function<void(int, int)>& progress,
                                              const std::atomic<bool>* cancel) {
  data::CheckOptions options;
  options.threads = threads;
  options.cancel = cancel;
  if (progress) options.progress = [&](std::size_t done, std::size_t total) { progress(static_cast<int>(done), static_cast<int>(total)); };
  const data::DatasetReport report = data::checkDataset(ds, data::mediaDecoders(), options);
  widgets::BrowserValidation v;
  v.complete = !(cancel && cancel->load());
  for (const auto& p : report.problems) {
    if (p.row == 0) {
      v.datasetProblems << q(p.reason);
      continue;
    }
    QString where = p.column.empty() ? QString() : QObject::tr("column '%1'").arg(q(p.column));
    if (!p.path.empty()) where += QObject::tr(", file '%1'").arg(q(p.path));
    v.sampleProblems[static_cast<int>(p.row) - 1] << (where.isEmpty() ? q(p.reason) : where + QStringLiteral(": ") + q(p.reason));
  }
  v.summary = q(report.summaryText(ds));
  return v;
}

}  // namespace fusebench::app
