#pragma once
// ONNX export of a compiled model, and of a trained model bundle with its preprocessing, each checked
// against LibTorch in ONNX Runtime after writing. Plain header: no torch, no protobuf.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace fusebench {
class FusionModelImpl;
}

namespace fusebench::onnx_export {

struct OutputDifference {
  std::string output;        // "probabilities", "logits", "values"
  double batch1 = 0;         // largest |ONNX Runtime - LibTorch| over the samples run one at a time
  double batchN = 0;         // ... and run together
};

struct Verification {
  bool ran = false;
  std::string runtime;       // "ONNX Runtime 1.30.0 (onnxruntime-node, /path)"
  std::string not_run;       // why it did not run (no runtime found)
  std::string error;         // the runtime refused or failed to run the file
  int samples = 0;           // batch N; as many batch-1 runs
  int missing_cases = 0;     // of those samples, how many had at least one modality missing
  double max_difference = 0; // over the task outputs (probabilities or values) and both batch sizes
  double tolerance = 1e-4;
  std::vector<OutputDifference> outputs;
  bool passed() const { return ran && error.empty() && max_difference <= tolerance; }
  nlohmann::json json() const;
};

struct OnnxExportOutcome {
  bool ok = false;           // the file was written (and, when verification ran, it passed)
  std::string error;
  std::string file, sidecar;
  std::size_t bytes = 0, operators = 0;
  nlohmann::json inputs, outputs;  // name, type, shape, doc
  Verification verification;
};

struct ModelExportOptions {
  int64_t opset = 17;
  int verify_samples = 8;    // 0 = write without checking
  uint64_t seed = 0;
  nlohmann::json metadata = nlohmann::json::object();  // extra metadata_props (strings or JSON dumped to strings)
  std::string sidecar;       // also write this JSON description (empty = none)
  nlohmann::json sidecar_extra = nlohmann::json::object();
  // Classification: "probabilities" are softmax(logits / temperature), the bundle's calibration ("logits"
  // stay the model's own).
  double temperature = 1.0;
};

// Exports a compiled model (eval mode). The task follows from its head node type.
OnnxExportOutcome exportModel(FusionModelImpl& model, const std::string& file, const ModelExportOptions& options);

// Exports a trained model (bundle or run folder) with its preprocessing in metadata_props and in a sidecar
// JSON (FILE.json): per input the dataset column, sizes, normalization statistics, vocabulary, spectrogram
// settings; class names; how to read the outputs.
OnnxExportOutcome exportBundle(const std::string& bundle, const std::string& file, const ModelExportOptions& options);

}  // namespace fusebench::onnx_export
