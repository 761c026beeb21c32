#include "dataset/dataset_loading.h"

#include <QStringList>

#include "data/dataset_check.h"
#include "data/decode/decoders.h"
#include "data/splits.h"

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
    if (out.error.isEmpty()) out.error = QStringLiteral("%1 cannot be read as a dataset").arg(dir);
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
  const auto splits = data::assignSplits(*ds, splitOptions);
  v.samples.reserve(static_cast<qsizetype>(ds->size()));
  for (std::size_t i = 0; i < ds->size(); ++i) {
    widgets::BrowserSample s;
    s.id = q(ds->id(i));
    s.line = static_cast<int>(ds->line(i));
    s.split = q(splits.split[i]);
    if (target) {
      const data::Cell& t = ds->cell(i, target->name);
      if (!t.missing) {
        if (t.is_array) {
          QStringList labels;
          for (const auto& l : t.items) labels << q(l);
          s.target = labels.join(QLatin1Char(';'));
        } else {
          s.target = q(t.text);
          if (target->task == data::TargetTask::MultiLabel && target->label_separator != ";")
            s.target.replace(q(target->label_separator), QStringLiteral(";"));
        }
      }
    }
    s.values.reserve(static_cast<qsizetype>(shown.size()));
    for (const data::ColumnSpec* c : shown) {
      const data::Cell& cell = ds->cell(i, c->name);
      if (cell.missing)
        s.values << QString();
      else if (c->role == data::ColumnRole::Image || c->role == data::ColumnRole::Audio)
        s.values << q(ds->path(i, c->name));
      else
        s.values << q(cell.text);
    }
    v.samples.append(std::move(s));
  }
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
    QString where = p.column.empty() ? QString() : QStringLiteral("column '%1'").arg(q(p.column));
    if (!p.path.empty()) where += QStringLiteral(", file '%1'").arg(q(p.path));
    v.sampleProblems[static_cast<int>(p.row) - 1] << (where.isEmpty() ? q(p.reason) : where + QStringLiteral(": ") + q(p.reason));
  }
  v.summary = q(report.summaryText(ds));
  return v;
}

}  // namespace fusebench::app
