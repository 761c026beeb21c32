#include "train/bundle.h"

#include <filesystem>
#include <fstream>

#include "data/loader.h"
#include "data/splits.h"
#include "graph/graph_json.h"
#include "train/bundle_writer.h"
#include "train/calibration.h"
#include "train/prediction_spread.h"
#include "train/uncertainty.h"
#include "train/checkpoint.h"
#include "train/metrics.h"
#include "train/predictions.h"
#include "train/run_data.h"
#include "train/thread_count_scope.h"
#include "util/files.h"
#include "util/sha256.h"
#include "util/torch_error_text.h"

namespace fusebench::train {

namespace fs = std::filesystem;

std::string bundleDir(const std::string& path) {
  if (fs::exists(fs::path(path) / "bundle.json")) return path;
  return (fs::path(path) / "model").string();
}

namespace {

// A file the node's type reads (a "file" parameter: TorchScript encoders today), set in this node.
bool readsAFile(const NodeSpec& n) {
  const NodeTypeInfo* type = builtinRegistry().find(n.type);
  return type && type->param("file") && n.params.contains("file") && n.params["file"].is_string() &&
         !n.params["file"].get<std::string>().empty();
}

// Files nodes read are copied in (encoders/<node>.pt) so the bundle stands alone; the graph it records points at
// the copies and bundle.json keeps where each came from and its SHA-256.
bool copyNodeFiles(const fs::path& dir, GraphSpec& graph, nlohmann::json& records, std::string& error) {
  records = nlohmann::json::array();
  for (auto& n : graph.nodes) {
    if (!readsAFile(n)) continue;
    const fs::path source = resolveGraphPath(graph.base_dir, n.params["file"].get<std::string>());
    const std::string copied = "encoders/" + n.id + source.extension().string();
    std::error_code ec;
    fs::create_directories(dir / "encoders", ec);
    const fs::path tmp = dir / (copied + ".tmp");
    if (!ec) fs::copy_file(source, tmp, fs::copy_options::overwrite_existing, ec);
    if (ec) {
      fs::remove(tmp, ec);
      error = "node '" + n.id + "': cannot copy its file '" + source.string() + "' into the bundle: " + ec.message();
      return false;
    }
    std::string digest;
    if (!sha256File(tmp.string(), digest, error) || !commitFile(tmp.string(), (dir / copied).string(), error)) return false;
    records.push_back({{"node", n.id}, {"file", copied}, {"source", source.lexically_normal().string()}, {"sha256", digest}});
    n.params["file"] = copied;
  }
  return true;
}

// Each copied file is the one the bundle was written with (a TorchScript file runs code): a changed one is refused.
bool checkNodeFiles(const fs::path& dir, const nlohmann::json& records, std::string& error) {
  for (const auto& r : records) {
    const std::string file = r.at("file").get<std::string>(), expected = r.at("sha256").get<std::string>();
    std::string found;
    if (!sha256File((dir / file).string(), found, error)) {
      error = "node '" + r.at("node").get<std::string>() + "': " + error;
      return false;
    }
    if (found != expected) {
      error = (dir / file).string() + " (node '" + r.at("node").get<std::string>() +
              "') has changed since the bundle was written: SHA-256 " + found + ", recorded " + expected;
      return false;
    }
  }
  return true;
}

}  // namespace

bool writeBundle(const std::string& dir, const std::string& name, const GraphSpec& graph, const data::Pipeline& pipeline,
                 FusionModelImpl& model, const TrainConfig& config, const std::string& dataset, std::string& error,
                 const nlohmann::json& calibration) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) {
    error = "cannot create '" + dir + "': " + ec.message();
    return false;
  }
  GraphSpec recorded = graph;
  nlohmann::json files;
  if (!copyNodeFiles(dir, recorded, files, error)) return false;
  nlohmann::json j;
  j["format"] = "fusebench-model";
  j["version"] = 1;
  j["name"] = name;
  j["created_by"] = std::string("Fusebench ") + FUSEBENCH_VERSION;
  j["graph"] = nlohmann::json::parse(graphToText(recorded));
  if (!files.empty()) j["files"] = files;
  j["pipeline"] = pipeline.state();
  j["split"] = {{"seed", config.seed}, {"val_fraction", config.val_fraction}, {"test_fraction", config.test_fraction}};
  j["dataset"] = dataset;
  if (calibration.is_object() && calibration.contains("temperature")) j["calibration"] = calibration;
  torch::serialize::OutputArchive archive;
  try {
    model.save(archive);
  } catch (const std::exception& e) {
    error = "cannot write the bundle's weights: " + torchErrorText(e);
    return false;
  }
  // Weights first, then the description that points at them: a bundle.json always has its weights.
  if (!writeArchive(archive, (fs::path(dir) / "weights.pt").string(), error)) return false;
  return writeFileAtomic((fs::path(dir) / "bundle.json").string(), j.dump(2) + "\n", error);
}

namespace {

// The temperature the probabilities are divided by; a bundle without "calibration" keeps the model's own.
bool readCalibration(const nlohmann::json& j, const fs::path& file, OpenedBundle& b, std::string& error) {
  const auto c = j.find("calibration");
  if (c == j.end()) return true;
  const auto t = c->is_object() ? c->find("temperature") : c->end();
  if (!c->is_object() || t == c->end() || !t->is_number() || !(t->get<double>() >= kMinTemperature) ||
      !(t->get<double>() <= kMaxTemperature)) {
    error = file.string() + ": calibration.temperature must be a number in [" + std::to_string(kMinTemperature).substr(0, 4) +
            ", " + std::to_string(kMaxTemperature).substr(0, 4) + "]";
    return false;
  }
  b.temperature = t->get<double>();
  b.calibrated = true;
  b.calibration = *c;
  return true;
}

std::optional<OpenedBundle> readBundle(const std::string& path, std::string& error) {
  const fs::path dir = bundleDir(path);
  std::ifstream in(dir / "bundle.json");
  if (!in) {
    error = "'" + path + "' is neither a model bundle nor a run folder with one (no bundle.json)";
    return std::nullopt;
  }
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(in);
  } catch (const std::exception&) {
    error = (dir / "bundle.json").string() + ": invalid JSON";
    return std::nullopt;
  }
  if (j.value("format", std::string()) != "fusebench-model" || j.value("version", 0) != 1) {
    error = (dir / "bundle.json").string() + ": not a Fusebench model bundle of version 1";
    return std::nullopt;
  }
  OpenedBundle b;
  b.name = j.value("name", std::string());
  b.dataset = j.value("dataset", std::string());
  auto g = graphFromJson(nlohmann::ordered_json::parse(j["graph"].dump()));
  if (!g.graph) {
    error = (dir / "bundle.json").string() + ": graph: " + g.errors.at(0).message;
    return std::nullopt;
  }
  b.graph = *g.graph;
  b.graph.base_dir = dir.string();  // TorchScript encoders' copies
  if (j.contains("files") && !checkNodeFiles(dir, j["files"], error)) return std::nullopt;
  b.pipeline = data::Pipeline::fromState(j.at("pipeline"), error);
  if (!b.pipeline) return std::nullopt;
  if (j.contains("split")) {
    b.seed = j["split"].value("seed", b.seed);
    b.val_fraction = j["split"].value("val_fraction", b.val_fraction);
    b.test_fraction = j["split"].value("test_fraction", b.test_fraction);
  }
  if (!readCalibration(j, dir / "bundle.json", b, error)) return std::nullopt;
  const auto shapes = b.pipeline->datasetShapes();
  auto compiled = compileGraph(b.graph, builtinRegistry(), &shapes);
  if (!compiled.ok()) {
    error = "the bundle's graph does not compile: " + compiled.shapes.errors.at(0).format();
    return std::nullopt;
  }
  b.model = compiled.model;
  try {
    torch::serialize::InputArchive archive;
    // A bundle trained on a GPU opens on any machine: its weights are mapped to the CPU, where eval runs.
    archive.load_from((dir / "weights.pt").string(), torch::Device(torch::kCPU));
    b.model->load(archive);
  } catch (const std::exception& e) {
    error = "cannot read '" + (dir / "weights.pt").string() + "': " + torchErrorText(e);
    return std::nullopt;
  }
  b.model->eval();
  return b;
}

}  // namespace

std::optional<OpenedBundle> openBundle(const std::string& path, std::string& error) {
  try {
    return readBundle(path, error);
  } catch (const std::exception& e) {  // e.g. a bundle.json missing a key, or of the wrong types
    error = path + ": not a usable model bundle (" + torchErrorText(e) + ")";
    return std::nullopt;
  }
}

namespace {

// The dataset and the indices of one split, as the bundle's training saw them.
struct EvalData {
  std::optional<data::Dataset> ds;
  std::vector<std::size_t> indices;
  std::string dir;
  std::shared_ptr<data::SampleCache> cache;  // set when the split is evaluated more than once
};

bool openEvalData(const OpenedBundle& bundle, const EvalRequest& req, EvalData& d, std::string& error) {
  d.dir = req.dataset.empty() ? bundle.dataset : req.dataset;
  auto opened = data::Dataset::open(d.dir);
  if (!opened.dataset) {
    error = opened.errors.at(0).message;
    return false;
  }
  d.ds.emplace(std::move(*opened.dataset));
  auto splits = data::assignSplits(*d.ds, {bundle.val_fraction, bundle.test_fraction, bundle.seed});
  for (std::size_t i = 0; i < d.ds->size(); ++i)
    if (req.split == "all" || splits.split[i] == req.split) d.indices.push_back(i);
  if (d.indices.empty()) {
    error = "the dataset has no samples in split '" + req.split + "'";
    return false;
  }
  return true;
}

// One pass over the split; masked fields arrive as missing.
bool runEval(OpenedBundle& bundle, EvalData& d, const std::vector<std::string>& masked, PredictionAccumulator& out,
             std::size_t& used, std::vector<data::SkippedSample>& skipped, std::string& error) {
  data::LoaderOptions o;
  o.batch_size = 128;
  o.policy = data::SamplePolicy::Skip;
  o.masked_fields = masked;
  data::Loader loader(*d.ds, *bundle.pipeline, data::mediaDecoders(), d.indices, o, d.cache);
  torch::NoGradGuard noGrad;
  try {
    loader.startEpoch(0);
    while (auto batch = loader.next())
      out.add(bundle.model->forward(batch->inputs).prediction, batch->target, batch->samples);
  } catch (const std::exception& e) {
    error = torchErrorText(e);
    return false;
  }
  used = loader.used();
  skipped = loader.skipped();
  return true;
}

// The bundle and the split's data that both evaluations start from.
std::optional<OpenedBundle> openForEval(const EvalRequest& req, EvalData& d, std::string& error) {
  auto bundle = openBundle(req.bundle, error);
  if (!bundle) return std::nullopt;
  if (!openEvalData(*bundle, req, d, error)) {
    error = "dataset '" + d.dir + "' (recorded in the bundle): " + error;
    return std::nullopt;
  }
  return bundle;
}

}  // namespace

EvalOutcome evaluateBundle(const EvalRequest& req) {
  EvalOutcome out;
  const ThreadCountScope threads(req.threads);
  EvalData d;
  auto bundle = openForEval(req, d, out.error);
  if (!bundle) return out;
  const auto& pipeline = *bundle->pipeline;
  PredictionAccumulator predictions(pipeline.task());
  std::size_t used = 0;
  std::vector<data::SkippedSample> skipped;
  if (!runEval(*bundle, d, req.masked_fields, predictions, used, skipped, out.error)) return out;
  out.classes = pipeline.classes();
  out.metrics = predictions.json(pipeline.classes());
  out.metrics["split"] = req.split;
  out.metrics["dataset"] = d.dir;
  out.metrics["used"] = used;
  out.metrics["skipped"] = skipped.size();
  for (const auto& s : skipped) out.metrics["skipped_samples"].push_back(s.reason);
  if (!req.masked_fields.empty()) out.metrics["masked_fields"] = req.masked_fields;
  const auto k = static_cast<int64_t>(pipeline.classes().size());
  if (pipeline.task() == data::TargetTask::Classification && !predictions.labels().empty()) {
    out.metrics["calibration"] = calibrationSummary(predictions.logits(), predictions.labels(), k, bundle->temperature);
    out.metrics["calibration"]["fitted"] = bundle->calibrated;
  }
  // What a reader sees per sample: calibrated probabilities (the metrics above rank the model's own).
  const auto calibrated = pipeline.task() == data::TargetTask::Classification
                              ? softmaxAtTemperature(predictions.logits(), k, bundle->temperature)
                              : std::vector<float>();
  if (req.keep_predictions) {
    const std::size_t rows = predictions.samples().size();
    const std::size_t w = predictions.width();
    out.predictions.reserve(rows);
    for (std::size_t r = 0; r < rows; ++r) {
      SamplePrediction p;
      p.sample = predictions.samples()[r];
      p.id = d.ds->id(p.sample);
      p.scores = calibrated.empty() ? predictions.scores(r, w)
                                    : std::vector<float>(calibrated.begin() + static_cast<std::ptrdiff_t>(r * w),
                                                         calibrated.begin() + static_cast<std::ptrdiff_t>((r + 1) * w));
      if (pipeline.task() == data::TargetTask::Classification) {
        p.label = predictions.label(r);
        p.predicted = static_cast<int64_t>(std::max_element(p.scores.begin(), p.scores.end()) - p.scores.begin());
      }
      out.predictions.push_back(std::move(p));
    }
  }
  out.ok = true;
  return out;
}

RobustnessOutcome evaluateRobustness(const EvalRequest& req) {
  RobustnessOutcome out;
  const ThreadCountScope threads(req.threads);
  EvalData d;
  auto bundle = openForEval(req, d, out.error);
  if (!bundle) return out;
  const auto& pipeline = *bundle->pipeline;
  if (pipeline.task() == data::TargetTask::MultiLabel) {
    out.error = "robustness is measured for classification and regression models";
    return out;
  }
  out.metric = pipeline.task() == data::TargetTask::Classification ? "accuracy" : "rmse";
  // One pass per modality plus the baseline: the split is decoded once and kept (masking happens after the
  // cache, at collation).
  // Within the memory cache's automatic budget (a quarter of RAM): a split larger than that decodes the rest
  // on each pass instead of growing without bound.
  d.cache = std::make_shared<data::SampleCache>(d.ds->size(), memoryCacheBudget(TrainConfig{}, /*disk_cache_in_use=*/false));
  auto score = [&](const std::vector<std::string>& masked, double& value) {
    PredictionAccumulator acc(pipeline.task());
    std::size_t used = 0;
    std::vector<data::SkippedSample> skipped;
    if (!runEval(*bundle, d, masked, acc, used, skipped, out.error)) return false;
    out.samples = used;
    value = pipeline.task() == data::TargetTask::Classification
                ? acc.classification(static_cast<int64_t>(pipeline.classes().size())).accuracy
                : acc.regression().rmse;
    return true;
  };
  if (!score({}, out.baseline)) return out;
  for (const auto& b : pipeline.bindings()) {
    RobustnessEntry e;
    e.field = b.field;
    e.node = b.node;
    e.column = b.column;
    if (e.column.empty()) {
      for (const auto& c : b.numeric_columns) e.column += (e.column.empty() ? "" : ", ") + c;
      for (const auto& c : b.categorical_columns) e.column += (e.column.empty() ? "" : ", ") + c;
    }
    if (!score({b.field}, e.score)) return out;
    out.entries.push_back(e);
  }
  out.ok = true;
  return out;
}

std::optional<data::Dataset> sampleDataset(const data::Pipeline& pipeline, const std::map<std::string, std::string>& values,
                                           std::string& error) {
  data::DatasetDescription d;
  d.name = "sample";
  d.allow_outside_paths = true;  // the user names these files on the command line: no manifest is involved
  std::vector<std::string> columns;
  auto addColumn = [&](const std::string& name, data::ColumnRole role) {
    if (name.empty() || std::find(columns.begin(), columns.end(), name) != columns.end()) return;
    columns.push_back(name);
    d.columns.push_back({name, role, data::TargetTask::Classification, {}, ";"});
  };
  for (const auto& b : pipeline.bindings()) {
    if (b.kind == PortKind::Image) addColumn(b.column, data::ColumnRole::Image);
    if (b.kind == PortKind::Waveform || b.kind == PortKind::Spectrogram) addColumn(b.column, data::ColumnRole::Audio);
    if (b.kind == PortKind::Text) addColumn(b.column, data::ColumnRole::Text);
    for (const auto& c : b.numeric_columns) addColumn(c, data::ColumnRole::Numeric);
    for (const auto& c : b.categorical_columns) addColumn(c, data::ColumnRole::Categorical);
  }
  for (const auto& [k, v] : values) {
    if (std::find(columns.begin(), columns.end(), k) == columns.end()) {
      std::string known;
      for (const auto& c : columns) known += (known.empty() ? "" : ", ") + c;
      error = "the model reads no column '" + k + "' (it reads: " + known + ")";
      return std::nullopt;
    }
  }
  data::Manifest m;
  m.header = columns;
  for (const auto& c : columns) {
    auto it = values.find(c);
    m.appendCell(it != values.end() ? it->second : std::string());
  }
  m.endRow(1);
  return data::Dataset(".", d, m);
}

PredictOutcome predictWithBundle(const std::string& path, const std::map<std::string, std::string>& values) {
  PredictOutcome out;
  out.values = values;
  auto bundle = openBundle(path, out.error);
  if (!bundle) return out;
  return predictWithOpenedBundle(*bundle, values);
}

PredictOutcome predictWithOpenedBundle(OpenedBundle& opened, const std::map<std::string, std::string>& values,
                                       int mcDropoutPasses) {
  PredictOutcome out;
  out.values = values;
  auto* bundle = &opened;
  const auto& pipeline = *bundle->pipeline;
  auto ds = sampleDataset(pipeline, values, out.error);
  if (!ds) return out;
  data::LoaderOptions o;
  o.batch_size = 1;
  o.threads = 1;
  o.require_target = false;
  data::Loader loader(*ds, pipeline, data::mediaDecoders(), {0}, o);
  torch::NoGradGuard noGrad;
  try {
    loader.startEpoch(0);
    auto batch = loader.next();
    if (!batch) {
      out.error = "no sample";
      return out;
    }
    auto y = bundle->model->forward(batch->inputs).prediction[0];
    if (pipeline.task() == data::TargetTask::Regression) {
      out.prediction["values"] = std::vector<float>(y.data_ptr<float>(), y.data_ptr<float>() + y.numel());
    } else {
      auto p = outputScores(y, pipeline.task(), bundle->temperature, 0).contiguous();
      const auto& classes = pipeline.classes();
      std::vector<std::pair<float, std::string>> ranked;
      for (std::size_t c = 0; c < classes.size(); ++c) ranked.emplace_back(p[static_cast<int64_t>(c)].item<float>(), classes[c]);
      std::sort(ranked.begin(), ranked.end(), [](auto& a, auto& b) { return a.first > b.first; });
      out.prediction["class"] = ranked[0].second;
      out.prediction["probabilities"] = nlohmann::json::array();
      for (const auto& [prob, name] : ranked) out.prediction["probabilities"].push_back({{"class", name}, {"probability", prob}});
      if (pipeline.task() == data::TargetTask::Classification) {
        out.prediction["calibrated"] = bundle->calibrated;
        out.prediction["temperature"] = bundle->temperature;
        out.prediction["uncertainty"] =
            predictionCertainty(std::vector<float>(p.data_ptr<float>(), p.data_ptr<float>() + p.numel()), classes).toJson();
        if (auto mc = monteCarloDropout(*bundle->model, batch->inputs, pipeline.task(), bundle->temperature, mcDropoutPasses, 0, classes))
          out.prediction["uncertainty"]["mc_dropout"] = mc->toJson();
      }
    }
    nlohmann::json present = nlohmann::json::object();
    for (const auto& b : pipeline.bindings()) present[b.field] = batch->inputs.at(b.field + ".present")[0].item<bool>();
    out.prediction["present"] = present;
  } catch (const std::exception& e) {
    out.error = torchErrorText(e);
    return out;
  }
  out.ok = true;
  return out;
}

}  // namespace fusebench::train
