#include "explain/similar_cases.h"

#include <chrono>
#include <cstdio>

#include "data/loader.h"
#include "data/splits.h"

namespace fusebench::explain {

std::unique_ptr<CaseIndex> openCaseIndex(train::OpenedBundle& bundle, const std::string& bundleDir, const data::Dataset& ds,
                                         std::string& error, std::string& note) {
  const std::string file = train::caseIndexFile(bundleDir);
  const std::string stamp = train::caseIndexStamp(bundleDir, ds, bundle.seed, bundle.val_fraction, bundle.test_fraction);
  if (auto cached = CaseIndex::load(file, stamp)) return cached;
  const auto t0 = std::chrono::steady_clock::now();
  const auto splits = data::assignSplits(ds, {bundle.val_fraction, bundle.test_fraction, bundle.seed});
  std::vector<std::size_t> train;
  for (std::size_t i = 0; i < ds.size(); ++i)
    if (splits.split[i] == "train") train.push_back(i);
  if (train.empty()) {
    error = "the dataset has no training samples to compare with";
    return nullptr;
  }
  data::LoaderOptions o;
  o.batch_size = 128;
  o.policy = data::SamplePolicy::Skip;
  o.require_target = false;
  std::unique_ptr<CaseIndex> index;
  try {
    data::Loader loader(ds, *bundle.pipeline, data::mediaDecoders(), train, o);
    index = CaseIndex::build(*bundle.model, loader, ds, bundle.pipeline->classes(), error);
  } catch (const std::exception& e) {
    error = e.what();
  }
  if (!index) return nullptr;
  char buf[160];
  std::snprintf(buf, sizeof buf, "similar cases: indexed %zu training samples in %.1f s", index->size(),
                std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  note = buf;
  if (index->skipped()) note += " (" + std::to_string(index->skipped()) + " unreadable, left out)";
  std::string saveError;
  if (!index->save(file, stamp, saveError)) note += "; not cached (" + saveError + "): it is built again next time";
  return index;
}

std::vector<SimilarCase> describeCases(const std::vector<CaseIndex::Hit>& hits, const data::Dataset& ds,
                                       const std::vector<std::string>& classes) {
  std::string imageColumn, textColumn;
  for (const auto& c : ds.description().columns) {
    if (c.role == data::ColumnRole::Image && imageColumn.empty()) imageColumn = c.name;
    if (c.role == data::ColumnRole::Text && textColumn.empty()) textColumn = c.name;
  }
  std::vector<SimilarCase> out;
  for (const auto& h : hits) {
    SimilarCase c;
    c.row = h.row;
    c.similarity = h.similarity;
    const auto row = static_cast<std::size_t>(h.row);
    c.id = ds.id(row);
    if (h.label >= 0 && static_cast<std::size_t>(h.label) < classes.size()) c.label = classes[static_cast<std::size_t>(h.label)];
    if (!imageColumn.empty() && !ds.cell(row, imageColumn).missing) {
      std::string refused;
      c.image = ds.readablePath(row, imageColumn, refused);  // "" when outside the dataset: no thumbnail
    }
    if (!textColumn.empty()) {
      c.text = std::string(ds.text(row, textColumn));
      if (c.text.size() > 120) {
        std::size_t cut = 117;
        while (cut > 0 && (static_cast<unsigned char>(c.text[cut]) & 0xC0) == 0x80) --cut;  // not inside a UTF-8 character
        c.text = c.text.substr(0, cut) + "…";
      }
    }
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace fusebench::explain
