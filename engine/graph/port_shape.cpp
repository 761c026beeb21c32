#include "graph/port_shape.h"

namespace fusebench {

namespace {
struct KindName {
  PortKind kind;
  const char* name;
};
constexpr KindName kKindNames[] = {
    {PortKind::Image, "image"},       {PortKind::Text, "text"},         {PortKind::Waveform, "waveform"},
    {PortKind::Spectrogram, "spectrogram"}, {PortKind::Tabular, "tabular"}, {PortKind::Features, "features"},
    {PortKind::Tokens, "tokens"},     {PortKind::Logits, "logits"},     {PortKind::Prediction, "prediction"},
};
}  // namespace

const char* kindName(PortKind kind) {
  for (const auto& k : kKindNames)
    if (k.kind == kind) return k.name;
  return "?";
}

bool kindFromName(const std::string& name, PortKind& out) {
  for (const auto& k : kKindNames)
    if (name == k.name) {
      out = k.kind;
      return true;
    }
  return false;
}

int64_t PortShape::numel() const {
  int64_t n = 1;
  for (auto d : dims) n *= d;
  return n;
}

std::string dimsStr(const std::vector<int64_t>& dims) {
  std::string s = "[";
  for (std::size_t i = 0; i < dims.size(); ++i) s += (i ? ", " : "") + std::to_string(dims[i]);
  return s + "]";
}

std::string PortShape::str() const {
  std::string s = std::string(kindName(kind)) + " " + dimsStr(dims);
  if (kind == PortKind::Text && !cardinalities.empty()) s += " vocab " + std::to_string(cardinalities[0]);
  if (kind == PortKind::Tabular && !cardinalities.empty())
    s += " + " + std::to_string(cardinalities.size()) + " categorical";
  return s;
}

}  // namespace fusebench
