#include "nodes/conv_blocks.h"

#include "export/onnx_ops.h"
#include "nodes/taps.h"

namespace fusebench::nodes {

namespace nn = torch::nn;

static int64_t stageChannels(const ConvStackOptions& o, int64_t stage) {
  int64_t c = o.width();
  for (int64_t i = 0; i < stage && c < o.max_width(); ++i) c *= 2;
  return std::min(c, o.max_width());
}

int64_t convStackChannels(const ConvStackOptions& o) { return stageChannels(o, o.stages() - 1); }

int64_t convStackOutSize(int64_t size, const ConvStackOptions& o) {
  if (o.pooling() == "none") return size;
  for (int64_t s = 0; s < o.stages(); ++s) size /= 2;
  return size;
}

ConvStackImpl::ConvStackImpl(const ConvStackOptions& o) : options(o) {
  body = nn::Sequential();
  int64_t in = o.in_channels();
  for (int64_t s = 0; s < o.stages(); ++s) {
    const int64_t out = stageChannels(o, s);
    for (int64_t k = 0; k < o.convs_per_stage(); ++k) {
      body->push_back(nn::Conv2d(
          nn::Conv2dOptions(in, out, o.kernel_size()).padding(o.kernel_size() / 2).bias(!o.batch_norm())));
      if (o.batch_norm()) body->push_back(nn::BatchNorm2d(out));
      body->push_back(nn::ReLU());
      in = out;
    }
    if (o.pooling() == "max") body->push_back(nn::MaxPool2d(nn::MaxPool2dOptions(2)));
    if (o.pooling() == "avg") body->push_back(nn::AvgPool2d(nn::AvgPool2dOptions(2)));
  }
  register_module("body", body);
}

// Stage by stage while an explainer listens, so each stage's output can be tapped as "stage1", "stage2", …
// (the layers Grad-CAM can use).
torch::Tensor ConvStackImpl::forward(const torch::Tensor& x) {
  if (!currentTapRecorder()) return body->forward(x);
  const std::size_t perStage = static_cast<std::size_t>(options.convs_per_stage() * (options.batch_norm() ? 3 : 2) +
                                                        (options.pooling() == "none" ? 0 : 1));
  torch::Tensor y = x;
  std::size_t i = 0;
  for (auto& m : *body) {
    y = m.forward<torch::Tensor>(y);
    if (++i % perStage == 0) y = tap(stageTapName(static_cast<int64_t>(i / perStage)).c_str(), y);
  }
  return y;
}

std::string stageTapName(int64_t stage) { return "stage" + std::to_string(stage); }

BasicBlockImpl::BasicBlockImpl(int64_t in, int64_t out, int64_t stride) {
  conv1 = register_module("conv1", nn::Conv2d(nn::Conv2dOptions(in, out, 3).stride(stride).padding(1).bias(false)));
  bn1 = register_module("bn1", nn::BatchNorm2d(out));
  conv2 = register_module("conv2", nn::Conv2d(nn::Conv2dOptions(out, out, 3).padding(1).bias(false)));
  bn2 = register_module("bn2", nn::BatchNorm2d(out));
  if (stride != 1 || in != out) {
    downsample = register_module(
        "downsample", nn::Sequential(nn::Conv2d(nn::Conv2dOptions(in, out, 1).stride(stride).bias(false)),
                                     nn::BatchNorm2d(out)));
  }
}

torch::Tensor BasicBlockImpl::forward(const torch::Tensor& x) {
  auto y = torch::relu(bn1(conv1(x)));
  y = bn2(conv2(y));
  return torch::relu(y + (downsample ? downsample->forward(x) : x));
}

std::string BasicBlockImpl::toOnnx(onnx_export::OnnxGraph& g, const std::string& x) {
  namespace ox = onnx_export;
  auto y = g.op("Relu", {ox::layer(g, bn1.ptr(), ox::layer(g, conv1.ptr(), x))});
  y = ox::layer(g, bn2.ptr(), ox::layer(g, conv2.ptr(), y));
  return g.op("Relu", {ox::add(g, y, downsample ? ox::layer(g, downsample.ptr(), x) : x)});
}

}  // namespace fusebench::nodes
