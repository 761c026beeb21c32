// Fusion operators. Each takes its modalities on a variadic port (in0, in1, ...; order matters), respects
// the per-sample present masks (a missing modality contributes nothing, or the operator's neutral element)
// and offers modality dropout during training. Internals useful for explanations are kept after forward.
// This file: concatenation, sums, GMU, FiLM, tensor fusion and bilinear pooling; attention_fusion_nodes.cpp
// the attention-based and late fusion.
#include "nodes/fusion_support.h"

namespace fusebench::nodes {
namespace {

using namespace fusion;
namespace nn = torch::nn;
namespace ox = onnx_export;

// ----- concatenation, sum, weighted sum ---------------------------------------------------------------

struct SimpleFusionOptions {
  TORCH_ARG(std::string, mode) = "concat";  // concat | sum
  TORCH_ARG(double, modality_dropout) = 0.0;
};

class SimpleFusionImpl : public NodeModuleImpl {
 public:
  explicit SimpleFusionImpl(const SimpleFusionOptions& o) : options(o) {}
  PortValues forward(const PortValues& inputs) override {
    auto m = gather(inputs, "in", options.modality_dropout(), is_training());
    std::vector<torch::Tensor> xs;
    for (std::size_t i = 0; i < m.values.size(); ++i) xs.push_back(zeroMissing(m.values[i].value, m.present[i]));
    auto out = options.mode() == "concat" ? torch::cat(xs, 1) : torch::stack(xs, 0).sum(0);
    return featuresOut(out, m.anyPresent());
  }
  ox::OnnxPorts toOnnx(ox::OnnxGraph& g, const ox::OnnxPorts& inputs) override {
    auto m = gatherOnnx(inputs, "in");
    std::vector<std::string> xs;
    for (std::size_t i = 0; i < m.values.size(); ++i) xs.push_back(ox::zeroMissing(g, m.values[i].value, m.present[i], 2));
    std::string out = xs[0];
    if (options.mode() == "concat") out = ox::concat(g, xs, 1);
    else
      for (std::size_t i = 1; i < xs.size(); ++i) out = ox::add(g, out, xs[i]);
    return featuresOutOnnx(out, m.anyPresent(g));
  }
  SimpleFusionOptions options;
};
TORCH_MODULE(SimpleFusion);

struct WeightedSumFusionOptions {
  TORCH_ARG(int64_t, inputs) = 2;
  TORCH_ARG(double, modality_dropout) = 0.0;
};

class WeightedSumFusionImpl : public NodeModuleImpl {
 public:
  explicit WeightedSumFusionImpl(const WeightedSumFusionOptions& o) : options(o) {
    weights = register_parameter("weights", torch::zeros({o.inputs()}));  // equal weights at start
  }
  PortValues forward(const PortValues& inputs) override {
    auto m = gather(inputs, "in", options.modality_dropout(), is_training());
    auto present = torch::stack(m.present, 1);                                          // [B, N]
    auto w = maskedSoftmax(weights.unsqueeze(0).expand({present.size(0), -1}), present, 1);  // [B, N]
    internals_["modality_weights"] = w;
    std::vector<torch::Tensor> xs;
    for (const auto& v : m.values) xs.push_back(v.value);
    auto out = (torch::stack(xs, 1) * w.unsqueeze(-1)).sum(1);
    return featuresOut(out, m.anyPresent());
  }
  ox::OnnxPorts toOnnx(ox::OnnxGraph& g, const ox::OnnxPorts& inputs) override {
    auto m = gatherOnnx(inputs, "in");
    auto w = ox::maskedSoftmax(g, g.weight(weights, "weights"), m.presentStack(g), 1);  // [B, N]
    std::vector<std::string> xs;
    for (const auto& v : m.values) xs.push_back(v.value);
    auto out = ox::reduceSum(g, ox::mul(g, stackOnnx(g, xs), ox::unsqueeze(g, w, {-1})), {1});
    return featuresOutOnnx(out, m.anyPresent(g));
  }
  WeightedSumFusionOptions options;
  torch::Tensor weights;  // softmax(weights) are the learned modality weights
};
TORCH_MODULE(WeightedSumFusion);

// ----- gated multimodal unit ---------------------------------------------------------------------------

struct GmuFusionOptions {
  TORCH_ARG(std::vector<int64_t>, input_dims);
  TORCH_ARG(int64_t, dim) = 64;
  TORCH_ARG(double, modality_dropout) = 0.0;
};

// Arevalo et al. 2017, generalised to N modalities: h_i = tanh(W_i x_i); gates z = softmax over modalities of
// W_z [x_1..x_N] (per output unit); out = sum_i z_i * h_i. For two modalities this is the sigmoid GMU.
class GmuFusionImpl : public NodeModuleImpl {
 public:
  explicit GmuFusionImpl(const GmuFusionOptions& o) : options(o) {
    proj = register_module("proj", nn::ModuleList());
    int64_t total = 0;
    for (auto d : o.input_dims()) {
      proj->push_back(LinearLayer(d, o.dim()));
      total += d;
    }
    gate = register_module("gate", LinearLayer(total, o.dim() * static_cast<int64_t>(o.input_dims().size())));
  }
  PortValues forward(const PortValues& inputs) override {
    auto m = gather(inputs, "in", options.modality_dropout(), is_training());
    const int64_t n = static_cast<int64_t>(m.values.size());
    std::vector<torch::Tensor> xs, hs;
    for (int64_t i = 0; i < n; ++i) {
      xs.push_back(zeroMissing(m.values[i].value, m.present[i]));
      hs.push_back(torch::tanh(proj[i]->as<LinearLayer>()->forward(xs.back())));
    }
    auto z = gate(torch::cat(xs, 1)).view({-1, n, options.dim()});
    z = maskedSoftmax(z, torch::stack(m.present, 1).unsqueeze(-1).expand_as(z), 1);
    internals_["gates"] = z;
    auto out = (torch::stack(hs, 1) * z).sum(1);
    return featuresOut(out, m.anyPresent());
  }
  ox::OnnxPorts toOnnx(ox::OnnxGraph& g, const ox::OnnxPorts& inputs) override {
    auto m = gatherOnnx(inputs, "in");
    const auto n = static_cast<int64_t>(m.values.size());
    std::vector<std::string> xs, hs;
    for (int64_t i = 0; i < n; ++i) {
      xs.push_back(ox::zeroMissing(g, m.values[i].value, m.present[i], 2));
      hs.push_back(g.op("Tanh", {ox::linear(g, *proj[i]->as<LinearLayer>(), xs.back())}));
    }
    auto z = ox::reshape(g, ox::linear(g, *gate, ox::concat(g, xs, 1)), {-1, n, options.dim()});
    z = ox::maskedSoftmax(g, z, ox::unsqueeze(g, m.presentStack(g), {-1}), 1);
    return featuresOutOnnx(ox::reduceSum(g, ox::mul(g, stackOnnx(g, hs), z), {1}), m.anyPresent(g));
  }
  GmuFusionOptions options;
  nn::ModuleList proj{nullptr};
  LinearLayer gate{nullptr};
};
TORCH_MODULE(GmuFusion);

// ----- FiLM ---------------------------------------------------------------------------------------------

struct FilmFusionOptions {
  TORCH_ARG(int64_t, dim) = 64;  // size of the conditioned input's last dimension
  TORCH_ARG(std::vector<int64_t>, cond_dims);
  TORCH_ARG(double, modality_dropout) = 0.0;
};

// Perez et al. 2018: the conditioning modalities produce a per-feature scale and shift for x:
// out = (1 + gamma) * x + beta. With every conditioning modality missing, out = x.
class FilmFusionImpl : public NodeModuleImpl {
 public:
  explicit FilmFusionImpl(const FilmFusionOptions& o) : options(o) {
    int64_t total = 0;
    for (auto d : o.cond_dims()) total += d;
    film = register_module("film", LinearLayer(total, 2 * o.dim()));
  }
  PortValues forward(const PortValues& inputs) override {
    const PortValue& x = inputs.at("x");
    auto m = gather(inputs, "cond", options.modality_dropout(), is_training());
    std::vector<torch::Tensor> cs;
    for (std::size_t i = 0; i < m.values.size(); ++i) cs.push_back(zeroMissing(m.values[i].value, m.present[i]));
    auto gb = film(torch::cat(cs, 1)).chunk(2, 1);
    auto gamma = gb[0], beta = gb[1];
    internals_["gamma"] = gamma;
    internals_["beta"] = beta;
    if (x.value.dim() == 3) {
      gamma = gamma.unsqueeze(1);
      beta = beta.unsqueeze(1);
    }
    auto y = (1 + gamma) * x.value + beta;
    std::vector<int64_t> view(x.value.dim(), 1);
    view[0] = -1;
    y = torch::where(m.anyPresent().view(view), y, x.value);
    if (x.mask.defined()) y = y * x.mask.unsqueeze(-1).to(y.dtype());
    return {{"out", PortValue{y, x.present, x.mask, {}}}};
  }
  ox::OnnxPorts toOnnx(ox::OnnxGraph& g, const ox::OnnxPorts& inputs) override {
    const auto& x = inputs.at("x");
    auto m = gatherOnnx(inputs, "cond");
    std::vector<std::string> cs;
    for (std::size_t i = 0; i < m.values.size(); ++i) cs.push_back(ox::zeroMissing(g, m.values[i].value, m.present[i], 2));
    auto gb = ox::linear(g, *film, ox::concat(g, cs, 1));
    auto gamma = ox::sliceAxis(g, gb, 1, 0, options.dim()), beta = ox::sliceAxis(g, gb, 1, options.dim(), 2 * options.dim());
    if (x.rank == 3) {
      gamma = ox::unsqueeze(g, gamma, {1});
      beta = ox::unsqueeze(g, beta, {1});
    }
    auto y = ox::add(g, ox::mul(g, ox::add(g, gamma, g.scalar(1.0f)), x.value), beta);
    std::vector<int64_t> view(static_cast<std::size_t>(x.rank), 1);
    view[0] = -1;
    y = g.op("Where", {ox::reshape(g, m.anyPresent(g), view), y, x.value});
    if (!x.mask.empty()) y = ox::maskTokens(g, y, x.mask);
    return {{"out", {y, x.present, x.mask, "", x.rank}}};
  }
  FilmFusionOptions options;
  LinearLayer film{nullptr};
};
TORCH_MODULE(FilmFusion);

// ----- tensor fusion and its low-rank form ---------------------------------------------------------------

constexpr int64_t kMaxTensorFusionSize = int64_t{1} << 20;

torch::Tensor withOne(const torch::Tensor& x) { return torch::cat({x, torch::ones({x.size(0), 1}, x.options())}, 1); }

std::string withOneOnnx(ox::OnnxGraph& g, const std::string& x) {
  auto ones = g.op("Expand", {g.scalar(1.0f), ox::concat(g, {ox::batchSize(g, x), g.ints({1})}, 0)});
  return ox::concat(g, {x, ones}, 1);
}

struct TensorFusionOptions {
  TORCH_ARG(int64_t, fused_size) = 0;
  TORCH_ARG(int64_t, out_dim) = 0;
  TORCH_ARG(double, modality_dropout) = 0.0;
};

// Zadeh et al. 2017: the outer product of [x_i; 1] over all modalities, flattened; it keeps every unimodal,
// bimodal and higher interaction. A missing modality is zero, so only its constant 1 survives.
class TensorFusionImpl : public NodeModuleImpl {
 public:
  explicit TensorFusionImpl(const TensorFusionOptions& o) : options(o) {
    if (o.out_dim() > 0) proj = register_module("proj", LinearLayer(o.fused_size(), o.out_dim()));
  }
  PortValues forward(const PortValues& inputs) override {
    auto m = gather(inputs, "in", options.modality_dropout(), is_training());
    torch::Tensor z;
    for (std::size_t i = 0; i < m.values.size(); ++i) {
      auto xi = withOne(zeroMissing(m.values[i].value, m.present[i]));
      z = i == 0 ? xi : (z.unsqueeze(2) * xi.unsqueeze(1)).flatten(1);
    }
    if (proj) z = proj(z);
    return featuresOut(z, m.anyPresent());
  }
  ox::OnnxPorts toOnnx(ox::OnnxGraph& g, const ox::OnnxPorts& inputs) override {
    auto m = gatherOnnx(inputs, "in");
    std::string z;
    for (std::size_t i = 0; i < m.values.size(); ++i) {
      auto xi = withOneOnnx(g, ox::zeroMissing(g, m.values[i].value, m.present[i], 2));
      z = i == 0 ? xi : ox::reshape(g, ox::mul(g, ox::unsqueeze(g, z, {2}), ox::unsqueeze(g, xi, {1})), {0, -1});
    }
    if (proj) z = ox::linear(g, *proj, z);
    return featuresOutOnnx(z, m.anyPresent(g));
  }
  TensorFusionOptions options;
  LinearLayer proj{nullptr};
};
TORCH_MODULE(TensorFusion);

struct LowRankTensorFusionOptions {
  TORCH_ARG(std::vector<int64_t>, input_dims);
  TORCH_ARG(int64_t, out_dim) = 64;
  TORCH_ARG(int64_t, rank) = 4;
  TORCH_ARG(double, modality_dropout) = 0.0;
};

// Liu et al. 2018: the tensor-fusion weight decomposed into rank-r modality factors,
// out = sum_r w_r * prod_i ([x_i; 1] W_i^(r)) + b, without ever forming the outer product.
class LowRankTensorFusionImpl : public NodeModuleImpl {
 public:
  explicit LowRankTensorFusionImpl(const LowRankTensorFusionOptions& o) : options(o) {
    for (std::size_t i = 0; i < o.input_dims().size(); ++i) {
      auto w = torch::empty({o.rank(), o.input_dims()[i] + 1, o.out_dim()});
      nn::init::xavier_normal_(w);
      factors.push_back(register_parameter("factor" + std::to_string(i), w));
    }
    fusion_weights = register_parameter("fusion_weights", nn::init::xavier_normal_(torch::empty({1, o.rank()})));
    fusion_bias = register_parameter("fusion_bias", torch::zeros({1, o.out_dim()}));
  }
  PortValues forward(const PortValues& inputs) override {
    auto m = gather(inputs, "in", options.modality_dropout(), is_training());
    torch::Tensor prod;
    for (std::size_t i = 0; i < m.values.size(); ++i) {
      auto f = torch::matmul(withOne(zeroMissing(m.values[i].value, m.present[i])), factors[i]);  // [r, B, o]
      prod = i == 0 ? f : prod * f;
    }
    auto out = torch::matmul(fusion_weights, prod.permute({1, 0, 2})).squeeze(1) + fusion_bias;
    return featuresOut(out, m.anyPresent());
  }
  ox::OnnxPorts toOnnx(ox::OnnxGraph& g, const ox::OnnxPorts& inputs) override {
    auto m = gatherOnnx(inputs, "in");
    std::string prod;
    for (std::size_t i = 0; i < m.values.size(); ++i) {
      auto xi = withOneOnnx(g, ox::zeroMissing(g, m.values[i].value, m.present[i], 2));
      auto f = g.op("MatMul", {xi, g.weight(factors[i], "factor")});  // [B, d+1] x [r, d+1, o] -> [r, B, o]
      prod = i == 0 ? f : ox::mul(g, prod, f);
    }
    auto out = g.op("MatMul", {g.weight(fusion_weights, "fusion_weights"), ox::transpose(g, prod, {1, 0, 2})});
    out = ox::add(g, ox::squeeze(g, out, {1}), g.weight(fusion_bias, "fusion_bias"));
    return featuresOutOnnx(out, m.anyPresent(g));
  }
  LowRankTensorFusionOptions options;
  std::vector<torch::Tensor> factors;
  torch::Tensor fusion_weights, fusion_bias;
};
TORCH_MODULE(LowRankTensorFusion);

// ----- bilinear low-rank pooling (MFB) ------------------------------------------------------------------

struct MfbFusionOptions {
  TORCH_ARG(std::vector<int64_t>, input_dims);
  TORCH_ARG(int64_t, out_dim) = 64;
  TORCH_ARG(int64_t, factor) = 5;
  TORCH_ARG(double, dropout) = 0.1;
  TORCH_ARG(double, modality_dropout) = 0.0;
};

// Yu et al. 2017: project each modality to out_dim * factor, multiply elementwise (a missing modality is the
// neutral 1), sum-pool each group of `factor`, then signed square root and L2 normalization.
class MfbFusionImpl : public NodeModuleImpl {
 public:
  explicit MfbFusionImpl(const MfbFusionOptions& o) : options(o) {
    proj = register_module("proj", nn::ModuleList());
    for (auto d : o.input_dims()) proj->push_back(LinearLayer(d, o.out_dim() * o.factor()));
    drop = register_module("dropout", nn::Dropout(o.dropout()));
  }
  PortValues forward(const PortValues& inputs) override {
    auto m = gather(inputs, "in", options.modality_dropout(), is_training());
    torch::Tensor z;
    for (std::size_t i = 0; i < m.values.size(); ++i) {
      auto p = proj[i]->as<LinearLayer>()->forward(m.values[i].value);
      p = torch::where(m.present[i].unsqueeze(1), p, torch::ones_like(p));
      z = i == 0 ? p : z * p;
    }
    z = drop(z).view({-1, options.out_dim(), options.factor()}).sum(2);
    // Signed square root, shifted so that it is 0 at 0 with a finite gradient there.
    z = torch::sign(z) * (torch::sqrt(torch::abs(z) + 1e-8) - 1e-4);
    z = z / z.norm(2, 1, /*keepdim=*/true).clamp_min(1e-12);  // as F.normalize(z, dim=1)
    return featuresOut(z, m.anyPresent());
  }
  ox::OnnxPorts toOnnx(ox::OnnxGraph& g, const ox::OnnxPorts& inputs) override {
    auto m = gatherOnnx(inputs, "in");
    std::string z;
    for (std::size_t i = 0; i < m.values.size(); ++i) {
      auto p = ox::linear(g, *proj[i]->as<LinearLayer>(), m.values[i].value);
      p = g.op("Where", {ox::unsqueeze(g, m.present[i], {1}), p, g.scalar(1.0f)});
      z = i == 0 ? p : ox::mul(g, z, p);
    }
    z = ox::reduceSum(g, ox::reshape(g, z, {-1, options.out_dim(), options.factor()}), {2});
    auto root = ox::sub(g, g.op("Sqrt", {ox::add(g, g.op("Abs", {z}), g.scalar(1e-8f))}), g.scalar(1e-4f));
    z = ox::mul(g, g.op("Sign", {z}), root);
    auto norm = g.op("ReduceL2", {z}, {ox::attr("axes", std::vector<int64_t>{1}), ox::attr("keepdims", 1)});
    z = ox::div(g, z, g.op("Max", {norm, g.scalar(1e-12f)}));
    return featuresOutOnnx(z, m.anyPresent(g));
  }
  MfbFusionOptions options;
  nn::ModuleList proj{nullptr};
  nn::Dropout drop{nullptr};
};
TORCH_MODULE(MfbFusion);

}  // namespace

void registerFusionNodes(NodeRegistry& r) {
  {
    auto t = fusionType("fusion.concat", "Concatenation", "Concatenates the modality vectors (missing ones as zeros).");
    t.infer = [](InferContext& c) {
      int64_t d = 0;
      for (const auto& s : variadicShapes(c, "in")) d += s.last();
      return featuresShape(d);
    };
    t.factory = [](const BuildContext& c) {
      return SimpleFusion(SimpleFusionOptions().mode("concat").modality_dropout(c.params.f("modality_dropout"))).ptr();
    };
    r.add(t);
  }
  {
    auto t = fusionType("fusion.sum", "Sum", "Adds modality vectors of equal size (missing ones contribute nothing).");
    t.infer = [](InferContext& c) {
      auto s = variadicShapes(c, "in");
      return requireEqualDims(c, s) ? featuresShape(s[0].last()) : std::map<std::string, PortShape>{};
    };
    t.factory = [](const BuildContext& c) {
      return SimpleFusion(SimpleFusionOptions().mode("sum").modality_dropout(c.params.f("modality_dropout"))).ptr();
    };
    r.add(t);
  }
  {
    auto t = fusionType("fusion.weighted_sum", "Learned weighted sum",
                        "Sum of equal-size modality vectors with learned softmax weights (renormalized over the "
                        "present modalities); the weights are readable after training.");
    t.infer = [](InferContext& c) {
      auto s = variadicShapes(c, "in");
      return requireEqualDims(c, s) ? featuresShape(s[0].last()) : std::map<std::string, PortShape>{};
    };
    t.factory = [](const BuildContext& c) {
      return WeightedSumFusion(WeightedSumFusionOptions()
                                   .inputs(static_cast<int64_t>(c.variadic("in").size()))
                                   .modality_dropout(c.params.f("modality_dropout")))
          .ptr();
    };
    r.add(t);
  }
  {
    auto t = fusionType("fusion.gmu", "Gated multimodal unit",
                        "Each modality is projected with tanh; learned gates, computed from all modalities, mix them "
                        "per output unit (Arevalo et al. 2017).");
    t.params.push_back(intParam("dim", 64, 1, 65536, "Output size"));
    t.infer = [](InferContext& c) { return featuresShape(c.params.i("dim")); };
    t.factory = [](const BuildContext& c) {
      return GmuFusion(GmuFusionOptions()
                           .input_dims(variadicDims(c, "in"))
                           .dim(c.params.i("dim"))
                           .modality_dropout(c.params.f("modality_dropout")))
          .ptr();
    };
    r.add(t);
  }
  {
    auto t = fusionType("fusion.film", "FiLM conditioning",
                        "The conditioning modalities scale and shift x per feature: (1 + gamma) * x + beta "
                        "(Perez et al. 2018). x may be features or tokens.");
    t.inputs = {port("x", {PortKind::Features, PortKind::Tokens}, "The modulated modality"),
                variadicPort("cond", {PortKind::Features}, 1, 16, "Conditioning modalities")};
    t.outputs = {port("out", {PortKind::Features, PortKind::Tokens}, "x modulated; same shape as x")};
    t.infer = [](InferContext& c) { return std::map<std::string, PortShape>{{"out", c.in("x")}}; };
    t.factory = [](const BuildContext& c) {
      return FilmFusion(FilmFusionOptions()
                            .dim(c.inputs.at("x").last())
                            .cond_dims(variadicDims(c, "cond"))
                            .modality_dropout(c.params.f("modality_dropout")))
          .ptr();
    };
    r.add(t);
  }
  {
    auto t = fusionType("fusion.tensor", "Tensor fusion",
                        "Outer product of [x_i; 1] over all modalities, flattened (Zadeh et al. 2017); optionally "
                        "projected. Size grows as the product of the input sizes.");
    t.inputs[0].max_count = 4;
    t.params.push_back(intParam("out_dim", 0, 0, 65536, "Project the fused tensor to this size (0 = no projection)"));
    t.infer = [](InferContext& c) {
      int64_t size = 1;
      for (const auto& s : variadicShapes(c, "in")) {
        size *= s.last() + 1;
        if (size > kMaxTensorFusionSize) break;
      }
      if (size > kMaxTensorFusionSize) {
        c.error("in", {FB_TEXT("the outer product is too large; reduce the input sizes or use low-rank tensor fusion"),
                       FB_TEXT("at most %1 values"), FB_TEXT("more"), {std::to_string(kMaxTensorFusionSize)}});
        return std::map<std::string, PortShape>{};
      }
      const int64_t od = c.params.i("out_dim");
      return featuresShape(od > 0 ? od : size);
    };
    t.factory = [](const BuildContext& c) {
      int64_t size = 1;
      for (auto d : variadicDims(c, "in")) size *= d + 1;
      return TensorFusion(TensorFusionOptions()
                              .fused_size(size)
                              .out_dim(c.params.i("out_dim"))
                              .modality_dropout(c.params.f("modality_dropout")))
          .ptr();
    };
    r.add(t);
  }
  {
    auto t = fusionType("fusion.low_rank_tensor", "Low-rank tensor fusion",
                        "Tensor fusion with the weight factorised into rank-r modality factors (Liu et al. 2018).");
    t.params.push_back(intParam("out_dim", 64, 1, 65536, "Output size"));
    t.params.push_back(intParam("rank", 4, 1, 256, "Rank of the factorisation"));
    t.infer = [](InferContext& c) { return featuresShape(c.params.i("out_dim")); };
    t.factory = [](const BuildContext& c) {
      return LowRankTensorFusion(LowRankTensorFusionOptions()
                                     .input_dims(variadicDims(c, "in"))
                                     .out_dim(c.params.i("out_dim"))
                                     .rank(c.params.i("rank"))
                                     .modality_dropout(c.params.f("modality_dropout")))
          .ptr();
    };
    r.add(t);
  }
  {
    auto t = fusionType("fusion.mfb", "Bilinear pooling (MFB)",
                        "Multi-modal factorized bilinear pooling (Yu et al. 2017): projected modalities multiplied "
                        "elementwise, sum-pooled by factor k, signed square root, L2 normalization.");
    t.params.push_back(intParam("out_dim", 64, 1, 65536, "Output size"));
    t.params.push_back(intParam("factor", 5, 1, 64, "Factor k (sum-pool window)"));
    t.params.push_back(floatParam("dropout", 0.1, 0.0, 0.9, "Dropout on the elementwise product"));
    t.infer = [](InferContext& c) { return featuresShape(c.params.i("out_dim")); };
    t.factory = [](const BuildContext& c) {
      return MfbFusion(MfbFusionOptions()
                           .input_dims(variadicDims(c, "in"))
                           .out_dim(c.params.i("out_dim"))
                           .factor(c.params.i("factor"))
                           .dropout(c.params.f("dropout"))
                           .modality_dropout(c.params.f("modality_dropout")))
          .ptr();
    };
    r.add(t);
  }
}

}  // namespace fusebench::nodes
