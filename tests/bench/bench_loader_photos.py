#!/usr/bin/env python3
"""The reference for bench_loader on a photo dataset (tests/bench/make_photo_dataset.py): PyTorch's
DataLoader with 2 worker processes and batch 64, decoding each JPEG with PIL, then torchvision's
Resize (only when the file is not already the model's size), ToTensor and Normalize, and the default
collate: the same work as Fusebench's uncached epoch. Prints one JSON line per epoch mode like bench_loader.
   /usr/bin/python3 tests/bench/bench_loader_photos.py DATASET_DIR [--size 224] [--repeat N]
"""
import argparse
import csv
import json
import os
import time

import torch
from PIL import Image
from torch.utils.data import DataLoader, Dataset
from torchvision import transforms

CLASSES = ["circle", "square", "triangle", "cross"]


class Photos(Dataset):
    def __init__(self, root, size):
        self.root = root
        with open(os.path.join(root, "manifest.csv"), newline="") as f:
            self.rows = list(csv.DictReader(f))
        self.size = size
        self.to_tensor = transforms.ToTensor()
        # Constant statistics: the figure measured is loading, not fitting.
        self.normalize = transforms.Normalize([0.5, 0.5, 0.5], [0.25, 0.25, 0.25])
        self.resize = transforms.Resize((size, size), antialias=True)

    def __len__(self):
        return len(self.rows)

    def __getitem__(self, i):
        r = self.rows[i]
        with Image.open(os.path.join(self.root, r["image"])) as im:
            im = im.convert("RGB")
            if im.size != (self.size, self.size):
                im = self.resize(im)
            x = self.normalize(self.to_tensor(im))
        return x, CLASSES.index(r["label"])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("root")
    ap.add_argument("--size", type=int, default=224)
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    torch.set_num_threads(1)
    ds = Photos(a.root, a.size)
    loader = DataLoader(ds, batch_size=64, num_workers=2, shuffle=False, persistent_workers=True)
    best = 1e30
    for _ in range(a.repeat):
        t0 = time.perf_counter()
        n = 0
        for x, y in loader:
            n += x.shape[0]
        best = min(best, time.perf_counter() - t0)
    print(json.dumps({"pipeline": "pytorch", "mode": "uncached", "workers": 2, "samples": n, "seconds": best,
                      "samples_per_s": n / best}))


if __name__ == "__main__":
    main()
