// Fusion operators. Each takes its modalities on a variadic port (in0, in1, ...; order matters), respects
// the per-sample present masks (a missing modality contributes nothing, or the operator's neutral element)
// and offers modality dropout during training. Internals useful for explanations are kept after forward.
#include <cmath>

#include "graph/decl_helpers.h"
#include "nodes/linear_layer.h"
#include "nodes/node_module.h"
#include "nodes/register.h"

namespace fusebench::nodes {
namespace {

using namespace decl;
namespace nn = torch::nn;
using torch::indexing::Slice;

// Inputs of the variadic port in index order, with presence after modality dropout.
struct Modalities {
  std::vector<PortValue> values;
  std::vector<torch::Tensor> present;
  torch::Tensor anyPresent() const {
    auto any = present[0].clone();
    for (std::size_t i = 1; i < present.size(); ++i) any = any.logical_or(present[i]);
    return any;
  }
  // [B, N] float: 1 where modality i is present for the sample.
  torch::Tensor presentMatrix() const {
    std::vector<torch::Tensor> cols;
    for (const auto& p : present) cols.push_back(p.to(torch::kFloat));
    return torch::stack(cols, 1);
  }
};

Modalities gather(const PortValues& inputs, const std::string& base, double dropout, bool training) {
  Modalities m;
  for (int i = 0;; ++i) {
    auto it = inputs.find(base + std::to_string(i));
    if (it == inputs.end()) break;
    m.values.push_back(it->second);
    m.present.push_back(it->second.present);
  }
  m.present = modalityDropout(m.present, dropout, training);
  return m;
}

PortValues featuresOut(const torch::Tensor& x, const torch::Tensor& present) {
  return {{"out", PortValue{x, present, {}, {}}}};
}

// Softmax over modalities that are present; a sample with none present gets all-zero weights.
torch::Tensor maskedSoftmax(const torch::Tensor& logits, const torch::Tensor& present, int64_t dim) {
  auto masked = logits.masked_fill(present.logical_not(), -std::numeric_limits<float>::infinity());
  return torch::nan_to_num(torch::softmax(masked, dim), 0.0, 0.0, 0.0);
}

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
  FilmFusionOptions options;
  LinearLayer film{nullptr};
};
TORCH_MODULE(FilmFusion);

// ----- tensor fusion and its low-rank form ---------------------------------------------------------------

constexpr int64_t kMaxTensorFusionSize = int64_t{1} << 20;

torch::Tensor withOne(const torch::Tensor& x) { return torch::cat({x, torch::ones({x.size(0), 1}, x.options())}, 1); }

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
  MfbFusionOptions options;
  nn::ModuleList proj{nullptr};
  nn::Dropout drop{nullptr};
};
TORCH_MODULE(MfbFusion);

// ----- cross-modal attention ------------------------------------------------------------------------------

struct CrossAttentionFusionOptions {
  TORCH_ARG(int64_t, dim) = 64;  // the query's feature size; contexts are projected to it
  TORCH_ARG(std::vector<int64_t>, context_dims);
  TORCH_ARG(int64_t, heads) = 4;
  TORCH_ARG(double, dropout) = 0.0;
  TORCH_ARG(double, modality_dropout) = 0.0;
};

// Queries from one modality attend over the tokens of the others (all contexts concatenated, each projected
// to the query size): out = LayerNorm(q + MHA(q, K, K)). The attention weights (averaged over heads,
// [B, Lq, sum of context lengths]) are kept as "attention", the context lengths as "context_lengths".
class CrossAttentionFusionImpl : public NodeModuleImpl {
 public:
  explicit CrossAttentionFusionImpl(const CrossAttentionFusionOptions& o) : options(o) {
    context_proj = register_module("context_proj", nn::ModuleList());
    for (auto d : o.context_dims()) context_proj->push_back(LinearLayer(d, o.dim()));
    attention = register_module("attention", nn::MultiheadAttention(
                                                 nn::MultiheadAttentionOptions(o.dim(), o.heads()).dropout(o.dropout())));
    norm = register_module("norm", nn::LayerNorm(nn::LayerNormOptions({o.dim()})));
  }
  PortValues forward(const PortValues& inputs) override {
    const PortValue& query = inputs.at("query");
    auto m = gather(inputs, "context", options.modality_dropout(), is_training());
    torch::Tensor qmask;
    auto q = asTokens(query, &qmask);  // [B, Lq, D]
    std::vector<torch::Tensor> keys, valid;
    std::vector<int64_t> lengths;
    for (std::size_t i = 0; i < m.values.size(); ++i) {
      torch::Tensor kmask;
      auto k = asTokens(m.values[i], &kmask);
      keys.push_back(context_proj[i]->as<LinearLayer>()->forward(k));
      valid.push_back(kmask.logical_and(m.present[i].unsqueeze(1)));
      lengths.push_back(k.size(1));
    }
    auto K = torch::cat(keys, 1).transpose(0, 1);  // [Lk, B, D]
    auto validAll = torch::cat(valid, 1);         // [B, Lk]
    auto attended = attention->forward(q.transpose(0, 1), K, K, safeKeyPaddingMask(validAll));
    auto hasContext = validAll.any(1).to(q.dtype());  // [B]; without context nothing is attended
    auto a = std::get<0>(attended).transpose(0, 1) * hasContext.view({-1, 1, 1});
    auto w = std::get<1>(attended) * hasContext.view({-1, 1, 1});
    internals_["attention"] = w;
    internals_["context_lengths"] = torch::tensor(lengths, torch::kLong);
    auto y = norm(q + a) * qmask.unsqueeze(-1).to(q.dtype());
    return {{"features", PortValue{maskedMean(y, qmask), query.present, {}, {}}},
            {"tokens", PortValue{y, query.present, qmask, {}}}};
  }
  CrossAttentionFusionOptions options;
  nn::ModuleList context_proj{nullptr};
  nn::MultiheadAttention attention{nullptr};
  nn::LayerNorm norm{nullptr};
};
TORCH_MODULE(CrossAttentionFusion);

// ----- transformer over modality tokens ---------------------------------------------------------------------

struct TransformerFusionOptions {
  TORCH_ARG(std::vector<int64_t>, input_dims);
  TORCH_ARG(int64_t, dim) = 64;
  TORCH_ARG(int64_t, heads) = 4;
  TORCH_ARG(int64_t, layers) = 2;
  TORCH_ARG(int64_t, ff_dim) = 128;
  TORCH_ARG(double, dropout) = 0.1;
  TORCH_ARG(double, modality_dropout) = 0.0;
};

// Every modality becomes tokens (a feature vector is one token) projected to `dim` plus a learned modality
// embedding; a learned [CLS] token is prepended and a Transformer encoder runs over the whole sequence.
// Missing modalities' tokens are masked out. Features are the [CLS] output.
class TransformerFusionImpl : public NodeModuleImpl {
 public:
  explicit TransformerFusionImpl(const TransformerFusionOptions& o) : options(o) {
    const auto n = static_cast<int64_t>(o.input_dims().size());
    proj = register_module("proj", nn::ModuleList());
    for (auto d : o.input_dims()) proj->push_back(LinearLayer(d, o.dim()));
    modality_embedding = register_parameter("modality_embedding", torch::randn({n, o.dim()}) * 0.02);
    cls = register_parameter("cls", torch::randn({1, o.dim()}) * 0.02);
    encoder = register_module(
        "encoder", nn::TransformerEncoder(nn::TransformerEncoderOptions(
            nn::TransformerEncoderLayerOptions(o.dim(), o.heads()).dim_feedforward(o.ff_dim()).dropout(o.dropout()),
            o.layers())));
  }
  PortValues forward(const PortValues& inputs) override {
    auto m = gather(inputs, "in", options.modality_dropout(), is_training());
    const int64_t batch = m.values[0].value.size(0);
    std::vector<torch::Tensor> seq{cls.unsqueeze(0).expand({batch, 1, options.dim()})};
    std::vector<torch::Tensor> valid{torch::ones({batch, 1}, torch::TensorOptions().dtype(torch::kBool).device(cls.device()))};
    for (std::size_t i = 0; i < m.values.size(); ++i) {
      torch::Tensor mask;
      auto t = asTokens(m.values[i], &mask);
      seq.push_back(proj[i]->as<LinearLayer>()->forward(t) + modality_embedding[static_cast<int64_t>(i)]);
      valid.push_back(mask.logical_and(m.present[i].unsqueeze(1)));
    }
    auto x = torch::cat(seq, 1);
    auto v = torch::cat(valid, 1);
    auto y = encoder->forward(x.transpose(0, 1), /*src_mask=*/torch::Tensor(), v.logical_not()).transpose(0, 1);
    y = y * v.unsqueeze(-1).to(y.dtype());
    return {{"features", PortValue{y.select(1, 0), m.anyPresent(), {}, {}}},
            {"tokens", PortValue{y, m.anyPresent(), v, {}}}};
  }
  TransformerFusionOptions options;
  nn::ModuleList proj{nullptr};
  torch::Tensor modality_embedding, cls;
  nn::TransformerEncoder encoder{nullptr};
};
TORCH_MODULE(TransformerFusion);

// ----- late fusion --------------------------------------------------------------------------------------------

struct LateFusionOptions {
  TORCH_ARG(std::vector<int64_t>, input_dims);
  TORCH_ARG(int64_t, num_classes) = 2;
  TORCH_ARG(double, modality_dropout) = 0.0;
};

// Each modality gets its own linear classifier; the logits are averaged over the present modalities.
class LateFusionImpl : public NodeModuleImpl {
 public:
  explicit LateFusionImpl(const LateFusionOptions& o) : options(o) {
    classifiers = register_module("classifiers", nn::ModuleList());
    for (auto d : o.input_dims()) classifiers->push_back(LinearLayer(d, o.num_classes()));
  }
  PortValues forward(const PortValues& inputs) override {
    auto m = gather(inputs, "in", options.modality_dropout(), is_training());
    std::vector<torch::Tensor> logits;
    for (std::size_t i = 0; i < m.values.size(); ++i)
      logits.push_back(classifiers[i]->as<LinearLayer>()->forward(m.values[i].value));
    auto l = torch::stack(logits, 1);  // [B, N, K]
    internals_["modality_logits"] = l;
    auto p = m.presentMatrix().unsqueeze(-1);
    auto out = (l * p).sum(1) / p.sum(1).clamp_min(1.0);
    return {{"out", PortValue{out, m.anyPresent(), {}, {}}}};
  }
  LateFusionOptions options;
  nn::ModuleList classifiers{nullptr};
};
TORCH_MODULE(LateFusion);

// ----- registry entries -----------------------------------------------------------------------------------------

std::vector<PortShape> variadicShapes(const InferContext& c, const std::string& base) {
  std::vector<PortShape> out;
  for (const auto& n : c.variadic(base)) out.push_back(c.in(n));
  return out;
}
std::vector<int64_t> variadicDims(const BuildContext& c, const std::string& base) {
  std::vector<int64_t> out;
  for (const auto& n : c.variadic(base)) out.push_back(c.inputs.at(n).last());
  return out;
}

bool requireEqualDims(InferContext& c, const std::vector<PortShape>& shapes) {
  for (std::size_t i = 1; i < shapes.size(); ++i) {
    if (shapes[i].dims != shapes[0].dims) {
      c.error("in" + std::to_string(i), "all inputs must have the same size for this fusion (add a Linear block)",
              shapes[0].str(), shapes[i].str());
      return false;
    }
  }
  return true;
}

NodeTypeInfo fusionType(std::string type, std::string title, std::string doc) {
  NodeTypeInfo t;
  t.type = std::move(type);
  t.title = std::move(title);
  t.category = "Fusion";
  t.role = NodeRole::Fusion;
  t.doc = std::move(doc);
  t.inputs = {variadicPort("in", {PortKind::Features}, 2, 16, "Modality feature vectors, in order")};
  t.outputs = {port("out", {PortKind::Features}, "Fused features")};
  t.params = {modalityDropoutParam()};
  return t;
}

std::map<std::string, PortShape> featuresShape(int64_t d) { return {{"out", shape(PortKind::Features, {d})}}; }

bool checkHeads(InferContext& c, int64_t dim, const std::string& what) {
  if (dim % c.params.i("heads") == 0) return true;
  c.paramError("heads", "heads must divide " + what + " (" + std::to_string(dim) + ")");
  return false;
}

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
        c.error("in", "the outer product is too large; reduce the input sizes or use low-rank tensor fusion",
                "at most " + std::to_string(kMaxTensorFusionSize) + " values", "more");
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
  {
    auto t = fusionType("fusion.cross_attention", "Cross-modal attention",
                        "Queries from one modality attend over the tokens of the others; residual and LayerNorm. "
                        "The attention weights are kept for explanations.");
    t.inputs = {port("query", {PortKind::Features, PortKind::Tokens}, "The attending modality"),
                variadicPort("context", {PortKind::Tokens, PortKind::Features}, 1, 16, "Modalities attended over")};
    t.outputs = {port("features", {PortKind::Features}, "Mean of the attended query tokens"),
                 port("tokens", {PortKind::Tokens}, "Attended query tokens")};
    t.params.push_back(intParam("heads", 4, 1, 64, "Attention heads (must divide the query size)"));
    t.params.push_back(floatParam("dropout", 0.0, 0.0, 0.9, "Dropout on attention weights"));
    t.infer = [](InferContext& c) {
      const auto& q = c.in("query");
      std::map<std::string, PortShape> out;
      if (!checkHeads(c, q.last(), "the query size")) return out;
      const int64_t lq = q.kind == PortKind::Tokens ? q.dims[0] : 1;
      out["features"] = shape(PortKind::Features, {q.last()});
      out["tokens"] = shape(PortKind::Tokens, {lq, q.last()});
      return out;
    };
    t.factory = [](const BuildContext& c) {
      return CrossAttentionFusion(CrossAttentionFusionOptions()
                                      .dim(c.inputs.at("query").last())
                                      .context_dims(variadicDims(c, "context"))
                                      .heads(c.params.i("heads"))
                                      .dropout(c.params.f("dropout"))
                                      .modality_dropout(c.params.f("modality_dropout")))
          .ptr();
    };
    r.add(t);
  }
  {
    auto t = fusionType("fusion.transformer", "Transformer over modality tokens",
                        "All modalities as tokens (plus modality embeddings and a [CLS] token) through a Transformer "
                        "encoder; features are the [CLS] output.");
    t.inputs = {variadicPort("in", {PortKind::Features, PortKind::Tokens}, 2, 16, "Modalities, as vectors or tokens")};
    t.outputs = {port("features", {PortKind::Features}, "The [CLS] output"),
                 port("tokens", {PortKind::Tokens}, "Every output token, [CLS] first")};
    t.params.push_back(intParam("dim", 64, 1, 4096, "Model size"));
    t.params.push_back(intParam("heads", 4, 1, 64, "Attention heads (must divide dim)"));
    t.params.push_back(intParam("layers", 2, 1, 24, "Encoder layers"));
    t.params.push_back(intParam("ff_dim", 128, 1, 65536, "Feed-forward size"));
    t.params.push_back(floatParam("dropout", 0.1, 0.0, 0.9, "Dropout inside the encoder"));
    t.infer = [](InferContext& c) {
      std::map<std::string, PortShape> out;
      const int64_t d = c.params.i("dim");
      if (!checkHeads(c, d, "dim")) return out;
      int64_t length = 1;
      for (const auto& s : variadicShapes(c, "in")) length += s.kind == PortKind::Tokens ? s.dims[0] : 1;
      out["features"] = shape(PortKind::Features, {d});
      out["tokens"] = shape(PortKind::Tokens, {length, d});
      return out;
    };
    t.factory = [](const BuildContext& c) {
      return TransformerFusion(TransformerFusionOptions()
                                   .input_dims(variadicDims(c, "in"))
                                   .dim(c.params.i("dim"))
                                   .heads(c.params.i("heads"))
                                   .layers(c.params.i("layers"))
                                   .ff_dim(c.params.i("ff_dim"))
                                   .dropout(c.params.f("dropout"))
                                   .modality_dropout(c.params.f("modality_dropout")))
          .ptr();
    };
    r.add(t);
  }
  {
    auto t = fusionType("fusion.late", "Late fusion",
                        "A linear classifier per modality; logits averaged over the present modalities. Connect "
                        "its logits to a head.");
    t.outputs = {port("out", {PortKind::Logits}, "Averaged class logits")};
    t.params.push_back(intParam("num_classes", 2, 1, 100000, "Classes (or outputs) of the head it feeds"));
    t.infer = [](InferContext& c) {
      return std::map<std::string, PortShape>{{"out", shape(PortKind::Logits, {c.params.i("num_classes")})}};
    };
    t.factory = [](const BuildContext& c) {
      return LateFusion(LateFusionOptions()
                            .input_dims(variadicDims(c, "in"))
                            .num_classes(c.params.i("num_classes"))
                            .modality_dropout(c.params.f("modality_dropout")))
          .ptr();
    };
    r.add(t);
  }
}

}  // namespace fusebench::nodes
