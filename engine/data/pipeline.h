#pragma once
// From dataset rows to model inputs. A Pipeline binds each input node of a graph to dataset columns,
// fits what must come from the training split only (vocabularies, tabular statistics, image
// normalization), and turns one sample into plain arrays ("prepared sample") deterministically.
// Augmentation and normalization act on prepared samples, so a cache of prepared samples stays valid
// across epochs. Plain header: no torch (the Loader does the tensors).
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "data/compact_values.h"
#include "data/dataset.h"
#include "data/decode/decoders.h"
#include "data/text/text_tokenizer.h"
#include "graph/graph_spec.h"
#include "graph/validate.h"

namespace fusebench::data {

struct InputBinding {
  std::string node;    // input node id
  std::string field;   // model field (the node's "field" parameter)
  PortKind kind = PortKind::Image;
  std::string column;  // image / audio / text column
  std::vector<std::string> numeric_columns, categorical_columns;  // tabular
  nlohmann::json params;  // the input node's resolved parameters (sizes, preprocessing)
};

// One sample after decoding and deterministic preprocessing: one entry per binding, in the compact type
// it is cached in (see compact_values.h). Floats are made from it when a batch is collated.
struct PreparedField {
  // image C*H*W in [0, 1], unnormalized (uint8, uint16 for 16-bit files and DICOM, float32 for float
  // files); waveform T (int16); log-mel M*F (float16); tabular numeric N, standardized (float32)
  CompactValues values;
  std::vector<int64_t> ids;    // text token ids L, tabular categorical ids K
  bool present = false;
};

// A media file as it was when a sample was prepared from it: a cached sample is used only while every
// file it read still has the same size and modification time (else it is prepared again).
struct FileStamp {
  int64_t size = -1;      // -1: the file did not exist
  int64_t mtime_ns = -1;
  bool operator==(const FileStamp& o) const { return size == o.size && mtime_ns == o.mtime_ns; }
  bool operator!=(const FileStamp& o) const { return !(*this == o); }
};
FileStamp stampOf(const std::string& path);

struct PreparedSample {
  std::vector<PreparedField> fields;
  std::vector<float> target;  // class index, multi-hot labels, or regression values
  std::vector<FileStamp> sources;  // the sample's media files (Pipeline::mediaPaths order), before decoding
  bool ok = false;
  std::string problem;  // when !ok: "row 12 (line 13), column 'image', file '…': missing file"
  std::size_t byteSize() const;  // what the sample holds, for the memory cache's budget
};

// One field of one sample as floats and ids inside a batch being collated: what augmentation works on.
struct FieldSpan {
  float* values = nullptr;
  std::size_t size = 0;
  int64_t* ids = nullptr;
  std::size_t id_count = 0;
  bool present = false;
};

// Per-channel sums over the training images, added up one prepared sample at a time (in a fixed order),
// so the statistics never need every sample at once.
struct ImageMoments {
  std::map<std::size_t, std::vector<double>> sum, sq;  // binding -> per channel
  std::map<std::size_t, double> pixels;                // binding -> pixels per channel seen
};

struct AugmentOptions {
  bool enabled = false;
  // image
  double flip = 0.5;            // probability of a horizontal flip
  int crop_padding = 2;         // random crop after zero-padding by this many pixels
  double rotation_degrees = 8;  // uniform in [-r, r]
  double brightness = 0.1;      // additive, in units of [0, 1] intensity
  // audio (on the waveform, or the equivalent on log-mel)
  double time_shift = 0.1;      // fraction of the clip
  double gain_db = 6;           // uniform in [-g, g] dB
  double noise_snr_db = 20;     // white noise at SNR uniform in [snr, snr + 20] dB; 0 = off
  int spec_time_mask = 8;       // SpecAugment: one time mask up to this many frames
  int spec_freq_mask = 6;       // and one frequency mask up to this many mel bands
  // text
  double token_dropout = 0.1;   // each token becomes <unk> with this probability
};

class Pipeline {
 public:
  struct CreateResult;
  // Binds the graph's input nodes to the dataset and fits text and tabular statistics on `train`.
  static CreateResult create(const Dataset& ds, const GraphSpec& graph, const std::vector<std::size_t>& train);

  const std::vector<InputBinding>& bindings() const { return bindings_; }
  const std::vector<std::string>& classes() const { return classes_; }
  TargetTask task() const { return task_; }
  // Shapes this data will produce, to validate and compile the graph against.
  const InputShapes& datasetShapes() const { return shapes_; }

  // Decodes and preprocesses one sample; thread-safe. Without a target (prediction), `target` stays empty.
  PreparedSample prepare(const Dataset& ds, std::size_t sample, const Decoders& decoders,
                         bool require_target = true) const;
  // The media files sample `i` reads (image and audio cells that are not missing), in binding order.
  std::vector<std::string> mediaPaths(const Dataset& ds, std::size_t sample) const;
  // The sample's target from its manifest cell alone (no decoding); false with `problem` when it has none.
  bool targetOf(const Dataset& ds, std::size_t sample, std::vector<float>& target, std::string& problem) const;
  // Seeded, in place on one sample's floats and ids (one span per binding), training only.
  void augment(std::vector<FieldSpan>& fields, const AugmentOptions& o, uint64_t seed) const;

  // Image normalization (per channel mean and std) from moments added up over the training samples.
  bool needsImageStatistics() const;  // some image input normalizes
  void addImageMoments(ImageMoments& m, const PreparedSample& s) const;
  void fitImageStatistics(const ImageMoments& m);
  // Binding k's normalization as the affine map x * scale + shift per channel (identity when none):
  // applied as a batch is collated, after augmentation.
  void imageAffine(std::size_t k, std::vector<float>& scale, std::vector<float>& shift) const;

  nlohmann::json state() const;  // everything fitted + bindings: for bundles and cache keys
  // Rebuilds a fitted pipeline from state() (a model bundle), without the training data.
  static std::optional<Pipeline> fromState(const nlohmann::json& state, std::string& error);
  const std::string& targetColumn() const { return target_column_; }
  // Binding k's fitted per-channel image mean and std (false when the input is not normalized).
  bool imageStatistics(std::size_t k, std::vector<float>& mean, std::vector<float>& std) const;
  // Binding k's fitted tokenizer (nullptr when k is not a text input).
  const TextTokenizer* tokenizer(std::size_t k) const;

 private:
  void cacheShapes();

  std::vector<InputBinding> bindings_;
  InputShapes shapes_;  // datasetShapes(), computed once after fitting
  std::vector<std::string> classes_;
  TargetTask task_ = TargetTask::Classification;
  std::string target_column_;
  std::string label_separator_ = ";";
  std::map<std::size_t, TextTokenizer> tokenizers_;                // binding -> fitted tokenizer
  std::map<std::size_t, std::vector<double>> numMean_, numStd_;    // binding -> per numeric column
  std::map<std::size_t, std::vector<std::map<std::string, int64_t>>> catIds_;  // binding -> per column
  std::map<std::size_t, std::vector<float>> imageMean_, imageStd_;  // binding -> per channel
};

struct Pipeline::CreateResult {
  std::optional<Pipeline> pipeline;
  Diagnostics errors;  // e.g. "input node 'img' reads field 'photo' but the dataset has no such column"
  std::vector<std::string> warnings;  // fitted anyway, but the user should know (a pretrained vocabulary's id 0)
};

}  // namespace fusebench::data
