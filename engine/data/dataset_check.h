#pragma once
// `data validate` and `data summary`: one pass over every sample that decodes every file, so each
// problem is found and named (row or id, column, file path, reason), and statistics come for free.
#include <atomic>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "data/dataset.h"
#include "data/decode/decoders.h"

namespace fusebench::data {

struct SampleProblem {
  std::size_t row = 0;  // 1-based data row; 0 for dataset-level problems (e.g. a class with 1 sample)
  std::size_t line = 0;
  std::string id;
  std::string column;
  std::string path;  // the file involved, if any
  std::string reason;
  std::string format() const;  // "row 12 (id 'a7'), column 'image', file '…/x.png': missing file"
};

struct RunningStats {
  std::size_t count = 0;
  double min = 0, max = 0, sum = 0;
  void add(double v);
  double mean() const { return count ? sum / static_cast<double>(count) : 0.0; }
};

struct DatasetReport {
  std::size_t samples = 0;
  std::vector<SampleProblem> problems;
  std::vector<bool> sample_ok;  // per sample: no problem found
  std::map<std::string, std::map<std::string, std::size_t>> class_counts;  // split -> class -> count
  std::map<std::string, std::size_t> present;                              // column -> samples with a value
  std::map<std::string, std::size_t> image_sizes;                          // "28x28x1" -> count
  // column -> DICOM files carrying patient identity, and which attributes (names only; values never kept)
  std::map<std::string, std::size_t> identified;
  std::map<std::string, std::set<std::string>> identity_tags;
  std::vector<std::string> warnings() const;  // "column 'image': 12 DICOM files carry patient identity (…)" 
  RunningStats audio_seconds, text_tokens;
  std::size_t vocabulary = 0;  // distinct tokens over all text columns
  bool splits_from_column = false;

  std::size_t badSamples() const;
  nlohmann::json toJson() const;
  std::string summaryText(const Dataset& ds) const;
};

struct CheckOptions {
  int threads = 2;
  int sample_rate = 0;  // 0: the dataset's
  // Called now and then from the checking threads (done, total): keep it cheap and thread-safe.
  std::function<void(std::size_t, std::size_t)> progress;
  // When set and true, the check stops early; the report then covers only the samples checked.
  const std::atomic<bool>* cancel = nullptr;
};

inline CheckOptions makeCheckOptions(int threads) {
  CheckOptions o;
  o.threads = threads;
  return o;
}
DatasetReport checkDataset(const Dataset& ds, const Decoders& decoders, const CheckOptions& options = {});

}  // namespace fusebench::data
