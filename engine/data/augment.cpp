// Seeded augmentation of one sample's floats and ids, in place inside the batch being collated. Every
// random draw comes from one generator seeded per (seed, epoch, sample), in binding order, so a sample is
// augmented the same way whichever thread collates it.
#include <algorithm>
#include <cmath>
#include <random>

#include "data/pipeline.h"

namespace fusebench::data {

void Pipeline::augment(std::vector<FieldSpan>& fields, const AugmentOptions& o, uint64_t seed) const {
  if (!o.enabled) return;
  std::mt19937_64 rng(seed);
  auto uniform = [&](double a, double b) { return a + (b - a) * (static_cast<double>(rng() >> 11) / 9007199254740992.0); };
  const InputShapes& shapes = shapes_;
  for (std::size_t k = 0; k < bindings_.size(); ++k) {
    FieldSpan& f = fields[k];
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
        std::vector<float> out(f.size, 0.0f);
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
        std::copy(out.begin(), out.end(), f.values);
        break;
      }
      case PortKind::Waveform: {
        const auto n = static_cast<int64_t>(f.size);
        const auto shift = static_cast<int64_t>(uniform(-o.time_shift, o.time_shift) * static_cast<double>(n));
        const double gain = std::pow(10.0, uniform(-o.gain_db, o.gain_db) / 20.0);
        std::vector<float> out(f.size, 0.0f);
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
        std::copy(out.begin(), out.end(), f.values);
        break;
      }
      case PortKind::Spectrogram: {
        // The log-mel equivalents: a time shift rolls frames, a gain adds 2 log g, white noise adds a flat
        // power floor; then SpecAugment masks one band of frames and one of mel bands.
        const int64_t m = shape.dims[0], frames = shape.dims[1];
        const auto shift = static_cast<int64_t>(uniform(-o.time_shift, o.time_shift) * static_cast<double>(frames));
        const auto logGain = static_cast<float>(2.0 * std::log(std::pow(10.0, uniform(-o.gain_db, o.gain_db) / 20.0)));
        std::vector<float> out(f.size, static_cast<float>(std::log(1e-6)));
        double meanPower = 0;
        for (std::size_t j = 0; j < f.size; ++j) meanPower += std::exp(f.values[j]);
        meanPower /= static_cast<double>(f.size);
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
        std::copy(out.begin(), out.end(), f.values);
        break;
      }
      case PortKind::Text:
        if (const TextTokenizer* t = tokenizer(k)) {
          const int64_t unknown = t->unknownId();
          for (std::size_t j = 0; j < f.id_count; ++j)
            if (f.ids[j] != TextVocabulary::kPad && uniform(0, 1) < o.token_dropout) f.ids[j] = unknown;
        }
        break;
      default:
        break;
    }
  }
}

}  // namespace fusebench::data
