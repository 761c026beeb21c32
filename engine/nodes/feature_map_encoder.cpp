#include "nodes/feature_map_encoder.h"

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

}  // namespace fusebench::nodes
