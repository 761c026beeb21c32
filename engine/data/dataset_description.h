#pragma once
// A dataset is a folder: a manifest (CSV or JSON Lines, one row per sample) and dataset.json, which
// declares each column's role. Plain types; no torch, no OpenCV.
#include <optional>
#include <string>
#include <vector>

#include "graph/diagnostic.h"

namespace fusebench::data {

enum class ColumnRole { Image, Audio, Text, Numeric, Categorical, Target, Split, Id, Ignore };
enum class TargetTask { Classification, MultiLabel, Regression };

const char* roleName(ColumnRole r);
const char* taskName(TargetTask t);

struct ColumnSpec {
  std::string name;
  ColumnRole role = ColumnRole::Ignore;
  TargetTask task = TargetTask::Classification;  // targets only
  std::vector<std::string> classes;              // targets: the known classes/labels, in index order
  std::string label_separator = ";";             // multi-label targets in CSV: "cat;dog"
};

struct DatasetDescription {
  static constexpr int kFormatVersion = 1;
  std::string name;
  std::string manifest = "manifest.csv";  // relative to the dataset folder; .csv or .jsonl
  std::string provenance;                 // where the data came from, for reports
  int sample_rate = 16000;                // audio is decoded and resampled to this rate
  // Manifest paths must stay inside the dataset folder (no "..", not absolute) unless this is set: datasets
  // travel between people, and a row "../../home/you/.ssh/id_rsa" must not be opened and shown.
  bool allow_outside_paths = false;
  std::vector<ColumnSpec> columns;

  const ColumnSpec* column(const std::string& name) const;
  const ColumnSpec* target() const;  // the first target column, if any
  std::vector<const ColumnSpec*> withRole(ColumnRole role) const;
};

struct DescriptionLoadResult {
  std::optional<DatasetDescription> description;
  Diagnostics errors;  // messages begin with the file path
};

DescriptionLoadResult loadDescription(const std::string& path);
DescriptionLoadResult descriptionFromText(const std::string& text, const std::string& path_for_messages);
std::string descriptionToText(const DatasetDescription& d);

}  // namespace fusebench::data
