#include "data/log_mel.h"

#include <cmath>
#include <map>
#include <mutex>
#include <tuple>

namespace fusebench::data {

static double hzToMel(double f) { return 2595.0 * std::log10(1.0 + f / 700.0); }

torch::Tensor melFilterBank(const LogMelOptions& o) {
  const int64_t nFreqs = o.n_fft / 2 + 1;
  const double fMax = o.f_max > 0 ? o.f_max : static_cast<double>(o.sample_rate) / 2.0;
  auto allFreqs = torch::linspace(0.0, static_cast<double>(o.sample_rate / 2), nFreqs, torch::kDouble);
  auto mPts = torch::linspace(hzToMel(o.f_min), hzToMel(fMax), o.n_mels + 2, torch::kDouble);
  auto fPts = 700.0 * (torch::pow(10.0, mPts / 2595.0) - 1.0);
  auto fDiff = fPts.slice(0, 1) - fPts.slice(0, 0, -1);             // [n_mels + 1]
  auto slopes = fPts.unsqueeze(0) - allFreqs.unsqueeze(1);          // [n_freqs, n_mels + 2]
  auto down = -slopes.slice(1, 0, -2) / fDiff.slice(0, 0, -1);      // [n_freqs, n_mels]
  auto up = slopes.slice(1, 2) / fDiff.slice(0, 1);
  return torch::clamp_min(torch::min(down, up), 0.0).to(torch::kFloat);
}

namespace {

// The window and the transposed filter bank depend only on the options; building them costs more than
// the transform of a short clip, so they are made once per distinct options and shared by all threads.
struct Band {
  int64_t first = 0;           // first frequency bin with a non-zero weight
  std::vector<float> weights;  // weights of bins first, first + 1, …
};

struct Prepared {
  torch::Tensor window;
  std::vector<Band> bands;  // the triangular filters, stored sparsely: ~2 bins per output instead of n_freqs
};

const Prepared& prepared(const LogMelOptions& o) {
  static std::mutex mutex;
  static std::map<std::tuple<int64_t, int64_t, int64_t, double, double>, Prepared> cache;
  const auto key = std::make_tuple(o.sample_rate, o.n_fft, o.n_mels, o.f_min, o.f_max);
  std::lock_guard<std::mutex> lock(mutex);
  auto it = cache.find(key);
  if (it == cache.end()) {
    torch::NoGradGuard noGrad;
    Prepared p;
    p.window = torch::hann_window(o.n_fft, torch::TensorOptions().dtype(torch::kFloat));
    const auto bank = melFilterBank(o).contiguous();  // [n_freqs, n_mels]
    const auto* w = bank.data_ptr<float>();
    const int64_t nFreqs = bank.size(0), nMels = bank.size(1);
    for (int64_t m = 0; m < nMels; ++m) {
      Band b;
      int64_t f = 0;
      while (f < nFreqs && w[f * nMels + m] == 0.0f) ++f;
      b.first = f;
      int64_t last = nFreqs - 1;
      while (last >= f && w[last * nMels + m] == 0.0f) --last;
      for (int64_t k = f; k <= last; ++k) b.weights.push_back(w[k * nMels + m]);
      p.bands.push_back(std::move(b));
    }
    it = cache.emplace(key, std::move(p)).first;
  }
  return it->second;  // std::map nodes never move, so the reference stays valid
}

}  // namespace

torch::Tensor logMel(const torch::Tensor& wave, const LogMelOptions& o) {
  const Prepared& p = prepared(o);
  auto spec = torch::stft(wave.to(torch::kFloat), o.n_fft, o.hop_length, o.n_fft, p.window, /*center=*/true,
                          /*pad_mode=*/"reflect", /*normalized=*/false, /*onesided=*/true, /*return_complex=*/true);
  auto power = torch::view_as_real(spec).pow(2).sum(-1).contiguous();  // |X|^2, [n_freqs, frames]
  const int64_t frames = power.size(1);
  auto mel = torch::zeros({static_cast<int64_t>(p.bands.size()), frames}, torch::kFloat);
  const float* pw = power.data_ptr<float>();
  float* out = mel.data_ptr<float>();
  for (std::size_t m = 0; m < p.bands.size(); ++m) {
    float* row = out + static_cast<int64_t>(m) * frames;
    const Band& b = p.bands[m];
    for (std::size_t k = 0; k < b.weights.size(); ++k) {
      const float w = b.weights[k];
      const float* src = pw + (b.first + static_cast<int64_t>(k)) * frames;
      for (int64_t t = 0; t < frames; ++t) row[t] += w * src[t];
    }
  }
  return torch::log(mel + 1e-6);
}

}  // namespace fusebench::data
