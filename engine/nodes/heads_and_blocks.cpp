// Heads (classification, multi-label, regression) and generic blocks (Linear, MLP, Dropout, LayerNorm).
#include "export/onnx_ops.h"
#include "graph/decl_helpers.h"
#include "nodes/linear_layer.h"
#include "nodes/node_module.h"
#include "nodes/register.h"

namespace fusebench::nodes {
namespace {

using namespace decl;
namespace nn = torch::nn;

// Keeps padded token positions at zero after a per-token operation.
PortValue sameKind(const PortValue& in, torch::Tensor y) {
  if (in.mask.defined() && y.dim() == 3) y = y * in.mask.unsqueeze(-1).to(y.dtype());
  return PortValue{y, in.present, in.mask, {}};
}

namespace ox = onnx_export;

ox::OnnxPort sameKindOnnx(ox::OnnxGraph& g, const ox::OnnxPort& in, std::string y) {
  if (!in.mask.empty() && in.rank == 3) y = ox::maskTokens(g, y, in.mask);
  return {y, in.present, in.mask, "", in.rank};
}

struct MlpOptions {
  TORCH_ARG(int64_t, in_features) = 0;
  TORCH_ARG(std::vector<int64_t>, hidden);
  TORCH_ARG(int64_t, out_features) = 0;  // 0: the last hidden layer is the output
  TORCH_ARG(std::string, activation) = "relu";
  TORCH_ARG(double, dropout) = 0.0;
};

// Linear layers with an activation and dropout after each hidden one; the optional output layer is bare.
class MlpImpl : public NodeModuleImpl {
 public:
  explicit MlpImpl(const MlpOptions& o) : options(o) {
    layers = register_module("layers", nn::ModuleList());
    int64_t in = o.in_features();
    for (auto h : o.hidden()) {
      layers->push_back(LinearLayer(in, h));
      in = h;
    }
    if (o.out_features() > 0) out = register_module("out", LinearLayer(in, o.out_features()));
    drop = register_module("dropout", nn::Dropout(o.dropout()));
  }
  torch::Tensor run(torch::Tensor x) {
    for (const auto& l : *layers) x = drop(activation(l->as<LinearLayer>()->forward(x), options.activation()));
    return out ? out(x) : x;
  }
  std::string runOnnx(ox::OnnxGraph& g, std::string x) {
    for (const auto& l : *layers) x = ox::activation(g, ox::linear(g, *l->as<LinearLayer>(), x), options.activation());
    return out ? ox::linear(g, *out, x) : x;
  }
  PortValues forward(const PortValues& inputs) override {
    const auto& in = inputs.at("in");
    return {{"out", sameKind(in, run(in.value))}};
  }
  ox::OnnxPorts toOnnx(ox::OnnxGraph& g, const ox::OnnxPorts& inputs) override {
    const auto& in = inputs.at("in");
    return {{"out", sameKindOnnx(g, in, runOnnx(g, in.value))}};
  }
  MlpOptions options;
  nn::ModuleList layers{nullptr};
  LinearLayer out{nullptr};
  nn::Dropout drop{nullptr};
};
TORCH_MODULE(Mlp);

// A head: an MLP ending in the output layer; or the identity when it receives logits of the right size.
class HeadImpl : public MlpImpl {
 public:
  HeadImpl(const MlpOptions& o, bool identity) : MlpImpl(o), identity_(identity) {}
  PortValues forward(const PortValues& inputs) override {
    const auto& in = inputs.at("in");
    return {{"out", PortValue{identity_ ? in.value : run(in.value), in.present, {}, {}}}};
  }
  ox::OnnxPorts toOnnx(ox::OnnxGraph& g, const ox::OnnxPorts& inputs) override {
    const auto& in = inputs.at("in");
    return {{"out", {identity_ ? in.value : runOnnx(g, in.value), in.present, "", "", 2}}};
  }

 private:
  bool identity_;
};

struct LinearBlockOptions {
  TORCH_ARG(int64_t, in_features) = 0;
  TORCH_ARG(int64_t, out_features) = 0;
  TORCH_ARG(std::string, activation) = "none";
};

class LinearBlockImpl : public NodeModuleImpl {
 public:
  explicit LinearBlockImpl(const LinearBlockOptions& o) : options(o) {
    linear = register_module("linear", LinearLayer(o.in_features(), o.out_features()));
  }
  PortValues forward(const PortValues& inputs) override {
    const auto& in = inputs.at("in");
    return {{"out", sameKind(in, activation(linear(in.value), options.activation()))}};
  }
  ox::OnnxPorts toOnnx(ox::OnnxGraph& g, const ox::OnnxPorts& inputs) override {
    const auto& in = inputs.at("in");
    return {{"out", sameKindOnnx(g, in, ox::activation(g, ox::linear(g, *linear, in.value), options.activation()))}};
  }
  LinearBlockOptions options;
  LinearLayer linear{nullptr};
};
TORCH_MODULE(LinearBlock);

struct DropoutBlockOptions {
  TORCH_ARG(double, p) = 0.1;
};

class DropoutBlockImpl : public NodeModuleImpl {
 public:
  explicit DropoutBlockImpl(const DropoutBlockOptions& o) : options(o) {
    drop = register_module("dropout", nn::Dropout(o.p()));
  }
  PortValues forward(const PortValues& inputs) override {
    const auto& in = inputs.at("in");
    return {{"out", sameKind(in, drop(in.value))}};
  }
  ox::OnnxPorts toOnnx(ox::OnnxGraph& g, const ox::OnnxPorts& inputs) override {
    const auto& in = inputs.at("in");
    return {{"out", sameKindOnnx(g, in, in.value)}};  // inference: the identity
  }
  DropoutBlockOptions options;
  nn::Dropout drop{nullptr};
};
TORCH_MODULE(DropoutBlock);

struct LayerNormBlockOptions {
  TORCH_ARG(int64_t, dim) = 0;
};

class LayerNormBlockImpl : public NodeModuleImpl {
 public:
  explicit LayerNormBlockImpl(const LayerNormBlockOptions& o) : options(o) {
    norm = register_module("norm", nn::LayerNorm(nn::LayerNormOptions({o.dim()})));
  }
  PortValues forward(const PortValues& inputs) override {
    const auto& in = inputs.at("in");
    return {{"out", sameKind(in, norm(in.value))}};
  }
  ox::OnnxPorts toOnnx(ox::OnnxGraph& g, const ox::OnnxPorts& inputs) override {
    const auto& in = inputs.at("in");
    return {{"out", sameKindOnnx(g, in, ox::layerNorm(g, *norm, in.value))}};
  }
  LayerNormBlockOptions options;
  nn::LayerNorm norm{nullptr};
};
TORCH_MODULE(LayerNormBlock);

const std::vector<std::string> kActivations = {"none", "relu", "gelu", "tanh"};
const std::vector<PortDecl> kBlockIn = {port("in", {PortKind::Features, PortKind::Tokens}, "Features or tokens")};
const std::vector<PortDecl> kBlockOut = {port("out", {PortKind::Features, PortKind::Tokens}, "Same kind as the input")};

PortShape withLast(PortShape s, int64_t d) {
  s.dims.back() = d;
  return s;
}

void registerHead(NodeRegistry& r, const std::string& type, const std::string& title, const std::string& doc,
                  const std::string& countParam, int64_t countDefault, int64_t countMin) {
  NodeTypeInfo t;
  t.type = type;
  t.title = title;
  t.category = "Heads";
  t.role = NodeRole::Head;
  t.doc = doc;
  t.inputs = {port("in", {PortKind::Features, PortKind::Logits}, "Fused features, or logits from late fusion")};
  t.outputs = {port("out", {PortKind::Prediction}, "Raw scores (logits) or values, one per output")};
  t.params = {intParam(countParam, countDefault, static_cast<double>(countMin), 100000, "Number of outputs"),
              intListParam("hidden", {}, 1, 65536, "Hidden layer sizes before the output layer (ReLU)"),
              floatParam("dropout", 0.0, 0.0, 0.9, "Dropout after each hidden layer")};
  t.infer = [countParam](InferContext& c) {
    std::map<std::string, PortShape> out;
    const auto& in = c.in("in");
    const int64_t k = c.params.i(countParam);
    if (in.kind == PortKind::Logits && in.last() != k) {
      c.error("in", {FB_TEXT("logits from late fusion must match the head's %1"), "%2", "%3",
                     {countParam, std::to_string(k), std::to_string(in.last())}});
      return out;
    }
    if (in.kind == PortKind::Logits && !c.params.ints("hidden").empty()) {
      c.paramError("hidden", FB_TEXT("a head fed with logits cannot have hidden layers"));
      return out;
    }
    out["out"] = shape(PortKind::Prediction, {k});
    return out;
  };
  t.factory = [countParam](const BuildContext& c) {
    const auto& in = c.inputs.at("in");
    const bool identity = in.kind == PortKind::Logits;
    auto o = MlpOptions()
                 .in_features(in.last())
                 .hidden(c.params.ints("hidden"))
                 .out_features(identity ? 0 : c.params.i(countParam))
                 .dropout(c.params.f("dropout"));
    return std::static_pointer_cast<NodeModuleImpl>(std::make_shared<HeadImpl>(o, identity));
  };
  r.add(t);
}

}  // namespace

void registerHeadsAndBlocks(NodeRegistry& r) {
  registerHead(r, "head.classification", "Classification head",
               "Multi-class classification: one logit per class, trained with cross-entropy.", "num_classes", 2, 2);
  registerHead(r, "head.multilabel", "Multi-label head",
               "Multi-label classification: one independent logit per label, trained with BCE-with-logits.",
               "num_labels", 2, 1);
  registerHead(r, "head.regression", "Regression head", "Regression: one value per output, trained with MSE or Huber.",
               "num_outputs", 1, 1);
  {
    NodeTypeInfo t;
    t.type = "block.linear";
    t.title = "Linear";
    t.category = "Blocks";
    t.role = NodeRole::Block;
    t.doc = "A linear layer over the last dimension, with an optional activation.";
    t.inputs = kBlockIn;
    t.outputs = kBlockOut;
    t.params = {intParam("out_features", 64, 1, 65536, "Output size"),
                choiceParam("activation", "none", kActivations, "Activation after the layer")};
    t.infer = [](InferContext& c) {
      return std::map<std::string, PortShape>{{"out", withLast(c.in("in"), c.params.i("out_features"))}};
    };
    t.factory = [](const BuildContext& c) {
      return LinearBlock(LinearBlockOptions()
                             .in_features(c.inputs.at("in").last())
                             .out_features(c.params.i("out_features"))
                             .activation(c.params.s("activation")))
          .ptr();
    };
    r.add(t);
  }
  {
    NodeTypeInfo t;
    t.type = "block.mlp";
    t.title = "MLP";
    t.category = "Blocks";
    t.role = NodeRole::Block;
    t.doc = "Linear layers, each followed by an activation and dropout.";
    t.inputs = kBlockIn;
    t.outputs = kBlockOut;
    t.params = {intListParam("hidden", {128, 64}, 1, 65536, "Layer sizes; the last is the output size"),
                choiceParam("activation", "relu", kActivations, "Activation after each layer"),
                floatParam("dropout", 0.0, 0.0, 0.9, "Dropout after each layer")};
    t.infer = [](InferContext& c) {
      auto hidden = c.params.ints("hidden");
      if (hidden.empty()) {
        c.paramError("hidden", FB_TEXT("an MLP needs at least one layer"));
        return std::map<std::string, PortShape>{};
      }
      return std::map<std::string, PortShape>{{"out", withLast(c.in("in"), hidden.back())}};
    };
    t.factory = [](const BuildContext& c) {
      return Mlp(MlpOptions()
                     .in_features(c.inputs.at("in").last())
                     .hidden(c.params.ints("hidden"))
                     .activation(c.params.s("activation"))
                     .dropout(c.params.f("dropout")))
          .ptr();
    };
    r.add(t);
  }
  {
    NodeTypeInfo t;
    t.type = "block.dropout";
    t.title = "Dropout";
    t.category = "Blocks";
    t.role = NodeRole::Block;
    t.doc = "Zeroes elements at random during training (scaled to keep the expectation).";
    t.inputs = kBlockIn;
    t.outputs = kBlockOut;
    t.params = {floatParam("p", 0.1, 0.0, 0.95, "Drop probability")};
    t.infer = [](InferContext& c) { return std::map<std::string, PortShape>{{"out", c.in("in")}}; };
    t.factory = [](const BuildContext& c) { return DropoutBlock(DropoutBlockOptions().p(c.params.f("p"))).ptr(); };
    r.add(t);
  }
  {
    NodeTypeInfo t;
    t.type = "block.layer_norm";
    t.title = "LayerNorm";
    t.category = "Blocks";
    t.role = NodeRole::Block;
    t.doc = "Layer normalization over the last dimension, with a learned scale and shift.";
    t.inputs = kBlockIn;
    t.outputs = kBlockOut;
    t.infer = [](InferContext& c) { return std::map<std::string, PortShape>{{"out", c.in("in")}}; };
    t.factory = [](const BuildContext& c) {
      return LayerNormBlock(LayerNormBlockOptions().dim(c.inputs.at("in").last())).ptr();
    };
    r.add(t);
  }
}

}  // namespace fusebench::nodes
