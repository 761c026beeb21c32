#pragma once
// Tensors in the golden files of tests/reference ({"shape": [...], "dtype": "float32" | "int64" | "bool",
// "data": [...]}, as make_golden.py and make_torchscript_encoders.py write them).
#include <nlohmann/json.hpp>
#include <torch/torch.h>

namespace fusebench::testing {

inline torch::Tensor tensorFromJson(const nlohmann::json& j) {
  auto shape = j.at("shape").get<std::vector<int64_t>>();
  const std::string dtype = j.at("dtype");
  const auto& data = j.at("data");
  if (dtype == "float32") {
    std::vector<float> v;
    v.reserve(data.size());
    for (const auto& x : data) v.push_back(x.get<float>());
    return torch::tensor(v, torch::kFloat).reshape(shape);
  }
  std::vector<int64_t> v;
  v.reserve(data.size());
  for (const auto& x : data) v.push_back(x.is_boolean() ? int64_t(x.get<bool>()) : x.get<int64_t>());
  auto t = torch::tensor(v, torch::kLong).reshape(shape);
  return dtype == "bool" ? t.to(torch::kBool) : t;
}

}  // namespace fusebench::testing
