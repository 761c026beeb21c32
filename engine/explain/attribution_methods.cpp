// Gradient attributions (saliency, SmoothGrad, Integrated Gradients, Grad-CAM), occlusion and modality
// Shapley values on one prepared sample. Every method batches its model evaluations: the Integrated
// Gradients path is one forward/backward of ig_steps rows, occlusion patches go 64 at a time.
#include <cmath>
#include <optional>

#include "explain/explain_context.h"
#include "train/output_scores.h"

namespace fusebench::explain {

namespace F = torch::nn::functional;

torch::Tensor ExplainContext::score(const TensorMap& in, nodes::TapRecorder* taps, ModelOutput* full) const {
  std::optional<nodes::TapScope> scope;
  if (taps) scope.emplace(*taps);
  auto out = model->forward(in);
  const auto& y = out.prediction;
  torch::Tensor s = options.attribution_score == "probability"
                      ? train::outputScores(y, pipeline->task(), temperature).select(1, target)
                      : y.select(1, target);
  if (full) *full = std::move(out);
  return s;
}

torch::Tensor ExplainContext::probability(const TensorMap& in) const {
  return train::outputScores(model->forward(in).prediction, pipeline->task(), temperature).select(1, target);
}

void midpoint(int n, std::vector<double>& points, std::vector<double>& weights) {
  points.clear();
  weights.clear();
  for (int i = 0; i < n; ++i) points.push_back((i + 0.5) / n), weights.push_back(1.0 / n);
}

void trapezoid(int n, std::vector<double>& points, std::vector<double>& weights) {
  points.clear();
  weights.clear();
  if (n <= 1) {
    points = {0.5};
    weights = {1.0};
    return;
  }
  for (int i = 0; i < n; ++i) {
    points.push_back(static_cast<double>(i) / (n - 1));
    weights.push_back((i == 0 || i == n - 1 ? 0.5 : 1.0) / (n - 1));
  }
}

TensorMap ExplainContext::repeat(int64_t rows) const {
  TensorMap out;
  for (const auto& [k, t] : inputs) {
    auto sizes = t.sizes().vec();
    sizes[0] = rows;
    out[k] = t.expand(sizes).clone();
  }
  return out;
}

void gaussLegendre(int n, std::vector<double>& points, std::vector<double>& weights) {
  points.assign(static_cast<std::size_t>(n), 0.0);
  weights.assign(static_cast<std::size_t>(n), 0.0);
  // Newton's method on the Legendre polynomial P_n from Chebyshev guesses, then mapped from [-1, 1] to [0, 1].
  for (int i = 0; i < n; ++i) {
    double x = std::cos(M_PI * (i + 0.75) / (n + 0.5)), dp = 0;
    for (int it = 0; it < 100; ++it) {
      double p0 = 1, p1 = x;
      for (int k = 2; k <= n; ++k) {
        const double p2 = ((2.0 * k - 1) * x * p1 - (k - 1.0) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      const double pn = n == 1 ? x : p1, pn1 = n == 1 ? 1.0 : p0;
      dp = n * (x * pn - pn1) / (x * x - 1);
      const double dx = pn / dp;
      x -= dx;
      if (std::abs(dx) < 1e-15) break;
    }
    // Recompute the derivative at the converged root for the weight.
    double p0 = 1, p1 = x;
    for (int k = 2; k <= n; ++k) {
      const double p2 = ((2.0 * k - 1) * x * p1 - (k - 1.0) * p0) / k;
      p0 = p1;
      p1 = p2;
    }
    dp = n == 1 ? 1.0 : n * (x * p1 - p0) / (x * x - 1);
    points[static_cast<std::size_t>(i)] = (1.0 - x) / 2.0;
    weights[static_cast<std::size_t>(i)] = 1.0 / ((1 - x * x) * dp * dp);  // 2/((1-x²)P'²) halved for [0, 1]
  }
}

namespace {

bool wants(const std::vector<std::string>& methods, const char* m) {
  return std::find(methods.begin(), methods.end(), m) != methods.end();
}

// {rows, 1, 1, …} for broadcasting a per-row factor over a tensor shaped like v.
std::vector<int64_t> rowShape(const torch::Tensor& v, int64_t rows) {
  std::vector<int64_t> s(static_cast<std::size_t>(v.dim()), 1);
  s[0] = rows;
  return s;
}

// Encoders that read an image or a spectrogram input directly and expose stage taps: Grad-CAM candidates.
std::vector<std::pair<std::string, std::size_t>> convEncoders(const ExplainContext& ctx) {
  std::vector<std::pair<std::string, std::size_t>> out;
  const auto& bindings = ctx.pipeline->bindings();
  for (std::size_t k = 0; k < bindings.size(); ++k) {
    if (bindings[k].kind != PortKind::Image && bindings[k].kind != PortKind::Spectrogram) continue;
    if (!ctx.inputs.at(bindings[k].field + ".present")[0].item<bool>()) continue;  // a missing image has no evidence
    for (const auto& e : ctx.model->graph().edges)
      if (e.from.node == bindings[k].node) out.emplace_back(e.to.node, k);
  }
  return out;
}

// Every stage tap of an encoder with a 4-D map, shallow to deep, with its size.
std::vector<CamLayer> stageLayers(const nodes::TapRecorder& rec, const std::string& encoder) {
  std::map<int, CamLayer> stages;
  const std::string prefix = encoder + ".stage";
  for (const auto& [key, t] : rec.seen) {
    if (key.rfind(prefix, 0) != 0 || t.dim() != 4) continue;
    const std::string rest = key.substr(prefix.size());
    if (rest.empty() || rest.size() > 3 || rest.find_first_not_of("0123456789") != std::string::npos) continue;
    stages[std::stoi(rest)] = CamLayer{"stage" + rest, t.size(2), t.size(3)};
  }
  std::vector<CamLayer> out;
  for (const auto& [depth, layer] : stages) out.push_back(layer);
  return out;
}

// The chosen stage tap of an encoder ("enc.stage2"); by default the deepest stage whose map still has
// kMinCamCells cells on its shorter side (else the finest one). The last stage of a small CNN is 4 x 4 for
// a 32-pixel input: one cell covers 8 x 8 pixels, too coarse to point at a small patch, while a stage with
// 8 keeps most of the class evidence and locates it four times better. Empty when there is no stage.
std::string camLayer(const nodes::TapRecorder& rec, const std::string& encoder, const std::string& wanted) {
  if (!wanted.empty() && rec.seen.count(encoder + "." + wanted)) return encoder + "." + wanted;
  std::string chosen, finest;
  int64_t finestCells = -1;
  for (const auto& l : stageLayers(rec, encoder)) {  // shallow to deep: deeper ones overwrite
    const int64_t cells = std::min(l.height, l.width);
    if (cells >= kMinCamCells) chosen = l.name;
    if (cells > finestCells) finestCells = cells, finest = l.name;
  }
  const std::string& name = chosen.empty() ? finest : chosen;
  return name.empty() ? std::string() : encoder + "." + name;
}

// Leaves for the field inputs (and replacements for the tapped ones) built by `make` from each input's
// value and baseline; the forward runs with the recorder, then gradients of the summed score.
struct PathPass {
  std::vector<torch::Tensor> leaves;
  torch::Tensor score;
  nodes::TapRecorder rec;
};

void runPass(const ExplainContext& ctx, int64_t rows,
             const std::function<torch::Tensor(const AttributedInput&, const torch::Tensor& current)>& make, PathPass& p) {
  TensorMap in = ctx.repeat(rows);
  p.leaves.assign(ctx.attributed.size(), torch::Tensor());
  for (std::size_t i = 0; i < ctx.attributed.size(); ++i) {
    const auto& a = ctx.attributed[i];
    if (!a.is_tap) {
      p.leaves[i] = make(a, a.value).detach().requires_grad_(true);
      in[a.key] = p.leaves[i];
    } else {
      p.rec.replace[a.key] = [&p, &a, i, &make](const torch::Tensor& e) {
        p.leaves[i] = make(a, e.detach()).detach().requires_grad_(true);
        return p.leaves[i];
      };
    }
  }
  p.score = ctx.score(in, &p.rec);
  p.rec.replace.clear();  // the replacements refer to `make`, which ends with this call
}

std::vector<torch::Tensor> gradients(const torch::Tensor& score, const std::vector<torch::Tensor>& wrt) {
  std::vector<torch::Tensor> inputs, out(wrt.size());
  std::vector<std::size_t> where;
  for (std::size_t i = 0; i < wrt.size(); ++i)
    if (wrt[i].defined() && wrt[i].requires_grad()) inputs.push_back(wrt[i]), where.push_back(i);
  if (inputs.empty()) return out;
  auto g = torch::autograd::grad({score.sum()}, inputs, {}, /*retain_graph=*/false, /*create_graph=*/false,
                                 /*allow_unused=*/true);
  for (std::size_t j = 0; j < where.size(); ++j)
    out[where[j]] = g[j].defined() ? g[j].detach() : torch::zeros_like(inputs[j]).detach();
  return out;
}

// Saliency of one input from its gradient. Pixels, spectrogram cells and tabular values: |gradient|. Text
// embeddings: gradient x embedding, whose sum over the embedding dimensions is the first-order estimate of
// the score change when the token's embedding is taken away (the baseline Integrated Gradients uses). The
// gradient's norm alone comes out nearly flat over the tokens: a recurrent encoder is about as sensitive to
// every position, and what differs between a key word and a filler is the embedding that meets the gradient.
torch::Tensor sensitivity(const AttributedInput& a, const torch::Tensor& g) { return a.is_tap ? g * a.value : g.abs(); }

using Clock = std::chrono::steady_clock;
double msSince(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

}  // namespace

GradientResults gradientAttributions(const ExplainContext& ctx, const std::vector<std::string>& methods,
                                     std::map<std::string, double>& ms) {
  GradientResults r;
  const auto n = ctx.attributed.size();
  if (wants(methods, kSaliency) || wants(methods, kGradCam)) {
    const auto t0 = Clock::now();
    PathPass p;
    runPass(ctx, 1, [](const AttributedInput&, const torch::Tensor& v) { return v.clone(); }, p);
    std::vector<torch::Tensor> wrt = p.leaves;
    const auto encoders = wants(methods, kGradCam) ? convEncoders(ctx) : decltype(convEncoders(ctx)){};
    std::vector<std::string> layers;
    for (const auto& [enc, k] : encoders) {
      layers.push_back(camLayer(p.rec, enc, ctx.options.gradcam_layer));
      wrt.push_back(layers.back().empty() ? torch::Tensor() : p.rec.seen.at(layers.back()));
    }
    auto g = gradients(p.score, wrt);
    if (wants(methods, kSaliency)) {
      auto& out = r.by_method[kSaliency];
      for (std::size_t i = 0; i < n; ++i) out.push_back(!g[i].defined() ? torch::Tensor() : sensitivity(ctx.attributed[i], g[i]));
    }
    for (std::size_t j = 0; j < encoders.size(); ++j) {
      if (layers[j].empty() || !g[n + j].defined()) continue;
      const auto& A = p.rec.seen.at(layers[j]).detach();  // [1, C, h, w]
      if (A.dim() != 4) continue;
      auto w = g[n + j].mean({2, 3}, true);
      auto cam = torch::relu((w * A).sum(1, true));  // [1, 1, h, w]
      const auto& value = ctx.inputs.at(ctx.pipeline->bindings()[encoders[j].second].field);
      const int64_t H = value.size(value.dim() - 2), W = value.size(value.dim() - 1);
      cam = F::interpolate(cam, F::InterpolateFuncOptions().size(std::vector<int64_t>{H, W}).mode(torch::kBilinear).align_corners(false));
      r.gradcam[encoders[j].first] = cam.squeeze(1);
      r.gradcam_layer[encoders[j].first] = layers[j];
      r.gradcam_layers[encoders[j].first] = stageLayers(p.rec, encoders[j].first);
    }
    ms[wants(methods, kSaliency) ? kSaliency : kGradCam] = msSince(t0);
  }
  if (wants(methods, kSmoothGrad)) {
    const auto t0 = Clock::now();
    const int64_t rows = std::max(1, ctx.options.smoothgrad_samples);
    auto gen = at::make_generator<at::CPUGeneratorImpl>(ctx.options.seed + 17);
    PathPass p;
    runPass(ctx, rows, [&](const AttributedInput& a, const torch::Tensor& v) {
      auto sizes = v.sizes().vec();
      sizes[0] = rows;
      auto base = v.expand(sizes);
      const double range = (a.value.max() - a.value.min()).item<double>();
      const double sd = ctx.options.smoothgrad_noise * (range > 0 ? range : 1.0);
      auto noise = torch::randn(base.sizes(), gen, base.options()) * sd;
      return base + noise;
    }, p);
    auto g = gradients(p.score, p.leaves);
    auto& out = r.by_method[kSmoothGrad];
    for (std::size_t i = 0; i < n; ++i) {
      if (!g[i].defined()) {
        out.emplace_back();
        continue;
      }
      // Embeddings: the noise-averaged gradient times the clean embedding (SmoothGrad x input); pixels and
      // other fields: the mean gradient magnitude, as SmoothGrad was defined.
      out.push_back(ctx.attributed[i].is_tap ? g[i].mean(0, true) * ctx.attributed[i].value : g[i].abs().mean(0, true));
    }
    ms[kSmoothGrad] = msSince(t0);
  }
  if (wants(methods, kIntegratedGradients)) {
    const auto t0 = Clock::now();
    // Scores at the input and at the baseline: completeness says the attributions add up to their difference.
    double fInput = 0;
    {
      torch::NoGradGuard noGrad;
      PathPass at, base;
      runPass(ctx, 1, [](const AttributedInput&, const torch::Tensor& v) { return v.clone(); }, at);
      runPass(ctx, 1, [](const AttributedInput& a, const torch::Tensor&) { return a.baseline.clone(); }, base);
      fInput = at.score.item<double>();
      r.f_baseline = base.score.item<double>();
    }
    // A ReLU network's gradient jumps along the path, so a fixed rule can miss by a few percent on some
    // samples; the step count doubles until the attributions add up within the tolerance (or the cap).
    int steps = std::max(1, ctx.options.ig_steps);
    const int cap = std::max(steps, ctx.options.ig_max_steps);
    for (;;) {
      std::vector<double> pts, wts;
      if (ctx.options.ig_rule == "trapezoid") trapezoid(steps, pts, wts);
      else if (ctx.options.ig_rule == "gauss_legendre") gaussLegendre(steps, pts, wts);
      else midpoint(steps, pts, wts);
      auto alpha = torch::tensor(std::vector<float>(pts.begin(), pts.end()));
      auto weight = torch::tensor(std::vector<float>(wts.begin(), wts.end()));
      std::vector<torch::Tensor> sums(n);
      // Paths longer than 128 points go through the model in chunks (memory stays bounded).
      for (int start = 0; start < steps; start += 128) {
        const int rows = std::min(128, steps - start);
        auto a0 = alpha.slice(0, start, start + rows), w0 = weight.slice(0, start, start + rows);
        PathPass p;
        runPass(ctx, rows, [&](const AttributedInput& a, const torch::Tensor& v) {
          auto sizes = v.sizes().vec();
          sizes[0] = rows;
          return a.baseline.expand(sizes) + a0.view(rowShape(v, rows)) * (v.expand(sizes) - a.baseline.expand(sizes));
        }, p);
        auto g = gradients(p.score, p.leaves);
        for (std::size_t i = 0; i < n; ++i) {
          if (!g[i].defined()) continue;
          auto part = (w0.view(rowShape(g[i], rows)) * g[i]).sum(0, true);
          sums[i] = sums[i].defined() ? sums[i] + part : part;
        }
      }
      auto& out = r.by_method[kIntegratedGradients];
      out.clear();
      double total = 0;
      for (std::size_t i = 0; i < n; ++i) {
        if (!sums[i].defined()) {
          out.emplace_back();
          continue;
        }
        const auto& a = ctx.attributed[i];
        auto attr = (a.value - a.baseline) * sums[i];
        total += attr.sum().item<double>();
        out.push_back(attr);
      }
      r.ig_total = total;
      r.ig_steps = steps;
      const double expected = fInput - r.f_baseline;
      // An absolute floor: when f(x) ≈ f(baseline) a relative tolerance alone could never be met.
      r.ig_converged = std::abs(total - expected) <= std::max(ctx.options.ig_tolerance * std::abs(expected), 1e-4);
      if (ctx.options.ig_tolerance <= 0 || r.ig_converged || steps * 2 > cap) break;
      steps *= 2;
    }
    ms[kIntegratedGradients] = msSince(t0);
  }
  return r;
}

void maskField(TensorMap& in, const data::InputBinding& b, int64_t row) {
  in.at(b.field)[row].zero_();
  in.at(b.field + ".present")[row].fill_(false);
  if (in.count(b.field + ".mask")) in.at(b.field + ".mask")[row].fill_(false);
  if (in.count(b.field + ".categorical")) in.at(b.field + ".categorical")[row].zero_();
}

namespace {

// Scores of `rows` modified copies of the sample, `chunk` rows per forward pass.
std::vector<float> scoreVariants(const ExplainContext& ctx, int64_t rows, const std::function<void(TensorMap&, int64_t row, int64_t variant)>& edit,
                                 bool probability = false) {
  std::vector<float> out;
  const int64_t chunk = 64;
  for (int64_t start = 0; start < rows; start += chunk) {
    const int64_t m = std::min(chunk, rows - start);
    TensorMap in = ctx.repeat(m);
    for (int64_t r = 0; r < m; ++r) edit(in, r, start + r);
    auto s = (probability ? ctx.probability(in) : ctx.score(in)).contiguous();
    out.insert(out.end(), s.data_ptr<float>(), s.data_ptr<float>() + m);
  }
  return out;
}

}  // namespace

std::map<std::size_t, torch::Tensor> occlusionAttributions(const ExplainContext& ctx) {
  torch::NoGradGuard noGrad;
  std::map<std::size_t, torch::Tensor> out;
  const float f0 = ctx.score(ctx.inputs).item<float>();
  const auto& bindings = ctx.pipeline->bindings();
  auto baselineOf = [&](std::size_t k) -> torch::Tensor {
    for (const auto& a : ctx.attributed)
      if (!a.is_tap && a.binding == k) return a.baseline;
    return torch::Tensor();
  };
  for (std::size_t k = 0; k < bindings.size(); ++k) {
    const auto& b = bindings[k];
    if (!ctx.inputs.at(b.field + ".present")[0].item<bool>()) continue;
    const auto& x = ctx.inputs.at(b.field);
    if (b.kind == PortKind::Image) {
      const int64_t H = x.size(2), W = x.size(3);
      const int64_t p = ctx.options.occlusion_patch > 0 ? ctx.options.occlusion_patch
                                                        : std::max<int64_t>(2, (std::min(H, W) + 6) / 7);
      const int64_t s = ctx.options.occlusion_stride > 0 ? ctx.options.occlusion_stride : std::max<int64_t>(1, p / 2);
      auto starts = [&](int64_t size) {
        std::vector<int64_t> v;
        for (int64_t i = 0; i + p < size; i += s) v.push_back(i);
        v.push_back(std::max<int64_t>(0, size - p));  // the last patch touches the border
        return v;
      };
      const auto ys = starts(H), xs = starts(W);
      auto base = baselineOf(k);
      auto scores = scoreVariants(ctx, static_cast<int64_t>(ys.size() * xs.size()), [&](TensorMap& in, int64_t r, int64_t v) {
        const int64_t y = ys[static_cast<std::size_t>(v) / xs.size()], xx = xs[static_cast<std::size_t>(v) % xs.size()];
        using torch::indexing::Slice;
        in.at(b.field).index_put_({r, Slice(), Slice(y, y + p), Slice(xx, xx + p)},
                                  base.index({0, Slice(), Slice(y, y + p), Slice(xx, xx + p)}));
      });
      auto sum = torch::zeros({1, H, W}), count = torch::zeros({1, H, W});
      for (std::size_t v = 0; v < scores.size(); ++v) {
        using torch::indexing::Slice;
        const int64_t y = ys[v / xs.size()], xx = xs[v % xs.size()];
        sum.index({0, Slice(y, y + p), Slice(xx, xx + p)}) += f0 - scores[v];
        count.index({0, Slice(y, y + p), Slice(xx, xx + p)}) += 1;
      }
      out[k] = sum / count.clamp_min(1);
    } else if (b.kind == PortKind::Spectrogram || b.kind == PortKind::Waveform) {
      const int64_t T = x.size(x.dim() - 1);
      const int64_t w = std::max<int64_t>(1, T / 16), s = std::max<int64_t>(1, w / 2);
      std::vector<int64_t> starts;
      for (int64_t i = 0; i + w < T; i += s) starts.push_back(i);
      starts.push_back(std::max<int64_t>(0, T - w));
      auto base = baselineOf(k);
      using torch::indexing::Ellipsis;
      using torch::indexing::Slice;
      auto scores = scoreVariants(ctx, static_cast<int64_t>(starts.size()), [&](TensorMap& in, int64_t r, int64_t v) {
        const int64_t t = starts[static_cast<std::size_t>(v)];
        in.at(b.field).index_put_({r, Ellipsis, Slice(t, t + w)}, base.index({0, Ellipsis, Slice(t, t + w)}));
      });
      auto sum = torch::zeros({1, T}), count = torch::zeros({1, T});
      for (std::size_t v = 0; v < scores.size(); ++v) {
        sum.index({0, Slice(starts[v], starts[v] + w)}) += f0 - scores[v];
        count.index({0, Slice(starts[v], starts[v] + w)}) += 1;
      }
      out[k] = sum / count.clamp_min(1);
    } else if (b.kind == PortKind::Text) {
      auto ids = x[0].contiguous();
      const int64_t L = ids.size(0);
      const int64_t real = ids.ne(0).sum().item<int64_t>();
      if (real == 0) continue;
      const bool hasMask = ctx.inputs.count(b.field + ".mask") > 0;
      auto scores = scoreVariants(ctx, real, [&](TensorMap& in, int64_t r, int64_t v) {
        using torch::indexing::Slice;
        // The token removed: the rest move up, padding fills the end.
        auto kept = torch::cat({ids.index({Slice(0, v)}), ids.index({Slice(v + 1, L)}), torch::zeros({1}, ids.options())});
        in.at(b.field)[r].copy_(kept);
        if (hasMask) in.at(b.field + ".mask")[r].copy_(kept.ne(0));
      });
      auto t = torch::zeros({1, L});
      for (int64_t v = 0; v < real; ++v) t[0][v] = f0 - scores[static_cast<std::size_t>(v)];
      out[k] = t;
    } else if (b.kind == PortKind::Tabular) {
      const int64_t N = x.size(1);
      const int64_t K = ctx.inputs.count(b.field + ".categorical") ? ctx.inputs.at(b.field + ".categorical").size(1) : 0;
      if (N + K == 0) continue;
      auto scores = scoreVariants(ctx, N + K, [&](TensorMap& in, int64_t r, int64_t v) {
        if (v < N) in.at(b.field)[r][v] = 0.0f;  // the training mean after standardization
        else in.at(b.field + ".categorical")[r][v - N] = 0;  // unknown category
      });
      auto t = torch::zeros({1, N + K});
      for (int64_t v = 0; v < N + K; ++v) t[0][v] = f0 - scores[static_cast<std::size_t>(v)];
      out[k] = t;
    }
  }
  return out;
}

ModalityScores modalityScores(const ExplainContext& ctx, bool shapley) {
  torch::NoGradGuard noGrad;
  ModalityScores m;
  const auto& bindings = ctx.pipeline->bindings();
  for (std::size_t k = 0; k < bindings.size(); ++k)
    if (ctx.inputs.at(bindings[k].field + ".present")[0].item<bool>()) m.bindings.push_back(k);
  const auto n = static_cast<int64_t>(m.bindings.size());
  const int64_t full = (int64_t{1} << n) - 1;
  if (shapley && n <= 8) {
    // f of every subset of present modalities in one batch: row s keeps the modalities whose bit is set.
    auto f = scoreVariants(ctx, full + 1, [&](TensorMap& in, int64_t r, int64_t s) {
      for (int64_t j = 0; j < n; ++j)
        if (!((s >> j) & 1)) maskField(in, bindings[m.bindings[static_cast<std::size_t>(j)]], r);
    }, true);
    std::vector<double> fact(static_cast<std::size_t>(n + 1), 1.0);
    for (int64_t i = 1; i <= n; ++i) fact[static_cast<std::size_t>(i)] = fact[static_cast<std::size_t>(i - 1)] * static_cast<double>(i);
    for (int64_t j = 0; j < n; ++j) {
      double phi = 0;
      for (int64_t s = 0; s <= full; ++s) {
        if ((s >> j) & 1) continue;
        const int64_t size = __builtin_popcountll(static_cast<unsigned long long>(s));
        const double w = fact[static_cast<std::size_t>(size)] * fact[static_cast<std::size_t>(n - size - 1)] / fact[static_cast<std::size_t>(n)];
        phi += w * (f[static_cast<std::size_t>(s | (int64_t{1} << j))] - f[static_cast<std::size_t>(s)]);
      }
      m.shapley.push_back(phi);
      m.removal.push_back(f[static_cast<std::size_t>(full)] - f[static_cast<std::size_t>(full & ~(int64_t{1} << j))]);
    }
    m.f_all = f[static_cast<std::size_t>(full)];
    m.f_none = f[0];
    return m;
  }
  // Without Shapley values (or too many modalities for 2^n passes): all, none and each one removed.
  auto f = scoreVariants(ctx, n + 2, [&](TensorMap& in, int64_t r, int64_t v) {
    for (int64_t j = 0; j < n; ++j)
      if (v == n + 1 || v == j) maskField(in, bindings[m.bindings[static_cast<std::size_t>(j)]], r);
  }, true);
  m.f_all = f[static_cast<std::size_t>(n)];
  m.f_none = f[static_cast<std::size_t>(n + 1)];
  for (int64_t j = 0; j < n; ++j) m.removal.push_back(m.f_all - f[static_cast<std::size_t>(j)]);
  return m;
}

}  // namespace fusebench::explain
