// Text encoders: bag of embeddings, embedding + (bi)LSTM/GRU, and a small Transformer encoder.
// Token id 0 is padding; every encoder pools only over real tokens and zeroes padded token outputs.
#include "export/onnx_ops.h"
#include "graph/decl_helpers.h"
#include "nodes/node_module.h"
#include "nodes/register.h"
#include "nodes/taps.h"

namespace fusebench::nodes {
namespace {

using namespace decl;
namespace nn = torch::nn;

PortValues textOutputs(const torch::Tensor& tokens, const PortValue& in) {
  auto t = tokens * in.mask.unsqueeze(-1).to(tokens.dtype());
  return {{"features", PortValue{maskedMean(t, in.mask), in.present, {}, {}}},
          {"tokens", PortValue{t, in.present, in.mask, {}}}};
}

namespace ox = onnx_export;

ox::OnnxPorts textOutputsOnnx(ox::OnnxGraph& g, const std::string& tokens, const ox::OnnxPort& in) {
  auto t = ox::maskTokens(g, tokens, in.mask);
  return {{"features", {ox::maskedMean(g, t, in.mask), in.present, "", "", 2}}, {"tokens", {t, in.present, in.mask, "", 3}}};
}

struct BagOfEmbeddingsOptions {
  TORCH_ARG(int64_t, vocab_size) = 1000;
  TORCH_ARG(int64_t, dim) = 64;
};

class BagOfEmbeddingsImpl : public NodeModuleImpl {
 public:
  explicit BagOfEmbeddingsImpl(const BagOfEmbeddingsOptions& o) : options(o) {
    embedding = register_module("embedding", nn::Embedding(nn::EmbeddingOptions(o.vocab_size(), o.dim()).padding_idx(0)));
  }
  PortValues forward(const PortValues& inputs) override {
    const auto& in = inputs.at("in");
    return textOutputs(tap("embeddings", embedding(in.value)), in);
  }
  ox::OnnxPorts toOnnx(ox::OnnxGraph& g, const ox::OnnxPorts& inputs) override {
    const auto& in = inputs.at("in");
    return textOutputsOnnx(g, ox::embedding(g, *embedding, in.value), in);
  }
  BagOfEmbeddingsOptions options;
  nn::Embedding embedding{nullptr};
};
TORCH_MODULE(BagOfEmbeddings);

struct TextRnnOptions {
  TORCH_ARG(int64_t, vocab_size) = 1000;
  TORCH_ARG(int64_t, dim) = 64;
  TORCH_ARG(std::string, cell) = "lstm";  // lstm | gru
  TORCH_ARG(int64_t, hidden) = 64;
  TORCH_ARG(int64_t, layers) = 1;
  TORCH_ARG(bool, bidirectional) = true;
  TORCH_ARG(double, dropout) = 0.0;
};

class TextRnnImpl : public NodeModuleImpl {
 public:
  explicit TextRnnImpl(const TextRnnOptions& o) : options(o) {
    embedding = register_module("embedding", nn::Embedding(nn::EmbeddingOptions(o.vocab_size(), o.dim()).padding_idx(0)));
    if (o.cell() == "gru") {
      gru = register_module("rnn", nn::GRU(nn::GRUOptions(o.dim(), o.hidden())
                                               .num_layers(o.layers())
                                               .bidirectional(o.bidirectional())
                                               .dropout(o.dropout())
                                               .batch_first(true)));
    } else {
      lstm = register_module("rnn", nn::LSTM(nn::LSTMOptions(o.dim(), o.hidden())
                                                 .num_layers(o.layers())
                                                 .bidirectional(o.bidirectional())
                                                 .dropout(o.dropout())
                                                 .batch_first(true)));
    }
  }
  PortValues forward(const PortValues& inputs) override {
    const auto& in = inputs.at("in");
    auto x = tap("embeddings", embedding(in.value));
    // Packing makes padding invisible to the recurrence (the backward direction would otherwise start
    // on padding). A sample without any token is run over one padding token and zeroed afterwards.
    auto lengths = in.mask.sum(1).clamp_min(1).to(torch::kCPU, torch::kLong);
    auto packed = nn::utils::rnn::pack_padded_sequence(x, lengths, /*batch_first=*/true, /*enforce_sorted=*/false);
    auto out_packed = gru ? std::get<0>(gru->forward_with_packed_input(packed))
                          : std::get<0>(lstm->forward_with_packed_input(packed));
    auto out = std::get<0>(nn::utils::rnn::pad_packed_sequence(out_packed, /*batch_first=*/true, 0.0, x.size(1)));
    return textOutputs(out, in);
  }
  ox::OnnxPorts toOnnx(ox::OnnxGraph& g, const ox::OnnxPorts& inputs) override {
    const auto& in = inputs.at("in");
    auto x = ox::embedding(g, *embedding, in.value);
    // As packing above: ONNX's sequence_lens keep padding out of both directions; at least one step per sample.
    auto lengths = ox::reduceSum(g, ox::cast(g, in.mask, ox::ElemType::Float), {1});
    lengths = ox::cast(g, g.op("Max", {lengths, g.scalar(1.0f)}), ox::ElemType::Int32);
    auto out = gru ? ox::recurrent(g, *gru, true, options.layers(), options.bidirectional(), options.hidden(), x, lengths)
                   : ox::recurrent(g, *lstm, false, options.layers(), options.bidirectional(), options.hidden(), x, lengths);
    return textOutputsOnnx(g, out, in);
  }
  TextRnnOptions options;
  nn::Embedding embedding{nullptr};
  nn::LSTM lstm{nullptr};
  nn::GRU gru{nullptr};
};
TORCH_MODULE(TextRnn);

struct TextTransformerOptions {
  TORCH_ARG(int64_t, vocab_size) = 1000;
  TORCH_ARG(int64_t, max_length) = 64;
  TORCH_ARG(int64_t, dim) = 64;
  TORCH_ARG(int64_t, heads) = 4;
  TORCH_ARG(int64_t, layers) = 2;
  TORCH_ARG(int64_t, ff_dim) = 128;
  TORCH_ARG(double, dropout) = 0.1;
};

class TextTransformerImpl : public NodeModuleImpl {
 public:
  explicit TextTransformerImpl(const TextTransformerOptions& o) : options(o) {
    embedding = register_module("embedding", nn::Embedding(nn::EmbeddingOptions(o.vocab_size(), o.dim()).padding_idx(0)));
    position = register_parameter("position", torch::randn({o.max_length(), o.dim()}) * 0.02);
    encoder = register_module(
        "encoder", nn::TransformerEncoder(nn::TransformerEncoderOptions(
            nn::TransformerEncoderLayerOptions(o.dim(), o.heads()).dim_feedforward(o.ff_dim()).dropout(o.dropout()),
            o.layers())));
  }
  PortValues forward(const PortValues& inputs) override {
    const auto& in = inputs.at("in");
    auto x = tap("embeddings", embedding(in.value)) + position.unsqueeze(0);
    auto y = encoder->forward(x.transpose(0, 1), /*src_mask=*/torch::Tensor(), safeKeyPaddingMask(in.mask)).transpose(0, 1);
    return textOutputs(y, in);
  }
  ox::OnnxPorts toOnnx(ox::OnnxGraph& g, const ox::OnnxPorts& inputs) override {
    const auto& in = inputs.at("in");
    auto x = ox::add(g, ox::embedding(g, *embedding, in.value), g.weight(position, "position"));
    return textOutputsOnnx(g, ox::transformerEncoder(g, *encoder, x, ox::safeKeyPaddingMask(g, in.mask)), in);
  }
  TextTransformerOptions options;
  nn::Embedding embedding{nullptr};
  torch::Tensor position;
  nn::TransformerEncoder encoder{nullptr};
};
TORCH_MODULE(TextTransformer);

const std::vector<PortDecl> kTextIn = {port("in", {PortKind::Text}, "Token ids [B, L] with a token mask")};
const std::vector<PortDecl> kTextOut = {
    port("features", {PortKind::Features}, "Mean over the real tokens"),
    port("tokens", {PortKind::Tokens}, "One vector per token (padding zeroed), with the token mask")};

std::map<std::string, PortShape> textShapes(const PortShape& in, int64_t d) {
  return {{"features", shape(PortKind::Features, {d})}, {"tokens", shape(PortKind::Tokens, {in.dims[0], d})}};
}

}  // namespace

void registerTextEncoders(NodeRegistry& r) {
  const ParamDecl dim = intParam("dim", 64, 1, 4096, "Embedding size");
  {
    NodeTypeInfo t;
    t.type = "text.bag_of_embeddings";
    t.title = "Bag of embeddings";
    t.category = "Text encoders";
    t.role = NodeRole::Encoder;
    t.doc = "Word embeddings averaged over the real tokens: fast and order-free.";
    t.inputs = kTextIn;
    t.outputs = kTextOut;
    t.params = {dim};
    t.infer = [](InferContext& c) { return textShapes(c.in("in"), c.params.i("dim")); };
    t.factory = [](const BuildContext& c) {
      return BagOfEmbeddings(
                 BagOfEmbeddingsOptions().vocab_size(c.inputs.at("in").cardinalities.at(0)).dim(c.params.i("dim")))
          .ptr();
    };
    r.add(t);
  }
  {
    NodeTypeInfo t;
    t.type = "text.rnn";
    t.title = "Embedding + LSTM/GRU";
    t.category = "Text encoders";
    t.role = NodeRole::Encoder;
    t.doc = "Word embeddings read by a (bidirectional) LSTM or GRU over the real tokens; features are the mean "
            "of its outputs.";
    t.inputs = kTextIn;
    t.outputs = kTextOut;
    t.params = {dim, choiceParam("cell", "lstm", {"lstm", "gru"}, "Recurrent cell"),
                intParam("hidden", 64, 1, 4096, "Hidden size per direction"),
                intParam("layers", 1, 1, 8, "Stacked recurrent layers"),
                boolParam("bidirectional", true, "Read the text in both directions"),
                floatParam("dropout", 0.0, 0.0, 0.9, "Dropout between stacked layers")};
    t.infer = [](InferContext& c) {
      return textShapes(c.in("in"), c.params.i("hidden") * (c.params.b("bidirectional") ? 2 : 1));
    };
    t.factory = [](const BuildContext& c) {
      return TextRnn(TextRnnOptions()
                         .vocab_size(c.inputs.at("in").cardinalities.at(0))
                         .dim(c.params.i("dim"))
                         .cell(c.params.s("cell"))
                         .hidden(c.params.i("hidden"))
                         .layers(c.params.i("layers"))
                         .bidirectional(c.params.b("bidirectional"))
                         .dropout(c.params.i("layers") > 1 ? c.params.f("dropout") : 0.0))
          .ptr();
    };
    r.add(t);
  }
  {
    NodeTypeInfo t;
    t.type = "text.transformer";
    t.title = "Transformer encoder";
    t.category = "Text encoders";
    t.role = NodeRole::Encoder;
    t.doc = "Word plus learned position embeddings through a small Transformer encoder (post-norm, ReLU).";
    t.inputs = kTextIn;
    t.outputs = kTextOut;
    t.params = {dim, intParam("heads", 4, 1, 64, "Attention heads (must divide dim)"),
                intParam("layers", 2, 1, 24, "Encoder layers"),
                intParam("ff_dim", 128, 1, 65536, "Feed-forward size"),
                floatParam("dropout", 0.1, 0.0, 0.9, "Dropout inside the encoder")};
    t.infer = [](InferContext& c) {
      if (c.params.i("dim") % c.params.i("heads") != 0) {
        c.paramError("heads", FB_TEXT("heads must divide dim (%1)"), {std::to_string(c.params.i("dim"))});
        return std::map<std::string, PortShape>{};
      }
      return textShapes(c.in("in"), c.params.i("dim"));
    };
    t.factory = [](const BuildContext& c) {
      const auto& in = c.inputs.at("in");
      return TextTransformer(TextTransformerOptions()
                                 .vocab_size(in.cardinalities.at(0))
                                 .max_length(in.dims[0])
                                 .dim(c.params.i("dim"))
                                 .heads(c.params.i("heads"))
                                 .layers(c.params.i("layers"))
                                 .ff_dim(c.params.i("ff_dim"))
                                 .dropout(c.params.f("dropout")))
          .ptr();
    };
    r.add(t);
  }
}

}  // namespace fusebench::nodes
