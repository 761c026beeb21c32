#pragma once
// The explainer's state between explanations (the opened bundle, the last dataset, decoded originals,
// the similar-cases index) and its steps. Internal to engine/explain: explainer.cpp runs an explanation,
// explainer_extras.cpp adds how sure the model is and which known cases resemble the sample.
#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "data/decode/decoders.h"
#include "explain/explain_context.h"
#include "explain/explainer.h"
#include "explain/explanation_assembly.h"
#include "explain/similar_cases.h"
#include "train/bundle_writer.h"

namespace fusebench::explain {

using Clock = std::chrono::steady_clock;

// What the display needs from the original files beyond the prepared sample (an image's size, an audio
// clip's waveform), kept per file so what-if edits of one sample do not decode them again.
class OriginalMedia {
 public:
  const std::pair<int64_t, int64_t>* imageSize(const std::string& path, const data::Decoders& d) {
    const auto key = stamp(path);
    if (auto it = sizes_.find(key); it != sizes_.end()) return &it->second;
    data::Image img;
    std::string error;
    if (!d.image || !d.image(path, img, error)) return nullptr;
    trim();
    return &(sizes_[key] = {img.height, img.width});
  }
  const std::vector<float>* waveform(const std::string& path, int rate, const data::Decoders& d) {
    const auto key = stamp(path) + "@" + std::to_string(rate);
    if (auto it = waves_.find(key); it != waves_.end()) return &it->second;
    data::Audio a;
    std::string error;
    if (!d.audio || !d.audio(path, rate, a, error)) return nullptr;
    trim();
    return &(waves_[key] = std::move(a.samples));
  }

 private:
  // The path and its modification time: an edited file is read again.
  static std::string stamp(const std::string& path) {
    std::error_code ec;
    const auto t = std::filesystem::last_write_time(path, ec);
    return path + "#" + (ec ? std::string("?") : std::to_string(t.time_since_epoch().count()));
  }
  void trim() {  // a handful of samples' files is all what-if needs
    if (sizes_.size() + waves_.size() > 64) sizes_.clear(), waves_.clear();
  }
  std::map<std::string, std::pair<int64_t, int64_t>> sizes_;
  std::map<std::string, std::vector<float>> waves_;
};

struct Explainer::Impl {
  train::OpenedBundle bundle;
  std::string path;
  std::optional<data::Dataset> dataset;  // the last dataset a row was read from (kept for what-if edits)
  std::string datasetDir;
  OriginalMedia originals;
  // The training samples similar cases come from (the bundle's dataset) and their index, opened at the
  // first explanation that asks for them.
  std::optional<data::Dataset> trainingSet;
  std::unique_ptr<CaseIndex> cases;
  bool casesFailed = false;
  // Ensemble members opened once, by the path asked for (what-if edits ask them again).
  std::map<std::string, train::OpenedBundle> ensembleMembers;

  bool sampleValues(const SampleInput& input, std::map<std::string, std::string>& values, Explanation& e);
  bool readRow(const SampleInput& input, std::map<std::string, std::string>& values, Explanation& e);
  void addSimilarCases(const ModelOutput& full, const SampleInput& input, int k, Explanation& e);
  void addSpreads(const ExplainContext& ctx, const ExplainOptions& options, std::map<std::string, std::string> values,
                  const SampleInput& input, Explanation& e);
  void addModalityResults(const assembly::Attributions& a, const data::PreparedSample& prepared,
                          const std::map<std::string, std::string>& values, Explanation& e);
  // The attribution methods asked for, and what they add up to, into e (and each modality's share).
  void addAttributions(const ExplainContext& ctx, const std::vector<std::string>& methods,
                       const data::PreparedSample& prepared, const std::map<std::string, std::string>& values, Explanation& e);
};

}  // namespace fusebench::explain
