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
#include "explain/explainer_impl.h"
#include "explain/explainer_support.h"
#include "train/bundle.h"
#include "train/bundle_writer.h"
#include "train/output_scores.h"
#include "train/prediction_spread.h"
#include "train/thread_count_scope.h"
#include "train/uncertainty.h"
#include "util/torch_error_text.h"

namespace fusebench::explain {

namespace F = torch::nn::functional;
using namespace support;
std::vector<std::string> allMethods() { return {kSaliency, kSmoothGrad, kIntegratedGradients, kGradCam, kOcclusion}; }

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

namespace {

// The request's mistakes, found before anything runs; empty when there are none.
std::string requestProblem(const SampleInput& input, const ExplainOptions& options,
                           const std::vector<data::InputBinding>& bindings) {
  for (const auto& m : input.masked_fields)
    if (std::none_of(bindings.begin(), bindings.end(), [&](const auto& b) { return b.field == m; }))
      return "the model has no input field '" + m + "' to switch off";
  if (options.attribution_score != "logit" && options.attribution_score != "probability")
    return "unknown attribution score '" + options.attribution_score + "' (logit, probability)";
  if (options.audio_baseline != "background" && options.audio_baseline != "silence")
    return "unknown audio baseline '" + options.audio_baseline + "' (background, silence)";
  if (options.ig_rule != "midpoint" && options.ig_rule != "gauss_legendre" && options.ig_rule != "trapezoid")
    return "unknown integration rule '" + options.ig_rule + "' (midpoint, gauss_legendre, trapezoid)";
  const auto all = allMethods();
  for (const auto& m : options.methods)
    if (std::find(all.begin(), all.end(), m) == all.end())
      return "unknown method '" + m + "' (saliency, smoothgrad, integrated_gradients, gradcam, occlusion)";
  return {};
}

// The prepared sample (for display) and the model inputs into ctx.inputs, through the loader as evaluation
// sees them. Decoded once: the loader collates the prepared sample from a one-sample cache.
std::shared_ptr<const data::PreparedSample> prepareInputs(const data::Pipeline& pipeline,
                                                          const std::map<std::string, std::string>& values,
                                                          const SampleInput& input, ExplainContext& ctx,
                                                          std::string& error) {
  auto ds = train::sampleDataset(pipeline, values, error);
  if (!ds) return nullptr;
  const auto& decoders = data::mediaDecoders();
  auto prepared = std::make_shared<const data::PreparedSample>(pipeline.prepare(*ds, 0, decoders, false));
  if (!prepared->ok) {
    error = prepared->problem;
    return nullptr;
  }
  auto cache = std::make_shared<data::SampleCache>(1);
  cache->put(0, prepared);
  try {
    data::LoaderOptions o;
    o.batch_size = 1;
    o.threads = 1;
    o.require_target = false;
    o.masked_fields = input.masked_fields;
    data::Loader loader(*ds, pipeline, decoders, {0}, o, cache);
    loader.startEpoch(0);
    auto batch = loader.next();
    if (!batch) {
      error = "the sample could not be prepared";
      return nullptr;
    }
    ctx.inputs = std::move(batch->inputs);
  } catch (const std::exception& ex) {
    error = ex.what();
    return nullptr;
  }
  return prepared;
}

// The prediction and the explained target (e.scores, e.predicted, e.target, e.f); `seen` records the text
// embeddings the model looked up. False (e.error set) when the asked-for target does not exist.
bool predict(ExplainContext& ctx, const ExplainOptions& options, ModelOutput& full, nodes::TapRecorder& seen,
             Explanation& e) {
  torch::Tensor prediction;
  {
    torch::NoGradGuard noGrad;
    nodes::TapScope scope(seen);
    full = ctx.model->forward(ctx.inputs);
    prediction = full.prediction[0];
  }
  const auto task = ctx.pipeline->task();
  const int64_t K = prediction.size(0);
  auto probs = train::outputScores(prediction, task, ctx.temperature, 0);
  e.scores = toVector(probs);
  if (task != data::TargetTask::Regression) e.predicted = probs.argmax().item<int64_t>();
  if (task == data::TargetTask::Classification) {
    const auto c = train::predictionCertainty(e.scores, e.classes);
    e.entropy = c.entropy, e.normalized_entropy = c.normalized_entropy, e.unsure = c.unsure, e.certainty = c.sentence;
  }
  e.target = options.target >= 0 ? options.target : std::max<int64_t>(0, e.predicted);
  if (e.target >= K) {
    e.error = "target " + std::to_string(e.target) + " does not exist: the model has " + std::to_string(K) + " outputs";
    return false;
  }
  ctx.target = e.target;
  e.attribution_score = options.attribution_score == "probability" ? "probability" : "logit";
  ctx.options.attribution_score = e.attribution_score;
  e.f = e.attribution_score == "logit" ? prediction[e.target].item<double>() : e.scores[static_cast<std::size_t>(e.target)];
  return true;
}

// The continuous inputs attributions are computed for, with their baselines: each present model input
// (numeric tabular values only) and, for text, the embeddings its encoders looked up.
void collectAttributedInputs(ExplainContext& ctx, const nodes::TapRecorder& seen, const ExplainOptions& options,
                             std::vector<std::string>& notes) {
  const auto& bindings = ctx.pipeline->bindings();
  for (std::size_t k = 0; k < bindings.size(); ++k) {
    const auto& b = bindings[k];
    if (!ctx.inputs.at(b.field + ".present")[0].item<bool>()) continue;
    const auto& x = ctx.inputs.at(b.field);
    AttributedInput a;
    a.binding = k;
    a.key = b.field, a.value = x;
    switch (b.kind) {
      case PortKind::Image:
        a.baseline = imageBaseline(x, *ctx.pipeline, k, options.image_baseline, notes);
        ctx.attributed.push_back(a);
        break;
      case PortKind::Spectrogram:
        a.baseline = options.audio_baseline == "silence" ? torch::full_like(x, std::log(1e-6f))  // log-mel of zeros
                                                         : std::get<0>(x.median(2, true)).expand_as(x).clone();
        ctx.attributed.push_back(a);
        break;
      case PortKind::Waveform:
        a.baseline = torch::zeros_like(x);
        ctx.attributed.push_back(a);
        break;
      case PortKind::Tabular:
        if (x.size(1) > 0) {  // numeric values; 0 is the training mean after standardization
          a.baseline = torch::zeros_like(x);
          ctx.attributed.push_back(a);
        }
        break;
      case PortKind::Text:
        for (const auto& ed : ctx.model->graph().edges) {
          if (ed.from.node != b.node) continue;
          auto it = seen.seen.find(ed.to.node + ".embeddings");
          if (it == seen.seen.end()) continue;
          AttributedInput tap;
          tap.binding = k;
          tap.is_tap = true, tap.key = it->first, tap.value = it->second.detach();
          tap.baseline = torch::zeros_like(tap.value);
          ctx.attributed.push_back(tap);
        }
        break;
      default:
        break;
    }
  }
}

std::string valueOf(const std::map<std::string, std::string>& values, const std::string& column) {
  auto it = values.find(column);
  return it == values.end() ? std::string() : it->second;
}

}  // namespace

// The sample's values by column: a dataset row's, or the given ones ("new case"), with the what-if edits.
bool Explainer::Impl::sampleValues(const SampleInput& input, std::map<std::string, std::string>& values, Explanation& e) {
  values = input.values;
  if (input.row >= 0) {
    if (!readRow(input, values, e)) return false;
  } else {
    e.sample = "new case";
  }
  for (const auto& [k, v] : input.overrides) values[k] = v;
  return true;
}

// The values of a dataset row by column (file paths resolved inside the dataset), its id and label.
bool Explainer::Impl::readRow(const SampleInput& input, std::map<std::string, std::string>& values, Explanation& e) {
  const std::string dir = input.dataset.empty() ? bundle.dataset : input.dataset;
  if (!dataset || datasetDir != dir) {
    auto opened = data::Dataset::open(dir);
    if (!opened.dataset) {
      e.error = "dataset '" + dir + "': " + (opened.errors.empty() ? "cannot be read" : opened.errors.at(0).message);
      return false;
    }
    dataset.emplace(std::move(*opened.dataset));
    datasetDir = dir;
  }
  const auto& ds = *dataset;
  if (static_cast<std::size_t>(input.row) >= ds.size()) {
    e.error = "dataset '" + dir + "' has " + std::to_string(ds.size()) + " samples; there is no sample " +
              std::to_string(input.row + 1);
    return false;
  }
  const auto row = static_cast<std::size_t>(input.row);
  const auto& columns = ds.description().columns;
  for (const auto& b : bundle.pipeline->bindings()) {
    for (const auto& c : bindingColumns(b)) {
      if (std::none_of(columns.begin(), columns.end(), [&](const auto& s) { return s.name == c; })) {
        e.error = "dataset '" + dir + "' has no column '" + c + "' that input '" + b.field + "' reads";
        return false;
      }
      const data::Cell cell = ds.cell(row, c);
      if (cell.missing) continue;
      if (b.kind == PortKind::Image || b.kind == PortKind::Waveform || b.kind == PortKind::Spectrogram) {
        std::string refused;
        values[c] = ds.readablePath(row, c, refused);
        if (values[c].empty()) {
          e.error = ds.describe(row) + ", column '" + c + "': " + refused;
          return false;
        }
      } else {
        values[c] = cell.text;
      }
    }
  }
  e.dataset = dir;
  e.row = input.row;
  e.sample = ds.id(row);
  if (const auto* t = ds.description().target(); t && bundle.pipeline->task() == data::TargetTask::Classification) {
    const auto& cell = ds.cell(row, t->name);
    auto it = std::find(e.classes.begin(), e.classes.end(), cell.text);
    if (!cell.missing && it != e.classes.end()) e.label = it - e.classes.begin();
  }
  return true;
}

// Each modality's attributions in its own terms, with what the original files add (an image's size, a clip's
// waveform).
void Explainer::Impl::addModalityResults(const assembly::Attributions& a, const data::PreparedSample& prepared,
                                         const std::map<std::string, std::string>& values, Explanation& e) {
  const auto& decoders = data::mediaDecoders();
  const auto& bindings = bundle.pipeline->bindings();
  for (std::size_t k = 0; k < bindings.size(); ++k) {
    const auto& b = bindings[k];
    const auto& pf = prepared.fields[k];
    const std::string source = valueOf(values, b.column);
    if (b.kind == PortKind::Image) {
      const auto* size = !source.empty() && decoders.image ? originals.imageSize(source, decoders) : nullptr;
      e.images.push_back(assembly::imageAttribution(b, k, pf, source, size, a, e.notes));
    } else if (b.kind == PortKind::Spectrogram || b.kind == PortKind::Waveform) {
      const int rate = static_cast<int>(b.params["sample_rate"].get<int64_t>());
      const auto* wave = !source.empty() && decoders.audio ? originals.waveform(source, rate, decoders) : nullptr;
      e.audios.push_back(assembly::audioAttribution(b, k, source, wave, a));
    } else if (b.kind == PortKind::Text) {
      e.texts.push_back(assembly::textAttribution(b, k, pf, source, *bundle.pipeline->tokenizer(k), a));
    } else if (b.kind == PortKind::Tabular) {
      e.tabular.push_back(assembly::tabularAttribution(b, k, values, a));
    }
  }
}

// The attributions: gradient methods (with Integrated Gradients' completeness check), occlusion, and each
// modality's share of them in its own terms.
void Explainer::Impl::addAttributions(const ExplainContext& ctx, const std::vector<std::string>& methods,
                                      const data::PreparedSample& prepared, const std::map<std::string, std::string>& values,
                                      Explanation& e) {
  const auto& options = ctx.options;
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
  addModalityResults(assembly::Attributions{ctx, grads, occlusion}, prepared, values, e);
  if (std::find(methods.begin(), methods.end(), kGradCam) != methods.end() && grads.gradcam.empty())
    e.notes.push_back("gradcam: no convolutional encoder reads an image or spectrogram input directly");
}

namespace {

// What an explanation says of itself before anything runs: the model, its classes and task, the what-if
// edits and baselines asked for; e.error when the request itself is wrong.
Explanation describeRequest(const train::OpenedBundle& bundle, const std::string& path, const SampleInput& input,
                            const ExplainOptions& options) {
  Explanation e;
  const auto& pipeline = *bundle.pipeline;
  e.model = bundle.name;
  e.bundle = path;
  e.classes = pipeline.classes();
  e.task = pipeline.task() == data::TargetTask::Classification ? "classification"
           : pipeline.task() == data::TargetTask::MultiLabel   ? "multilabel"
                                                               : "regression";
  e.masked = input.masked_fields;
  e.overrides = input.overrides;
  e.image_baseline = options.image_baseline;
  e.audio_baseline = options.audio_baseline;
  e.calibrated = bundle.calibrated && pipeline.task() == data::TargetTask::Classification;
  e.temperature = bundle.temperature;
  e.error = requestProblem(input, options, pipeline.bindings());
  return e;
}

}  // namespace

Explanation Explainer::explain(const SampleInput& input, const ExplainOptions& options) {
  const auto started = Clock::now();
  auto& bundle = impl_->bundle;
  Explanation e = describeRequest(bundle, impl_->path, input, options);
  if (!e.error.empty()) return e;
  const train::ThreadCountScope threads(options.threads);
  torch::AutoGradMode gradMode(true);

  std::map<std::string, std::string> values;
  if (!impl_->sampleValues(input, values, e)) return e;
  ExplainContext ctx;
  ctx.model = bundle.model.get();
  ctx.pipeline = &*bundle.pipeline;
  ctx.options = options;
  ctx.temperature = bundle.temperature;
  const auto prepared = prepareInputs(*bundle.pipeline, values, input, ctx, e.error);
  if (!prepared) return e;
  bundle.model->eval();
  try {
    ModelOutput full;
    nodes::TapRecorder seen;
    if (!predict(ctx, options, full, seen, e)) return e;
    collectAttributedInputs(ctx, seen, options, e.notes);
    impl_->addAttributions(ctx, options.methods.empty() ? allMethods() : options.methods, *prepared, values, e);
    assembly::addModalityContributions(ctx, options.modality_shapley, e);
    assembly::addFusionInternals(full.internals, bundle.model->graph(), *bundle.pipeline, e);
    if (options.similar_cases > 0) impl_->addSimilarCases(full, input, options.similar_cases, e);
    impl_->addSpreads(ctx, options, values, input, e);
  } catch (const std::exception& ex) {
    e.error = std::string("explaining failed: ") + ex.what();
    return e;
  }
  e.milliseconds["total"] = std::chrono::duration<double, std::milli>(Clock::now() - started).count();
  e.ok = true;
  return e;
}

}  // namespace fusebench::explain
