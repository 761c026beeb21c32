#!/usr/bin/env python3
"""A seeded image dataset at photo resolution for the data-at-scale benchmarks: N RGB JPEGs (quality 90)
of SIZE x SIZE pixels, four classes told apart by the shape drawn on a textured background (smooth
colour gradients, noise, distractor blobs), like photos in size and entropy. Writes dataset.json,
manifest.csv (id, image, label) and img/*.jpg, plus a project (<out>.fbproj beside the folder) that
trains a small CNN on it with normalized inputs.
   /usr/bin/python3 tests/bench/make_photo_dataset.py OUT_DIR N [--size 224] [--seed 7]
"""
import argparse
import json
import os
import random

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

CLASSES = ["circle", "square", "triangle", "cross"]


def image(rng, nprng, size, label):
    y, x = np.mgrid[0:size, 0:size].astype(np.float32) / size
    base = np.stack([rng.random() * x + rng.random() * y for _ in range(3)], axis=-1) * 180 + 40
    base += nprng.normal(0, 18, (size, size, 3))
    im = Image.fromarray(np.clip(base, 0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(1.2))
    d = ImageDraw.Draw(im)
    for _ in range(4):  # distractor blobs
        cx, cy, r = rng.randrange(size), rng.randrange(size), rng.randrange(size // 20, size // 8)
        d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=tuple(rng.randrange(256) for _ in range(3)))
    r = rng.randrange(size // 8, size // 4)
    cx, cy = rng.randrange(r, size - r), rng.randrange(r, size - r)
    colour = tuple(rng.randrange(256) for _ in range(3))
    if label == 0:
        d.ellipse([cx - r, cy - r, cx + r, cy + r], outline=colour, width=max(2, size // 40))
    elif label == 1:
        d.rectangle([cx - r, cy - r, cx + r, cy + r], outline=colour, width=max(2, size // 40))
    elif label == 2:
        d.polygon([(cx, cy - r), (cx - r, cy + r), (cx + r, cy + r)], outline=colour, width=max(2, size // 40))
    else:
        w = max(2, size // 30)
        d.rectangle([cx - r, cy - w, cx + r, cy + w], fill=colour)
        d.rectangle([cx - w, cy - r, cx + w, cy + r], fill=colour)
    return im


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("n", type=int)
    ap.add_argument("--size", type=int, default=224)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    os.makedirs(os.path.join(a.out, "img"), exist_ok=True)
    rng, nprng = random.Random(a.seed), np.random.default_rng(a.seed)
    rows = ["id,image,label"]
    for i in range(a.n):
        label = i % len(CLASSES)
        path = os.path.join("img", f"{i:06d}.jpg")
        full = os.path.join(a.out, path)
        if not os.path.exists(full):
            image(rng, nprng, a.size, label).save(full, quality=90)
        else:  # keep the random streams where they would be
            rng.random(), nprng.normal(0, 1, 1)
        rows.append(f"s{i},{path},{CLASSES[label]}")
    with open(os.path.join(a.out, "manifest.csv"), "w") as f:
        f.write("\n".join(rows) + "\n")
    desc = {"format": "fusebench-dataset", "version": 1, "name": os.path.basename(a.out.rstrip("/")), "manifest": "manifest.csv",
            "columns": [{"name": "id", "role": "id"}, {"name": "image", "role": "image"},
                        {"name": "label", "role": "target", "task": "classification", "classes": CLASSES}]}
    with open(os.path.join(a.out, "dataset.json"), "w") as f:
        json.dump(desc, f, indent=2)
    project = {
        "format": "fusebench-project", "version": 1, "name": os.path.basename(a.out.rstrip("/")),
        "dataset": {"path": os.path.basename(a.out.rstrip("/"))},
        "graph": {"schema_version": 1, "name": "small CNN on photos", "nodes": [
            {"id": "image", "type": "input.image", "params": {"channels": 3, "height": a.size, "width": a.size}},
            {"id": "cnn", "type": "image.small_cnn", "params": {"depth": 2, "width": 8}},
            {"id": "head", "type": "head.classification", "params": {"num_classes": len(CLASSES)}}],
            "edges": [{"from": "image.out", "to": "cnn.in"}, {"from": "cnn.features", "to": "head.in"}]},
        "training": {"epochs": 1, "batch_size": 32, "threads": 1, "loader_threads": 2},
    }
    with open(a.out.rstrip("/") + ".fbproj", "w") as f:
        json.dump(project, f, indent=2)


if __name__ == "__main__":
    main()
