#!/usr/bin/env python3
"""A Fashion-MNIST image dataset for pretraining the example's image encoder, disjoint from the example dataset.

    build/release/engine/cli/fusebench-cli data make-example          # projects/data/fashion_trimodal
    /usr/bin/python3 tools/examples/make_pretrain_dataset.py            # projects/data/fashion_pretrain

The example dataset (`data make-example`) draws 3,200 of Fashion-MNIST's 60,000 training images and records each
one's index in its manifest's `source` column. This script draws COUNT further training images (balanced over the
classes, seeded) from the ones the example does not use, and leaves out any whose pixels are identical to an image
the example uses (Fashion-MNIST has a few exact duplicates under different indices), so no picture of the
example's train, validation or test split is seen in pretraining. It writes the dataset (PNG images, manifest.csv
with the same `source` column, dataset.json) and overlap.json with the proof: both index sets, their
intersection (empty) and the pixel-identical images removed. It refuses to write if any overlap remains.
Needs numpy and PIL (Debian's python3-numpy, python3-pil).
"""
import argparse
import csv
import gzip
import hashlib
import json
import os
import random
import struct
import sys

import numpy as np
from PIL import Image

CLASSES = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def read_idx(path):
    with gzip.open(path, "rb") as f:
        magic, = struct.unpack(">I", f.read(4))
        dims = [struct.unpack(">I", f.read(4))[0] for _ in range(magic & 0xFF)]
        return np.frombuffer(f.read(), dtype=np.uint8).reshape(dims)


def example_sources(example_dir):
    path = os.path.join(example_dir, "manifest.csv")
    if not os.path.exists(path):
        sys.exit(f"{path} not found: make the example dataset first (fusebench-cli data make-example)")
    used = set()
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            if "source" not in row:
                sys.exit(f"{path} has no 'source' column: regenerate it with this version's fusebench-cli data make-example")
            kind, _, index = row["source"].partition(":")
            if kind != "fashion-mnist/train":
                sys.exit(f"{path}: unexpected source '{row['source']}'")
            used.add(int(index))
    return used


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--example", default=os.path.join(ROOT, "projects", "data", "fashion_trimodal"))
    ap.add_argument("--fashion-mnist", default="/usr/share/datasets/fashion-mnist")
    ap.add_argument("--count", type=int, default=12000, help="images to draw (default 12000)")
    ap.add_argument("--val-fraction", type=float, default=0.1)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--out", default=os.path.join(ROOT, "projects", "data", "fashion_pretrain"))
    args = ap.parse_args()

    images = read_idx(os.path.join(args.fashion_mnist, "train-images-idx3-ubyte.gz"))
    labels = read_idx(os.path.join(args.fashion_mnist, "train-labels-idx1-ubyte.gz"))
    used = example_sources(args.example)
    digest = lambda i: hashlib.sha256(images[i].tobytes()).hexdigest()
    used_pixels = {digest(i) for i in used}

    # Candidates: indices the example does not use and whose pixels differ from every image it uses.
    rng = random.Random(args.seed)
    per_class = args.count // len(CLASSES)
    chosen, removed_identical = [], []
    for c in range(len(CLASSES)):
        pool = [i for i in np.flatnonzero(labels == c).tolist() if i not in used]
        rng.shuffle(pool)
        taken = 0
        for i in pool:
            if taken == per_class:
                break
            if digest(i) in used_pixels:
                removed_identical.append(i)
                continue
            chosen.append(i)
            taken += 1
        if taken < per_class:
            sys.exit(f"class {CLASSES[c]}: only {taken} unused images, {per_class} asked for")
    rng.shuffle(chosen)

    shared = sorted(set(chosen) & used)
    shared_pixels = sorted(i for i in chosen if digest(i) in used_pixels)
    if shared or shared_pixels:
        sys.exit(f"overlap with the example: {len(shared)} indices, {len(shared_pixels)} identical images")

    os.makedirs(os.path.join(args.out, "images"), exist_ok=True)
    n_val = int(round(len(chosen) * args.val_fraction))
    with open(os.path.join(args.out, "manifest.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "image", "label", "split", "source"])
        for n, i in enumerate(chosen):
            rel = f"images/p{n + 1:05d}.png"
            Image.fromarray(images[i]).save(os.path.join(args.out, rel))
            w.writerow([f"p{n + 1:05d}", rel, CLASSES[labels[i]], "val" if n < n_val else "train",
                        f"fashion-mnist/train:{i}"])
    description = {
        "format": "fusebench-dataset", "version": 1, "name": "Fashion-MNIST pretraining set (disjoint from the example)",
        "provenance": f"{len(chosen)} Fashion-MNIST training images (Debian dataset-fashion-mnist) not used by the example "
                      f"dataset and not pixel-identical to any it uses; tools/examples/make_pretrain_dataset.py, seed {args.seed}.",
        "manifest": "manifest.csv",
        "columns": [{"name": "id", "role": "id"}, {"name": "image", "role": "image"},
                    {"name": "label", "role": "target", "task": "classification", "classes": CLASSES},
                    {"name": "split", "role": "split"}, {"name": "source", "role": "ignore"}],
    }
    with open(os.path.join(args.out, "dataset.json"), "w") as f:
        json.dump(description, f, indent=2)
    proof = {
        "example_dataset": os.path.abspath(args.example), "example_images": len(used),
        "pretrain_images": len(chosen), "shared_indices": shared, "shared_identical_images": shared_pixels,
        "left_out_as_pixel_identical_to_an_example_image": sorted(removed_identical),
        "example_indices": sorted(used), "pretrain_indices": sorted(chosen),
    }
    with open(os.path.join(args.out, "overlap.json"), "w") as f:
        json.dump(proof, f)
    print(f"{args.out}: {len(chosen)} images ({n_val} val), none of the example's {len(used)}; "
          f"{len(removed_identical)} pixel-identical to example images left out")


if __name__ == "__main__":
    main()
