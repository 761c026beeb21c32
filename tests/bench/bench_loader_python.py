#!/usr/bin/env python3
"""The same loading pipeline as bench_loader, in PyTorch: torchvision.io PNG decoding, torchaudio FLAC
decoding and MelSpectrogram (htk, power 2, log), regex tokenization with a training vocabulary, tabular
none; DataLoader with 2 worker processes, batch 64. Prints one JSON line like bench_loader.
   /usr/bin/python3 tests/bench/bench_loader_python.py DATASET_DIR [--repeat N]
"""
import csv
import json
import os
import re
import sys
import time

import torch
import torchaudio
from torch.utils.data import DataLoader, Dataset
from torchvision.io import read_image

CLASSES = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]


class Trimodal(Dataset):
    def __init__(self, root):
        self.root = root
        with open(os.path.join(root, "manifest.csv"), newline="") as f:
            self.rows = list(csv.DictReader(f))
        counts = {}
        for r in self.rows:
            if r["split"] == "train":
                for w in re.findall(r"[a-z0-9\x80-\uffff]+", r["title"].lower()):
                    counts[w] = counts.get(w, 0) + 1
        words = sorted(counts, key=lambda w: (-counts[w], w))[:62]
        self.vocab = {w: i + 2 for i, w in enumerate(words)}
        self.mel = torchaudio.transforms.MelSpectrogram(sample_rate=8000, n_fft=256, hop_length=80, n_mels=40,
                                                        power=2.0, center=True, pad_mode="reflect", norm=None,
                                                        mel_scale="htk")

    def __len__(self):
        return len(self.rows)

    def __getitem__(self, i):
        r = self.rows[i]
        if r["image"]:
            image = read_image(os.path.join(self.root, r["image"])).float() / 255.0
            image_present = True
        else:
            image, image_present = torch.zeros(1, 28, 28), False
        wave = torch.zeros(12000)
        if r["audio"]:
            w, sr = torchaudio.load(os.path.join(self.root, r["audio"]))
            w = w.mean(0)
            if sr != 8000:
                w = torchaudio.functional.resample(w, sr, 8000)
            wave[: min(12000, w.numel())] = w[:12000]
            audio = torch.log(self.mel(wave) + 1e-6)
        else:
            audio = torch.zeros(40, 151)
        ids = [self.vocab.get(w, 1) for w in re.findall(r"[a-z0-9\x80-\uffff]+", r["title"].lower())][:8]
        text = torch.tensor(ids + [0] * (8 - len(ids)), dtype=torch.long)
        return image, image_present, audio, bool(r["audio"]), text, CLASSES.index(r["label"])


def main():
    root = sys.argv[1]
    repeat = int(sys.argv[sys.argv.index("--repeat") + 1]) if "--repeat" in sys.argv else 3
    torch.set_num_threads(1)
    ds = Trimodal(root)
    best = 1e30
    for _ in range(repeat):
        loader = DataLoader(ds, batch_size=64, shuffle=False, num_workers=2)
        t0 = time.perf_counter()
        n = 0
        for batch in loader:
            n += batch[0].shape[0]
        best = min(best, time.perf_counter() - t0)
    print(json.dumps({"pipeline": "pytorch DataLoader", "mode": "uncached", "threads": 2, "samples": n,
                      "seconds": best, "samples_per_s": n / best,
                      "versions": f"torch {torch.__version__}, torchaudio {torchaudio.__version__}"}))


if __name__ == "__main__":
    main()
