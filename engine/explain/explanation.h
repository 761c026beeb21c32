#pragma once
// What an explanation of one prediction holds: plain arrays shaped like the inputs as the model saw them,
// with what maps them back to the original (image size, token strings, audio seconds). No torch here:
// the GUI, the CLI and the report writer read these.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "train/uncertainty.h"

namespace fusebench::explain {

// Row-major rows x cols values.
struct Map2D {
  int64_t rows = 0, cols = 0;
  std::vector<float> values;
  float at(int64_t r, int64_t c) const { return values[static_cast<std::size_t>(r * cols + c)]; }
};

// Method names, as the CLI takes them and the JSON writes them.
inline const char* kSaliency = "saliency";
inline const char* kSmoothGrad = "smoothgrad";
inline const char* kIntegratedGradients = "integrated_gradients";
inline const char* kGradCam = "gradcam";
inline const char* kOcclusion = "occlusion";
std::vector<std::string> allMethods();

struct ExplainOptions {
  int64_t target = -1;               // class (or output) index; -1 = the predicted class
  std::vector<std::string> methods;  // empty = all of allMethods()
  // What attributions explain: the target's "logit" (pre-softmax score; does not saturate, so occlusion and
  // gradients still see evidence in confident predictions) or its "probability". Modality contributions are
  // always in probability, the unit a reader understands.
  std::string attribution_score = "logit";
  int ig_steps = 64;                 // points on the straight path baseline -> input
  std::string ig_rule = "midpoint";  // midpoint | gauss_legendre | trapezoid
  // Completeness tolerance: while the attributions miss f(x) - f(baseline) by more than this fraction, the
  // steps double (up to ig_max_steps). 0 = always exactly ig_steps.
  double ig_tolerance = 0.01;
  int ig_max_steps = 512;
  std::string image_baseline = "black";  // black | blurred | mean (the training mean)
  // background: each mel band's median over the clip (what the recording sounds like between events, so
  // attributions mark the moments that differ); silence: the log-mel of an all-zero clip.
  std::string audio_baseline = "background";
  int smoothgrad_samples = 16;
  double smoothgrad_noise = 0.15;    // noise std as a fraction of each input's value range
  // "stage2", …; empty or unknown = each encoder's deepest stage with at least 7 cells on its shorter side
  // (kMinCamCells), else its finest.
  std::string gradcam_layer;
  int occlusion_patch = 0;           // image patch side in model pixels; 0 = about 1/7 of the image
  int occlusion_stride = 0;          // 0 = half the patch
  bool modality_shapley = true;
  int similar_cases = 5;             // training samples most similar by the fused representation; 0 = none
  int mc_dropout = 20;               // Monte-Carlo dropout passes where the model has dropout layers; 0 = none
  std::vector<std::string> ensemble;  // other bundles or runs (same classes) whose answers are compared
  int threads = 0;                   // intra-op threads while explaining; 0 = leave as is
  uint64_t seed = 0;                 // SmoothGrad noise
};

// Which sample: a dataset row, or column values given directly (file paths, text, numbers). Overrides and
// masks are the what-if edits: a column's value replaced (text edited), modalities switched off.
struct SampleInput {
  std::string dataset;  // dataset folder; with `row`
  int64_t row = -1;     // 0-based sample index; -1 = use `values`
  std::map<std::string, std::string> values;
  std::map<std::string, std::string> overrides;
  std::vector<std::string> masked_fields;
};

// One modality the model reads, as the GUI lists it for what-if toggles.
struct ModalityInfo {
  std::string field, node, kind, column;  // kind: image | audio | text | tabular; column: joined for tabular
  std::vector<std::string> columns;       // every column the input reads
};

// A layer Grad-CAM can use: a stage tap of the encoder and its map's size.
struct CamLayer {
  std::string name;  // "stage2" (what ExplainOptions::gradcam_layer takes)
  int64_t height = 0, width = 0;
};

struct ImageAttribution {
  std::string field, node, column, source;  // source: the file
  bool present = false;
  int64_t channels = 0, height = 0, width = 0;  // as the model saw it
  int64_t original_height = 0, original_width = 0;  // the file's size
  // Model pixel -> original pixel, in continuous coordinates (pixel centres at +0.5):
  //   original_x = (model_x + offset_x) / scale_x, original_y = (model_y + offset_y) / scale_y.
  // "stretch" resizes (offsets 0); "center_crop" scales the shorter side, then crops the centre.
  std::string resize = "stretch";
  double scale_x = 1, scale_y = 1, offset_x = 0, offset_y = 0;
  std::vector<float> pixels;  // C*H*W in [0, 1] (before normalization), for display
  std::map<std::string, Map2D> maps;  // method -> [height, width]
  std::string gradcam_layer;          // "encoder.stage3" when Grad-CAM ran
  std::vector<CamLayer> gradcam_layers;  // every stage it could have used, shallow to deep
};

struct TextAttribution {
  std::string field, node, column, text;
  bool present = false;
  // The tokens the model read, in order (cut to max_length): as written in `text` (its bytes `spans`), and as
  // the vocabulary has them (`pieces`: normalized words, "▁pneu" subwords, "##monia" WordPieces, "[CLS]").
  std::vector<std::string> tokens, pieces;
  std::vector<std::pair<std::size_t, std::size_t>> spans;  // [begin, end) in text; begin == end: added by the tokenizer
  std::vector<bool> known;          // false: the word was not in the training vocabulary (read as <unk>)
  std::map<std::string, std::vector<float>> scores;  // method -> one value per token (signed)
};

struct AudioAttribution {
  std::string field, node, column, source;
  bool present = false, spectrogram = true;  // false: the model reads the raw waveform
  int64_t sample_rate = 0;
  double seconds = 0;            // clip length the model saw (padded or cut)
  double seconds_per_frame = 0;  // spectrogram: hop / rate; waveform: 1 / rate
  Map2D input;                   // log-mel [mels, frames] (spectrogram models)
  std::vector<float> waveform;   // the clip, for display and playback
  std::map<std::string, Map2D> maps;                 // method -> [mels, frames] (spectrogram models)
  std::map<std::string, std::vector<float>> over_time;  // method -> per frame (or per waveform sample)
};

struct TabularAttribution {
  std::string field, node;
  bool present = false;
  std::vector<std::string> features;  // column names: numeric first, then categorical
  std::vector<std::string> values;    // the sample's values as in the dataset ("" = missing)
  std::map<std::string, std::vector<float>> scores;  // integrated_gradients (numeric; categorical 0), occlusion
};

struct ModalityContribution {
  std::string field, node, kind, column;
  bool present = false;
  double removal = 0;  // p(all) - p(all without this modality), p = scores[target]
  double shapley = 0;  // exact Shapley value over the present modalities (they sum to p(all) - p_none)
};

struct AttentionMap {
  std::string node;  // the fusion node
  std::vector<std::string> queries;  // query token labels
  std::vector<std::string> keys;     // key token labels ("image 4", "title 'red'", "speech 0.40 s")
  std::vector<std::string> key_modality;  // per key: the context modality's field
  Map2D weights;                     // [queries, keys], averaged over heads
};

struct FusionWeights {
  std::string node, kind;  // kind: gates | modality_weights
  std::vector<std::string> modalities;
  std::vector<float> values;  // per modality (gates: averaged over feature dimensions)
};

// A training sample close to the explained one by the model's fused representation.
struct SimilarCase {
  int64_t row = -1;      // dataset row (0-based)
  std::string id, label;  // label: the class name ("" when unknown)
  double similarity = 0;  // cosine, in [-1, 1]
  std::string image;      // the first image column's file ("" when none)
  std::string text;       // the first text column, cut to 120 characters
};

struct Explanation {
  bool ok = false;
  std::string error;
  std::string model, bundle, dataset, sample, task;  // task: classification | multilabel | regression
  int64_t row = -1;
  std::vector<std::string> classes;
  std::vector<float> scores;  // probabilities (classification), sigmoid (multi-label), values (regression)
  // Classification probabilities are divided by the bundle's calibration temperature before the softmax.
  bool calibrated = false;
  double temperature = 1.0;
  // How sure the prediction is (classification): entropy, top probability, a sentence when unsure.
  double entropy = 0, normalized_entropy = 0;
  bool unsure = false;
  std::string certainty;  // "The model is unsure: it gives 'a' 52% and 'b' 41%." (empty when sure)
  std::vector<train::PredictionSpread> spreads;  // Monte-Carlo dropout and/or the ensemble
  int64_t predicted = -1, target = -1, label = -1;  // label: the dataset's, when known
  std::string attribution_score;  // logit | probability: the unit of f, f_baseline and every attribution
  std::string image_baseline, audio_baseline;  // as in the options
  double f = 0;           // the explained score (target logit or probability)
  double f_baseline = 0;  // the same at the Integrated Gradients baseline
  double p_none = 0;      // scores[target] with every modality missing (modality contributions' reference)
  double ig_total = 0;    // sum of all Integrated Gradients attributions (completeness: = f - f_baseline)
  int ig_steps = 0;       // steps used (more than asked when refinement was needed)
  std::vector<std::string> masked;  // what-if: modalities switched off for this explanation
  std::map<std::string, std::string> overrides;  // what-if: column values replaced (text edits)
  std::vector<ImageAttribution> images;
  std::vector<TextAttribution> texts;
  std::vector<AudioAttribution> audios;
  std::vector<TabularAttribution> tabular;
  std::vector<ModalityContribution> modalities;
  std::vector<AttentionMap> attention;
  std::vector<FusionWeights> fusion_weights;
  std::vector<SimilarCase> similar_cases;  // most similar first
  std::string index_note;  // "similar cases: indexed 2400 training samples in 3.1 s" when this explanation built the index
  std::vector<std::string> notes;  // methods skipped and why ("occlusion: no image input")
  std::map<std::string, double> milliseconds;  // per method
};

nlohmann::json toJson(const Explanation& e);

}  // namespace fusebench::explain
