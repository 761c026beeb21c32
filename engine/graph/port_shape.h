#pragma once
// What flows along an edge: its kind (modality or role) and its per-sample shape (batch excluded).
#include <cstdint>
#include <string>
#include <vector>

namespace fusebench {

enum class PortKind {
  Image,        // [C, H, W] float
  Text,         // [L] token ids (+ token mask); cardinalities = {vocabulary size}
  Waveform,     // [T] float samples
  Spectrogram,  // [n_mels, frames] float (log-mel)
  Tabular,      // [N] numeric values (+ K categorical ids); cardinalities = one per categorical column
  Features,     // [D] one vector per sample
  Tokens,       // [L, D] a sequence per sample (+ token mask)
  Logits,       // [K] class scores before the head (late fusion)
  Prediction,   // [K] a head's output; consumed by the loss, never by another node
};

const char* kindName(PortKind kind);
bool kindFromName(const std::string& name, PortKind& out);

struct PortShape {
  PortKind kind = PortKind::Features;
  std::vector<int64_t> dims;
  std::vector<int64_t> cardinalities;  // text: {vocab}; tabular: one per categorical column

  int64_t dim(std::size_t i) const { return i < dims.size() ? dims[i] : -1; }
  int64_t last() const { return dims.empty() ? -1 : dims.back(); }
  int64_t numel() const;
  std::string str() const;  // "features [128]", "tabular [5] + 2 categorical"
  bool operator==(const PortShape& o) const {
    return kind == o.kind && dims == o.dims && cardinalities == o.cardinalities;
  }
};

std::string dimsStr(const std::vector<int64_t>& dims);  // "[3, 28, 28]"

}  // namespace fusebench
