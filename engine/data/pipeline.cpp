#include "data/pipeline.h"

#include "data/image_window.h"
#include "data/image_geometry.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <set>

#include <sys/stat.h>

#include <torch/torch.h>

#include "data/log_mel.h"

namespace fusebench::data {
namespace {

const ColumnSpec* bindColumn(const Dataset& ds, const std::string& field, ColumnRole role, std::string& error) {
  if (const ColumnSpec* c = ds.description().column(field)) {
    if (c->role == role) return c;
    error = "column '" + field + "' has the role '" + roleName(c->role) + "', not '" + roleName(role) + "'";
    return nullptr;
  }
  auto candidates = ds.description().withRole(role);
  if (candidates.size() == 1) return candidates[0];
  std::string names;
  for (auto* c : candidates) names += (names.empty() ? "" : ", ") + c->name;
  error = candidates.empty() ? std::string("the dataset has no ") + roleName(role) + " column"
                             : "the dataset has several " + std::string(roleName(role)) + " columns (" + names +
                                   "); name one in the node's 'field'";
  return nullptr;
}

bool parseDouble(const std::string& s, double& v) {
  try {
    std::size_t used = 0;
    v = std::stod(s, &used);
    return used == s.size() && std::isfinite(v);
  } catch (...) {
    return false;
  }
}

std::vector<std::string> labelsOf(const Cell& c, const std::string& sep) {
  if (c.is_array) return c.items;
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= c.text.size()) {
    auto end = c.text.find(sep, start);
    if (end == std::string::npos) end = c.text.size();
    if (end > start) out.push_back(c.text.substr(start, end - start));
    start = end + sep.size();
  }
  return out;
}

// Bilinear, antialiased resize of a [C, H, W] image (stretch), or scale-shorter-side + centre crop.
std::vector<float> resizeImage(const Image& img, int64_t c, int64_t h, int64_t w, const std::string& mode) {
  auto t = torch::from_blob(const_cast<float*>(img.pixels.data()), {1, img.channels, img.height, img.width},
                            torch::kFloat);
  if (img.channels == 1 && c == 3) t = t.expand({1, 3, img.height, img.width});
  if (img.channels == 3 && c == 1)  // ITU-R BT.601 luma
    t = (0.299 * t.select(1, 0) + 0.587 * t.select(1, 1) + 0.114 * t.select(1, 2)).unsqueeze(1);
  const auto plan = planResize(img.height, img.width, h, w, mode);
  const int64_t rh = plan.height, rw = plan.width;
  if (rh != img.height || rw != img.width) {
    namespace F = torch::nn::functional;
    t = F::interpolate(t, F::InterpolateFuncOptions()
                              .size(std::vector<int64_t>{rh, rw})
                              .mode(torch::kBilinear)
                              .align_corners(false)
                              .antialias(true));
  }
  if (rh != h || rw != w) t = t.slice(2, plan.crop_y, plan.crop_y + h).slice(3, plan.crop_x, plan.crop_x + w);
  t = t.contiguous();
  return std::vector<float>(t.data_ptr<float>(), t.data_ptr<float>() + t.numel());
}

}  // namespace

Pipeline::CreateResult Pipeline::create(const Dataset& ds, const GraphSpec& graph, const std::vector<std::size_t>& train) {
  CreateResult r;
  Pipeline p;
  const auto& registry = builtinRegistry();
  for (const auto& node : graph.nodes) {
    const NodeTypeInfo* type = registry.find(node.type);
    if (!type || type->role != NodeRole::Input) continue;
    Params params(type->params, node.params);
    InputBinding b;
    b.node = node.id;
    b.field = params.s("field");
    b.params = nlohmann::json::parse(params.values().dump());
    std::string error;
    if (node.type == "input.image") {
      b.kind = PortKind::Image;
      if (auto* c = bindColumn(ds, b.field, ColumnRole::Image, error)) b.column = c->name;
    } else if (node.type == "input.text") {
      b.kind = PortKind::Text;
      if (auto* c = bindColumn(ds, b.field, ColumnRole::Text, error)) b.column = c->name;
    } else if (node.type == "input.audio") {
      b.kind = params.s("representation") == "waveform" ? PortKind::Waveform : PortKind::Spectrogram;
      if (auto* c = bindColumn(ds, b.field, ColumnRole::Audio, error)) b.column = c->name;
    } else if (node.type == "input.tabular") {
      b.kind = PortKind::Tabular;
      for (auto* c : ds.description().withRole(ColumnRole::Numeric)) b.numeric_columns.push_back(c->name);
      for (auto* c : ds.description().withRole(ColumnRole::Categorical)) b.categorical_columns.push_back(c->name);
      if (b.numeric_columns.empty() && b.categorical_columns.empty()) error = "the dataset has no numeric or categorical column";
    }
    if (!error.empty()) {
      r.errors.push_back(Diagnostic{"data-binding", node.id, "field",
                                    "input node '" + node.id + "' reads field '" + b.field + "': " + error, {}, {}});
      continue;
    }
    p.bindings_.push_back(std::move(b));
  }
  if (p.bindings_.empty() && r.errors.empty())
    r.errors.push_back(Diagnostic{"data-binding", "", "", "the graph has no input node", {}, {}});

  const ColumnSpec* target = ds.description().target();
  if (!target) {
    r.errors.push_back(Diagnostic{"data-binding", "", "", "the dataset has no target column", {}, {}});
    return r;
  }
  p.task_ = target->task;
  p.target_column_ = target->name;
  p.label_separator_ = target->label_separator;
  if (p.task_ != TargetTask::Regression) {
    p.classes_ = target->classes;
    if (p.classes_.empty()) {
      std::set<std::string> seen;
      for (auto i : train) {
        const Cell& c = ds.cell(i, target->name);
        if (!c.missing)
          for (auto& l : labelsOf(c, p.label_separator_)) seen.insert(l);
      }
      p.classes_.assign(seen.begin(), seen.end());
    }
  }

  // Fit on the training split only.
  for (std::size_t k = 0; k < p.bindings_.size(); ++k) {
    const auto& b = p.bindings_[k];
    if (b.kind == PortKind::Text) {
      std::vector<std::string> texts;
      // Invalid UTF-8 never enters the vocabulary (it could not be saved as JSON); such a sample is
      // reported with its row when it is prepared.
      for (auto i : train)
        if (isValidUtf8(ds.cell(i, b.column).text)) texts.push_back(ds.cell(i, b.column).text);
      std::string error;
      auto settings = TokenizerSettings::fromParams(b.params, graph.base_dir, error);
      auto tokenizer = settings ? TextTokenizer::fit(*settings, texts, error) : std::nullopt;
      if (!tokenizer) {
        const bool file = settings && !settings->vocabulary_file.empty();
        r.errors.push_back(Diagnostic{"text-tokenizer", b.node, file ? "vocabulary_file" : "tokenizer",
                                      "text input '" + b.node + "': " + error, {}, {}});
        continue;
      }
      for (const auto& w : tokenizer->warnings()) r.warnings.push_back("text input '" + b.node + "': " + w);
      p.tokenizers_[k] = std::move(*tokenizer);
    }
    if (b.kind == PortKind::Tabular) {
      for (const auto& col : b.numeric_columns) {
        double sum = 0, sq = 0;
        std::size_t n = 0;
        for (auto i : train) {
          double v;
          if (parseDouble(ds.cell(i, col).text, v)) {
            sum += v;
            sq += v * v;
            ++n;
          }
        }
        const double mean = n ? sum / n : 0.0;
        const double var = n > 1 ? std::max(0.0, sq / n - mean * mean) : 0.0;
        const bool standardize = b.params["standardize"].get<bool>();
        p.numMean_[k].push_back(standardize ? mean : 0.0);
        p.numStd_[k].push_back(standardize && var > 1e-12 ? std::sqrt(var) : 1.0);
      }
      for (const auto& col : b.categorical_columns) {
        std::map<std::string, int64_t> counts;
        for (auto i : train)
          if (!ds.cell(i, col).missing) counts[ds.cell(i, col).text]++;
        std::vector<std::pair<std::string, int64_t>> sorted(counts.begin(), counts.end());
        std::stable_sort(sorted.begin(), sorted.end(), [](auto& a, auto& b2) { return a.second > b2.second; });
        std::map<std::string, int64_t> ids;  // 0 = unknown or missing
        for (const auto& [v, n] : sorted) ids.emplace(v, static_cast<int64_t>(ids.size()) + 1);
        p.catIds_[k].push_back(std::move(ids));
      }
    }
  }
  p.cacheShapes();
  if (r.errors.empty()) r.pipeline = std::move(p);
  return r;
}

void Pipeline::cacheShapes() {
  InputShapes& shapes = shapes_;
  shapes.clear();
  for (std::size_t k = 0; k < bindings_.size(); ++k) {
    const auto& b = bindings_[k];
    const auto& pr = b.params;
    PortShape s;
    s.kind = b.kind;
    switch (b.kind) {
      case PortKind::Image:
        s.dims = {pr["channels"].get<int64_t>(), pr["height"].get<int64_t>(), pr["width"].get<int64_t>()};
        break;
      case PortKind::Text:
        s.dims = {pr["max_length"].get<int64_t>()};
        s.cardinalities = {pr["vocab_size"].get<int64_t>()};
        break;
      case PortKind::Waveform:
      case PortKind::Spectrogram: {
        const auto samples = static_cast<int64_t>(pr["sample_rate"].get<int64_t>() * pr["seconds"].get<double>() + 0.5);
        if (b.kind == PortKind::Waveform) s.dims = {samples};
        else s.dims = {pr["n_mels"].get<int64_t>(), 1 + samples / pr["hop_length"].get<int64_t>()};
        break;
      }
      case PortKind::Tabular: {
        s.dims = {static_cast<int64_t>(b.numeric_columns.size())};
        auto it = catIds_.find(k);
        if (it != catIds_.end())
          for (const auto& ids : it->second) s.cardinalities.push_back(std::max<int64_t>(2, static_cast<int64_t>(ids.size()) + 1));
        break;
      }
      default:
        break;
    }
    shapes[b.field] = s;
  }
}

FileStamp stampOf(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return {};
  return {static_cast<int64_t>(st.st_size), static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec};
}

std::size_t PreparedSample::byteSize() const {
  std::size_t n = sizeof(*this) + problem.capacity() + target.capacity() * sizeof(float) + sources.capacity() * sizeof(FileStamp);
  for (const auto& f : fields) n += sizeof(f) + f.values.storedSize() + f.ids.capacity() * sizeof(int64_t);
  return n;
}

std::vector<std::string> Pipeline::mediaPaths(const Dataset& ds, std::size_t i) const {
  std::vector<std::string> paths;
  for (const auto& b : bindings_)
    if (b.kind == PortKind::Image || b.kind == PortKind::Waveform || b.kind == PortKind::Spectrogram) {
      std::string refused;  // a missing cell or a refused path has no file to stamp
      if (std::string path = ds.readablePath(i, b.column, refused); !path.empty()) paths.push_back(std::move(path));
    }
  return paths;
}

namespace {

// The compact type an image is kept in: its file's own precision.
ValueType imageStorage(const Image& img) {
  return img.bit_depth <= 8 ? ValueType::UInt8 : img.bit_depth <= 16 ? ValueType::UInt16 : ValueType::Float32;
}

}  // namespace

PreparedSample Pipeline::prepare(const Dataset& ds, std::size_t i, const Decoders& dec, bool requireTarget) const {
  PreparedSample s;
  s.fields.resize(bindings_.size());
  for (const auto& path : mediaPaths(ds, i)) s.sources.push_back(stampOf(path));  // before reading: a change during it shows next time
  auto fail = [&](const std::string& column, const std::string& path, const std::string& reason) {
    s.ok = false;
    s.problem = ds.describe(i) + ", column '" + column + "'" + (path.empty() ? "" : ", file '" + path + "'") + ": " + reason;
    return s;
  };
  const InputShapes& shapes = shapes_;
  bool anyPresent = false;
  for (std::size_t k = 0; k < bindings_.size(); ++k) {
    const auto& b = bindings_[k];
    const auto& pr = b.params;
    PreparedField& f = s.fields[k];
    const PortShape& shape = shapes.at(b.field);
    switch (b.kind) {
      case PortKind::Image: {
        if (ds.cell(i, b.column).missing) break;  // no values: collated as zeros
        Image img;
        std::string error;
        const std::string path = ds.readablePath(i, b.column, error);
        if (path.empty()) return fail(b.column, "", error);
        const int frame = pr.contains("frame") ? pr["frame"].get<int>() : 0;
        const ImageDecoder& decode = dec.image_bytes ? dec.image_bytes : dec.image;
        const bool decoded = frame > 0 && dec.image_frame ? dec.image_frame(path, frame, img, error) : decode(path, img, error);
        if (!decoded) return fail(b.column, path, error);
        if (pr.contains("window")) applyWindow(img, pr["window"].get<std::string>());  // grayscale DICOM only
        if (!img.bytes.empty() && img.channels == shape.dims[0] && img.height == shape.dims[1] && img.width == shape.dims[2]) {
          // Already the model's size and channels: stored as read, no round trip through float.
          f.values = CompactValues::adopt(ValueType::UInt8, std::move(img.bytes));
        } else {
          if (!img.bytes.empty()) {  // to float for resizing or a channel conversion
            img.pixels.resize(img.bytes.size());
            for (std::size_t j = 0; j < img.bytes.size(); ++j) img.pixels[j] = static_cast<float>(img.bytes[j]) * (1.0f / 255.0f);
            img.bytes.clear();
          }
          f.values = CompactValues::encode(resizeImage(img, shape.dims[0], shape.dims[1], shape.dims[2], pr["resize"].get<std::string>()),
                                           imageStorage(img));
        }
        f.present = true;
        break;
      }
      case PortKind::Waveform:
      case PortKind::Spectrogram: {
        if (ds.cell(i, b.column).missing) break;
        const auto rate = pr["sample_rate"].get<int64_t>();
        const auto samples = static_cast<std::size_t>(rate * pr["seconds"].get<double>() + 0.5);
        std::vector<float> wave(samples, 0.0f);
        Audio a;
        std::string error;
        const std::string path = ds.readablePath(i, b.column, error);
        if (path.empty()) return fail(b.column, "", error);
        if (!dec.audio(path, static_cast<int>(rate), a, error)) return fail(b.column, path, error);
        std::copy_n(a.samples.begin(), std::min(samples, a.samples.size()), wave.begin());  // pad or crop
        f.present = true;
        if (b.kind == PortKind::Waveform) {
          f.values = CompactValues::encode(wave, ValueType::Int16);
        } else {
          LogMelOptions o{rate, pr["n_fft"].get<int64_t>(), pr["hop_length"].get<int64_t>(), pr["n_mels"].get<int64_t>(),
                          pr["f_min"].get<double>(), pr["f_max"].get<double>()};
          auto m = logMel(torch::from_blob(wave.data(), {static_cast<int64_t>(wave.size())}, torch::kFloat), o).contiguous();
          f.values = CompactValues::encode(m.data_ptr<float>(), static_cast<std::size_t>(m.numel()), ValueType::Float16);
        }
        break;
      }
      case PortKind::Text: {
        const Cell& c = ds.cell(i, b.column);
        if (!c.missing && !isValidUtf8(c.text)) return fail(b.column, "", "text is not valid UTF-8");
        const TextTokenizer& tokenizer = tokenizers_.at(k);
        bool has_text = false;
        f.ids = tokenizer.encode(c.missing ? std::string() : c.text, shape.dims[0], nullptr, &has_text);
        if (!c.missing && !has_text) return fail(b.column, "", "empty text (no words)");
        f.present = !c.missing;
        break;
      }
      case PortKind::Tabular: {
        std::vector<float> values;
        for (std::size_t j = 0; j < b.numeric_columns.size(); ++j) {
          const Cell& c = ds.cell(i, b.numeric_columns[j]);
          double v = numMean_.at(k)[j];  // missing: the training mean (0 after standardization)
          if (!c.missing) {
            if (!parseDouble(c.text, v)) return fail(b.numeric_columns[j], "", "not a finite number: '" + c.text + "'");
            f.present = true;
          }
          values.push_back(static_cast<float>((v - numMean_.at(k)[j]) / numStd_.at(k)[j]));
        }
        f.values = CompactValues::encode(values, ValueType::Float32);
        for (std::size_t j = 0; j < b.categorical_columns.size(); ++j) {
          const Cell& c = ds.cell(i, b.categorical_columns[j]);
          int64_t id = 0;
          if (!c.missing) {
            f.present = true;
            auto it = catIds_.at(k)[j].find(c.text);
            if (it != catIds_.at(k)[j].end()) id = it->second;
          }
          f.ids.push_back(id);
        }
        break;
      }
      default:
        break;
    }
    anyPresent = anyPresent || f.present;
  }
  if (!anyPresent) return fail("", "", "all modalities missing");
  if (requireTarget) {
    std::string problem;
    if (!targetOf(ds, i, s.target, problem)) return fail(target_column_, "", problem);
  }
  s.ok = true;
  return s;
}

bool Pipeline::targetOf(const Dataset& ds, std::size_t i, std::vector<float>& target, std::string& problem) const {
  target.clear();
  const Cell& t = ds.cell(i, target_column_);
  if (t.missing) {
    problem = "missing target";
    return false;
  }
  if (task_ == TargetTask::Regression) {
    double v;
    if (!parseDouble(t.text, v)) {
      problem = "target is not a finite number: '" + t.text + "'";
      return false;
    }
    target = {static_cast<float>(v)};
    return true;
  }
  if (task_ == TargetTask::MultiLabel) target.assign(classes_.size(), 0.0f);
  for (const auto& l : labelsOf(t, label_separator_)) {
    auto it = std::find(classes_.begin(), classes_.end(), l);
    if (it == classes_.end()) {
      problem = "unknown class name '" + l + "'";
      target.clear();
      return false;
    }
    const auto index = static_cast<float>(it - classes_.begin());
    if (task_ == TargetTask::MultiLabel) target[static_cast<std::size_t>(index)] = 1.0f;
    else target = {index};
  }
  if (target.empty()) {
    problem = "no label";
    return false;
  }
  return true;
}

bool Pipeline::needsImageStatistics() const {
  for (const auto& b : bindings_)
    if (b.kind == PortKind::Image && b.params["normalize"].get<bool>()) return true;
  return false;
}

void Pipeline::addImageMoments(ImageMoments& m, const PreparedSample& s) const {
  if (!s.ok) return;
  for (std::size_t k = 0; k < bindings_.size(); ++k) {
    const auto& b = bindings_[k];
    if (b.kind != PortKind::Image) continue;
    const auto c = static_cast<std::size_t>(b.params["channels"].get<int64_t>());
    auto& sum = m.sum[k];
    auto& sq = m.sq[k];
    sum.resize(c, 0.0), sq.resize(c, 0.0);
    m.pixels[k] += 0.0;
    const auto& f = s.fields[k];
    if (!f.present || f.values.empty()) continue;
    const std::size_t plane = f.values.size() / c;
    std::vector<float> row(plane);
    for (std::size_t ch = 0; ch < c; ++ch) {
      f.values.decode(row.data(), ch * plane, plane);
      double a = 0, q = 0;  // per sample first: the sum over samples then adds like terms
      for (float x : row) a += x, q += static_cast<double>(x) * x;
      sum[ch] += a, sq[ch] += q;
    }
    m.pixels[k] += static_cast<double>(plane);
  }
}

void Pipeline::fitImageStatistics(const ImageMoments& m) {
  for (std::size_t k = 0; k < bindings_.size(); ++k) {
    const auto& b = bindings_[k];
    if (b.kind != PortKind::Image) continue;
    const auto c = static_cast<std::size_t>(b.params["channels"].get<int64_t>());
    std::vector<float> mean(c, 0.0f), stdv(c, 1.0f);
    const auto n = m.pixels.count(k) ? m.pixels.at(k) : 0.0;
    if (b.params["normalize"].get<bool>() && n > 0)
      for (std::size_t ch = 0; ch < c; ++ch) {
        const double mu = m.sum.at(k)[ch] / n;
        mean[ch] = static_cast<float>(mu);
        const double var = m.sq.at(k)[ch] / n - mu * mu;
        stdv[ch] = static_cast<float>(var > 1e-12 ? std::sqrt(var) : 1.0);
      }
    imageMean_[k] = mean;
    imageStd_[k] = stdv;
  }
}

void Pipeline::imageAffine(std::size_t k, std::vector<float>& scale, std::vector<float>& shift) const {
  const auto c = static_cast<std::size_t>(bindings_.at(k).params.value("channels", int64_t{1}));
  scale.assign(c, 1.0f), shift.assign(c, 0.0f);
  auto m = imageMean_.find(k);
  if (m == imageMean_.end()) return;
  const auto& sd = imageStd_.at(k);
  for (std::size_t ch = 0; ch < c && ch < m->second.size(); ++ch) {
    scale[ch] = 1.0f / sd[ch];
    shift[ch] = -m->second[ch] / sd[ch];
  }
}

nlohmann::json Pipeline::state() const {
  nlohmann::json j;
  j["task"] = taskName(task_);
  j["classes"] = classes_;
  j["target_column"] = target_column_;
  j["label_separator"] = label_separator_;
  j["bindings"] = nlohmann::json::array();
  for (std::size_t k = 0; k < bindings_.size(); ++k) {
    const auto& b = bindings_[k];
    nlohmann::json jb = {{"node", b.node}, {"field", b.field}, {"kind", kindName(b.kind)}, {"column", b.column},
                         {"numeric_columns", b.numeric_columns}, {"categorical_columns", b.categorical_columns},
                         {"params", b.params}};
    if (tokenizers_.count(k)) jb["tokenizer"] = tokenizers_.at(k).toJson();
    if (numMean_.count(k)) jb["numeric_mean"] = numMean_.at(k), jb["numeric_std"] = numStd_.at(k);
    if (catIds_.count(k)) jb["categories"] = catIds_.at(k);
    if (imageMean_.count(k)) jb["image_mean"] = imageMean_.at(k), jb["image_std"] = imageStd_.at(k);
    j["bindings"].push_back(jb);
  }
  return j;
}

const TextTokenizer* Pipeline::tokenizer(std::size_t k) const {
  auto it = tokenizers_.find(k);
  return it == tokenizers_.end() ? nullptr : &it->second;
}

bool Pipeline::imageStatistics(std::size_t k, std::vector<float>& mean, std::vector<float>& std) const {
  auto m = imageMean_.find(k), d = imageStd_.find(k);
  if (m == imageMean_.end() || d == imageStd_.end()) return false;
  mean = m->second;
  std = d->second;
  return true;
}

std::optional<Pipeline> Pipeline::fromState(const nlohmann::json& j, std::string& error) {
  try {
    Pipeline p;
    const std::string task = j.at("task");
    p.task_ = task == "regression" ? TargetTask::Regression
              : task == "multilabel" ? TargetTask::MultiLabel
                                     : TargetTask::Classification;
    p.classes_ = j.at("classes").get<std::vector<std::string>>();
    p.target_column_ = j.value("target_column", std::string());
    p.label_separator_ = j.value("label_separator", std::string(";"));
    for (const auto& jb : j.at("bindings")) {
      InputBinding b;
      b.node = jb.at("node");
      b.field = jb.at("field");
      if (!kindFromName(jb.at("kind").get<std::string>(), b.kind)) throw std::runtime_error("unknown input kind");
      b.column = jb.at("column");
      b.numeric_columns = jb.at("numeric_columns").get<std::vector<std::string>>();
      b.categorical_columns = jb.at("categorical_columns").get<std::vector<std::string>>();
      b.params = jb.at("params");
      const std::size_t k = p.bindings_.size();
      if (jb.contains("tokenizer")) {
        std::string tokenizer_error;
        auto t = TextTokenizer::fromJson(jb["tokenizer"], tokenizer_error);
        if (!t) throw std::runtime_error("text input '" + b.node + "': " + tokenizer_error);
        p.tokenizers_[k] = std::move(*t);
      } else if (jb.contains("vocabulary")) {
        p.tokenizers_[k] = TextTokenizer::legacy(TextVocabulary::fromJson(jb["vocabulary"]));
      }
      if (jb.contains("numeric_mean")) {
        p.numMean_[k] = jb["numeric_mean"].get<std::vector<double>>();
        p.numStd_[k] = jb["numeric_std"].get<std::vector<double>>();
      }
      if (jb.contains("categories")) p.catIds_[k] = jb["categories"].get<std::vector<std::map<std::string, int64_t>>>();
      if (jb.contains("image_mean")) {
        p.imageMean_[k] = jb["image_mean"].get<std::vector<float>>();
        p.imageStd_[k] = jb["image_std"].get<std::vector<float>>();
      }
      p.bindings_.push_back(std::move(b));
    }
    p.cacheShapes();
    return p;
  } catch (const std::exception& e) {
    error = std::string("invalid preprocessing state: ") + e.what();
    return std::nullopt;
  }
}

}  // namespace fusebench::data
