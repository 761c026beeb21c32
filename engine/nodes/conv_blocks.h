#pragma once
// Convolutional building blocks shared by the image and audio encoders.
#include "nodes/node_module.h"

namespace fusebench::nodes {

// Stages of [conv -> (batch norm) -> ReLU] x convs_per_stage, then a 2x2 pool; channels double per stage
// (capped at max_width). With convs_per_stage = 1 this is a plain small CNN, with more it is VGG-style.
struct ConvStackOptions {
  TORCH_ARG(int64_t, in_channels) = 3;
  TORCH_ARG(int64_t, stages) = 3;
  TORCH_ARG(int64_t, convs_per_stage) = 1;
  TORCH_ARG(int64_t, width) = 16;
  TORCH_ARG(int64_t, max_width) = 512;
  TORCH_ARG(int64_t, kernel_size) = 3;
  TORCH_ARG(bool, batch_norm) = true;
  TORCH_ARG(std::string, pooling) = "max";  // max | avg | none
};

class ConvStackImpl : public torch::nn::Module {
 public:
  explicit ConvStackImpl(const ConvStackOptions& options);
  torch::Tensor forward(const torch::Tensor& x);  // [B, C, H, W] -> [B, C', H', W']
  ConvStackOptions options;
  torch::nn::Sequential body{nullptr};
};
TORCH_MODULE(ConvStack);

// Tap name of stage s (1-based) of a ConvStack or ResNet encoder: "stage1", …
std::string stageTapName(int64_t stage);

int64_t convStackChannels(const ConvStackOptions& o);        // channels of the last stage
int64_t convStackOutSize(int64_t size, const ConvStackOptions& o);  // spatial size after all stages

// ResNet basic block: conv3x3(stride) BN ReLU conv3x3 BN, plus identity or a 1x1 projection shortcut.
class BasicBlockImpl : public torch::nn::Module {
 public:
  BasicBlockImpl(int64_t in, int64_t out, int64_t stride);
  torch::Tensor forward(const torch::Tensor& x);
  std::string toOnnx(onnx_export::OnnxGraph& g, const std::string& x);
  torch::nn::Conv2d conv1{nullptr}, conv2{nullptr};
  torch::nn::BatchNorm2d bn1{nullptr}, bn2{nullptr};
  torch::nn::Sequential downsample{nullptr};
};
TORCH_MODULE(BasicBlock);

}  // namespace fusebench::nodes
