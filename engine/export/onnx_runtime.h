#pragma once
// Runs an ONNX file in ONNX Runtime, a runtime that is not ours, to check an export against LibTorch (or, where it
// is missing, in OpenCV's DNN module). ONNX
// Runtime's CPU build comes with the npm package onnxruntime-node; it is driven through Node.js (a small script
// this file writes next to the inputs), so Fusebench neither links it nor needs it to run.
//
// Where it is looked for, first found wins: $FUSEBENCH_ONNXRUNTIME (a folder holding
// node_modules/onnxruntime-node, or that package folder itself), ~/.local/share/fusebench/onnxruntime, and the
// source tree's tools/onnxruntime (what packaging/install-deps.sh sets up for development). Node.js: $FUSEBENCH_NODE
// or `node` on the PATH.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <torch/torch.h>

namespace fusebench::onnx_export {

struct RuntimeLocation {
  std::string node;     // the Node.js executable
  std::string package;  // the onnxruntime-node package folder
  std::string version;  // its package.json version
};

// Where ONNX Runtime is, or why it is not usable (`why` lists what was tried).
std::optional<RuntimeLocation> findOnnxRuntime(std::string& why);

using NamedTensors = std::map<std::string, torch::Tensor>;

// Runs `model_file` once per entry of `cases` (one session, so a batch-1 and a batch-N case cost one start)
// and returns every output by name, per case. On failure: nullopt and the runtime's own message.
std::optional<std::vector<NamedTensors>> runOnnxRuntime(const RuntimeLocation& where, const std::string& model_file,
                                                         const std::vector<NamedTensors>& cases, std::string& error);

// The second runtime, where ONNX Runtime is missing: OpenCV's DNN module in its own process (fusebench-onnx-opencv,
// looked for in $FUSEBENCH_OPENCV_CHECKER, beside this program, then in the build tree), since it has crashed on
// some models. It takes float inputs only and cannot fetch an Identity's output, so it runs an equivalent variant
// of the file (OnnxGraph::forFloatRuntime); the inputs here are converted to match.
struct OpenCvChecker {
  std::string program;
  std::string version;  // OpenCV's, e.g. "4.6.0"
};
std::optional<OpenCvChecker> findOpenCvChecker(std::string& why);

// `crashed`: the checker died by a signal (error says which) rather than refusing the model.
std::optional<std::vector<NamedTensors>> runOpenCvChecker(const OpenCvChecker& checker, const std::string& model_file,
                                                          const std::vector<std::string>& outputs,
                                                          const std::vector<NamedTensors>& cases, std::string& error,
                                                          bool& crashed);

}  // namespace fusebench::onnx_export
