// Attention-based and late fusion: cross-modal attention, a transformer over modality tokens, and late fusion
// (a classifier per modality, logits averaged over those present). The other fusion operators and what they
// share: fusion_nodes.cpp, fusion_support.h.
#include "nodes/fusion_support.h"

namespace fusebench::nodes {
namespace {

using namespace fusion;
namespace nn = torch::nn;
namespace ox = onnx_export;

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
  ox::OnnxPorts toOnnx(ox::OnnxGraph& g, const ox::OnnxPorts& inputs) override {
    const auto& query = inputs.at("query");
    auto m = gatherOnnx(inputs, "context");
    std::string qmask;
    auto q = ox::asTokens(g, query, query.rank, &qmask);
    std::vector<std::string> keys, valid;
    for (std::size_t i = 0; i < m.values.size(); ++i) {
      std::string kmask;
      auto k = ox::asTokens(g, m.values[i], m.values[i].rank, &kmask);
      keys.push_back(ox::linear(g, *context_proj[i]->as<LinearLayer>(), k));
      valid.push_back(g.op("And", {kmask, ox::unsqueeze(g, m.present[i], {1})}));
    }
    auto K = ox::concat(g, keys, 1);
    auto validAll = ox::concat(g, valid, 1);
    auto attended = ox::multiheadAttention(g, *attention, q, K, K, ox::safeKeyPaddingMask(g, validAll));
    auto hasContext = g.op("ReduceMax", {ox::cast(g, validAll, ox::ElemType::Float)},
                           {ox::attr("axes", std::vector<int64_t>{1}), ox::attr("keepdims", 0)});
    auto a = ox::mul(g, attended.out, ox::reshape(g, hasContext, {-1, 1, 1}));
    auto y = ox::maskTokens(g, ox::layerNorm(g, *norm, ox::add(g, q, a)), qmask);
    return {{"features", {ox::maskedMean(g, y, qmask), query.present, "", "", 2}}, {"tokens", {y, query.present, qmask, "", 3}}};
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
  ox::OnnxPorts toOnnx(ox::OnnxGraph& g, const ox::OnnxPorts& inputs) override {
    auto m = gatherOnnx(inputs, "in");
    auto batch = ox::batchSize(g, m.values[0].value);
    std::vector<std::string> seq{g.op("Expand", {g.weight(cls.unsqueeze(0), "cls"), ox::concat(g, {batch, g.ints({1, options.dim()})}, 0)})};
    std::vector<std::string> valid{g.op("Expand", {g.boolScalar(true), ox::concat(g, {batch, g.ints({1})}, 0)})};
    for (std::size_t i = 0; i < m.values.size(); ++i) {
      std::string mask;
      auto t = ox::asTokens(g, m.values[i], m.values[i].rank, &mask);
      auto e = g.weight(modality_embedding[static_cast<int64_t>(i)], "modality_embedding");
      seq.push_back(ox::add(g, ox::linear(g, *proj[i]->as<LinearLayer>(), t), e));
      valid.push_back(g.op("And", {mask, ox::unsqueeze(g, m.present[i], {1})}));
    }
    auto v = ox::concat(g, valid, 1);
    auto y = ox::transformerEncoder(g, *encoder, ox::concat(g, seq, 1), g.op("Not", {v}));
    y = ox::maskTokens(g, y, v);
    auto features = ox::squeeze(g, ox::sliceAxis(g, y, 1, 0, 1), {1});
    const auto any = m.anyPresent(g);
    return {{"features", {features, any, "", "", 2}}, {"tokens", {y, any, v, "", 3}}};
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
  ox::OnnxPorts toOnnx(ox::OnnxGraph& g, const ox::OnnxPorts& inputs) override {
    auto m = gatherOnnx(inputs, "in");
    std::vector<std::string> logits;
    for (std::size_t i = 0; i < m.values.size(); ++i)
      logits.push_back(ox::linear(g, *classifiers[i]->as<LinearLayer>(), m.values[i].value));
    auto p = ox::unsqueeze(g, ox::cast(g, m.presentStack(g), ox::ElemType::Float), {-1});  // [B, N, 1]
    auto sum = ox::reduceSum(g, ox::mul(g, stackOnnx(g, logits), p), {1});
    auto out = ox::div(g, sum, g.op("Max", {ox::reduceSum(g, p, {1}), g.scalar(1.0f)}));
    return featuresOutOnnx(out, m.anyPresent(g));
  }
  LateFusionOptions options;
  nn::ModuleList classifiers{nullptr};
};
TORCH_MODULE(LateFusion);

}  // namespace

void registerAttentionFusionNodes(NodeRegistry& r) {
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
