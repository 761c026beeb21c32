#include <cmath>

#include "data/decode/decoders.h"

namespace fusebench::data {

std::vector<float> resample(const std::vector<float>& in, int from, int to) {
  if (from == to || in.empty() || from <= 0 || to <= 0) return in;
  const double ratio = static_cast<double>(to) / from;
  const auto outLen = static_cast<std::size_t>(std::llround(static_cast<double>(in.size()) * ratio));
  // Low-pass at the lower Nyquist frequency (slightly inside it), Hann-windowed sinc of +-16 zero crossings.
  const double cutoff = std::min(1.0, ratio) * 0.95;
  const int halfWidth = static_cast<int>(std::ceil(16.0 / cutoff));
  std::vector<float> out(outLen);
  const double pi = 3.14159265358979323846;
  for (std::size_t n = 0; n < outLen; ++n) {
    const double t = static_cast<double>(n) / ratio;  // position in input samples
    const auto center = static_cast<long>(std::floor(t));
    double acc = 0.0, norm = 0.0;
    for (long k = center - halfWidth + 1; k <= center + halfWidth; ++k) {
      const double x = t - static_cast<double>(k);
      const double arg = x * cutoff;
      const double sinc = std::abs(arg) < 1e-12 ? 1.0 : std::sin(pi * arg) / (pi * arg);
      const double window = 0.5 + 0.5 * std::cos(pi * x / halfWidth);
      const double w = sinc * window;
      norm += w;
      if (k >= 0 && k < static_cast<long>(in.size())) acc += w * in[static_cast<std::size_t>(k)];
    }
    out[n] = static_cast<float>(norm != 0.0 ? acc / norm : 0.0);
  }
  return out;
}

}  // namespace fusebench::data
