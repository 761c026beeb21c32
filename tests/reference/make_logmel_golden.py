#!/usr/bin/env python3
"""Golden log-mel spectrograms from torchaudio (Debian's python3-torchaudio) for tests/engine/data.

The C++ implementation (engine/data/log_mel.cpp) must match torchaudio.transforms.MelSpectrogram with
center=True, pad_mode="reflect", power=2, norm=None, mel_scale="htk", followed by log(x + 1e-6).
Rerun only when the definition changes:  /usr/bin/python3 tests/reference/make_logmel_golden.py
"""
import json
import math
import os

import torch
import torchaudio

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "golden", "logmel")


def main():
    os.makedirs(OUT, exist_ok=True)
    torch.manual_seed(5)
    cases = [
        dict(name="speech_like", sample_rate=16000, n_fft=400, hop_length=160, n_mels=40, f_min=0.0, f_max=0.0, length=4000),
        dict(name="band_limited", sample_rate=8000, n_fft=256, hop_length=64, n_mels=24, f_min=60.0, f_max=3800.0, length=1500),
    ]
    for c in cases:
        t = torch.arange(c["length"], dtype=torch.float32) / c["sample_rate"]
        wave = 0.5 * torch.sin(2 * math.pi * 440.0 * t) + 0.2 * torch.sin(2 * math.pi * 1900.0 * t) + 0.05 * torch.randn(c["length"])
        mel = torchaudio.transforms.MelSpectrogram(
            sample_rate=c["sample_rate"], n_fft=c["n_fft"], hop_length=c["hop_length"], f_min=c["f_min"],
            f_max=c["f_max"] or None, n_mels=c["n_mels"], power=2.0, center=True, pad_mode="reflect",
            norm=None, mel_scale="htk")(wave)
        logmel = torch.log(mel + 1e-6)
        doc = {k: v for k, v in c.items() if k != "length"}
        doc["wave"] = wave.tolist()
        doc["logmel_shape"] = list(logmel.shape)
        doc["logmel"] = logmel.reshape(-1).tolist()
        doc["generator"] = f"torch {torch.__version__}, torchaudio {torchaudio.__version__}"
        with open(os.path.join(OUT, c["name"] + ".json"), "w") as f:
            json.dump(doc, f, separators=(",", ":"))
    print(f"wrote {len(cases)} log-mel cases to {OUT}")


if __name__ == "__main__":
    main()
