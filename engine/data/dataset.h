#pragma once
// An opened dataset folder: its description joined with its manifest. Checks that every declared column
// exists in the manifest and names the folder, file and column when something cannot be read.
#include <optional>
#include <string>

#include "data/dataset_description.h"
#include "data/manifest.h"

namespace fusebench::data {

struct DatasetOpenResult;

class Dataset {
 public:
  static DatasetOpenResult open(const std::string& dir);
  Dataset(std::string dir, DatasetDescription description, Manifest manifest);

  const std::string& dir() const { return dir_; }
  const DatasetDescription& description() const { return description_; }
  const Manifest& manifest() const { return manifest_; }
  std::size_t size() const { return manifest_.rowCount(); }

  Cell cell(std::size_t sample, const std::string& column) const;  // a missing cell for an unknown column
  std::string_view text(std::size_t sample, const std::string& column) const;  // no copy
  std::string path(std::size_t sample, const std::string& column) const;  // folder-relative path made absolute
  // The path to read, or "" with `problem` set when the manifest's path leaves the dataset folder (".." or
  // absolute) and dataset.json does not allow that. Whatever reads a file goes through this.
  std::string readablePath(std::size_t sample, const std::string& column, std::string& problem) const;
  // "" when an absolute file path may be read (inside the folder, or outside paths allowed); else why not.
  std::string outsideProblem(const std::string& absolutePath) const;
  std::string id(std::size_t sample) const;     // id column, or the 1-based row number
  std::size_t line(std::size_t sample) const { return manifest_.line(sample); }
  // "row 12 (id 'a7', line 13)": how messages name a sample.
  std::string describe(std::size_t sample) const;

 private:
  std::string dir_;
  DatasetDescription description_;
  Manifest manifest_;
  std::vector<int> columnIndex_;  // description column -> manifest column
  int idColumn_ = -1;              // manifest column of the first id column
  int manifestColumn(const std::string& column) const;  // -1 when the description has no such column
};

struct DatasetOpenResult {
  std::optional<Dataset> dataset;  // not set when the dataset cannot be read at all
  Diagnostics errors;
};

bool isValidUtf8(const std::string& s);

}  // namespace fusebench::data
