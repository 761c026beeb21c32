#include "explain/explanation_assembly.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <limits>

#include "data/image_geometry.h"
#include "data/text_vocabulary.h"
#include "train/output_scores.h"
#include "explain/explainer_support.h"

namespace fusebench::explain::assembly {

using namespace support;

namespace {

const std::vector<std::string>& gradientMethods() {
  static const std::vector<std::string> m = {kSaliency, kSmoothGrad, kIntegratedGradients};
  return m;
}

bool isPresent(const ExplainContext& ctx, const data::InputBinding& b) {
  return ctx.inputs.at(b.field + ".present")[0].item<bool>();
}

// The Grad-CAM of the encoder that reads binding b's input node directly, if one was computed.
const torch::Tensor* gradcamOf(const Attributions& a, const data::InputBinding& b, std::string* layer = nullptr,
                               std::vector<CamLayer>* layers = nullptr) {
  for (const auto& ed : a.ctx.model->graph().edges)
    if (ed.from.node == b.node && a.grads.gradcam.count(ed.to.node)) {
      if (layer) *layer = a.grads.gradcam_layer.at(ed.to.node);
      if (layers && a.grads.gradcam_layers.count(ed.to.node)) *layers = a.grads.gradcam_layers.at(ed.to.node);
      return &a.grads.gradcam.at(ed.to.node);
    }
  return nullptr;
}

// Where the model's pixels lie in the original image: the pipeline's own resize plan.
void mapToOriginal(ImageAttribution& img) {
  const auto plan = data::planResize(img.original_height, img.original_width, img.height, img.width, img.resize);
  img.offset_y = static_cast<double>(plan.crop_y), img.offset_x = static_cast<double>(plan.crop_x);
  img.scale_y = static_cast<double>(plan.height) / static_cast<double>(img.original_height);
  img.scale_x = static_cast<double>(plan.width) / static_cast<double>(img.original_width);
}

}  // namespace

torch::Tensor Attributions::of(const std::string& method, std::size_t k) const {
  auto it = grads.by_method.find(method);
  if (it == grads.by_method.end()) return {};
  torch::Tensor sum;
  for (std::size_t i = 0; i < ctx.attributed.size(); ++i) {
    if (ctx.attributed[i].binding != k || !it->second[i].defined()) continue;
    sum = sum.defined() ? sum + it->second[i] : it->second[i];
  }
  return sum;
}

ImageAttribution imageAttribution(const data::InputBinding& b, std::size_t k, const data::PreparedField& pf,
                                  const std::string& source, const ImageSize* original, const Attributions& a,
                                  std::vector<std::string>& notes) {
  ImageAttribution img;
  img.field = b.field, img.node = b.node, img.column = b.column, img.present = isPresent(a.ctx, b);
  img.source = source;
  const auto& x = a.ctx.inputs.at(b.field);
  img.channels = x.size(1), img.height = x.size(2), img.width = x.size(3);
  img.pixels = pf.values.empty() ? std::vector<float>(static_cast<std::size_t>(x.numel()), 0.0f) : pf.values.toFloat();
  img.original_height = original ? original->first : img.height;
  img.original_width = original ? original->second : img.width;
  if (!original && img.present)
    notes.push_back("image '" + b.field + "': the original file could not be read again, so its size is unknown; "
                    "the pixel mapping assumes the model's size");
  img.resize = b.params.value("resize", std::string("stretch"));
  mapToOriginal(img);
  for (const auto& m : gradientMethods()) {
    auto t = a.of(m, k);
    if (!t.defined()) continue;
    // Signed methods sum over channels; gradient magnitudes take the strongest channel.
    img.maps[m] = toMap(m == std::string(kIntegratedGradients) ? t.sum(1) : std::get<0>(t.max(1)));
  }
  if (const auto* cam = gradcamOf(a, b, &img.gradcam_layer, &img.gradcam_layers)) img.maps[kGradCam] = toMap(*cam);
  if (a.occlusion.count(k)) img.maps[kOcclusion] = toMap(a.occlusion.at(k));
  return img;
}

AudioAttribution audioAttribution(const data::InputBinding& b, std::size_t k, const std::string& source,
                                  const std::vector<float>* waveform, const Attributions& a) {
  AudioAttribution au;
  au.field = b.field, au.node = b.node, au.column = b.column, au.present = isPresent(a.ctx, b);
  au.spectrogram = b.kind == PortKind::Spectrogram;
  au.source = source;
  au.sample_rate = b.params["sample_rate"].get<int64_t>();
  au.seconds = b.params["seconds"].get<double>();
  const auto samples = static_cast<std::size_t>(static_cast<double>(au.sample_rate) * au.seconds + 0.5);
  if (au.spectrogram) {
    au.seconds_per_frame = static_cast<double>(b.params["hop_length"].get<int64_t>()) / static_cast<double>(au.sample_rate);
    const auto& x = a.ctx.inputs.at(b.field);
    au.input = toMap(au.present ? x : torch::zeros({x.size(1), x.size(2)}));  // a missing clip shows as silence
  } else {
    au.seconds_per_frame = 1.0 / static_cast<double>(au.sample_rate);
  }
  if (waveform) {
    au.waveform = *waveform;
    au.waveform.resize(samples, 0.0f);
  }
  for (const auto& m : gradientMethods()) {
    auto t = a.of(m, k);
    if (!t.defined()) continue;
    if (au.spectrogram) au.maps[m] = toMap(t), au.over_time[m] = toVector(t.sum(1));
    else au.over_time[m] = toVector(t);
  }
  if (const auto* cam = gradcamOf(a, b)) {
    au.maps[kGradCam] = toMap(*cam);
    au.over_time[kGradCam] = toVector(cam->sum(1));
  }
  if (a.occlusion.count(k)) au.over_time[kOcclusion] = toVector(a.occlusion.at(k));
  return au;
}

TextAttribution textAttribution(const data::InputBinding& b, std::size_t k, const data::PreparedField& pf,
                                const std::string& text, const data::TextTokenizer& tokenizer, const Attributions& a) {
  TextAttribution tx;
  tx.field = b.field, tx.node = b.node, tx.column = b.column, tx.present = isPresent(a.ctx, b);
  tx.text = text;
  // The same pieces the prepared ids came from (the tokenizer is deterministic): their spans show them as written.
  const auto pieces = tokenizer.tokens(text, static_cast<int64_t>(pf.ids.size()));
  for (const auto& p : pieces) {
    const bool added = p.end <= p.begin || p.end > text.size();
    tx.tokens.push_back(added ? p.key : text.substr(p.begin, p.end - p.begin));
    tx.pieces.push_back(p.key);
    tx.spans.emplace_back(p.begin, added ? p.begin : p.end);
    tx.known.push_back(tokenizer.isKnown(p));
  }
  const auto n = tx.tokens.size();
  for (const auto& m : gradientMethods()) {
    auto t = a.of(m, k);  // [1, L, D]
    if (!t.defined()) continue;
    // Every method is gradient x embedding for text (signed: for or against the target): one value per token.
    auto v = toVector(t.sum(2));
    v.resize(n);
    tx.scores[m] = v;
  }
  if (a.occlusion.count(k)) {
    auto v = toVector(a.occlusion.at(k));
    v.resize(n);
    tx.scores[kOcclusion] = v;
  }
  return tx;
}

TabularAttribution tabularAttribution(const data::InputBinding& b, std::size_t k,
                                      const std::map<std::string, std::string>& values, const Attributions& a) {
  TabularAttribution tb;
  tb.field = b.field, tb.node = b.node, tb.present = isPresent(a.ctx, b);
  tb.features = b.numeric_columns;
  tb.features.insert(tb.features.end(), b.categorical_columns.begin(), b.categorical_columns.end());
  for (const auto& f : tb.features) tb.values.push_back(values.count(f) ? values.at(f) : "");
  for (const auto& m : gradientMethods()) {
    auto t = a.of(m, k);
    if (!t.defined()) continue;
    auto v = toVector(t);
    // Categorical features have no gradient: not a value of 0 but none at all (occlusion covers them).
    v.resize(tb.features.size(), std::numeric_limits<float>::quiet_NaN());
    tb.scores[m] = v;
  }
  if (a.occlusion.count(k)) tb.scores[kOcclusion] = toVector(a.occlusion.at(k));
  return tb;
}

void addModalityContributions(const ExplainContext& ctx, bool shapley, Explanation& e) {
  const auto t0 = std::chrono::steady_clock::now();
  const auto& bindings = ctx.pipeline->bindings();
  auto m = modalityScores(ctx, shapley);
  e.p_none = m.f_none;
  for (std::size_t k = 0; k < bindings.size(); ++k) {
    ModalityContribution c;
    c.field = bindings[k].field, c.node = bindings[k].node, c.kind = modalityKind(bindings[k].kind);
    c.column = joinColumns(bindings[k]);
    auto it = std::find(m.bindings.begin(), m.bindings.end(), k);
    if (it != m.bindings.end()) {
      const auto j = static_cast<std::size_t>(it - m.bindings.begin());
      c.present = true;
      c.removal = m.removal[j];
      if (j < m.shapley.size()) c.shapley = m.shapley[j];
    }
    e.modalities.push_back(c);
  }
  if (shapley && m.shapley.empty() && !m.bindings.empty())
    e.notes.push_back("modality Shapley values: more than 8 modalities; only removal effects computed");
  e.milliseconds["modalities"] = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

namespace {

// Labels of the `count` positions that reach `node`'s input `port`: the field for a pooled input, tokens for
// text, times for audio, grid cells for an image; and the field itself.
std::pair<std::vector<std::string>, std::string> positionLabels(const GraphSpec& g, const data::Pipeline& pipeline,
                                                                const Explanation& e, const std::string& node,
                                                                const std::string& port, int64_t count) {
  std::vector<std::string> labels;
  std::string field;
  for (const auto& ed : g.edges)
    if (ed.to.node == node && ed.to.port == port) field = sourceField(g, pipeline, ed.from.node);
  const data::InputBinding* b = nullptr;
  for (const auto& bb : pipeline.bindings())
    if (bb.field == field) b = &bb;
  const TextAttribution* text = nullptr;
  for (const auto& tx : e.texts)
    if (tx.field == field) text = &tx;
  for (int64_t j = 0; j < count; ++j) {
    const auto at = static_cast<std::size_t>(j);
    if (count == 1) {
      labels.push_back(field);
    } else if (b && b->kind == PortKind::Text && text && at < text->tokens.size()) {
      labels.push_back(field + " '" + text->tokens[at] + "'");
    } else if (b && b->kind == PortKind::Text) {
      labels.push_back(field + " (padding)");
    } else if (b && (b->kind == PortKind::Spectrogram || b->kind == PortKind::Waveform)) {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%s %.2f s", field.c_str(),
                    (static_cast<double>(j) + 0.5) * b->params["seconds"].get<double>() / static_cast<double>(count));
      labels.push_back(buf);
    } else if (b && b->kind == PortKind::Image) {
      const auto side = static_cast<int64_t>(std::lround(std::sqrt(static_cast<double>(count))));
      labels.push_back(side * side == count ? field + " " + std::to_string(j / side) + "," + std::to_string(j % side)
                                            : field + " #" + std::to_string(j));
    } else {
      labels.push_back(field + " #" + std::to_string(j));
    }
  }
  return {labels, field};
}

AttentionMap attentionMap(const std::map<std::string, torch::Tensor>& internals, const GraphSpec& g,
                          const data::Pipeline& pipeline, const Explanation& e, const std::string& node,
                          const torch::Tensor& weights) {
  AttentionMap a;
  a.node = node;
  a.weights = toMap(weights[0]);
  a.queries = positionLabels(g, pipeline, e, node, "query", a.weights.rows).first;
  const auto lengths = internals.count(node + ".context_lengths")
                           ? toVector(internals.at(node + ".context_lengths").to(torch::kFloat))
                           : std::vector<float>{};
  for (std::size_t c = 0; c < lengths.size(); ++c) {
    auto [labels, field] = positionLabels(g, pipeline, e, node, "context" + std::to_string(c), static_cast<int64_t>(lengths[c]));
    for (const auto& l : labels) a.keys.push_back(l), a.key_modality.push_back(field);
  }
  if (a.keys.size() != static_cast<std::size_t>(a.weights.cols)) {  // contexts it cannot name: numbered keys
    a.keys.clear(), a.key_modality.clear();
    for (int64_t j = 0; j < a.weights.cols; ++j) a.keys.push_back("key " + std::to_string(j)), a.key_modality.push_back("");
  }
  return a;
}

FusionWeights fusionWeights(const GraphSpec& g, const data::Pipeline& pipeline, const Explanation& e,
                            const std::string& node, const std::string& name, const torch::Tensor& t) {
  FusionWeights w;
  w.node = node, w.kind = name;
  auto v = t[0];
  if (name == "gates" && v.dim() == 2) v = v.mean(1);
  if (name == "modality_logits" && v.dim() == 2) {  // late fusion: each modality's own vote for the target
    v = train::outputScores(v, pipeline.task()).select(1, e.target);  // each vote in its own (uncalibrated) terms
    w.kind = "modality_votes";
  }
  w.values = toVector(v);
  for (std::size_t i = 0; i < w.values.size(); ++i) {
    std::string port;
    for (const auto& ed : g.edges)
      if (ed.to.node == node && (ed.to.port == "in" + std::to_string(i))) port = ed.from.node;
    w.modalities.push_back(port.empty() ? "input " + std::to_string(i) : sourceField(g, pipeline, port));
  }
  return w;
}

}  // namespace

void addFusionInternals(const std::map<std::string, torch::Tensor>& internals, const GraphSpec& g,
                        const data::Pipeline& pipeline, Explanation& e) {
  for (const auto& [key, t] : internals) {
    const auto dot = key.rfind('.');
    const std::string node = key.substr(0, dot), name = key.substr(dot + 1);
    if (name == "attention" && t.dim() == 3)
      e.attention.push_back(attentionMap(internals, g, pipeline, e, node, t));
    else if (name == "gates" || name == "modality_weights" || name == "modality_logits")
      e.fusion_weights.push_back(fusionWeights(g, pipeline, e, node, name, t));
  }
}

}  // namespace fusebench::explain::assembly
