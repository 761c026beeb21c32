#pragma once
// Torch side of an explanation, shared by the attribution methods: the model, one prepared sample as a
// batch of 1, the explained score and the inputs gradients can flow into. Internal to engine/explain.
#include <functional>
#include <vector>

#include "data/pipeline.h"
#include "explain/explanation.h"
#include "model/fusion_model.h"
#include "nodes/taps.h"

namespace fusebench::explain {

// A continuous input that attributions are computed for: a model input field (image, log-mel, waveform,
// tabular numeric values) or a tapped intermediate (text embeddings of one text encoder).
struct AttributedInput {
  std::size_t binding = 0;  // index into the pipeline's bindings
  bool is_tap = false;      // true: `key` is a tap "node.embeddings"; false: a TensorMap field
  std::string key;
  torch::Tensor value;      // [1, ...] the sample
  torch::Tensor baseline;   // [1, ...] the Integrated Gradients baseline (and occlusion fill)
};

struct ExplainContext {
  FusionModelImpl* model = nullptr;
  const data::Pipeline* pipeline = nullptr;
  TensorMap inputs;  // batch of 1
  int64_t target = 0;
  double temperature = 1.0;  // the bundle's calibration: probabilities are softmax(output / temperature)
  std::vector<AttributedInput> attributed;
  ExplainOptions options;

  // The explained score per batch row: softmax / sigmoid / raw output at `target`. Installs `taps` (when
  // given) for the forward pass; the model output's internals go to `internals` when given.
  torch::Tensor score(const TensorMap& in, nodes::TapRecorder* taps = nullptr, ModelOutput* full = nullptr) const;
  // The same in probability (modality contributions), whatever attribution_score says.
  torch::Tensor probability(const TensorMap& in) const;
  // The sample repeated to `rows` rows (copies: callers write into them).
  TensorMap repeat(int64_t rows) const;
};

// Grad-CAM's default layer: the deepest stage with at least this many cells on the shorter side.
// Seven: the 7 x 7 of an ImageNet backbone's last stage, the layer Grad-CAM is usually shown at.
inline constexpr int64_t kMinCamCells = 7;

// Gauss-Legendre points and weights on [0, 1].
void gaussLegendre(int n, std::vector<double>& points, std::vector<double>& weights);
// Midpoint rule: n equal panels, each sampled at its centre.
void midpoint(int n, std::vector<double>& points, std::vector<double>& weights);
// Trapezoid rule with n points on [0, 1] (n >= 2; n = 1: the midpoint).
void trapezoid(int n, std::vector<double>& points, std::vector<double>& weights);

// Per-method raw attributions, keyed by AttributedInput index; shaped like that input's value [1, ...].
struct GradientResults {
  std::map<std::string, std::vector<torch::Tensor>> by_method;  // saliency | smoothgrad | integrated_gradients
  std::map<std::string, torch::Tensor> gradcam;  // encoder node -> [1, H, W] at the encoder's input size
  std::map<std::string, std::string> gradcam_layer;  // encoder node -> "node.stageN"
  std::map<std::string, std::vector<CamLayer>> gradcam_layers;  // encoder node -> every stage tap, shallow to deep
  double f_baseline = 0, ig_total = 0;
  int ig_steps = 0;  // after refinement
  bool ig_converged = true;  // false: the attributions missed completeness by more than the tolerance at the cap
};

GradientResults gradientAttributions(const ExplainContext& ctx, const std::vector<std::string>& methods,
                                     std::map<std::string, double>& milliseconds);

// Occlusion: the drop of the score when a region is replaced by the baseline. Image [1,H,W] per pixel;
// spectrogram / waveform: per time step; text: per token (the token removed); tabular: per feature
// (numeric to the training mean, categorical to unknown). Keyed by binding index.
std::map<std::size_t, torch::Tensor> occlusionAttributions(const ExplainContext& ctx);

// Exact Shapley values over the present modalities (masked as missing) and the score without each one.
struct ModalityScores {
  std::vector<std::size_t> bindings;  // present modalities, in binding order
  std::vector<double> shapley, removal;
  double f_all = 0, f_none = 0;
};
ModalityScores modalityScores(const ExplainContext& ctx, bool shapley);

// Row r of `in` with binding `b` masked as missing (as the loader masks a field).
void maskField(TensorMap& in, const data::InputBinding& b, int64_t row);

}  // namespace fusebench::explain
