#include "data/pipeline.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <set>

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
  int64_t rh = h, rw = w;
  if (mode == "center_crop") {
    const double scale = std::max(static_cast<double>(h) / img.height, static_cast<double>(w) / img.width);
    rh = std::max<int64_t>(h, std::llround(img.height * scale));
    rw = std::max<int64_t>(w, std::llround(img.width * scale));
  }
  if (rh != img.height || rw != img.width) {
    namespace F = torch::nn::functional;
    t = F::interpolate(t, F::InterpolateFuncOptions()
                              .size(std::vector<int64_t>{rh, rw})
                              .mode(torch::kBilinear)
                              .align_corners(false)
                              .antialias(true));
  }
  if (rh != h || rw != w) t = t.slice(2, (rh - h) / 2, (rh - h) / 2 + h).slice(3, (rw - w) / 2, (rw - w) / 2 + w);
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
      p.vocab_[k] = TextVocabulary::build(texts, b.params["min_frequency"].get<int64_t>(),
                                          b.params["vocab_size"].get<int64_t>());
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

PreparedSample Pipeline::prepare(const Dataset& ds, std::size_t i, const Decoders& dec, bool requireTarget) const {
  PreparedSample s;
  s.fields.resize(bindings_.size());
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
        f.values.assign(static_cast<std::size_t>(shape.numel()), 0.0f);
        if (ds.cell(i, b.column).missing) break;
        Image img;
        std::string error;
        const std::string path = ds.path(i, b.column);
        if (!dec.image(path, img, error)) return fail(b.column, path, error);
        f.values = resizeImage(img, shape.dims[0], shape.dims[1], shape.dims[2], pr["resize"].get<std::string>());
        f.present = true;
        break;
      }
      case PortKind::Waveform:
      case PortKind::Spectrogram: {
        const auto rate = pr["sample_rate"].get<int64_t>();
        const auto samples = static_cast<std::size_t>(rate * pr["seconds"].get<double>() + 0.5);
        std::vector<float> wave(samples, 0.0f);
        if (!ds.cell(i, b.column).missing) {
          Audio a;
          std::string error;
          const std::string path = ds.path(i, b.column);
          if (!dec.audio(path, static_cast<int>(rate), a, error)) return fail(b.column, path, error);
          std::copy_n(a.samples.begin(), std::min(samples, a.samples.size()), wave.begin());  // pad or crop
          f.present = true;
        }
        if (b.kind == PortKind::Waveform) {
          f.values = std::move(wave);
        } else if (f.present) {
          LogMelOptions o{rate, pr["n_fft"].get<int64_t>(), pr["hop_length"].get<int64_t>(), pr["n_mels"].get<int64_t>(),
                          pr["f_min"].get<double>(), pr["f_max"].get<double>()};
          auto m = logMel(torch::from_blob(wave.data(), {static_cast<int64_t>(wave.size())}, torch::kFloat), o).contiguous();
          f.values.assign(m.data_ptr<float>(), m.data_ptr<float>() + m.numel());
        } else {
          f.values.assign(static_cast<std::size_t>(shape.numel()), 0.0f);
        }
        break;
      }
      case PortKind::Text: {
        const Cell& c = ds.cell(i, b.column);
        if (!c.missing && !isValidUtf8(c.text)) return fail(b.column, "", "text is not valid UTF-8");
        if (!c.missing && tokenize(c.text).empty()) return fail(b.column, "", "empty text (no words)");
        f.ids = vocab_.at(k).encode(c.missing ? std::string() : c.text, shape.dims[0]);
        f.present = !c.missing;
        break;
      }
      case PortKind::Tabular: {
        for (std::size_t j = 0; j < b.numeric_columns.size(); ++j) {
          const Cell& c = ds.cell(i, b.numeric_columns[j]);
          double v = numMean_.at(k)[j];  // missing: the training mean (0 after standardization)
          if (!c.missing) {
            if (!parseDouble(c.text, v)) return fail(b.numeric_columns[j], "", "not a finite number: '" + c.text + "'");
            f.present = true;
          }
          f.values.push_back(static_cast<float>((v - numMean_.at(k)[j]) / numStd_.at(k)[j]));
        }
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
  if (!requireTarget) {
    s.ok = true;
    return s;
  }
  const Cell& t = ds.cell(i, target_column_);
  if (t.missing) return fail(target_column_, "", "missing target");
  if (task_ == TargetTask::Regression) {
    double v;
    if (!parseDouble(t.text, v)) return fail(target_column_, "", "target is not a finite number: '" + t.text + "'");
    s.target = {static_cast<float>(v)};
  } else {
    auto labels = labelsOf(t, label_separator_);
    if (task_ == TargetTask::MultiLabel) s.target.assign(classes_.size(), 0.0f);
    for (const auto& l : labels) {
      auto it = std::find(classes_.begin(), classes_.end(), l);
      if (it == classes_.end()) return fail(target_column_, "", "unknown class name '" + l + "'");
      const auto index = static_cast<float>(it - classes_.begin());
      if (task_ == TargetTask::MultiLabel) s.target[static_cast<std::size_t>(index)] = 1.0f;
      else s.target = {index};
    }
    if (s.target.empty()) return fail(target_column_, "", "no label");
  }
  s.ok = true;
  return s;
}

void Pipeline::fitImageStatistics(const std::vector<const PreparedSample*>& train) {
  for (std::size_t k = 0; k < bindings_.size(); ++k) {
    const auto& b = bindings_[k];
    if (b.kind != PortKind::Image) continue;
    const auto c = b.params["channels"].get<int64_t>();
    std::vector<double> sum(static_cast<std::size_t>(c), 0.0), sq(static_cast<std::size_t>(c), 0.0);
    double n = 0;
    for (const auto* s : train) {
      if (!s || !s->ok || !s->fields[k].present) continue;
      const auto& v = s->fields[k].values;
      const std::size_t plane = v.size() / static_cast<std::size_t>(c);
      for (std::size_t ch = 0; ch < static_cast<std::size_t>(c); ++ch)
        for (std::size_t p = 0; p < plane; ++p) {
          const double x = v[ch * plane + p];
          sum[ch] += x;
          sq[ch] += x * x;
        }
      n += static_cast<double>(plane);
    }
    std::vector<float> mean(static_cast<std::size_t>(c), 0.0f), stdv(static_cast<std::size_t>(c), 1.0f);
    if (b.params["normalize"].get<bool>() && n > 0)
      for (std::size_t ch = 0; ch < mean.size(); ++ch) {
        mean[ch] = static_cast<float>(sum[ch] / n);
        const double var = sq[ch] / n - (sum[ch] / n) * (sum[ch] / n);
        stdv[ch] = static_cast<float>(var > 1e-12 ? std::sqrt(var) : 1.0);
      }
    imageMean_[k] = mean;
    imageStd_[k] = stdv;
  }
}

void Pipeline::normalize(PreparedSample& s) const {
  for (const auto& [k, mean] : imageMean_) {
    auto& f = s.fields[k];
    if (!f.present) continue;
    const std::size_t plane = f.values.size() / mean.size();
    for (std::size_t ch = 0; ch < mean.size(); ++ch)
      for (std::size_t p = 0; p < plane; ++p)
        f.values[ch * plane + p] = (f.values[ch * plane + p] - mean[ch]) / imageStd_.at(k)[ch];
  }
}

void Pipeline::augment(PreparedSample& s, const AugmentOptions& o, uint64_t seed) const {
  if (!o.enabled || !s.ok) return;
  std::mt19937_64 rng(seed);
  auto uniform = [&](double a, double b) { return a + (b - a) * (static_cast<double>(rng() >> 11) / 9007199254740992.0); };
  const InputShapes& shapes = shapes_;
  for (std::size_t k = 0; k < bindings_.size(); ++k) {
    auto& f = s.fields[k];
    if (!f.present) continue;
    const auto& shape = shapes.at(bindings_[k].field);
    switch (bindings_[k].kind) {
      case PortKind::Image: {
        const int64_t c = shape.dims[0], h = shape.dims[1], w = shape.dims[2];
        const bool flip = uniform(0, 1) < o.flip;
        const double angle = uniform(-o.rotation_degrees, o.rotation_degrees) * 3.14159265358979 / 180.0;
        const double dy = std::round(uniform(-o.crop_padding, o.crop_padding));
        const double dx = std::round(uniform(-o.crop_padding, o.crop_padding));
        const auto bright = static_cast<float>(uniform(-o.brightness, o.brightness));
        std::vector<float> out(f.values.size(), 0.0f);
        const double cy = (h - 1) / 2.0, cx = (w - 1) / 2.0, ca = std::cos(angle), sa = std::sin(angle);
        for (int64_t y = 0; y < h; ++y)
          for (int64_t x = 0; x < w; ++x) {
            // Inverse map: output pixel -> source position (flip, then rotate about the centre, then shift).
            const double xf = flip ? (w - 1 - x) : x;
            const double sx = ca * (xf - cx) + sa * (y - cy) + cx + dx;
            const double sy = -sa * (xf - cx) + ca * (y - cy) + cy + dy;
            const auto x0 = static_cast<int64_t>(std::floor(sx)), y0 = static_cast<int64_t>(std::floor(sy));
            const double ax = sx - x0, ay = sy - y0;
            for (int64_t ch = 0; ch < c; ++ch) {
              auto at = [&](int64_t yy, int64_t xx) {
                return (yy < 0 || yy >= h || xx < 0 || xx >= w) ? 0.0f : f.values[(ch * h + yy) * w + xx];
              };
              const double v = (1 - ay) * ((1 - ax) * at(y0, x0) + ax * at(y0, x0 + 1)) +
                               ay * ((1 - ax) * at(y0 + 1, x0) + ax * at(y0 + 1, x0 + 1));
              out[(ch * h + y) * w + x] = static_cast<float>(std::clamp(v + bright, 0.0, 1.0));
            }
          }
        f.values = std::move(out);
        break;
      }
      case PortKind::Waveform: {
        const auto n = static_cast<int64_t>(f.values.size());
        const auto shift = static_cast<int64_t>(uniform(-o.time_shift, o.time_shift) * static_cast<double>(n));
        const double gain = std::pow(10.0, uniform(-o.gain_db, o.gain_db) / 20.0);
        std::vector<float> out(f.values.size(), 0.0f);
        double power = 0;
        for (int64_t t = 0; t < n; ++t) {
          const int64_t src = t - shift;
          if (src >= 0 && src < n) out[t] = static_cast<float>(f.values[src] * gain);
          power += out[t] * out[t];
        }
        if (o.noise_snr_db > 0 && power > 0) {
          const double snr = uniform(o.noise_snr_db, o.noise_snr_db + 20);
          const double sigma = std::sqrt(power / static_cast<double>(n) / std::pow(10.0, snr / 10.0));
          std::normal_distribution<double> noise(0.0, sigma);
          for (auto& v : out) v += static_cast<float>(noise(rng));
        }
        f.values = std::move(out);
        break;
      }
      case PortKind::Spectrogram: {
        // The log-mel equivalents: a time shift rolls frames, a gain adds 2 log g, white noise adds a flat
        // power floor; then SpecAugment masks one band of frames and one of mel bands.
        const int64_t m = shape.dims[0], frames = shape.dims[1];
        const auto shift = static_cast<int64_t>(uniform(-o.time_shift, o.time_shift) * static_cast<double>(frames));
        const auto logGain = static_cast<float>(2.0 * std::log(std::pow(10.0, uniform(-o.gain_db, o.gain_db) / 20.0)));
        std::vector<float> out(f.values.size(), static_cast<float>(std::log(1e-6)));
        double meanPower = 0;
        for (auto v : f.values) meanPower += std::exp(v);
        meanPower /= static_cast<double>(f.values.size());
        const double floorPower = o.noise_snr_db > 0 ? meanPower / std::pow(10.0, uniform(o.noise_snr_db, o.noise_snr_db + 20) / 10.0) : 0.0;
        for (int64_t b = 0; b < m; ++b)
          for (int64_t t = 0; t < frames; ++t) {
            const int64_t src = t - shift;
            if (src < 0 || src >= frames) continue;
            const double v = f.values[b * frames + src] + logGain;
            out[b * frames + t] = static_cast<float>(std::log(std::exp(v) + floorPower));
          }
        const float fill = *std::min_element(out.begin(), out.end());
        const auto tw = static_cast<int64_t>(uniform(0, o.spec_time_mask + 1)), t0 = static_cast<int64_t>(uniform(0, static_cast<double>(std::max<int64_t>(1, frames - tw))));
        const auto fw = static_cast<int64_t>(uniform(0, o.spec_freq_mask + 1)), f0 = static_cast<int64_t>(uniform(0, static_cast<double>(std::max<int64_t>(1, m - fw))));
        for (int64_t b = 0; b < m; ++b)
          for (int64_t t = 0; t < frames; ++t)
            if ((t >= t0 && t < t0 + tw) || (b >= f0 && b < f0 + fw)) out[b * frames + t] = fill;
        f.values = std::move(out);
        break;
      }
      case PortKind::Text:
        for (auto& id : f.ids)
          if (id != TextVocabulary::kPad && uniform(0, 1) < o.token_dropout) id = TextVocabulary::kUnknown;
        break;
      default:
        break;
    }
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
    if (vocab_.count(k)) jb["vocabulary"] = vocab_.at(k).toJson();
    if (numMean_.count(k)) jb["numeric_mean"] = numMean_.at(k), jb["numeric_std"] = numStd_.at(k);
    if (catIds_.count(k)) jb["categories"] = catIds_.at(k);
    if (imageMean_.count(k)) jb["image_mean"] = imageMean_.at(k), jb["image_std"] = imageStd_.at(k);
    j["bindings"].push_back(jb);
  }
  return j;
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
      if (jb.contains("vocabulary")) p.vocab_[k] = TextVocabulary::fromJson(jb["vocabulary"]);
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
