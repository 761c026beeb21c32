#pragma once
// Base of encoders that produce a spatial feature map [B, C, H, W] (image CNNs, spectrogram CNNs):
// features = global average pool (optionally projected), tokens = one per spatial position. The feature
// map is kept as the "feature_map" internal for Grad-CAM.
#include "nodes/linear_layer.h"
#include "nodes/node_module.h"

namespace fusebench::nodes {

class FeatureMapEncoderImpl : public NodeModuleImpl {
 public:
  PortValues forward(const PortValues& inputs) override;
  onnx_export::OnnxPorts toOnnx(onnx_export::OnnxGraph& g, const onnx_export::OnnxPorts& inputs) override;

 protected:
  // [B, ...] input value -> [B, C, H, W]
  virtual torch::Tensor featureMap(const torch::Tensor& x) = 0;
  // Token sequence from the feature map; default: every spatial position, row-major.
  virtual torch::Tensor tokens(const torch::Tensor& fm) { return fm.flatten(2).transpose(1, 2); }
  void setProjection(int64_t in, int64_t out_dim);
  // The same two steps as ONNX operators.
  virtual std::string featureMapOnnx(onnx_export::OnnxGraph& g, const std::string& x) = 0;
  virtual std::string tokensOnnx(onnx_export::OnnxGraph& g, const std::string& fm);

  LinearLayer proj{nullptr};
};

}  // namespace fusebench::nodes
