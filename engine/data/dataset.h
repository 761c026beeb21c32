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
  std::size_t size() const { return manifest_.rows.size(); }

  const Cell& cell(std::size_t sample, const std::string& column) const;
  std::string path(std::size_t sample, const std::string& column) const;  // folder-relative path made absolute
  std::string id(std::size_t sample) const;     // id column, or the 1-based row number
  std::size_t line(std::size_t sample) const { return manifest_.lines.at(sample); }
  // "row 12 (id 'a7', line 13)": how messages name a sample.
  std::string describe(std::size_t sample) const;

 private:
  std::string dir_;
  DatasetDescription description_;
  Manifest manifest_;
  std::vector<int> columnIndex_;  // description column -> manifest column
};

struct DatasetOpenResult {
  std::optional<Dataset> dataset;  // not set when the dataset cannot be read at all
  Diagnostics errors;
};

bool isValidUtf8(const std::string& s);

}  // namespace fusebench::data
