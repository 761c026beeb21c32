#pragma once
// NumPy .npy files (format 1.0, C order, little endian): float32, int32, int64 and bool. How model inputs and
// outputs travel to another runtime (the export check, `predict --dump-inputs`) in a form every one reads.
#include <torch/torch.h>

#include <optional>
#include <string>

namespace fusebench::onnx_export {

std::string npyBytes(const torch::Tensor& t);  // float32, int32, int64 or bool; others become float32
bool writeNpy(const std::string& path, const torch::Tensor& t, std::string& error);
std::optional<torch::Tensor> readNpy(const std::string& path, std::string& error);

}  // namespace fusebench::onnx_export
