#include "export/onnx_export.h"

#include <algorithm>
#include <filesystem>
#include <regex>

#include <unistd.h>

#include "export/onnx_graph.h"
#include "export/onnx_runtime.h"
#include "export/onnx_writer.h"
#include "model/fusion_model.h"
#include "train/bundle_writer.h"
#include "train/output_scores.h"
#include "util/files.h"
#include "util/torch_error_text.h"

namespace fusebench::onnx_export {

namespace fs = std::filesystem;

namespace {

enum class Task { Classification, MultiLabel, Regression };

Task taskOf(const FusionModelImpl& model) {
  const auto& type = model.graph().find(model.shapes().head)->type;
  if (type == "head.multilabel") return Task::MultiLabel;
  if (type == "head.regression") return Task::Regression;
  return Task::Classification;
}

const char* taskName(Task t) {
  return t == Task::Classification ? "classification" : t == Task::MultiLabel ? "multilabel" : "regression";
}

// The model's graph with its outputs: logits and probabilities (softmax, or sigmoid per label), or values.
OnnxGraph buildGraph(FusionModelImpl& model, Task task, double temperature) {
  OnnxGraph g;
  const std::string head = model.toOnnx(g);
  g.setScope("outputs");
  const int64_t k = model.shapes().outputs.at(model.shapes().head).at("out").last();
  if (task == Task::Regression) {
    g.addOutput({g.opNamed("Identity", {head}, "values"), ElemType::Float, {-1, k}, "predicted values, one per output"});
    return g;
  }
  g.addOutput({g.opNamed("Identity", {head}, "logits"), ElemType::Float, {-1, k}, "raw scores, one per class"});
  const bool scaled = task == Task::Classification && temperature != 1.0;
  const std::string scores = scaled ? g.op("Div", {head, g.scalar(static_cast<float>(temperature))}, {}, "calibrated logits") : head;
  const auto probabilities = task == Task::Classification
                                 ? g.opNamed("Softmax", {scores}, "probabilities", {attr("axis", int64_t{1})})
                                 : g.opNamed("Sigmoid", {head}, "probabilities");
  g.addOutput({probabilities, ElemType::Float, {-1, k},
               task == Task::Classification ? "class probabilities (sum to 1)" : "independent label probabilities"});
  return g;
}

// Valid inputs for every field, with modalities missing: sample 0 has all, sample 1 none, the rest at random;
// the last sample's text is all padding (no real token), which the text encoders must survive.
TensorMap checkInputs(FusionModelImpl& model, int64_t n, uint64_t seed) {
  auto inputs = exampleInputs(model, n, seed);
  auto gen = at::detail::createCPUGenerator(seed + 1);
  std::vector<std::string> fields;
  for (const auto& [name, t] : inputs)
    if (name.find('.') == std::string::npos) fields.push_back(name);
  for (const auto& f : fields) {
    auto present = torch::rand({n}, gen) >= 0.3;
    present[0] = true;
    if (n > 2) present[1] = false;
    inputs[f + ".present"] = present;
    if (inputs[f].scalar_type() == torch::kLong && inputs[f].dim() == 2 && n > 2) inputs[f][n - 1].zero_();
  }
  return inputs;
}

NamedTensors libtorchOutputs(FusionModelImpl& model, const TensorMap& inputs, Task task, double temperature) {
  torch::NoGradGuard noGrad;
  auto logits = model.forward(inputs).prediction;
  if (task == Task::Regression) return {{"values", logits}};
  const auto kind = task == Task::Classification ? data::TargetTask::Classification : data::TargetTask::MultiLabel;
  return {{"logits", logits}, {"probabilities", train::outputScores(logits, kind, temperature)}};
}

NamedTensors sliceRow(const TensorMap& inputs, int64_t b) {
  NamedTensors out;
  for (const auto& [name, t] : inputs) out[name] = t.slice(0, b, b + 1).contiguous();
  return out;
}

// Largest |a - b|; regression values relative to their size (beyond 1).
double difference(const torch::Tensor& onnx, const torch::Tensor& ref, bool relative) {
  if (onnx.sizes() != ref.sizes()) return std::numeric_limits<double>::infinity();
  auto d = (onnx.to(torch::kDouble) - ref.to(torch::kDouble)).abs();
  if (relative) d = d / ref.to(torch::kDouble).abs().clamp_min(1.0);
  if (torch::isnan(d).any().item<bool>()) return std::numeric_limits<double>::infinity();
  return d.numel() ? d.max().item<double>() : 0.0;
}

// OpenCV's refusal, said as the operator it could not run where its log names one ("[Gather]:(onnx_node!x/Gather_0)",
// "Can't create layer "N" of type "T""), else its exception's message without the source location.
std::string openCvRefusal(const std::string& error) {
  std::smatch m;
  if (std::regex_search(error, m, std::regex("Can't create layer \"([^\"]*)\" of type \"([^\"]*)\"")))
    return "it has no layer for the ONNX operator " + m[2].str() + " (at " + std::regex_replace(m[1].str(), std::regex("^onnx_node!"), "") + ")";
  if (std::regex_search(error, m, std::regex("Unsupported data type: ([A-Z0-9]+)")))
    return "it has no tensors of type " + m[1].str() + " (the masks of missing modalities and padding are bool)";
  if (std::regex_search(error, m, std::regex("\\[([A-Za-z]+)\\]:\\(onnx_node!([^)]*)\\)")))
    return "it could not run the ONNX operator " + m[1].str() + " (at " + m[2].str() + ")";
  std::string last = error.substr(error.rfind('\n') == std::string::npos ? 0 : error.rfind('\n') + 1);
  if (auto at = last.find("error: "); at != std::string::npos) last = last.substr(at + 7);
  return last;
}

// The float-input variant in OpenCV's DNN, for machines without ONNX Runtime. OpenCV refusing an operator or
// crashing leaves the file unchecked (not_run says why, naming the operator): its limits are not the export's.
std::optional<std::vector<NamedTensors>> runOpenCv(const OnnxGraph& g, const ModelInfo& info,
                                                   const std::vector<std::string>& unused,
                                                   const std::vector<NamedTensors>& cases, const std::string& noOrt,
                                                   Verification& v) {
  std::string why;
  auto checker = findOpenCvChecker(why);
  if (!checker) {
    v.not_run = noOrt + "; " + why;
    return std::nullopt;
  }
  const std::string who = "OpenCV " + checker->version + " DNN";
  const std::string variant = serializeModel(g.forFloatRuntime(unused), info, why);
  const auto variantFile = fs::temp_directory_path() / ("fusebench-opencv-check-" + std::to_string(::getpid()) + ".onnx");
  if (variant.empty() || !writeFile(variantFile.string(), variant, why)) {
    v.not_run = noOrt + "; the variant of the file for " + who + " could not be written: " + why;
    return std::nullopt;
  }
  std::vector<std::string> outputs;
  for (const auto& o : g.outputs()) outputs.push_back(o.name);
  bool crashed = false;
  std::vector<NamedTensors> read(cases.size());  // only the inputs the model reads: OpenCV refuses any other
  for (std::size_t c = 0; c < cases.size(); ++c)
    for (const auto& [name, t] : cases[c])
      if (std::find(unused.begin(), unused.end(), name) == unused.end()) read[c][name] = t;
  auto results = runOpenCvChecker(*checker, variantFile.string(), outputs, read, why, crashed);
  std::error_code ec;
  fs::remove(variantFile, ec);
  if (!results) {
    v.not_run = noOrt + "; " + (crashed ? why : who + " could not run it: " + openCvRefusal(why)) + ". The file is not checked";
    return std::nullopt;
  }
  v.runtime = who + " (" + checker->program + ", on the same graph with float inputs cast inside; " + noOrt + ")";
  v.ran = true;
  return results;
}

// ONNX Runtime where it is installed (FUSEBENCH_CHECK_RUNTIME=opencv sets it aside), else OpenCV's DNN. Without
// either the file stays unchecked and not_run says why; ONNX Runtime failing on the file is an error of the export.
std::optional<std::vector<NamedTensors>> runChecks(const OnnxGraph& g, const ModelInfo& info,
                                                   const std::vector<std::string>& unused, const std::string& file,
                                                   const std::vector<NamedTensors>& cases, Verification& v) {
  const char* forced = std::getenv("FUSEBENCH_CHECK_RUNTIME");
  std::string noOrt = "ONNX Runtime set aside (FUSEBENCH_CHECK_RUNTIME=opencv)";
  if (!forced || std::string(forced) != "opencv") {
    auto where = findOnnxRuntime(noOrt);
    if (where) {
      v.runtime = "ONNX Runtime " + where->version + " (onnxruntime-node, " + where->package + ")";
      v.ran = true;
      return runOnnxRuntime(*where, file, cases, v.error);
    }
  }
  return runOpenCv(g, info, unused, cases, noOrt, v);
}

Verification verify(FusionModelImpl& model, const OnnxGraph& g, const ModelInfo& info,
                    const std::vector<std::string>& unused, const std::string& file, Task task,
                    const ModelExportOptions& options) {
  Verification v;
  const int64_t n = std::max(options.verify_samples, 2);
  v.samples = static_cast<int>(n);
  const auto inputs = checkInputs(model, n, options.seed);
  for (int64_t b = 0; b < n; ++b) {
    bool missing = false;
    for (const auto& [name, t] : inputs)
      if (name.size() > 8 && name.compare(name.size() - 8, 8, ".present") == 0) missing |= !t[b].item<bool>();
    v.missing_cases += missing ? 1 : 0;
  }
  const auto reference = libtorchOutputs(model, inputs, task, options.temperature);
  std::vector<NamedTensors> cases{NamedTensors(inputs.begin(), inputs.end())};
  for (int64_t b = 0; b < n; ++b) cases.push_back(sliceRow(inputs, b));
  auto results = runChecks(g, info, unused, file, cases, v);
  if (!results) return v;
  for (const auto& [name, ref] : reference) {
    OutputDifference d;
    d.output = name;
    const bool relative = name == "values";
    auto found = results->at(0).find(name);
    d.batchN = found == results->at(0).end() ? std::numeric_limits<double>::infinity() : difference(found->second, ref, relative);
    for (int64_t b = 0; b < n; ++b) {
      const auto& one = results->at(static_cast<std::size_t>(b + 1));
      auto it = one.find(name);
      d.batch1 = std::max(d.batch1, it == one.end() ? std::numeric_limits<double>::infinity()
                                                    : difference(it->second, ref.slice(0, b, b + 1), relative));
    }
    if (name != "logits") v.max_difference = std::max({v.max_difference, d.batch1, d.batchN});
    v.outputs.push_back(d);
  }
  return v;
}

nlohmann::json valueInfoJson(const std::vector<ValueInfo>& values) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& v : values) {
    nlohmann::json shape = nlohmann::json::array();
    for (auto d : v.dims) shape.push_back(d == -1 ? nlohmann::json("batch") : nlohmann::json(d));
    const char* type = v.type == ElemType::Float ? "float32" : v.type == ElemType::Int64 ? "int64" : v.type == ElemType::Bool ? "bool" : "int32";
    out.push_back({{"name", v.name}, {"type", type}, {"shape", shape}, {"doc", v.doc}});
  }
  return out;
}

std::string metadataValue(const nlohmann::json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

}  // namespace

nlohmann::json Verification::json() const {
  nlohmann::json j{{"ran", ran}, {"tolerance", tolerance}};
  if (!ran) {
    j["not_run"] = not_run;
    return j;
  }
  j["runtime"] = runtime;
  if (!error.empty()) j["error"] = error;
  j["samples"] = samples;
  j["samples_with_missing_modalities"] = missing_cases;
  j["max_difference"] = max_difference;
  j["passed"] = passed();
  for (const auto& o : outputs) j["outputs"][o.output] = {{"batch_1", o.batch1}, {"batch_" + std::to_string(samples), o.batchN}};
  return j;
}

OnnxExportOutcome exportModel(FusionModelImpl& model, const std::string& file, const ModelExportOptions& options) {
  OnnxExportOutcome out;
  out.file = file;
  if (options.opset != 17) {
    out.error = "opset " + std::to_string(options.opset) +
                " is not written: Fusebench writes opset 17 (LayerNormalization needs 17; 18 changed the reductions)";
    return out;
  }
  model.eval();
  const Task task = taskOf(model);
  OnnxGraph g;
  try {
    g = buildGraph(model, task, options.temperature);
  } catch (const Unsupported& e) {
    out.error = std::string("cannot export to ONNX: ") + e.what();
    return out;
  } catch (const std::exception& e) {
    out.error = "cannot export to ONNX: " + torchErrorText(e);
    return out;
  }
  ModelInfo info;
  info.opset = options.opset;
  info.doc = "Exported by Fusebench. Inputs: per field F, F (data after preprocessing), F.present (false = missing "
             "modality) and F.categorical for categorical columns. See metadata_props and the sidecar JSON.";
  info.metadata["fusebench.task"] = taskName(task);
  info.metadata["fusebench.inputs"] = valueInfoJson(g.inputs()).dump();
  info.metadata["fusebench.outputs"] = valueInfoJson(g.outputs()).dump();
  for (const auto& [k, v] : options.metadata.items()) info.metadata[k] = metadataValue(v);
  std::vector<std::string> unused;
  const std::string bytes = serializeModel(g, info, out.error, &out.operators, &unused);
  if (bytes.empty()) return out;
  if (!writeFileAtomic(file, bytes, out.error)) return out;
  out.bytes = bytes.size();
  out.inputs = valueInfoJson(g.inputs());
  for (auto& i : out.inputs)  // declared for a uniform interface, e.g. an image-only model's image.present
    if (std::find(unused.begin(), unused.end(), i["name"].get<std::string>()) != unused.end()) i["doc"] = i["doc"].get<std::string>() + " (not read by this model)";
  out.outputs = valueInfoJson(g.outputs());
  if (options.verify_samples > 0) {
    out.verification = verify(model, g, info, unused, file, task, options);
    if (out.verification.ran && !out.verification.passed()) {
      out.error = !out.verification.error.empty()
                      ? out.verification.error
                      : "the exported model differs from LibTorch by " + std::to_string(out.verification.max_difference) +
                            " (tolerance 1e-4) in " + out.verification.runtime;
    }
  }
  if (!options.sidecar.empty()) {
    nlohmann::json side = options.sidecar_extra;
    side["format"] = "fusebench-onnx";
    side["version"] = 1;
    side["onnx_file"] = fs::path(file).filename().string();
    side["opset"] = options.opset;
    side["task"] = taskName(task);
    side["inputs"] = out.inputs;
    side["outputs"] = out.outputs;
    side["verification"] = out.verification.json();
    std::string error;
    if (!writeFileAtomic(options.sidecar, side.dump(2) + "\n", error)) {
      out.error = error;
      return out;
    }
    out.sidecar = options.sidecar;
  }
  out.ok = out.error.empty();
  return out;
}

OnnxExportOutcome exportBundle(const std::string& bundle_path, const std::string& file, const ModelExportOptions& options) {
  OnnxExportOutcome out;
  auto bundle = train::openBundle(bundle_path, out.error);
  if (!bundle) return out;
  const auto& pipeline = *bundle->pipeline;
  ModelExportOptions o = options;
  if (o.sidecar.empty()) o.sidecar = file + ".json";
  nlohmann::json inputs = nlohmann::json::object();
  for (const auto& b : pipeline.bindings()) {
    nlohmann::json columns = b.column.empty() ? nlohmann::json::array() : nlohmann::json::array({b.column});
    for (const auto& c : b.numeric_columns) columns.push_back(c);
    inputs[b.field] = {{"node", b.node}, {"kind", kindName(b.kind)}, {"columns", columns}, {"parameters", b.params}};
    if (!b.categorical_columns.empty()) inputs[b.field]["categorical_columns"] = b.categorical_columns;
  }
  o.sidecar_extra["model"] = bundle->name;
  o.sidecar_extra["classes"] = pipeline.classes();
  o.sidecar_extra["fields"] = inputs;
  o.sidecar_extra["preprocessing"] = pipeline.state();
  o.metadata["fusebench.model"] = bundle->name;
  o.metadata["fusebench.classes"] = nlohmann::json(pipeline.classes()).dump();
  o.metadata["fusebench.fields"] = inputs.dump();
  o.metadata["fusebench.preprocessing"] = pipeline.state().dump();
  if (bundle->calibrated && pipeline.task() == data::TargetTask::Classification) {
    o.temperature = bundle->temperature;
    o.metadata["fusebench.calibration"] = bundle->calibration.dump();
    o.sidecar_extra["calibration"] = bundle->calibration;
  }
  return exportModel(*bundle->model, file, o);
}

}  // namespace fusebench::onnx_export
