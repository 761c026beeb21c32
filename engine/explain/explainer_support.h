#pragma once
// Small pieces the explainer assembles an explanation from. Engine-internal (torch).
#include <string>
#include <vector>

#include <torch/torch.h>

#include "data/pipeline.h"
#include "explain/explanation.h"

namespace fusebench::explain::support {

const char* modalityKind(PortKind k);                               // "image", "text", "audio", "tabular"
std::string joinColumns(const data::InputBinding& b);               // "a, b" for tabular inputs
std::vector<std::string> bindingColumns(const data::InputBinding& b);
Map2D toMap(const torch::Tensor& t);                                // [rows, cols] (leading 1s squeezed)
std::vector<float> toVector(const torch::Tensor& t);
// Image baselines ("black", "blurred", "mean") in the model's (normalized) units; notes say what was assumed.
torch::Tensor imageBaseline(const torch::Tensor& x, const data::Pipeline& p, std::size_t k, const std::string& kind,
                            std::vector<std::string>& notes);
// The field an upstream chain starts from: walks the first input edge of each node back to an input node.
std::string sourceField(const GraphSpec& g, const data::Pipeline& p, std::string node);
std::vector<ModalityInfo> describeInputs(const data::Pipeline& p);

}  // namespace fusebench::explain::support
