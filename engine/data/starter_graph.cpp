#include "data/starter_graph.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>
#include <sstream>

#include "graph/graph_json.h"

namespace fusebench::data {
namespace {

constexpr std::size_t kSampledFiles = 8;  // files read for sizes: enough to see a varied clip length

// A node id from a column name: [A-Za-z_][A-Za-z0-9_]*, unique in the graph.
std::string nodeId(const std::string& column, const std::string& suffix, const GraphSpec& g) {
  std::string id;
  for (char c : column) id += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  if (id.empty() || std::isdigit(static_cast<unsigned char>(id[0]))) id = "c_" + id;
  id += suffix;
  std::string unique = id;
  for (int n = 2; std::any_of(g.nodes.begin(), g.nodes.end(), [&unique](const NodeSpec& s) { return s.id == unique; }); ++n)
    unique = id + "_" + std::to_string(n);
  return unique;
}

NodeSpec& addNode(GraphSpec& g, const std::string& id, const std::string& type, ParamMap params, double x, double y) {
  NodeSpec n;
  n.id = id;
  n.type = type;
  n.params = std::move(params);
  n.x = x;
  n.y = y;
  g.nodes.push_back(std::move(n));
  return g.nodes.back();
}

void connect(GraphSpec& g, const std::string& from, const std::string& to) {
  EdgeSpec e;
  parsePortRef(from, e.from);  // written here as node.port: always well formed
  parsePortRef(to, e.to);
  g.edges.push_back(e);
}

ParamMap imageParams(const Dataset& ds, const std::string& column, const Decoders& decoders) {
  int channels = 3, height = 64, width = 64;
  for (std::size_t i = 0; i < ds.size() && i < kSampledFiles; ++i) {
    if (ds.cell(i, column).missing || !decoders.image) continue;
    Image img;
    std::string error;
    if (!decoders.image(ds.path(i, column), img, error) || img.width <= 0 || img.height <= 0) continue;
    channels = img.channels == 1 ? 1 : 3;
    const double scale = std::min(1.0, 64.0 / std::max(img.width, img.height));  // a first model: small and fast
    height = std::max(8, static_cast<int>(std::lround(img.height * scale)));
    width = std::max(8, static_cast<int>(std::lround(img.width * scale)));
    break;
  }
  return {{"field", column}, {"channels", channels}, {"height", height}, {"width", width}};
}

ParamMap textParams(const Dataset& ds, const std::string& column) {
  std::vector<int> lengths;
  std::set<std::string> words;
  for (std::size_t i = 0; i < ds.size(); ++i) {
    if (ds.cell(i, column).missing) continue;
    std::istringstream in{std::string(ds.text(i, column))};
    int n = 0;
    for (std::string w; in >> w; ++n) words.insert(w);
    lengths.push_back(n);
  }
  std::sort(lengths.begin(), lengths.end());
  const int p95 = lengths.empty() ? 16 : lengths[lengths.size() * 95 / 100];
  const int maxLength = std::clamp(p95, 8, 256);
  const int vocab = static_cast<int>(std::clamp<std::size_t>(words.size() + 2, 16, 20000));
  return {{"field", column}, {"max_length", maxLength}, {"vocab_size", vocab}};
}

ParamMap audioParams(const Dataset& ds, const std::string& column, const Decoders& decoders) {
  const int rate = ds.description().sample_rate;
  double longest = 0;
  std::size_t read = 0;
  for (std::size_t i = 0; i < ds.size() && read < kSampledFiles; ++i) {
    if (ds.cell(i, column).missing || !decoders.audio) continue;
    Audio a;
    std::string error;
    if (!decoders.audio(ds.path(i, column), rate, a, error)) continue;
    longest = std::max(longest, a.seconds());
    ++read;
  }
  const double seconds = longest > 0 ? std::clamp(std::ceil(longest * 2) / 2, 0.5, 10.0) : 1.0;
  int fft = 16;
  while (fft < rate / 40) fft *= 2;  // a window of about 25 ms
  return {{"field", column}, {"representation", "logmel"}, {"sample_rate", rate}, {"seconds", seconds},
          {"n_mels", 64}, {"hop_length", std::max(1, rate / 100)}, {"n_fft", fft}};
}

ParamMap tabularParams(const Dataset& ds) {
  const auto& d = ds.description();
  std::vector<int> cardinalities;
  for (const ColumnSpec* c : d.withRole(ColumnRole::Categorical)) {
    std::set<std::string> values;
    for (std::size_t i = 0; i < ds.size(); ++i)
      if (!ds.cell(i, c->name).missing) values.insert(std::string(ds.text(i, c->name)));
    cardinalities.push_back(std::max(2, static_cast<int>(values.size()) + 1));  // + the unknown value
  }
  return {{"num_numeric", static_cast<int>(d.withRole(ColumnRole::Numeric).size())}, {"categorical", cardinalities}};
}

// The head for the target's task, or none (the graph then ends at its MLP and says so by a problem).
void addHead(GraphSpec& g, const DatasetDescription& d, const std::string& from, double x, double y) {
  const ColumnSpec* t = d.target();
  if (!t) return;
  const int classes = std::max(2, static_cast<int>(t->classes.size()));
  if (t->task == TargetTask::Regression)
    addNode(g, "head", "head.regression", {{"num_outputs", 1}}, x, y);
  else if (t->task == TargetTask::MultiLabel)
    addNode(g, "head", "head.multilabel", {{"num_labels", std::max(1, static_cast<int>(t->classes.size()))}}, x, y);
  else
    addNode(g, "head", "head.classification", {{"num_classes", classes}}, x, y);
  connect(g, from + ".out", "head.in");
}

}  // namespace

GraphSpec starterGraph(const Dataset& ds, const Decoders& decoders) {
  GraphSpec g;
  g.name = ds.description().name;
  const auto& d = ds.description();
  std::vector<std::string> features;  // "<encoder>.features", in column order
  double y = 0;
  auto addBranch = [&](const std::string& column, const char* inputSuffix, const char* inputType, ParamMap input,
                       const char* encoderSuffix, const char* encoderType, ParamMap encoder) {
    const std::string in = nodeId(column, inputSuffix, g);
    addNode(g, in, inputType, std::move(input), 0, y);
    const std::string enc = nodeId(column, encoderSuffix, g);
    addNode(g, enc, encoderType, std::move(encoder), 325, y);
    connect(g, in + ".out", enc + ".in");
    features.push_back(enc + ".features");
    y += 160;
  };
  for (const ColumnSpec& c : d.columns) {
    if (c.role == ColumnRole::Image)
      addBranch(c.name, "", "input.image", imageParams(ds, c.name, decoders), "_cnn", "image.small_cnn", {{"depth", 3}, {"width", 16}});
    else if (c.role == ColumnRole::Text)
      addBranch(c.name, "", "input.text", textParams(ds, c.name), "_bag", "text.bag_of_embeddings", {{"dim", 32}});
    else if (c.role == ColumnRole::Audio)
      addBranch(c.name, "", "input.audio", audioParams(ds, c.name, decoders), "_cnn", "audio.spectrogram_cnn", {{"depth", 3}, {"width", 16}});
  }
  if (!d.withRole(ColumnRole::Numeric).empty() || !d.withRole(ColumnRole::Categorical).empty())
    addBranch("tabular", "", "input.tabular", tabularParams(ds), "_mlp", "tabular.mlp", {{"hidden", ParamMap::array({32})}});
  if (features.empty()) return g;  // no modality column: nothing to build on

  const double middle = (y - 160) / 2;
  std::string last = features.front();
  if (features.size() > 1) {
    addNode(g, "fuse", "fusion.concat", {{"modality_dropout", 0.1}}, 650, middle);
    for (std::size_t i = 0; i < features.size(); ++i) connect(g, features[i], "fuse.in" + std::to_string(i));
    last = "fuse.out";
  }
  addNode(g, "mlp", "block.mlp", {{"hidden", ParamMap::array({64})}, {"dropout", 0.2}}, 900, middle);
  connect(g, last, "mlp.in");
  addHead(g, d, "mlp", 1150, middle);
  return g;
}

}  // namespace fusebench::data
