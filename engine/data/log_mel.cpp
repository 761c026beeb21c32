#include "data/log_mel.h"

#include <cmath>

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

torch::Tensor logMel(const torch::Tensor& wave, const LogMelOptions& o) {
  auto window = torch::hann_window(o.n_fft, torch::TensorOptions().dtype(torch::kFloat));
  auto spec = torch::stft(wave.to(torch::kFloat), o.n_fft, o.hop_length, o.n_fft, window, /*center=*/true,
                          /*pad_mode=*/"reflect", /*normalized=*/false, /*onesided=*/true, /*return_complex=*/true);
  auto power = spec.abs().pow(2);                                   // [n_freqs, frames]
  auto mel = torch::matmul(melFilterBank(o).t(), power);            // [n_mels, frames]
  return torch::log(mel + 1e-6);
}

}  // namespace fusebench::data
