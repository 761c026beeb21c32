#include "nodes/feature_map_encoder.h"

#include "export/onnx_ops.h"

namespace fusebench::nodes {

void FeatureMapEncoderImpl::setProjection(int64_t in, int64_t out_dim) {
  if (out_dim > 0) proj = register_module("proj", LinearLayer(in, out_dim));
}

PortValues FeatureMapEncoderImpl::forward(const PortValues& inputs) {
  const PortValue& in = inputs.at("in");
  auto fm = featureMap(in.value);
  internals_["feature_map"] = fm;
  auto features = fm.mean({2, 3});
  if (proj) features = proj(features);
  auto toks = tokens(fm);
  auto mask = torch::ones({toks.size(0), toks.size(1)}, toks.options().dtype(torch::kBool));
  return {{"features", PortValue{features, in.present, {}, {}}}, {"tokens", PortValue{toks, in.present, mask, {}}}};
}

namespace ox = onnx_export;

std::string FeatureMapEncoderImpl::tokensOnnx(ox::OnnxGraph& g, const std::string& fm) {
  return ox::transpose(g, ox::reshape(g, fm, {0, 0, -1}), {0, 2, 1});
}

ox::OnnxPorts FeatureMapEncoderImpl::toOnnx(ox::OnnxGraph& g, const ox::OnnxPorts& inputs) {
  const auto& in = inputs.at("in");
  auto fm = featureMapOnnx(g, in.value);
  auto features = ox::reduceMean(g, fm, {2, 3});
  if (proj) features = ox::linear(g, *proj, features);
  auto toks = tokensOnnx(g, fm);
  return {{"features", {features, in.present, "", "", 2}}, {"tokens", {toks, in.present, ox::onesMask(g, toks), "", 3}}};
}

}  // namespace fusebench::nodes
