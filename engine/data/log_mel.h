#pragma once
// Log-mel spectrogram with LibTorch: |STFT|^2 (centered, reflect-padded, periodic Hann window) through an
// HTK mel filter bank without normalization, then log(x + 1e-6). Matches torchaudio's MelSpectrogram with
// mel_scale="htk", norm=None, power=2 (checked against golden files from tests/reference/make_logmel_golden.py).
#include <torch/torch.h>

namespace fusebench::data {

struct LogMelOptions {
  int64_t sample_rate = 16000;
  int64_t n_fft = 400;
  int64_t hop_length = 160;
  int64_t n_mels = 64;
  double f_min = 0.0;
  double f_max = 0.0;  // 0 = sample_rate / 2
};

torch::Tensor melFilterBank(const LogMelOptions& o);  // [n_fft / 2 + 1, n_mels]
// wave [T] -> [n_mels, 1 + T / hop_length]
torch::Tensor logMel(const torch::Tensor& wave, const LogMelOptions& o);

}  // namespace fusebench::data
