#pragma once
// OnnxGraph -> an ONNX ModelProto file, checked by ONNX's own checker (libonnx, full check with shape
// inference) before anything is written.
#include <map>
#include <string>

#include "export/onnx_graph.h"

namespace fusebench::onnx_export {

struct ModelInfo {
  int64_t opset = 17;
  std::string graph_name = "fusebench";
  std::string doc;
  std::map<std::string, std::string> metadata;  // metadata_props
};

// The serialized model, or empty with `error` set (the checker's message, naming the operator). Operators no
// output depends on are left out; `operators` gets how many were written.
// Graph inputs no operator reads (an image-only model's image.present) stay declared, so every export has the same
// interface; `unused_inputs` names them.
std::string serializeModel(const OnnxGraph& g, const ModelInfo& info, std::string& error, std::size_t* operators = nullptr,
                           std::vector<std::string>* unused_inputs = nullptr);

// IR version written for an opset (ONNX's versioning table): opset 17 -> IR 8.
int64_t irVersionFor(int64_t opset);

}  // namespace fusebench::onnx_export
