#include "data/dataset.h"

#include <filesystem>
#include <stdexcept>

namespace fusebench::data {

namespace fs = std::filesystem;

namespace {
bool leavesFolder(const fs::path& relative) {
  const fs::path normal = relative.lexically_normal();
  return normal.empty() || *normal.begin() == "..";
}
const char* kAllowHint = " (dataset.json can allow it with \"allow_outside_paths\": true)";
}  // namespace

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
  if (!desc.description->allow_outside_paths && (fs::path(desc.description->manifest).is_absolute() ||
                                                  leavesFolder(desc.description->manifest))) {
    r.errors.push_back(Diagnostic{"dataset", "", "", (root / "dataset.json").string() + ": manifest: '" +
                                  desc.description->manifest + "' leaves the dataset folder" + kAllowHint, {}, {}});
    return r;
  }
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
  if (const auto ids = description_.withRole(ColumnRole::Id); !ids.empty()) idColumn_ = manifest_.column(ids[0]->name);
}

int Dataset::manifestColumn(const std::string& column) const {
  for (std::size_t i = 0; i < description_.columns.size(); ++i)
    if (description_.columns[i].name == column) return columnIndex_[i];
  return -1;
}

Cell Dataset::cell(std::size_t sample, const std::string& column) const {
  if (sample >= size()) throw std::out_of_range("sample " + std::to_string(sample) + " of " + std::to_string(size()));
  const int c = manifestColumn(column);
  return c < 0 ? Cell{} : manifest_.cell(sample, static_cast<std::size_t>(c));
}

std::string_view Dataset::text(std::size_t sample, const std::string& column) const {
  const int c = manifestColumn(column);
  return c < 0 ? std::string_view() : manifest_.text(sample, static_cast<std::size_t>(c));
}

std::string Dataset::path(std::size_t sample, const std::string& column) const {
  const Cell& c = cell(sample, column);
  if (c.missing) return {};
  fs::path p(c.text);
  return p.is_absolute() ? p.string() : (fs::path(dir_) / p).lexically_normal().string();
}


std::string Dataset::readablePath(std::size_t sample, const std::string& column, std::string& problem) const {
  problem.clear();
  const std::string_view text = this->text(sample, column);
  if (text.empty()) return {};
  const fs::path p{std::string(text)};
  if (!description_.allow_outside_paths) {
    if (p.is_absolute()) {
      problem = "absolute path '" + p.string() + "' is refused: paths must be relative to the dataset folder" + kAllowHint;
      return {};
    }
    if (leavesFolder(p)) {
      problem = "path '" + p.string() + "' leaves the dataset folder" + std::string(kAllowHint);
      return {};
    }
  }
  return path(sample, column);
}

std::string Dataset::outsideProblem(const std::string& absolutePath) const {
  if (description_.allow_outside_paths) return {};
  const fs::path root = fs::absolute(fs::path(dir_)).lexically_normal();
  const fs::path file = fs::absolute(fs::path(absolutePath)).lexically_normal();
  if (leavesFolder(file.lexically_relative(root))) return "'" + absolutePath + "' is outside the dataset folder" + std::string(kAllowHint);
  return {};
}

std::string Dataset::id(std::size_t sample) const {
  if (idColumn_ >= 0) {
    const std::string_view text = manifest_.text(sample, static_cast<std::size_t>(idColumn_));
    if (!text.empty()) return std::string(text);
  }
  return std::to_string(sample + 1);
}

std::string Dataset::describe(std::size_t sample) const {
  std::string s = "row " + std::to_string(sample + 1);
  if (idColumn_ >= 0) s += " (id '" + id(sample) + "', line " + std::to_string(line(sample)) + ")";
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
