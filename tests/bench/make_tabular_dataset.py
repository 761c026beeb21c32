#!/usr/bin/env python3
"""A seeded tabular dataset of N rows (default 1,000,000) for the dataset browser's scale benchmark:
id, eight numeric columns, two categorical ones and a five-class target. About 75 bytes a row.
    python3 tests/bench/make_tabular_dataset.py OUT_DIR [--rows N] [--seed S]
"""
import argparse
import json
import os
import random


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    rng = random.Random(a.seed)
    classes = ["healthy", "mild", "moderate", "severe", "critical"]
    sites = ["north", "south", "east", "west", "central", "remote"]
    devices = ["scanner-a", "scanner-b", "scanner-c"]
    numeric = [f"x{i}" for i in range(8)]
    with open(os.path.join(a.out, "manifest.csv"), "w", newline="") as f:
        f.write(",".join(["id"] + numeric + ["site", "device", "label"]) + "\n")
        for r in range(a.rows):
            label = rng.randrange(len(classes))
            values = [f"{rng.gauss(label * 0.5, 1.0):.4f}" for _ in numeric]
            f.write(",".join([f"p{r:07d}"] + values + [rng.choice(sites), rng.choice(devices), classes[label]]) + "\n")
    columns = [{"name": "id", "role": "id"}] + [{"name": n, "role": "numeric"} for n in numeric]
    columns += [{"name": "site", "role": "categorical"}, {"name": "device", "role": "categorical"},
                {"name": "label", "role": "target", "task": "classification", "classes": classes}]
    with open(os.path.join(a.out, "dataset.json"), "w") as f:
        json.dump({"format": "fusebench-dataset", "version": 1, "name": f"tabular {a.rows} rows",
                   "manifest": "manifest.csv", "provenance": f"make_tabular_dataset.py --rows {a.rows} --seed {a.seed}",
                   "columns": columns}, f, indent=1)


if __name__ == "__main__":
    main()
