#include "data/dataset_check.h"

#include <unordered_map>

#include <atomic>
#include <cmath>
#include <iomanip>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

#include "data/splits.h"
#include "data/text/unicode_text.h"

namespace fusebench::data {

void RunningStats::add(double v) {
  if (count == 0 || v < min) min = v;
  if (count == 0 || v > max) max = v;
  sum += v;
  ++count;
}

std::string SampleProblem::format() const {
  std::string s = row ? "row " + std::to_string(row) : std::string("dataset");
  if (row && !id.empty() && id != std::to_string(row)) s += " (id '" + id + "')";
  if (!column.empty()) s += ", column '" + column + "'";
  if (!path.empty()) s += ", file '" + path + "'";
  return s + ": " + reason;
}

std::size_t DatasetReport::badSamples() const {
  std::size_t n = 0;
  for (bool ok : sample_ok) n += ok ? 0 : 1;
  return n;
}

namespace {

bool parseNumber(const std::string& text, double& out) {
  try {
    std::size_t used = 0;
    out = std::stod(text, &used);
    while (used < text.size() && std::isspace(static_cast<unsigned char>(text[used]))) ++used;
    return used == text.size();
  } catch (...) {
    return false;
  }
}

std::vector<std::string> targetLabels(const ColumnSpec& t, const Cell& c) {
  if (t.task != TargetTask::MultiLabel) return {c.text};
  if (c.is_array) return c.items;
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= c.text.size()) {
    auto end = c.text.find(t.label_separator, start);
    if (end == std::string::npos) end = c.text.size();
    std::string label = c.text.substr(start, end - start);
    if (!label.empty()) out.push_back(label);
    start = end + t.label_separator.size();
  }
  return out;
}

// Everything one sample contributes; filled by worker threads, merged in order afterwards.
struct SampleResult {
  std::vector<SampleProblem> problems;
  std::vector<std::string> presentColumns;
  std::string imageSize;
  double audioSeconds = -1;
  std::vector<std::size_t> textTokens;
  std::vector<std::string> words;
  std::vector<std::pair<std::string, std::vector<std::string>>> identity;  // column -> identifying DICOM attributes
};

SampleResult checkSample(const Dataset& ds, std::size_t i, const Decoders& dec, int rate) {
  SampleResult r;
  const auto& desc = ds.description();
  auto problem = [&](const std::string& column, const std::string& path, const std::string& reason) {
    r.problems.push_back(SampleProblem{i + 1, ds.line(i), ds.id(i), column, path, reason});
  };
  bool anyModality = false, hasModalities = false;
  for (const auto& col : desc.columns) {
    const Cell& c = ds.cell(i, col.name);
    const bool isModality = col.role == ColumnRole::Image || col.role == ColumnRole::Audio ||
                            col.role == ColumnRole::Text || col.role == ColumnRole::Numeric ||
                            col.role == ColumnRole::Categorical;
    hasModalities = hasModalities || isModality;
    if (c.missing) {
      if (col.role == ColumnRole::Target) problem(col.name, "", "missing target");
      continue;
    }
    if (isModality) anyModality = true;
    r.presentColumns.push_back(col.name);
    switch (col.role) {
      case ColumnRole::Image: {
        Image img;
        std::string error;
        const std::string path = ds.readablePath(i, col.name, error);
        if (path.empty()) problem(col.name, "", error);
        else if (!dec.image(path, img, error)) problem(col.name, path, error);
        else r.imageSize = std::to_string(img.width) + "x" + std::to_string(img.height) + "x" + std::to_string(img.channels);
        if (!img.identity.empty()) r.identity.emplace_back(col.name, img.identity);
        break;
      }
      case ColumnRole::Audio: {
        Audio a;
        std::string error;
        const std::string path = ds.readablePath(i, col.name, error);
        if (path.empty()) problem(col.name, "", error);
        else if (!dec.audio(path, rate, a, error)) problem(col.name, path, error);
        else r.audioSeconds = static_cast<double>(a.samples.size()) / rate;
        break;
      }
      case ColumnRole::Text: {
        if (!isValidUtf8(c.text)) {
          problem(col.name, "", "text is not valid UTF-8");
          break;
        }
        const auto words = wordPieces(c.text);
        if (words.empty()) problem(col.name, "", "empty text (no words)");
        r.textTokens.push_back(words.size());
        for (const auto& w : words) r.words.push_back(w.key);
        break;
      }
      case ColumnRole::Numeric: {
        double v;
        if (!parseNumber(c.text, v)) problem(col.name, "", "not a number: '" + c.text + "'");
        else if (!std::isfinite(v)) problem(col.name, "", "NaN or infinite value");
        break;
      }
      case ColumnRole::Target: {
        if (col.task == TargetTask::Regression) {
          double v;
          if (!parseNumber(c.text, v)) problem(col.name, "", "target is not a number: '" + c.text + "'");
          else if (!std::isfinite(v)) problem(col.name, "", "target is NaN or infinite");
          break;
        }
        auto labels = targetLabels(col, c);
        if (labels.empty()) problem(col.name, "", "no label");
        for (const auto& l : labels)
          if (!col.classes.empty() && std::find(col.classes.begin(), col.classes.end(), l) == col.classes.end())
            problem(col.name, "", "unknown class name '" + l + "'");
        break;
      }
      default:
        break;
    }
  }
  if (hasModalities && !anyModality) problem("", "", "all modalities missing");
  return r;
}

// What a block of consecutive samples contributes. Samples are checked in blocks, each block tallied on its
// own and the blocks merged in order: the report is the same whatever the thread timing, and memory holds
// one tally per block in flight, not one result per sample (a million rows kept per-sample results of about
// 600 bytes each).
struct BlockTally {
  std::vector<SampleProblem> problems;
  std::map<std::string, std::size_t> present, image_sizes, identified;
  std::map<std::string, std::set<std::string>> identity_tags;
  RunningStats audio_seconds, text_tokens;
  std::set<std::string> words;

  void add(SampleResult&& r) {
    for (const auto& [column, tags] : r.identity) {
      identified[column]++;
      identity_tags[column].insert(tags.begin(), tags.end());
    }
    for (auto& p : r.problems) problems.push_back(std::move(p));
    for (const auto& c : r.presentColumns) present[c]++;
    if (!r.imageSize.empty()) image_sizes[r.imageSize]++;
    if (r.audioSeconds >= 0) audio_seconds.add(r.audioSeconds);
    for (auto n : r.textTokens) text_tokens.add(static_cast<double>(n));
    words.insert(r.words.begin(), r.words.end());
  }
};

void mergeStats(RunningStats& into, const RunningStats& from) {
  if (from.count == 0) return;
  if (into.count == 0 || from.min < into.min) into.min = from.min;
  if (into.count == 0 || from.max > into.max) into.max = from.max;
  into.sum += from.sum;
  into.count += from.count;
}

}  // namespace

DatasetReport checkDataset(const Dataset& ds, const Decoders& dec, const CheckOptions& options) {
  DatasetReport rep;
  rep.samples = ds.size();
  rep.sample_ok.assign(ds.size(), true);
  const int rate = options.sample_rate > 0 ? options.sample_rate : ds.description().sample_rate;
  constexpr std::size_t kBlock = 256;
  const std::size_t blocks = (ds.size() + kBlock - 1) / kBlock;
  std::vector<BlockTally> tallies(blocks);
  std::vector<char> sampleBad(ds.size(), 0);  // written by one worker per index (vector<bool> shares bytes)
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> done{0};
  auto work = [&] {
    for (std::size_t b = next++; b < blocks; b = next++) {
      for (std::size_t i = b * kBlock; i < std::min(ds.size(), (b + 1) * kBlock); ++i) {
        if (options.cancel && options.cancel->load()) return;
        SampleResult r = checkSample(ds, i, dec, rate);
        sampleBad[i] = !r.problems.empty();
        tallies[b].add(std::move(r));
        const std::size_t d = ++done;
        if (options.progress && (d % 64 == 0 || d == ds.size())) options.progress(d, ds.size());
      }
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < std::max(1, options.threads); ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();

  std::set<std::string> vocabulary;
  for (auto& t : tallies) {
    for (auto& p : t.problems) rep.problems.push_back(std::move(p));
    for (const auto& [c, n] : t.present) rep.present[c] += n;
    for (const auto& [size, n] : t.image_sizes) rep.image_sizes[size] += n;
    for (const auto& [c, n] : t.identified) rep.identified[c] += n;
    for (const auto& [c, tags] : t.identity_tags) rep.identity_tags[c].insert(tags.begin(), tags.end());
    mergeStats(rep.audio_seconds, t.audio_seconds);
    mergeStats(rep.text_tokens, t.text_tokens);
    vocabulary.insert(t.words.begin(), t.words.end());
    t = BlockTally{};
  }
  for (std::size_t i = 0; i < ds.size(); ++i) rep.sample_ok[i] = !sampleBad[i];
  rep.vocabulary = vocabulary.size();

  // Duplicate ids.
  if (!ds.description().withRole(ColumnRole::Id).empty()) {
    std::unordered_map<std::string_view, std::size_t> first;  // views into the manifest: no copy per row
    const std::string idCol = ds.description().withRole(ColumnRole::Id)[0]->name;
    first.reserve(ds.size());
    for (std::size_t i = 0; i < ds.size(); ++i) {
      const std::string_view id = ds.text(i, idCol);
      if (id.empty()) continue;
      auto [it, inserted] = first.emplace(id, i);
      if (!inserted) {
        rep.problems.push_back(SampleProblem{i + 1, ds.line(i), ds.id(i), idCol, "",
                                             "duplicate id '" + ds.id(i) + "' (first at row " + std::to_string(it->second + 1) + ")"});
        rep.sample_ok[i] = false;
      }
    }
  }
  // Splits and class counts.
  auto splits = assignSplits(ds, SplitOptions{});
  rep.splits_from_column = splits.from_column;
  for (const auto& d : splits.problems) rep.problems.push_back(SampleProblem{0, 0, "", "", "", d.message});
  const ColumnSpec* target = ds.description().target();
  std::map<std::string, std::size_t> perClass;
  for (std::size_t i = 0; i < ds.size(); ++i) {
    if (!target) break;
    const Cell& c = ds.cell(i, target->name);
    if (c.missing || target->task == TargetTask::Regression) continue;
    for (const auto& l : targetLabels(*target, c)) {
      // Unknown class names are reported per sample already; they are not classes.
      if (!target->classes.empty() && std::find(target->classes.begin(), target->classes.end(), l) == target->classes.end())
        continue;
      rep.class_counts[splits.split[i].empty() ? "unassigned" : splits.split[i]][l]++;
      perClass[l]++;
    }
  }
  for (const auto& [cls, n] : perClass)
    if (n < 2)
      rep.problems.push_back(SampleProblem{0, 0, "", target->name, "",
                                           "class '" + cls + "' has " + std::to_string(n) + " sample (at least 2 needed)"});
  return rep;
}

std::vector<std::string> DatasetReport::warnings() const {
  std::vector<std::string> out;
  for (const auto& [column, n] : identified) {
    std::string tags;
    for (const auto& t : identity_tags.at(column)) tags += (tags.empty() ? "" : ", ") + t;
    out.push_back("column '" + column + "': " + std::to_string(n) + " DICOM file" + (n == 1 ? "" : "s") +
                  " carry patient identity (" + tags + "); `fusebench-cli data deidentify` writes a copy without it");
  }
  return out;
}

nlohmann::json DatasetReport::toJson() const {
  nlohmann::json j;
  j["samples"] = samples;
  j["bad_samples"] = badSamples();
  j["problems"] = nlohmann::json::array();
  for (const auto& p : problems)
    j["problems"].push_back({{"row", p.row}, {"line", p.line}, {"id", p.id}, {"column", p.column}, {"path", p.path},
                             {"reason", p.reason}});
  j["class_counts"] = class_counts;
  j["present"] = present;
  j["image_sizes"] = image_sizes;
  j["warnings"] = warnings();
  j["audio_seconds"] = {{"count", audio_seconds.count}, {"min", audio_seconds.min}, {"mean", audio_seconds.mean()}, {"max", audio_seconds.max}};
  j["text_tokens"] = {{"count", text_tokens.count}, {"min", text_tokens.min}, {"mean", text_tokens.mean()}, {"max", text_tokens.max}};
  j["vocabulary"] = vocabulary;
  j["splits_from_column"] = splits_from_column;
  return j;
}

std::string DatasetReport::summaryText(const Dataset& ds) const {
  std::ostringstream os;
  os << std::fixed << std::setprecision(2);
  os << (ds.description().name.empty() ? ds.dir() : ds.description().name) << ": " << samples << " samples, "
     << badSamples() << " with problems\n";
  os << "splits " << (splits_from_column ? "(from the split column)" : "(seeded stratified 80/10/10)") << ":\n";
  std::set<std::string> classes;
  for (const auto& [split, counts] : class_counts)
    for (const auto& [c, n] : counts) classes.insert(c);
  os << "  " << std::left << std::setw(12) << "split";
  for (const auto& c : classes) os << std::setw(std::max<int>(8, static_cast<int>(c.size()) + 2)) << c;
  os << "total\n";
  for (const auto& [split, counts] : class_counts) {
    std::size_t total = 0;
    os << "  " << std::setw(12) << split;
    for (const auto& c : classes) {
      const auto it = counts.find(c);
      const std::size_t n = it == counts.end() ? 0 : it->second;
      total += n;
      os << std::setw(std::max<int>(8, static_cast<int>(c.size()) + 2)) << n;
    }
    os << total << "\n";
  }
  os << "availability per column:\n";
  for (const auto& col : ds.description().columns) {
    if (col.role == ColumnRole::Ignore) continue;
    const auto it = present.find(col.name);
    const std::size_t n = it == present.end() ? 0 : it->second;
    os << "  " << std::setw(16) << col.name << std::setw(13) << roleName(col.role) << n << "/" << samples << " ("
       << (samples ? 100.0 * static_cast<double>(n) / static_cast<double>(samples) : 0.0) << "%)\n";
  }
  if (!image_sizes.empty()) {
    os << "image sizes (WxHxC):";
    for (const auto& [s, n] : image_sizes) os << " " << s << " x" << n;
    os << "\n";
  }
  if (audio_seconds.count)
    os << "audio seconds: min " << audio_seconds.min << ", mean " << audio_seconds.mean() << ", max " << audio_seconds.max << "\n";
  if (text_tokens.count)
    os << "text tokens: min " << text_tokens.min << ", mean " << text_tokens.mean() << ", max " << text_tokens.max
       << "; vocabulary " << vocabulary << " words\n";
  return os.str();
}

}  // namespace fusebench::data
