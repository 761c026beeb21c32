#include "dataset/engine_browser_rows.h"

#include <QStringList>

namespace fusebench::app {

namespace {
const QString kSplitNames[] = {QString(), QStringLiteral("train"), QStringLiteral("val"), QStringLiteral("test")};

std::uint8_t splitCode(const std::string& split) {
  if (split == "train") return 1;
  if (split == "val") return 2;
  if (split == "test") return 3;
  return 0;
}

QString q(std::string_view s) { return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size())); }
}  // namespace

EngineBrowserRows::EngineBrowserRows(std::shared_ptr<const data::Dataset> dataset, std::vector<std::string> shown,
                                     const data::SplitAssignment& splits)
    : dataset_(std::move(dataset)), shown_(std::move(shown)), target_(dataset_->description().target()) {
  for (const auto& name : shown_) {
    const auto* spec = dataset_->description().column(name);
    media_.push_back(spec && (spec->role == data::ColumnRole::Image || spec->role == data::ColumnRole::Audio));
  }
  split_.reserve(splits.split.size());
  for (const auto& s : splits.split) split_.push_back(splitCode(s));
}

QString EngineBrowserRows::id(int row) const { return q(dataset_->id(static_cast<std::size_t>(row))); }

int EngineBrowserRows::line(int row) const { return static_cast<int>(dataset_->line(static_cast<std::size_t>(row))); }

QString EngineBrowserRows::split(int row) const {
  return row >= 0 && static_cast<std::size_t>(row) < split_.size() ? kSplitNames[split_[static_cast<std::size_t>(row)]] : QString();
}

QString EngineBrowserRows::target(int row) const {
  if (!target_) return {};
  const auto r = static_cast<std::size_t>(row);
  if (target_->task != data::TargetTask::MultiLabel) return q(dataset_->text(r, target_->name));
  // Multi-label targets are shown with ';' between labels, whatever the file uses.
  const data::Cell t = dataset_->cell(r, target_->name);
  if (t.missing) return {};
  if (t.is_array) {
    QStringList labels;
    for (const auto& l : t.items) labels << q(l);
    return labels.join(QLatin1Char(';'));
  }
  QString text = q(t.text);
  if (target_->label_separator != ";") text.replace(q(target_->label_separator), QStringLiteral(";"));
  return text;
}

QString EngineBrowserRows::value(int row, int column) const {
  if (column < 0 || static_cast<std::size_t>(column) >= shown_.size()) return {};
  const auto r = static_cast<std::size_t>(row);
  const auto& name = shown_[static_cast<std::size_t>(column)];
  return media_[static_cast<std::size_t>(column)] ? q(dataset_->path(r, name)) : q(dataset_->text(r, name));
}

}  // namespace fusebench::app
