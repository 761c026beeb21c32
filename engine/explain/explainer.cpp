// Orchestrates one explanation: the sample's values (a dataset row or given columns, with what-if edits),
// the prepared model inputs, each attribution method, modality contributions and fusion internals, turned
// into the plain Explanation the GUI and CLI read.
#include "explain/explainer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>

#include "data/decode/decoders.h"
#include "data/loader.h"
#include "explain/explain_context.h"
#include "explain/explainer_support.h"
#include "train/bundle.h"
#include "train/bundle_writer.h"
#include "train/thread_count_scope.h"
#include "util/torch_error_text.h"

namespace fusebench::explain {

namespace F = torch::nn::functional;
using namespace support;
using Clock = std::chrono::steady_clock;

std::vector<std::string> allMethods() { return {kSaliency, kSmoothGrad, kIntegratedGradients, kGradCam, kOcclusion}; }

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
};

Explainer::Explainer() : impl_(std::make_unique<Impl>()) {}
Explainer::~Explainer() = default;

std::unique_ptr<Explainer> Explainer::open(const std::string& path, std::string& error) {
  std::optional<train::OpenedBundle> b;
  try {
    b = train::openBundle(path, error);
  } catch (const std::exception& e) {
    error = path + ": not a usable model bundle (" + torchErrorText(e) + ")";
    return nullptr;
  }
  if (!b) return nullptr;
  std::unique_ptr<Explainer> x(new Explainer());
  x->impl_->bundle = std::move(*b);
  x->impl_->path = path;
  return x;
}

const std::vector<std::string>& Explainer::classes() const { return impl_->bundle.pipeline->classes(); }
std::string Explainer::datasetDir() const { return impl_->bundle.dataset; }
std::string Explainer::modelName() const { return impl_->bundle.name; }


std::vector<ModalityInfo> Explainer::modalities() const { return describeInputs(*impl_->bundle.pipeline); }

bool readBundleInputs(const std::string& bundle, std::vector<ModalityInfo>& modalities, std::vector<std::string>& classes,
                      std::string& error) {
  namespace fs = std::filesystem;
  const fs::path file = fs::path(train::bundleDir(bundle)) / "bundle.json";
  std::ifstream in(file);
  if (!in) {
    error = "'" + bundle + "' has no model bundle (no " + file.string() + ")";
    return false;
  }
  try {
    const auto j = nlohmann::json::parse(in);
    auto p = data::Pipeline::fromState(j.at("pipeline"), error);
    if (!p) return false;
    modalities = describeInputs(*p);
    classes = p->classes();
  } catch (const std::exception& e) {
    error = file.string() + ": " + torchErrorText(e);
    return false;
  }
  return true;
}

Explanation Explainer::explain(const SampleInput& input, const ExplainOptions& options) {
  Explanation e;
  const auto started = Clock::now();
  auto& bundle = impl_->bundle;
  const auto& pipeline = *bundle.pipeline;
  const auto& bindings = pipeline.bindings();
  const train::ThreadCountScope threads(options.threads);
  torch::AutoGradMode gradMode(true);
  e.model = bundle.name;
  e.bundle = impl_->path;
  e.classes = pipeline.classes();
  e.task = pipeline.task() == data::TargetTask::Classification ? "classification"
           : pipeline.task() == data::TargetTask::MultiLabel   ? "multilabel"
                                                               : "regression";
  e.masked = input.masked_fields;
  e.overrides = input.overrides;
  e.image_baseline = options.image_baseline;
  e.audio_baseline = options.audio_baseline;
  for (const auto& m : input.masked_fields) {
    if (std::none_of(bindings.begin(), bindings.end(), [&](const auto& b) { return b.field == m; })) {
      e.error = "the model has no input field '" + m + "' to switch off";
      return e;
    }
  }
  if (options.attribution_score != "logit" && options.attribution_score != "probability") {
    e.error = "unknown attribution score '" + options.attribution_score + "' (logit, probability)";
    return e;
  }
  if (options.audio_baseline != "background" && options.audio_baseline != "silence") {
    e.error = "unknown audio baseline '" + options.audio_baseline + "' (background, silence)";
    return e;
  }
  if (options.ig_rule != "midpoint" && options.ig_rule != "gauss_legendre" && options.ig_rule != "trapezoid") {
    e.error = "unknown integration rule '" + options.ig_rule + "' (midpoint, gauss_legendre, trapezoid)";
    return e;
  }
  const auto& methods = options.methods.empty() ? allMethods() : options.methods;
  for (const auto& m : methods) {
    const auto all = allMethods();
    if (std::find(all.begin(), all.end(), m) == all.end()) {
      e.error = "unknown method '" + m + "' (saliency, smoothgrad, integrated_gradients, gradcam, occlusion)";
      return e;
    }
  }

  // 1. The sample's values by column.
  std::map<std::string, std::string> values = input.values;
  if (input.row >= 0) {
    const std::string dir = input.dataset.empty() ? bundle.dataset : input.dataset;
    if (!impl_->dataset || impl_->datasetDir != dir) {
      auto opened = data::Dataset::open(dir);
      if (!opened.dataset) {
        e.error = "dataset '" + dir + "': " + (opened.errors.empty() ? "cannot be read" : opened.errors.at(0).message);
        return e;
      }
      impl_->dataset.emplace(std::move(*opened.dataset));
      impl_->datasetDir = dir;
    }
    const auto& ds = *impl_->dataset;
    if (static_cast<std::size_t>(input.row) >= ds.size()) {
      e.error = "dataset '" + dir + "' has " + std::to_string(ds.size()) + " samples; there is no sample " +
                std::to_string(input.row + 1);
      return e;
    }
    const auto row = static_cast<std::size_t>(input.row);
    for (const auto& b : bindings) {
      for (const auto& c : bindingColumns(b)) {
        const bool known = std::any_of(ds.description().columns.begin(), ds.description().columns.end(),
                                       [&](const auto& s) { return s.name == c; });
        if (!known) {
          e.error = "dataset '" + dir + "' has no column '" + c + "' that input '" + b.field + "' reads";
          return e;
        }
        const data::Cell cell = ds.cell(row, c);
        if (cell.missing) continue;
        if (b.kind == PortKind::Image || b.kind == PortKind::Waveform || b.kind == PortKind::Spectrogram) {
          std::string refused;
          values[c] = ds.readablePath(row, c, refused);
          if (values[c].empty()) {
            e.error = ds.describe(row) + ", column '" + c + "': " + refused;
            return e;
          }
        } else {
          values[c] = cell.text;
        }
      }
    }
    e.dataset = dir;
    e.row = input.row;
    e.sample = ds.id(row);
    if (const auto* t = ds.description().target(); t && pipeline.task() == data::TargetTask::Classification) {
      const auto& cell = ds.cell(row, t->name);
      auto it = std::find(e.classes.begin(), e.classes.end(), cell.text);
      if (!cell.missing && it != e.classes.end()) e.label = it - e.classes.begin();
    }
  } else {
    e.sample = "new case";
  }
  for (const auto& [k, v] : input.overrides) values[k] = v;

  // 2. Prepared sample (for display) and model inputs (through the loader, as evaluation sees them).
  auto ds1 = train::sampleDataset(pipeline, values, e.error);
  if (!ds1) return e;
  const auto& decoders = data::mediaDecoders();
  // Decoded once: the display arrays come from this prepared sample, and the loader collates it from a cache.
  auto preparedPtr = std::make_shared<const data::PreparedSample>(pipeline.prepare(*ds1, 0, decoders, false));
  const auto& prepared = *preparedPtr;
  if (!prepared.ok) {
    e.error = prepared.problem;
    return e;
  }
  auto preparedCache = std::make_shared<data::SampleCache>(1);
  preparedCache->put(0, preparedPtr);
  ExplainContext ctx;
  ctx.model = bundle.model.get();
  ctx.pipeline = &pipeline;
  ctx.options = options;
  try {
    data::LoaderOptions o;
    o.batch_size = 1;
    o.threads = 1;
    o.require_target = false;
    o.masked_fields = input.masked_fields;
    data::Loader loader(*ds1, pipeline, decoders, {0}, o, preparedCache);
    loader.startEpoch(0);
    auto batch = loader.next();
    if (!batch) {
      e.error = "the sample could not be prepared";
      return e;
    }
    ctx.inputs = std::move(batch->inputs);
  } catch (const std::exception& ex) {
    e.error = ex.what();
    return e;
  }
  bundle.model->eval();

  try {
    // 3. Prediction, target, and the text embeddings the model looks up (for attributions on them).
    ModelOutput full;
    nodes::TapRecorder seen;
    torch::Tensor prediction;
    {
      torch::NoGradGuard noGrad;
      std::optional<nodes::TapScope> scope;
      scope.emplace(seen);
      full = bundle.model->forward(ctx.inputs);
      prediction = full.prediction[0];
    }
    const int64_t K = prediction.size(0);
    auto probs = pipeline.task() == data::TargetTask::Classification ? torch::softmax(prediction, 0)
                 : pipeline.task() == data::TargetTask::MultiLabel   ? torch::sigmoid(prediction)
                                                                     : prediction;
    e.scores = toVector(probs);
    if (pipeline.task() != data::TargetTask::Regression) e.predicted = probs.argmax().item<int64_t>();
    e.target = options.target >= 0 ? options.target : std::max<int64_t>(0, e.predicted);
    if (e.target >= K) {
      e.error = "target " + std::to_string(e.target) + " does not exist: the model has " + std::to_string(K) + " outputs";
      return e;
    }
    ctx.target = e.target;
    e.attribution_score = options.attribution_score == "probability" ? "probability" : "logit";
    ctx.options.attribution_score = e.attribution_score;
    e.f = e.attribution_score == "logit" ? prediction[e.target].item<double>() : e.scores[static_cast<std::size_t>(e.target)];

    for (std::size_t k = 0; k < bindings.size(); ++k) {
      const auto& b = bindings[k];
      if (!ctx.inputs.at(b.field + ".present")[0].item<bool>()) continue;
      const auto& x = ctx.inputs.at(b.field);
      AttributedInput a;
      a.binding = k;
      switch (b.kind) {
        case PortKind::Image:
          a.key = b.field, a.value = x, a.baseline = imageBaseline(x, pipeline, k, options.image_baseline, e.notes);
          ctx.attributed.push_back(a);
          break;
        case PortKind::Spectrogram:
          a.key = b.field, a.value = x;
          a.baseline = options.audio_baseline == "silence" ? torch::full_like(x, std::log(1e-6f))  // log-mel of zeros
                                                           : std::get<0>(x.median(2, true)).expand_as(x).clone();
          ctx.attributed.push_back(a);
          break;
        case PortKind::Waveform:
          a.key = b.field, a.value = x, a.baseline = torch::zeros_like(x);
          ctx.attributed.push_back(a);
          break;
        case PortKind::Tabular:
          if (x.size(1) > 0) {  // numeric values; 0 is the training mean after standardization
            a.key = b.field, a.value = x, a.baseline = torch::zeros_like(x);
            ctx.attributed.push_back(a);
          }
          break;
        case PortKind::Text:
          for (const auto& ed : bundle.model->graph().edges) {
            if (ed.from.node != b.node) continue;
            auto it = seen.seen.find(ed.to.node + ".embeddings");
            if (it == seen.seen.end()) continue;
            a.is_tap = true, a.key = it->first, a.value = it->second.detach(), a.baseline = torch::zeros_like(a.value);
            ctx.attributed.push_back(a);
          }
          break;
        default:
          break;
      }
    }

    // 4. Attributions.
    auto grads = gradientAttributions(ctx, methods, e.milliseconds);
    e.f_baseline = grads.f_baseline;
    e.ig_total = grads.ig_total;
    e.ig_steps = grads.ig_steps;
    if (!grads.ig_converged && options.ig_tolerance > 0) {
      char buf[200];
      std::snprintf(buf, sizeof buf, "integrated_gradients: at %d steps the attributions sum to %.4g, not %.4g (more than %.0f%% off)",
                    grads.ig_steps, e.ig_total, e.f - e.f_baseline, 100 * options.ig_tolerance);
      e.notes.push_back(buf);
    }
    std::map<std::size_t, torch::Tensor> occlusion;
    if (std::find(methods.begin(), methods.end(), kOcclusion) != methods.end()) {
      const auto t0 = Clock::now();
      occlusion = occlusionAttributions(ctx);
      e.milliseconds[kOcclusion] = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
    }
    // Per method, binding k's gradient attribution (text: every consumer's summed).
    auto attributionOf = [&](const std::string& method, std::size_t k) -> torch::Tensor {
      auto it = grads.by_method.find(method);
      if (it == grads.by_method.end()) return {};
      torch::Tensor sum;
      for (std::size_t i = 0; i < ctx.attributed.size(); ++i) {
        if (ctx.attributed[i].binding != k || !it->second[i].defined()) continue;
        sum = sum.defined() ? sum + it->second[i] : it->second[i];
      }
      return sum;
    };
    const std::vector<std::string> gradMethods = {kSaliency, kSmoothGrad, kIntegratedGradients};

    for (std::size_t k = 0; k < bindings.size(); ++k) {
      const auto& b = bindings[k];
      const bool present = ctx.inputs.at(b.field + ".present")[0].item<bool>();
      const auto& pf = prepared.fields[k];
      if (b.kind == PortKind::Image) {
        ImageAttribution img;
        img.field = b.field, img.node = b.node, img.column = b.column, img.present = present;
        img.source = values.count(b.column) ? values.at(b.column) : "";
        const auto& x = ctx.inputs.at(b.field);
        img.channels = x.size(1), img.height = x.size(2), img.width = x.size(3);
        img.pixels = pf.values.empty() ? std::vector<float>(static_cast<std::size_t>(x.numel()), 0.0f) : pf.values.toFloat();
        img.original_height = img.height, img.original_width = img.width;
        bool sized = false;
        if (!img.source.empty() && decoders.image) {
          if (const auto* size = impl_->originals.imageSize(img.source, decoders)) {
            img.original_height = size->first, img.original_width = size->second;
            sized = true;
          }
        }
        if (!sized && img.present)
          e.notes.push_back("image '" + b.field + "': the original file could not be read again, so its size is unknown; "
                            "the pixel mapping assumes the model's size");
        // The same arithmetic as the pipeline's resizeImage().
        img.resize = b.params.value("resize", std::string("stretch"));
        const double H0 = static_cast<double>(img.original_height), W0 = static_cast<double>(img.original_width);
        double rh = static_cast<double>(img.height), rw = static_cast<double>(img.width);
        if (img.resize == "center_crop") {
          const double s = std::max(rh / H0, rw / W0);
          rh = std::max(rh, static_cast<double>(std::llround(H0 * s)));
          rw = std::max(rw, static_cast<double>(std::llround(W0 * s)));
          img.offset_y = static_cast<double>(static_cast<int64_t>(rh) - img.height) / 2;
          img.offset_x = static_cast<double>(static_cast<int64_t>(rw) - img.width) / 2;
          img.offset_y = std::floor(img.offset_y), img.offset_x = std::floor(img.offset_x);
        }
        img.scale_y = rh / H0, img.scale_x = rw / W0;
        for (const auto& m : gradMethods) {
          auto t = attributionOf(m, k);
          if (!t.defined()) continue;
          // Signed methods sum over channels; gradient magnitudes take the strongest channel.
          img.maps[m] = toMap(m == std::string(kIntegratedGradients) ? t.sum(1) : std::get<0>(t.max(1)));
        }
        for (const auto& ed : bundle.model->graph().edges)
          if (ed.from.node == b.node && grads.gradcam.count(ed.to.node)) {
            img.maps[kGradCam] = toMap(grads.gradcam.at(ed.to.node));
            img.gradcam_layer = grads.gradcam_layer.at(ed.to.node);
          }
        if (occlusion.count(k)) img.maps[kOcclusion] = toMap(occlusion.at(k));
        e.images.push_back(std::move(img));
      } else if (b.kind == PortKind::Spectrogram || b.kind == PortKind::Waveform) {
        AudioAttribution au;
        au.field = b.field, au.node = b.node, au.column = b.column, au.present = present;
        au.spectrogram = b.kind == PortKind::Spectrogram;
        au.source = values.count(b.column) ? values.at(b.column) : "";
        au.sample_rate = b.params["sample_rate"].get<int64_t>();
        au.seconds = b.params["seconds"].get<double>();
        const auto samples = static_cast<std::size_t>(static_cast<double>(au.sample_rate) * au.seconds + 0.5);
        if (au.spectrogram) {
          au.seconds_per_frame = static_cast<double>(b.params["hop_length"].get<int64_t>()) / static_cast<double>(au.sample_rate);
          const auto& x = ctx.inputs.at(b.field);
          au.input = toMap(present ? x : torch::zeros({x.size(1), x.size(2)}));  // a missing clip shows as silence
        } else {
          au.seconds_per_frame = 1.0 / static_cast<double>(au.sample_rate);
        }
        if (!au.source.empty() && decoders.audio) {
          if (const auto* wave = impl_->originals.waveform(au.source, static_cast<int>(au.sample_rate), decoders)) {
            au.waveform = *wave;
            au.waveform.resize(samples, 0.0f);
          }
        }
        for (const auto& m : gradMethods) {
          auto t = attributionOf(m, k);
          if (!t.defined()) continue;
          if (au.spectrogram) au.maps[m] = toMap(t), au.over_time[m] = toVector(t.sum(1));
          else au.over_time[m] = toVector(t);
        }
        for (const auto& ed : bundle.model->graph().edges)
          if (ed.from.node == b.node && grads.gradcam.count(ed.to.node)) {
            auto cam = grads.gradcam.at(ed.to.node);
            au.maps[kGradCam] = toMap(cam);
            au.over_time[kGradCam] = toVector(cam.sum(1));
          }
        if (occlusion.count(k)) au.over_time[kOcclusion] = toVector(occlusion.at(k));
        e.audios.push_back(std::move(au));
      } else if (b.kind == PortKind::Text) {
        TextAttribution tx;
        tx.field = b.field, tx.node = b.node, tx.column = b.column, tx.present = present;
        tx.text = values.count(b.column) ? values.at(b.column) : "";
        auto words = data::tokenize(tx.text);
        std::size_t real = 0;
        while (real < pf.ids.size() && pf.ids[real] != 0) ++real;
        words.resize(std::min(words.size(), real));
        tx.tokens = words;
        for (std::size_t i = 0; i < words.size(); ++i) tx.known.push_back(pf.ids[i] != data::TextVocabulary::kUnknown);
        const auto n = static_cast<int64_t>(words.size());
        for (const auto& m : gradMethods) {
          auto t = attributionOf(m, k);  // [1, L, D]
          if (!t.defined()) continue;
          auto per = m == std::string(kIntegratedGradients) ? t.sum(2) : t.norm(2, {2});
          auto v = toVector(per);
          v.resize(static_cast<std::size_t>(n));
          tx.scores[m] = v;
        }
        if (occlusion.count(k)) {
          auto v = toVector(occlusion.at(k));
          v.resize(static_cast<std::size_t>(n));
          tx.scores[kOcclusion] = v;
        }
        e.texts.push_back(std::move(tx));
      } else if (b.kind == PortKind::Tabular) {
        TabularAttribution tb;
        tb.field = b.field, tb.node = b.node, tb.present = present;
        tb.features = b.numeric_columns;
        tb.features.insert(tb.features.end(), b.categorical_columns.begin(), b.categorical_columns.end());
        for (const auto& f : tb.features) tb.values.push_back(values.count(f) ? values.at(f) : "");
        const auto N = b.numeric_columns.size(), total = tb.features.size();
        for (const auto& m : gradMethods) {
          auto t = attributionOf(m, k);
          if (!t.defined()) continue;
          auto v = toVector(t);
          (void)N;
          // Categorical features have no gradient: not a value of 0 but none at all (occlusion covers them).
          v.resize(total, std::numeric_limits<float>::quiet_NaN());
          tb.scores[m] = v;
        }
        if (occlusion.count(k)) tb.scores[kOcclusion] = toVector(occlusion.at(k));
        e.tabular.push_back(std::move(tb));
      }
    }
    if (std::find(methods.begin(), methods.end(), kGradCam) != methods.end() && grads.gradcam.empty())
      e.notes.push_back("gradcam: no convolutional encoder reads an image or spectrogram input directly");

    // 5. Modality contributions.
    {
      const auto t0 = Clock::now();
      auto m = modalityScores(ctx, options.modality_shapley);
      e.p_none = m.f_none;
      for (std::size_t k = 0; k < bindings.size(); ++k) {
        ModalityContribution c;
        c.field = bindings[k].field, c.node = bindings[k].node, c.kind = modalityKind(bindings[k].kind), c.column = joinColumns(bindings[k]);
        auto it = std::find(m.bindings.begin(), m.bindings.end(), k);
        if (it != m.bindings.end()) {
          const auto j = static_cast<std::size_t>(it - m.bindings.begin());
          c.present = true;
          c.removal = m.removal[j];
          if (j < m.shapley.size()) c.shapley = m.shapley[j];
        }
        e.modalities.push_back(c);
      }
      if (options.modality_shapley && m.shapley.empty() && !m.bindings.empty())
        e.notes.push_back("modality Shapley values: more than 8 modalities; only removal effects computed");
      e.milliseconds["modalities"] = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
    }

    // 6. Fusion internals of the prediction's forward pass.
    const auto& g = bundle.model->graph();
    for (const auto& [key, t] : full.internals) {
      const auto dot = key.rfind('.');
      const std::string node = key.substr(0, dot), name = key.substr(dot + 1);
      auto labelsFor = [&](const std::string& port, int64_t count) {
        std::vector<std::string> labels;
        std::string src, field;
        for (const auto& ed : g.edges)
          if (ed.to.node == node && ed.to.port == port) src = ed.from.node, field = sourceField(g, pipeline, ed.from.node);
        const data::InputBinding* b = nullptr;
        for (const auto& bb : bindings)
          if (bb.field == field) b = &bb;
        const TextAttribution* text = nullptr;
        for (const auto& tx : e.texts)
          if (tx.field == field) text = &tx;
        for (int64_t j = 0; j < count; ++j) {
          if (count == 1) labels.push_back(field);
          else if (b && b->kind == PortKind::Text && text && static_cast<std::size_t>(j) < text->tokens.size())
            labels.push_back(field + " '" + text->tokens[static_cast<std::size_t>(j)] + "'");
          else if (b && b->kind == PortKind::Text) labels.push_back(field + " (padding)");
          else if (b && (b->kind == PortKind::Spectrogram || b->kind == PortKind::Waveform)) {
            char buf[64];
            std::snprintf(buf, sizeof buf, "%s %.2f s", field.c_str(), (static_cast<double>(j) + 0.5) * b->params["seconds"].get<double>() / static_cast<double>(count));
            labels.push_back(buf);
          } else if (b && b->kind == PortKind::Image) {
            const auto side = static_cast<int64_t>(std::lround(std::sqrt(static_cast<double>(count))));
            labels.push_back(side * side == count ? field + " " + std::to_string(j / side) + "," + std::to_string(j % side)
                                                  : field + " #" + std::to_string(j));
          } else labels.push_back(field + " #" + std::to_string(j));
        }
        return std::make_pair(labels, field);
      };
      if (name == "attention" && t.dim() == 3) {
        AttentionMap a;
        a.node = node;
        a.weights = toMap(t[0]);
        a.queries = labelsFor("query", a.weights.rows).first;
        auto lengths = full.internals.count(node + ".context_lengths") ? toVector(full.internals.at(node + ".context_lengths").to(torch::kFloat)) : std::vector<float>{};
        for (std::size_t c = 0; c < lengths.size(); ++c) {
          auto [labels, field] = labelsFor("context" + std::to_string(c), static_cast<int64_t>(lengths[c]));
          for (const auto& l : labels) a.keys.push_back(l), a.key_modality.push_back(field);
        }
        if (a.keys.size() != static_cast<std::size_t>(a.weights.cols)) {
          a.keys.clear(), a.key_modality.clear();
          for (int64_t j = 0; j < a.weights.cols; ++j) a.keys.push_back("key " + std::to_string(j)), a.key_modality.push_back("");
        }
        e.attention.push_back(std::move(a));
      } else if (name == "gates" || name == "modality_weights" || name == "modality_logits") {
        FusionWeights w;
        w.node = node, w.kind = name;
        auto v = t[0];
        if (name == "gates" && v.dim() == 2) v = v.mean(1);
        if (name == "modality_logits" && v.dim() == 2) {  // late fusion: each modality's own vote for the target
          v = pipeline.task() == data::TargetTask::Classification ? torch::softmax(v, 1).select(1, e.target)
              : pipeline.task() == data::TargetTask::MultiLabel   ? torch::sigmoid(v.select(1, e.target))
                                                                  : v.select(1, e.target);
          w.kind = "modality_votes";
        }
        w.values = toVector(v);
        for (std::size_t i = 0; i < w.values.size(); ++i) {
          std::string port;
          for (const auto& ed : g.edges)
            if (ed.to.node == node && (ed.to.port == "in" + std::to_string(i))) port = ed.from.node;
          w.modalities.push_back(port.empty() ? "input " + std::to_string(i) : sourceField(g, pipeline, port));
        }
        e.fusion_weights.push_back(std::move(w));
      }
    }
  } catch (const std::exception& ex) {
    e.error = std::string("explaining failed: ") + ex.what();
    return e;
  }
  e.milliseconds["total"] = std::chrono::duration<double, std::milli>(Clock::now() - started).count();
  e.ok = true;
  return e;
}

}  // namespace fusebench::explain
