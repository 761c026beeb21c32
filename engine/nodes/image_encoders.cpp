// Image encoders: a small CNN, a VGG-style stack and a ResNet-style network of basic blocks.
#include "export/onnx_ops.h"
#include "graph/decl_helpers.h"
#include "nodes/conv_blocks.h"
#include "nodes/feature_map_encoder.h"
#include "nodes/register.h"
#include "nodes/taps.h"

namespace fusebench::nodes {
namespace {

using namespace decl;
namespace nn = torch::nn;

// Small CNN and VGG-style share one implementation: a ConvStack with different exposed parameters.
struct ConvEncoderOptions {
  TORCH_ARG(ConvStackOptions, stack);
  TORCH_ARG(int64_t, out_dim) = 0;  // 0 = features are the last stage's channels
};

class ConvEncoderImpl : public FeatureMapEncoderImpl {
 public:
  explicit ConvEncoderImpl(const ConvEncoderOptions& o) : options(o) {
    stack = register_module("stack", ConvStack(o.stack()));
    setProjection(convStackChannels(o.stack()), o.out_dim());
  }
  ConvEncoderOptions options;
  ConvStack stack{nullptr};

 protected:
  torch::Tensor featureMap(const torch::Tensor& x) override { return stack(x); }
  std::string featureMapOnnx(onnx_export::OnnxGraph& g, const std::string& x) override {
    return onnx_export::layer(g, stack->body.ptr(), x);
  }
};
TORCH_MODULE(ConvEncoder);

struct ResNetEncoderOptions {
  TORCH_ARG(int64_t, in_channels) = 3;
  TORCH_ARG(int64_t, stages) = 3;
  TORCH_ARG(int64_t, blocks_per_stage) = 2;
  TORCH_ARG(int64_t, width) = 16;
  TORCH_ARG(int64_t, out_dim) = 0;
};

class ResNetEncoderImpl : public FeatureMapEncoderImpl {
 public:
  explicit ResNetEncoderImpl(const ResNetEncoderOptions& o) : options(o) {
    stem = register_module(
        "stem", nn::Sequential(nn::Conv2d(nn::Conv2dOptions(o.in_channels(), o.width(), 3).padding(1).bias(false)),
                               nn::BatchNorm2d(o.width()), nn::ReLU()));
    blocks = nn::Sequential();
    int64_t in = o.width();
    for (int64_t s = 0; s < o.stages(); ++s) {
      const int64_t out = o.width() << s;
      for (int64_t b = 0; b < o.blocks_per_stage(); ++b) {
        blocks->push_back(BasicBlock(in, out, (s > 0 && b == 0) ? 2 : 1));
        in = out;
      }
    }
    register_module("blocks", blocks);
    setProjection(in, o.out_dim());
  }
  ResNetEncoderOptions options;
  nn::Sequential stem{nullptr}, blocks{nullptr};

 protected:
  torch::Tensor featureMap(const torch::Tensor& x) override {
    if (!currentTapRecorder()) return blocks->forward(stem->forward(x));
    torch::Tensor y = stem->forward(x);  // block by block, so each stage's output can be tapped
    std::size_t i = 0;
    const auto per = static_cast<std::size_t>(options.blocks_per_stage());
    for (auto& m : *blocks) {
      y = m.forward<torch::Tensor>(y);
      if (++i % per == 0) y = tap(stageTapName(static_cast<int64_t>(i / per)).c_str(), y);
    }
    return y;
  }
  std::string featureMapOnnx(onnx_export::OnnxGraph& g, const std::string& x) override {
    auto y = onnx_export::layer(g, stem.ptr(), x);
    for (auto& m : *blocks) y = std::dynamic_pointer_cast<BasicBlockImpl>(m.ptr())->toOnnx(g, y);
    return y;
  }
};
TORCH_MODULE(ResNetEncoder);

std::map<std::string, PortShape> encoderOutputs(int64_t channels, int64_t h, int64_t w, int64_t out_dim) {
  return {{"features", shape(PortKind::Features, {out_dim > 0 ? out_dim : channels})},
          {"tokens", shape(PortKind::Tokens, {h * w, channels})}};
}

// Reports a feature map that shrank to nothing, naming the smallest input the settings allow.
bool checkSpatial(InferContext& c, int64_t h, int64_t w, int stages) {
  const int64_t min_side = int64_t{1} << stages;
  if (h >= 1 && w >= 1) return true;
  const auto& in = c.in("in");
  c.error("in", {FB_TEXT("input too small for %1 pooling stages"), FB_TEXT("height and width >= %2"), "%3",
                 {std::to_string(stages), std::to_string(min_side), in.str()}});
  return false;
}

ConvStackOptions stackOptions(const Params& p, int64_t in_channels, int64_t convs) {
  return ConvStackOptions()
      .in_channels(in_channels)
      .stages(p.i("depth"))
      .convs_per_stage(convs)
      .width(p.i("width"))
      .batch_norm(p.b("batch_norm"))
      .pooling(p.s("pooling"));
}

const std::vector<PortDecl> kImageIn = {port("in", {PortKind::Image}, "Images [B, C, H, W]")};
const std::vector<PortDecl> kEncoderOut = {
    port("features", {PortKind::Features}, "One feature vector per image"),
    port("tokens", {PortKind::Tokens}, "One token per feature-map position, for attention fusion")};
const ParamDecl kOutDim = intParam("out_dim", 0, 0, 65536, "Project features to this size (0 = no projection)");

}  // namespace

void registerImageEncoders(NodeRegistry& r) {
  {
    NodeTypeInfo t;
    t.type = "image.small_cnn";
    t.title = "Small CNN";
    t.category = "Image encoders";
    t.role = NodeRole::Encoder;
    t.doc = "Stages of 3x3 convolution, optional batch norm, ReLU and 2x2 pooling; channels double per stage.";
    t.inputs = kImageIn;
    t.outputs = kEncoderOut;
    t.params = {intParam("depth", 3, 1, 8, "Number of conv stages"),
                intParam("width", 16, 1, 512, "Channels of the first stage"),
                boolParam("batch_norm", true, "Batch normalization after each convolution"),
                choiceParam("pooling", "max", {"max", "avg", "none"}, "Pooling after each stage"), kOutDim};
    t.infer = [](InferContext& c) {
      std::map<std::string, PortShape> out;
      const auto& in = c.in("in");
      auto o = stackOptions(c.params, in.dims[0], 1);
      const int64_t h = convStackOutSize(in.dims[1], o), w = convStackOutSize(in.dims[2], o);
      if (!checkSpatial(c, h, w, static_cast<int>(o.stages())))
        return out;
      return encoderOutputs(convStackChannels(o), h, w, c.params.i("out_dim"));
    };
    t.factory = [](const BuildContext& c) {
      return ConvEncoder(ConvEncoderOptions()
                             .stack(stackOptions(c.params, c.inputs.at("in").dims[0], 1))
                             .out_dim(c.params.i("out_dim")))
          .ptr();
    };
    r.add(t);
  }
  {
    NodeTypeInfo t;
    t.type = "image.vgg";
    t.title = "VGG-style CNN";
    t.category = "Image encoders";
    t.role = NodeRole::Encoder;
    t.doc = "VGG-style stages: several 3x3 convolutions then 2x2 max pooling; channels double per stage (max 512).";
    t.inputs = kImageIn;
    t.outputs = kEncoderOut;
    t.params = {intParam("depth", 3, 1, 6, "Number of stages"),
                intParam("convs_per_stage", 2, 1, 4, "Convolutions per stage"),
                intParam("width", 32, 1, 512, "Channels of the first stage"),
                boolParam("batch_norm", true, "Batch normalization after each convolution"), kOutDim};
    t.infer = [](InferContext& c) {
      std::map<std::string, PortShape> out;
      const auto& in = c.in("in");
      auto o = ConvStackOptions().in_channels(in.dims[0]).stages(c.params.i("depth")).width(c.params.i("width"));
      const int64_t h = convStackOutSize(in.dims[1], o), w = convStackOutSize(in.dims[2], o);
      if (!checkSpatial(c, h, w, static_cast<int>(o.stages())))
        return out;
      return encoderOutputs(convStackChannels(o), h, w, c.params.i("out_dim"));
    };
    t.factory = [](const BuildContext& c) {
      auto o = ConvStackOptions()
                   .in_channels(c.inputs.at("in").dims[0])
                   .stages(c.params.i("depth"))
                   .convs_per_stage(c.params.i("convs_per_stage"))
                   .width(c.params.i("width"))
                   .batch_norm(c.params.b("batch_norm"))
                   .pooling("max");
      return ConvEncoder(ConvEncoderOptions().stack(o).out_dim(c.params.i("out_dim"))).ptr();
    };
    r.add(t);
  }
  {
    NodeTypeInfo t;
    t.type = "image.resnet";
    t.title = "ResNet-style CNN";
    t.category = "Image encoders";
    t.role = NodeRole::Encoder;
    t.doc = "A 3x3 stem and stages of ResNet basic blocks; each stage after the first halves the resolution "
            "and doubles the channels.";
    t.inputs = kImageIn;
    t.outputs = kEncoderOut;
    t.params = {intParam("stages", 3, 1, 5, "Number of stages"),
                intParam("blocks_per_stage", 2, 1, 8, "Basic blocks per stage"),
                intParam("width", 16, 1, 256, "Channels of the first stage"), kOutDim};
    t.infer = [](InferContext& c) {
      const auto& in = c.in("in");
      int64_t h = in.dims[1], w = in.dims[2];
      for (int64_t s = 1; s < c.params.i("stages"); ++s) {
        h = (h - 1) / 2 + 1;
        w = (w - 1) / 2 + 1;
      }
      return encoderOutputs(c.params.i("width") << (c.params.i("stages") - 1), h, w, c.params.i("out_dim"));
    };
    t.factory = [](const BuildContext& c) {
      return ResNetEncoder(ResNetEncoderOptions()
                               .in_channels(c.inputs.at("in").dims[0])
                               .stages(c.params.i("stages"))
                               .blocks_per_stage(c.params.i("blocks_per_stage"))
                               .width(c.params.i("width"))
                               .out_dim(c.params.i("out_dim")))
          .ptr();
    };
    r.add(t);
  }
}

}  // namespace fusebench::nodes
