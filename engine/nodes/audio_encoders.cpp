// Audio encoders: a 2D CNN over log-mel spectrograms and a 1D CNN over raw waveforms. Both emit time-ordered
// tokens so attention fusion and explanations can point at moments in the recording.
#include "export/onnx_ops.h"
#include "graph/decl_helpers.h"
#include "nodes/conv_blocks.h"
#include "nodes/feature_map_encoder.h"
#include "nodes/register.h"

namespace fusebench::nodes {
namespace {

using namespace decl;
namespace nn = torch::nn;

struct SpectrogramCnnOptions {
  TORCH_ARG(ConvStackOptions, stack);
  TORCH_ARG(int64_t, out_dim) = 0;
};

class SpectrogramCnnImpl : public FeatureMapEncoderImpl {
 public:
  explicit SpectrogramCnnImpl(const SpectrogramCnnOptions& o) : options(o) {
    stack = register_module("stack", ConvStack(o.stack()));
    setProjection(convStackChannels(o.stack()), o.out_dim());
  }
  SpectrogramCnnOptions options;
  ConvStack stack{nullptr};

 protected:
  torch::Tensor featureMap(const torch::Tensor& x) override { return stack(x.unsqueeze(1)); }
  // One token per time step: the feature map averaged over frequency.
  torch::Tensor tokens(const torch::Tensor& fm) override { return fm.mean(2).transpose(1, 2); }
  std::string featureMapOnnx(onnx_export::OnnxGraph& g, const std::string& x) override {
    return onnx_export::layer(g, stack->body.ptr(), onnx_export::unsqueeze(g, x, {1}));
  }
  std::string tokensOnnx(onnx_export::OnnxGraph& g, const std::string& fm) override {
    return onnx_export::transpose(g, onnx_export::reduceMean(g, fm, {2}), {0, 2, 1});
  }
};
TORCH_MODULE(SpectrogramCnn);

struct WaveformCnnOptions {
  TORCH_ARG(int64_t, depth) = 3;
  TORCH_ARG(int64_t, width) = 16;
  TORCH_ARG(int64_t, first_kernel) = 80;
  TORCH_ARG(int64_t, first_stride) = 4;
  TORCH_ARG(int64_t, pool) = 4;
  TORCH_ARG(int64_t, out_dim) = 0;
};

class WaveformCnnImpl : public NodeModuleImpl {
 public:
  explicit WaveformCnnImpl(const WaveformCnnOptions& o) : options(o) {
    body = nn::Sequential(nn::Conv1d(nn::Conv1dOptions(1, o.width(), o.first_kernel()).stride(o.first_stride()).bias(false)),
                          nn::BatchNorm1d(o.width()), nn::ReLU());
    int64_t in = o.width();
    for (int64_t s = 0; s < o.depth(); ++s) {
      const int64_t out = std::min<int64_t>(o.width() << (s + 1), 512);
      body->push_back(nn::Conv1d(nn::Conv1dOptions(in, out, 3).padding(1).bias(false)));
      body->push_back(nn::BatchNorm1d(out));
      body->push_back(nn::ReLU());
      body->push_back(nn::MaxPool1d(nn::MaxPool1dOptions(o.pool())));
      in = out;
    }
    register_module("body", body);
    if (o.out_dim() > 0) proj = register_module("proj", LinearLayer(in, o.out_dim()));
  }
  PortValues forward(const PortValues& inputs) override {
    const auto& in = inputs.at("in");
    auto fm = body->forward(in.value.unsqueeze(1));  // [B, C, T']
    internals_["feature_map"] = fm;
    auto features = fm.mean(2);
    if (proj) features = proj(features);
    auto toks = fm.transpose(1, 2);
    auto mask = torch::ones({toks.size(0), toks.size(1)}, toks.options().dtype(torch::kBool));
    return {{"features", PortValue{features, in.present, {}, {}}}, {"tokens", PortValue{toks, in.present, mask, {}}}};
  }
  onnx_export::OnnxPorts toOnnx(onnx_export::OnnxGraph& g, const onnx_export::OnnxPorts& inputs) override {
    namespace ox = onnx_export;
    const auto& in = inputs.at("in");
    auto fm = ox::layer(g, body.ptr(), ox::unsqueeze(g, in.value, {1}));  // [B, C, T']
    auto features = ox::reduceMean(g, fm, {2});
    if (proj) features = ox::linear(g, *proj, features);
    auto toks = ox::transpose(g, fm, {0, 2, 1});
    return {{"features", {features, in.present, "", "", 2}}, {"tokens", {toks, in.present, ox::onesMask(g, toks), "", 3}}};
  }
  WaveformCnnOptions options;
  nn::Sequential body{nullptr};
  LinearLayer proj{nullptr};
};
TORCH_MODULE(WaveformCnn);

const std::vector<PortDecl> kAudioOut = {
    port("features", {PortKind::Features}, "One feature vector per recording"),
    port("tokens", {PortKind::Tokens}, "One token per time step")};
const ParamDecl kOutDim = intParam("out_dim", 0, 0, 65536, "Project features to this size (0 = no projection)");

ConvStackOptions spectrogramStack(const Params& p) {
  return ConvStackOptions()
      .in_channels(1)
      .stages(p.i("depth"))
      .width(p.i("width"))
      .batch_norm(p.b("batch_norm"))
      .pooling(p.s("pooling"));
}

}  // namespace

void registerAudioEncoders(NodeRegistry& r) {
  {
    NodeTypeInfo t;
    t.type = "audio.spectrogram_cnn";
    t.title = "Spectrogram CNN";
    t.category = "Audio encoders";
    t.role = NodeRole::Encoder;
    t.doc = "A 2D CNN over the log-mel spectrogram (mel bands x frames); tokens are time steps.";
    t.inputs = {port("in", {PortKind::Spectrogram}, "Log-mel spectrograms [B, M, F]")};
    t.outputs = kAudioOut;
    t.params = {intParam("depth", 3, 1, 8, "Number of conv stages"),
                intParam("width", 16, 1, 512, "Channels of the first stage"),
                boolParam("batch_norm", true, "Batch normalization after each convolution"),
                choiceParam("pooling", "max", {"max", "avg"}, "Pooling after each stage"), kOutDim};
    t.infer = [](InferContext& c) {
      std::map<std::string, PortShape> out;
      const auto& in = c.in("in");
      auto o = spectrogramStack(c.params);
      const int64_t m = convStackOutSize(in.dims[0], o), f = convStackOutSize(in.dims[1], o);
      if (m < 1 || f < 1) {
        c.error("in", {FB_TEXT("spectrogram too small for %1 pooling stages"), FB_TEXT("mel bands and frames >= %2"), "%3",
                       {std::to_string(o.stages()), std::to_string(int64_t{1} << o.stages()), in.str()}});
        return out;
      }
      const int64_t ch = convStackChannels(o), od = c.params.i("out_dim");
      out["features"] = shape(PortKind::Features, {od > 0 ? od : ch});
      out["tokens"] = shape(PortKind::Tokens, {f, ch});
      return out;
    };
    t.factory = [](const BuildContext& c) {
      return SpectrogramCnn(SpectrogramCnnOptions().stack(spectrogramStack(c.params)).out_dim(c.params.i("out_dim")))
          .ptr();
    };
    r.add(t);
  }
  {
    NodeTypeInfo t;
    t.type = "audio.waveform_cnn";
    t.title = "Waveform CNN";
    t.category = "Audio encoders";
    t.role = NodeRole::Encoder;
    t.doc = "A 1D CNN over raw samples: a wide strided first convolution, then 3-tap conv blocks with pooling.";
    t.inputs = {port("in", {PortKind::Waveform}, "Waveforms [B, T]")};
    t.outputs = kAudioOut;
    t.params = {intParam("depth", 3, 1, 8, "Conv blocks after the first convolution"),
                intParam("width", 16, 1, 512, "Channels of the first convolution"),
                intParam("first_kernel", 80, 1, 4096, "Kernel of the first convolution, in samples"),
                intParam("first_stride", 4, 1, 1024, "Stride of the first convolution"),
                intParam("pool", 4, 2, 16, "Max-pool factor per block"), kOutDim};
    t.infer = [](InferContext& c) {
      std::map<std::string, PortShape> out;
      const auto& in = c.in("in");
      const int64_t k = c.params.i("first_kernel"), s = c.params.i("first_stride");
      int64_t len = in.dims[0] >= k ? (in.dims[0] - k) / s + 1 : 0;
      int64_t ch = c.params.i("width");
      for (int64_t i = 0; i < c.params.i("depth"); ++i) {
        len /= c.params.i("pool");
        ch = std::min<int64_t>(c.params.i("width") << (i + 1), 512);
      }
      if (len < 1) {
        c.error("in", {FB_TEXT("waveform too short for the first kernel, stride, depth and pooling"), FB_TEXT("more samples"),
                       "%1", {in.str()}});
        return out;
      }
      const int64_t od = c.params.i("out_dim");
      out["features"] = shape(PortKind::Features, {od > 0 ? od : ch});
      out["tokens"] = shape(PortKind::Tokens, {len, ch});
      return out;
    };
    t.factory = [](const BuildContext& c) {
      return WaveformCnn(WaveformCnnOptions()
                             .depth(c.params.i("depth"))
                             .width(c.params.i("width"))
                             .first_kernel(c.params.i("first_kernel"))
                             .first_stride(c.params.i("first_stride"))
                             .pool(c.params.i("pool"))
                             .out_dim(c.params.i("out_dim")))
          .ptr();
    };
    r.add(t);
  }
}

}  // namespace fusebench::nodes
