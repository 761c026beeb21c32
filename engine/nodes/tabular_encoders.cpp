// Tabular encoder: normalized numeric columns and embedded categorical columns, through an MLP.
#include "export/onnx_ops.h"
#include "graph/decl_helpers.h"
#include "nodes/linear_layer.h"
#include "nodes/node_module.h"
#include "nodes/register.h"

namespace fusebench::nodes {
namespace {

using namespace decl;
namespace nn = torch::nn;

struct TabularMlpOptions {
  TORCH_ARG(int64_t, num_numeric) = 0;
  TORCH_ARG(std::vector<int64_t>, cardinalities);
  TORCH_ARG(std::string, normalization) = "batch";  // batch | layer | none
  TORCH_ARG(int64_t, embedding_dim) = 8;
  TORCH_ARG(std::vector<int64_t>, hidden) = std::vector<int64_t>{64, 64};
  TORCH_ARG(double, dropout) = 0.0;
};

class TabularMlpImpl : public NodeModuleImpl {
 public:
  explicit TabularMlpImpl(const TabularMlpOptions& o) : options(o) {
    const int64_t n = o.num_numeric();
    if (n > 0 && o.normalization() == "batch") batch_norm = register_module("norm", nn::BatchNorm1d(n));
    if (n > 0 && o.normalization() == "layer") layer_norm = register_module("norm", nn::LayerNorm(nn::LayerNormOptions({n})));
    embeddings = register_module("embeddings", nn::ModuleList());
    for (auto card : o.cardinalities()) embeddings->push_back(nn::Embedding(card, o.embedding_dim()));
    mlp = nn::Sequential();
    int64_t in = n + o.embedding_dim() * static_cast<int64_t>(o.cardinalities().size());
    for (auto h : o.hidden()) {
      mlp->push_back(LinearLayer(in, h));
      mlp->push_back(nn::ReLU());
      mlp->push_back(nn::Dropout(o.dropout()));
      in = h;
    }
    register_module("mlp", mlp);
  }
  PortValues forward(const PortValues& inputs) override {
    const auto& in = inputs.at("in");
    std::vector<torch::Tensor> parts;
    if (options.num_numeric() > 0) {
      auto x = in.value.to(torch::kFloat);
      if (batch_norm) x = batch_norm(x);
      if (layer_norm) x = layer_norm(x);
      parts.push_back(x);
    }
    for (std::size_t k = 0; k < embeddings->size(); ++k)
      parts.push_back(embeddings[k]->as<nn::Embedding>()->forward(in.aux.select(1, static_cast<int64_t>(k))));
    auto features = mlp->forward(torch::cat(parts, 1));
    return {{"features", PortValue{features, in.present, {}, {}}}};
  }
  onnx_export::OnnxPorts toOnnx(onnx_export::OnnxGraph& g, const onnx_export::OnnxPorts& inputs) override {
    namespace ox = onnx_export;
    const auto& in = inputs.at("in");
    std::vector<std::string> parts;
    if (options.num_numeric() > 0) {
      auto x = in.value;
      if (batch_norm) x = ox::layer(g, batch_norm.ptr(), x);
      if (layer_norm) x = ox::layerNorm(g, *layer_norm, x);
      parts.push_back(x);
    }
    for (std::size_t k = 0; k < embeddings->size(); ++k) {
      const auto col = static_cast<int64_t>(k);
      auto ids = ox::squeeze(g, ox::sliceAxis(g, in.aux, 1, col, col + 1), {1});
      parts.push_back(ox::embedding(g, *embeddings[k]->as<nn::Embedding>(), ids));
    }
    return {{"features", {ox::layer(g, mlp.ptr(), ox::concat(g, parts, 1)), in.present, "", "", 2}}};
  }
  TabularMlpOptions options;
  nn::BatchNorm1d batch_norm{nullptr};
  nn::LayerNorm layer_norm{nullptr};
  nn::ModuleList embeddings{nullptr};
  nn::Sequential mlp{nullptr};
};
TORCH_MODULE(TabularMlp);

}  // namespace

void registerTabularEncoders(NodeRegistry& r) {
  NodeTypeInfo t;
  t.type = "tabular.mlp";
  t.title = "Tabular MLP";
  t.category = "Tabular encoders";
  t.role = NodeRole::Encoder;
  t.doc = "Numeric columns normalized, categorical columns embedded, all concatenated through an MLP.";
  t.inputs = {port("in", {PortKind::Tabular}, "Numeric [B, N] and categorical ids [B, K]")};
  t.outputs = {port("features", {PortKind::Features}, "One feature vector per row")};
  t.params = {choiceParam("normalization", "batch", {"batch", "layer", "none"}, "Normalization of numeric columns"),
              intParam("embedding_dim", 8, 1, 1024, "Embedding size of each categorical column"),
              intListParam("hidden", {64, 64}, 1, 65536, "Hidden layer sizes (ReLU after each)"),
              floatParam("dropout", 0.0, 0.0, 0.9, "Dropout after each hidden layer")};
  t.infer = [](InferContext& c) {
    std::map<std::string, PortShape> out;
    const auto& in = c.in("in");
    auto hidden = c.params.ints("hidden");
    if (hidden.empty()) {
      c.paramError("hidden", FB_TEXT("the MLP needs at least one hidden layer"));
      return out;
    }
    if (c.params.s("normalization") == "layer" && in.dims[0] == 1) {
      c.paramError("normalization", FB_TEXT("layer normalization of a single numeric column always gives 0"));
      return out;
    }
    out["features"] = shape(PortKind::Features, {hidden.back()});
    return out;
  };
  t.factory = [](const BuildContext& c) {
    const auto& in = c.inputs.at("in");
    return TabularMlp(TabularMlpOptions()
                          .num_numeric(in.dims[0])
                          .cardinalities(in.cardinalities)
                          .normalization(c.params.s("normalization"))
                          .embedding_dim(c.params.i("embedding_dim"))
                          .hidden(c.params.ints("hidden"))
                          .dropout(c.params.f("dropout")))
        .ptr();
  };
  r.add(t);
}

}  // namespace fusebench::nodes
