#include "data/column_guess.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "data/manifest.h"
#include "util/files.h"

namespace fusebench::data {
namespace {

namespace fs = std::filesystem;

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool nameIsOneOf(const std::string& name, std::initializer_list<const char*> names) {
  const std::string n = lower(name);
  return std::any_of(names.begin(), names.end(), [&n](const char* s) { return n == s; });
}

bool isNumber(const std::string& s) {
  if (s.empty()) return false;
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  return end == s.c_str() + s.size() && std::isfinite(v);
}

// What a file is, from its first bytes (a file named .jpg may be a PNG): "image", "audio" or "".
std::string sniffFile(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  char b[132] = {};
  in.read(b, sizeof b);
  const std::size_t n = static_cast<std::size_t>(in.gcount());
  auto starts = [&](const char* magic, std::size_t len, std::size_t at = 0) {
    return n >= at + len && std::equal(magic, magic + len, b + at);
  };
  if (starts("\x89PNG", 4) || starts("\xFF\xD8\xFF", 3) || starts("BM", 2) || starts("II*\0", 4) ||
      starts("MM\0*", 4) || starts("DICM", 4, 128) || (starts("RIFF", 4) && starts("WEBP", 4, 8)))
    return "image";
  if ((starts("RIFF", 4) && starts("WAVE", 4, 8)) || starts("fLaC", 4) || starts("OggS", 4) || starts("ID3", 3))
    return "audio";
  return "";
}

std::string extensionKind(const std::string& value) {
  const std::string ext = lower(fs::path(value).extension().string());
  static const std::set<std::string> images{".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff", ".dcm", ".webp"};
  static const std::set<std::string> audio{".wav", ".flac", ".ogg", ".mp3"};
  if (images.count(ext)) return "image";
  if (audio.count(ext)) return "audio";
  return "";
}

// The values of one column, and what they look like.
struct ColumnStats {
  std::vector<std::string> values;  // non-missing, as written
  std::size_t missing = 0;
  std::set<std::string> distinct;
  std::size_t numbers = 0, withSpaces = 0, multiLabel = 0, totalLength = 0;
};

ColumnStats columnStats(const Manifest& m, std::size_t column, std::size_t rows) {
  ColumnStats s;
  for (std::size_t r = 0; r < rows; ++r) {
    const Cell c = m.cell(r, column);
    if (c.missing) {
      ++s.missing;
      continue;
    }
    const std::string v = c.is_array ? [&c] {
      std::string joined;
      for (const auto& item : c.items) joined += (joined.empty() ? "" : ";") + item;
      return joined;
    }() : c.text;
    s.values.push_back(v);
    s.distinct.insert(v);
    s.numbers += isNumber(v);
    s.withSpaces += v.find(' ') != std::string::npos;
    s.multiLabel += c.is_array || v.find(';') != std::string::npos;
    s.totalLength += v.size();
  }
  return s;
}

// A file column: what its files are, by the first existing file's content, else by the extensions.
std::string fileKind(const ColumnStats& s, const fs::path& folder, std::string& reason) {
  std::size_t byExtension[2] = {0, 0};
  for (const auto& v : s.values) {
    const std::string k = extensionKind(v);
    byExtension[0] += k == "image";
    byExtension[1] += k == "audio";
  }
  const std::size_t pathLike = static_cast<std::size_t>(
      std::count_if(s.values.begin(), s.values.end(), [](const std::string& v) { return v.find('.') != std::string::npos && v.find(' ') == std::string::npos; }));
  if (s.values.empty() || pathLike * 10 < s.values.size() * 9) return "";
  for (const auto& v : s.values) {
    std::error_code ec;
    const fs::path file = folder / v;
    if (!fs::is_regular_file(file, ec)) continue;
    const std::string sniffed = sniffFile(file);
    if (!sniffed.empty()) {
      reason = sniffed == "image" ? FB_TEXT("paths of image files (read from the first one)")
                                  : FB_TEXT("paths of audio files (read from the first one)");
      return sniffed;
    }
    break;
  }
  if (byExtension[0] * 10 >= s.values.size() * 9) {
    reason = FB_TEXT("paths ending in an image extension (no file found to read)");
    return "image";
  }
  if (byExtension[1] * 10 >= s.values.size() * 9) {
    reason = FB_TEXT("paths ending in an audio extension (no file found to read)");
    return "audio";
  }
  return "";
}

bool looksLikeSplit(const ColumnStats& s, const std::string& name) {
  static const std::set<std::string> splits{"train", "training", "val", "valid", "validation", "dev", "test"};
  if (s.values.empty()) return false;
  const bool all = std::all_of(s.distinct.begin(), s.distinct.end(), [](const std::string& v) { return splits.count(lower(v)) > 0; });
  return all || (nameIsOneOf(name, {"split", "subset", "fold"}) && s.distinct.size() <= 3);
}

// One column's role from its content and name; the target is chosen afterwards among the candidates.
ColumnProposal proposeOne(const std::string& name, const ColumnStats& s, std::size_t rows, const fs::path& folder) {
  ColumnProposal p;
  p.spec.name = name;
  p.missing = s.missing;
  for (std::size_t i = 0; i < s.values.size() && p.examples.size() < 3; ++i)
    if (std::find(p.examples.begin(), p.examples.end(), s.values[i]) == p.examples.end()) p.examples.push_back(s.values[i]);
  auto role = [&p](ColumnRole r, const char* why) {
    p.spec.role = r;
    p.reason = why;
    return p;
  };
  if (s.values.empty()) return role(ColumnRole::Ignore, FB_TEXT("every cell is empty"));
  std::string why;
  const std::string kind = fileKind(s, folder, why);
  if (kind == "image") return role(ColumnRole::Image, why.c_str());
  if (kind == "audio") return role(ColumnRole::Audio, why.c_str());
  if (looksLikeSplit(s, name)) return role(ColumnRole::Split, FB_TEXT("split names (train, val, test)"));
  const bool unique = s.distinct.size() == s.values.size() && s.values.size() == rows;
  if (nameIsOneOf(name, {"id", "sample", "sample_id", "uid", "key", "name", "filename"}) ||
      (unique && s.numbers < s.values.size() && s.withSpaces == 0))
    return role(ColumnRole::Id, FB_TEXT("a different value on every row"));
  if (s.numbers == s.values.size()) {
    if (s.distinct.size() <= 2) return role(ColumnRole::Categorical, FB_TEXT("two numbers only (a yes/no value)"));
    return role(ColumnRole::Numeric, FB_TEXT("numbers"));
  }
  const double meanLength = static_cast<double>(s.totalLength) / static_cast<double>(s.values.size());
  if (s.withSpaces * 2 > s.values.size() || meanLength > 24) return role(ColumnRole::Text, FB_TEXT("free text (words with spaces)"));
  if (s.distinct.size() <= std::max<std::size_t>(20, s.values.size() / 20))
    return role(ColumnRole::Categorical, FB_TEXT("a few values that repeat"));
  return role(ColumnRole::Text, FB_TEXT("short text with many different values"));
}

// The target: a column named like one, else the last categorical column; its task from its values.
void chooseTarget(std::vector<ColumnProposal>& columns, const std::vector<ColumnStats>& stats) {
  int chosen = -1;
  for (std::size_t i = 0; i < columns.size() && chosen < 0; ++i)
    if (nameIsOneOf(columns[i].spec.name, {"label", "labels", "target", "class", "y", "diagnosis", "category", "outcome"}) &&
        columns[i].spec.role != ColumnRole::Ignore)
      chosen = static_cast<int>(i);
  for (int i = static_cast<int>(columns.size()) - 1; i >= 0 && chosen < 0; --i)
    if (columns[static_cast<std::size_t>(i)].spec.role == ColumnRole::Categorical) chosen = i;
  if (chosen < 0) return;
  ColumnProposal& t = columns[static_cast<std::size_t>(chosen)];
  const ColumnStats& s = stats[static_cast<std::size_t>(chosen)];
  t.spec.role = ColumnRole::Target;
  if (s.numbers == s.values.size() && s.distinct.size() > 20) {
    t.spec.task = TargetTask::Regression;
    t.reason = FB_TEXT("the target, by its name or place: numbers with many values (regression)");
  } else if (s.multiLabel * 10 >= s.values.size()) {
    t.spec.task = TargetTask::MultiLabel;
    t.reason = FB_TEXT("the target, by its name or place: several labels per row (multi-label)");
  } else {
    t.spec.task = TargetTask::Classification;
    t.reason = FB_TEXT("the target, by its name or place: one class per row");
  }
}

// The table of `path`: the file itself, or the folder's manifest.csv / manifest.jsonl / only table.
std::string findTable(const fs::path& path, std::string& error) {
  std::error_code ec;
  if (fs::is_regular_file(path, ec)) return path.string();
  if (!fs::is_directory(path, ec)) {
    error = path.string() + ": no such file or folder";
    return {};
  }
  for (const char* name : {"manifest.csv", "manifest.jsonl"})
    if (fs::is_regular_file(path / name, ec)) return (path / name).string();
  std::vector<fs::path> tables;
  for (const auto& e : fs::directory_iterator(path, ec)) {
    const std::string ext = lower(e.path().extension().string());
    if (e.is_regular_file(ec) && (ext == ".csv" || ext == ".jsonl")) tables.push_back(e.path());
  }
  if (tables.size() == 1) return tables[0].string();
  error = path.string() + (tables.empty() ? ": no table found (manifest.csv, manifest.jsonl or one .csv file)"
                                          : ": several tables; choose the one to use");
  return {};
}

}  // namespace

TableProposal proposeColumns(const std::string& path, std::size_t max_rows) {
  TableProposal out;
  std::string error;
  const std::string table = findTable(fs::path(path), error);
  if (table.empty()) {
    out.errors.push_back(Diagnostic{"dataset-table", "", "", error, {}, {}});
    return out;
  }
  out.folder = fs::path(table).parent_path().string();
  out.manifest = fs::path(table).filename().string();
  ManifestLoadResult loaded = loadManifest(table);
  if (!loaded.manifest) {
    out.errors = std::move(loaded.errors);
    return out;
  }
  const Manifest& m = *loaded.manifest;
  out.rows = m.rowCount();
  const std::size_t rows = std::min(out.rows, max_rows);
  std::vector<ColumnStats> stats;
  for (std::size_t c = 0; c < m.header.size(); ++c) {
    stats.push_back(columnStats(m, c, rows));
    out.columns.push_back(proposeOne(m.header[c], stats.back(), rows, out.folder));
  }
  chooseTarget(out.columns, stats);
  return out;
}

DatasetDescription describeProposal(const TableProposal& proposal, const std::vector<ColumnSpec>& chosen) {
  DatasetDescription d;
  d.name = fs::path(proposal.folder).filename().string();
  d.manifest = proposal.manifest;
  d.columns = chosen;
  ColumnSpec* target = nullptr;
  for (auto& c : d.columns)
    if (c.role == ColumnRole::Target && !target) target = &c;
  if (!target || target->task == TargetTask::Regression) return d;
  // The classes from the whole table, in sorted order (what a user reads in the legend).
  ManifestLoadResult loaded = loadManifest((fs::path(proposal.folder) / proposal.manifest).string());
  if (!loaded.manifest) return d;
  const int column = loaded.manifest->column(target->name);
  std::set<std::string> classes;
  for (std::size_t r = 0; column >= 0 && r < loaded.manifest->rowCount(); ++r) {
    const Cell c = loaded.manifest->cell(r, static_cast<std::size_t>(column));
    if (c.missing) continue;
    if (c.is_array) {
      classes.insert(c.items.begin(), c.items.end());
    } else if (target->task == TargetTask::MultiLabel) {
      std::size_t start = 0;
      while (start <= c.text.size()) {
        const std::size_t end = std::min(c.text.find(target->label_separator, start), c.text.size());
        if (end > start) classes.insert(c.text.substr(start, end - start));
        start = end + target->label_separator.size();
      }
    } else {
      classes.insert(c.text);
    }
  }
  target->classes.assign(classes.begin(), classes.end());
  return d;
}

bool writeDescription(const std::string& folder, const DatasetDescription& description, std::string& error) {
  const fs::path file = fs::path(folder) / "dataset.json";
  std::error_code ec;
  if (fs::exists(file, ec)) {
    error = file.string() + " exists already; it is kept as it is";
    return false;
  }
  return writeFileAtomic(file.string(), descriptionToText(description), error);
}

}  // namespace fusebench::data
