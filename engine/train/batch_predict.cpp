#include "train/batch_predict.h"

#include "train/output_scores.h"

#include <filesystem>
#include <iomanip>
#include <sstream>

#include "data/loader.h"
#include "data/splits.h"
#include "export/npy.h"
#include "train/bundle_writer.h"
#include "train/thread_count_scope.h"
#include "util/files.h"
#include "util/torch_error_text.h"

namespace fusebench::train {

namespace fs = std::filesystem;

namespace {

std::string csvField(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

std::string number(float v) {
  std::ostringstream s;
  s << std::setprecision(6) << v;
  return s.str();
}

std::vector<std::string> header(const data::Pipeline& p, int64_t outputs) {
  std::vector<std::string> cols{"id"};
  if (p.task() == data::TargetTask::Regression) {
    for (int64_t k = 0; k < outputs; ++k) cols.push_back(outputs == 1 ? "value" : "value_" + std::to_string(k));
    return cols;
  }
  cols.push_back("predicted");
  for (const auto& c : p.classes()) cols.push_back("p_" + c);
  return cols;
}

// One CSV line per sample of the batch.
void appendRows(const data::Pipeline& p, const data::Dataset& ds, const data::Batch& batch, const torch::Tensor& y,
                double temperature, std::string& csv) {
  const bool regression = p.task() == data::TargetTask::Regression;
  auto scores = outputScores(y, p.task(), temperature).to(torch::kFloat).contiguous();
  const int64_t k = scores.size(1);
  const float* s = scores.data_ptr<float>();
  for (std::size_t r = 0; r < batch.samples.size(); ++r) {
    const float* row = s + static_cast<int64_t>(r) * k;
    csv += csvField(ds.id(batch.samples[r]));
    if (!regression) {
      std::string predicted;
      if (p.task() == data::TargetTask::Classification) {
        predicted = p.classes().at(static_cast<std::size_t>(std::max_element(row, row + k) - row));
      } else {
        for (int64_t c = 0; c < k; ++c)
          if (row[c] >= 0.5f) predicted += (predicted.empty() ? "" : ";") + p.classes().at(static_cast<std::size_t>(c));
      }
      csv += "," + csvField(predicted);
    }
    for (int64_t c = 0; c < k; ++c) csv += "," + number(row[c]);
    csv += "\n";
  }
}

// The batch tensors that are ONNX inputs: F, F.present, F.categorical per field.
void keepInputs(const data::Pipeline& p, const data::Batch& batch, std::map<std::string, std::vector<torch::Tensor>>& kept) {
  for (const auto& b : p.bindings())
    for (const auto& name : {b.field, b.field + ".present", b.field + ".categorical"}) {
      auto it = batch.inputs.find(name);
      if (it != batch.inputs.end() && it->second.defined()) kept[name].push_back(it->second);
    }
}

bool dumpInputs(const std::string& dir, const std::map<std::string, std::vector<torch::Tensor>>& kept,
                BatchPredictOutcome& out) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) {
    out.error = "cannot create '" + dir + "': " + ec.message();
    return false;
  }
  for (const auto& [name, parts] : kept) {
    const auto file = (fs::path(dir) / (name + ".npy")).string();
    auto t = torch::cat(parts, 0);
    if (name.size() > 8 && name.compare(name.size() - 8, 8, ".present") == 0) t = t.to(torch::kBool);
    if (!onnx_export::writeNpy(file, t, out.error)) return false;
    out.dumped.push_back(file);
  }
  return true;
}

std::vector<std::size_t> chosenSamples(const OpenedBundle& bundle, const data::Dataset& ds, const BatchPredictRequest& req,
                                       std::string& error) {
  std::vector<std::size_t> indices;
  const auto splits = req.split == "all" ? data::SplitAssignment{}
                                         : data::assignSplits(ds, {bundle.val_fraction, bundle.test_fraction, bundle.seed});
  for (std::size_t i = 0; i < ds.size() && (req.limit == 0 || indices.size() < req.limit); ++i)
    if (req.split == "all" || splits.split[i] == req.split) indices.push_back(i);
  if (indices.empty()) error = "the dataset has no samples in split '" + req.split + "'";
  return indices;
}

}  // namespace

BatchPredictOutcome predictDataset(const BatchPredictRequest& req) {
  BatchPredictOutcome out;
  const ThreadCountScope threads(req.threads);
  auto bundle = openBundle(req.bundle, out.error);
  if (!bundle) return out;
  auto opened = data::Dataset::open(req.dataset);
  if (!opened.dataset) {
    out.error = opened.errors.at(0).message;
    return out;
  }
  const data::Dataset& ds = *opened.dataset;
  const auto& pipeline = *bundle->pipeline;
  out.calibrated = bundle->calibrated && pipeline.task() == data::TargetTask::Classification;
  out.temperature = bundle->temperature;
  const auto indices = chosenSamples(*bundle, ds, req, out.error);
  if (indices.empty()) return out;
  data::LoaderOptions o;
  o.batch_size = 128;
  o.policy = data::SamplePolicy::Skip;
  o.require_target = false;
  data::Loader loader(ds, pipeline, data::mediaDecoders(), indices, o);
  const int64_t outputs = bundle->model->shapes().outputs.at(bundle->model->shapes().head).at("out").last();
  out.columns = header(pipeline, outputs);
  std::string csv;
  for (const auto& c : out.columns) csv += (csv.empty() ? "" : ",") + csvField(c);
  csv += "\n";
  std::map<std::string, std::vector<torch::Tensor>> kept;
  torch::NoGradGuard noGrad;
  try {
    loader.startEpoch(0);
    std::size_t done = 0;
    while (auto batch = loader.next()) {
      appendRows(pipeline, ds, *batch, bundle->model->forward(batch->inputs).prediction, bundle->temperature, csv);
      if (!req.dump_inputs.empty()) keepInputs(pipeline, *batch, kept);
      done += batch->samples.size();
      if (req.progress) req.progress(done + loader.skipped().size(), indices.size());
    }
  } catch (const std::exception& e) {
    out.error = torchErrorText(e);
    return out;
  }
  out.predicted = loader.used();
  for (const auto& s : loader.skipped()) out.skipped.push_back(s.reason);
  if (!req.dump_inputs.empty() && !dumpInputs(req.dump_inputs, kept, out)) return out;
  if (!writeFileAtomic(req.out, csv, out.error)) return out;
  out.ok = true;
  return out;
}

}  // namespace fusebench::train
