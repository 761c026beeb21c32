// Small pieces the explainer assembles an explanation from: naming inputs, tensors to plain arrays,
// image baselines, which dataset field a node reads.
#include "explain/explainer_support.h"

namespace fusebench::explain::support {

namespace F = torch::nn::functional;


const char* modalityKind(PortKind k) {
  switch (k) {
    case PortKind::Image: return "image";
    case PortKind::Text: return "text";
    case PortKind::Waveform:
    case PortKind::Spectrogram: return "audio";
    case PortKind::Tabular: return "tabular";
    default: return "other";
  }
}

std::string joinColumns(const data::InputBinding& b) {
  if (!b.column.empty()) return b.column;
  std::string s;
  for (const auto& c : b.numeric_columns) s += (s.empty() ? "" : ", ") + c;
  for (const auto& c : b.categorical_columns) s += (s.empty() ? "" : ", ") + c;
  return s;
}

std::vector<std::string> bindingColumns(const data::InputBinding& b) {
  std::vector<std::string> c;
  if (!b.column.empty()) c.push_back(b.column);
  c.insert(c.end(), b.numeric_columns.begin(), b.numeric_columns.end());
  c.insert(c.end(), b.categorical_columns.begin(), b.categorical_columns.end());
  return c;
}

Map2D toMap(const torch::Tensor& t) {  // [rows, cols] (leading 1s squeezed)
  auto c = t.detach().to(torch::kFloat).contiguous();
  while (c.dim() > 2) c = c.squeeze(0);
  if (c.dim() == 1) c = c.unsqueeze(0);
  Map2D m;
  m.rows = c.size(0);
  m.cols = c.size(1);
  m.values.assign(c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
  return m;
}

std::vector<float> toVector(const torch::Tensor& t) {
  auto c = t.detach().to(torch::kFloat).contiguous().view({-1});
  return std::vector<float>(c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
}

// Image baselines in the model's (normalized) units.
torch::Tensor imageBaseline(const torch::Tensor& x, const data::Pipeline& p, std::size_t k, const std::string& kind,
                            std::vector<std::string>& notes) {
  std::vector<float> mean, sd;
  const bool normalized = p.imageStatistics(k, mean, sd);
  const int64_t C = x.size(1);
  if (kind == "blurred") {
    // Three passes of a box filter approximate a Gaussian of sigma ≈ side / 10.
    const int64_t side = std::min(x.size(2), x.size(3));
    const int64_t r = std::max<int64_t>(1, side / 10);
    auto y = x;
    for (int i = 0; i < 3; ++i)
      y = F::avg_pool2d(F::pad(y, F::PadFuncOptions({r, r, r, r}).mode(torch::kReplicate)), F::AvgPool2dFuncOptions(2 * r + 1).stride(1));
    return y;
  }
  if (kind == "mean") {
    if (normalized) return torch::zeros_like(x);  // the training mean is 0 after normalization
    notes.push_back("integrated_gradients: the image input is not normalized, so the training mean is unknown; "
                    "this image's own mean was used as the baseline");
    return torch::ones_like(x) * x.mean();
  }
  if (kind != "black")
    notes.push_back("integrated_gradients: unknown image baseline '" + kind + "', black used (black, blurred, mean)");
  auto b = torch::zeros_like(x);
  if (normalized)
    for (int64_t c = 0; c < C; ++c) b.select(1, c).fill_((0.0f - mean[static_cast<std::size_t>(c)]) / sd[static_cast<std::size_t>(c)]);
  return b;
}

// The field an upstream chain starts from: walks the first input edge of each node back to an input node.
std::string sourceField(const GraphSpec& g, const data::Pipeline& p, std::string node) {
  for (int guard = 0; guard < 64; ++guard) {
    for (const auto& b : p.bindings())
      if (b.node == node) return b.field;
    const EdgeSpec* first = nullptr;
    for (const auto& e : g.edges)
      if (e.to.node == node && (!first || e.to.port < first->to.port)) first = &e;
    if (!first) return node;
    node = first->from.node;
  }
  return node;
}

std::vector<ModalityInfo> describeInputs(const data::Pipeline& p) {
  std::vector<ModalityInfo> out;
  for (const auto& b : p.bindings()) out.push_back({b.field, b.node, modalityKind(b.kind), joinColumns(b), bindingColumns(b)});
  return out;
}
}  // namespace fusebench::explain::support
