#include "model/fusion_model.h"

namespace fusebench {

TensorMap exampleInputs(const FusionModelImpl& model, int64_t batch, uint64_t seed) {
  auto gen = at::detail::createCPUGenerator(seed);
  TensorMap inputs;
  for (const auto& id : model.shapes().order) {
    const NodeSpec& spec = *model.graph().find(id);
    const NodeTypeInfo* type = builtinRegistry().find(spec.type);
    if (!type || type->role != NodeRole::Input) continue;
    const std::string field = Params(type->params, spec.params).s("field");
    const PortShape& s = model.shapes().outputs.at(id).at("out");
    std::vector<int64_t> dims{batch};
    dims.insert(dims.end(), s.dims.begin(), s.dims.end());
    switch (s.kind) {
      case PortKind::Text: {
        auto ids = torch::randint(1, s.cardinalities.at(0), dims, gen, torch::kLong);
        // Variable lengths: sample b keeps its first L - b % L tokens, the rest is padding.
        auto pos = torch::arange(s.dims[0]).unsqueeze(0);
        auto len = (s.dims[0] - torch::arange(batch) % s.dims[0]).unsqueeze(1);
        inputs[field] = ids * (pos < len).to(torch::kLong);
        break;
      }
      case PortKind::Tabular: {
        inputs[field] = torch::randn(dims, gen);
        const auto k = static_cast<int64_t>(s.cardinalities.size());
        auto cat = torch::zeros({batch, k}, torch::kLong);
        for (int64_t j = 0; j < k; ++j) cat.select(1, j).copy_(torch::randint(0, s.cardinalities[j], {batch}, gen, torch::kLong));
        inputs[field + ".categorical"] = cat;
        break;
      }
      default:
        inputs[field] = torch::randn(dims, gen);
    }
  }
  return inputs;
}

}  // namespace fusebench
