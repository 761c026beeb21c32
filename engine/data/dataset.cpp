#include "data/dataset.h"

#include <filesystem>

namespace fusebench::data {

namespace fs = std::filesystem;

DatasetOpenResult Dataset::open(const std::string& dir) {
  DatasetOpenResult r;
  const fs::path root(dir);
  if (!fs::is_directory(root)) {
    r.errors.push_back(Diagnostic{"dataset", "", "", "'" + dir + "' is not a dataset folder", {}, {}});
    return r;
  }
  auto desc = loadDescription((root / "dataset.json").string());
  if (!desc.description) {
    r.errors = desc.errors;
    return r;
  }
  const fs::path manifestPath = root / desc.description->manifest;
  auto man = loadManifest(manifestPath.string());
  if (!man.manifest) {
    r.errors = man.errors;
    return r;
  }
  for (const auto& c : desc.description->columns) {
    if (man.manifest->column(c.name) < 0)
      r.errors.push_back(Diagnostic{"dataset", "", c.name,
                                    manifestPath.string() + ": column '" + c.name + "' (" + roleName(c.role) +
                                        ") is declared in dataset.json but missing from the manifest header",
                                    {}, {}});
  }
  if (!r.errors.empty()) return r;
  r.dataset.emplace(dir, std::move(*desc.description), std::move(*man.manifest));
  return r;
}

Dataset::Dataset(std::string dir, DatasetDescription description, Manifest manifest)
    : dir_(std::move(dir)), description_(std::move(description)), manifest_(std::move(manifest)) {
  for (const auto& c : description_.columns) columnIndex_.push_back(manifest_.column(c.name));
}

const Cell& Dataset::cell(std::size_t sample, const std::string& column) const {
  for (std::size_t i = 0; i < description_.columns.size(); ++i)
    if (description_.columns[i].name == column) return manifest_.rows.at(sample).at(columnIndex_[i]);
  static const Cell kMissing;
  return kMissing;
}

std::string Dataset::path(std::size_t sample, const std::string& column) const {
  const Cell& c = cell(sample, column);
  if (c.missing) return {};
  fs::path p(c.text);
  return p.is_absolute() ? p.string() : (fs::path(dir_) / p).lexically_normal().string();
}

std::string Dataset::id(std::size_t sample) const {
  auto ids = description_.withRole(ColumnRole::Id);
  if (!ids.empty()) {
    const Cell& c = cell(sample, ids[0]->name);
    if (!c.missing) return c.text;
  }
  return std::to_string(sample + 1);
}

std::string Dataset::describe(std::size_t sample) const {
  std::string s = "row " + std::to_string(sample + 1);
  if (!description_.withRole(ColumnRole::Id).empty()) s += " (id '" + id(sample) + "', line " + std::to_string(line(sample)) + ")";
  else s += " (line " + std::to_string(line(sample)) + ")";
  return s;
}

bool isValidUtf8(const std::string& s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    int extra = c < 0x80 ? 0 : (c >> 5) == 0x6 ? 1 : (c >> 4) == 0xE ? 2 : (c >> 3) == 0x1E ? 3 : -1;
    if (extra < 0 || (extra == 1 && c < 0xC2)) return false;
    for (int k = 1; k <= extra; ++k) {
      if (i + k >= s.size() || (static_cast<unsigned char>(s[i + k]) >> 6) != 0x2) return false;
    }
    i += extra + 1;
  }
  return true;
}

}  // namespace fusebench::data
