#!/usr/bin/env bash
# Time to 0.92 test accuracy on Fashion-MNIST, Fusebench next to PyTorch in one run, same recipe and threads
# (projects/fashion_mnist.fbproj). By hand, not in CI; about 40 minutes on 2 cores.
#   bash tests/bench/run_time_to_accuracy.sh [build-dir] [threads] [fp32|bf16]
# bf16: both train with bfloat16 mixed precision (forward and loss under autocast), both evaluate in float32.
# Fusebench evaluates the official test images after every epoch by seeing them as its validation split
# (a copy of the imported dataset's manifest with "test" renamed "val"); PyTorch evaluates them directly.
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build/release}
threads=${2:-2}
precision=${3:-fp32}
src=projects/data/fashion_mnist
[ -f "$src/dataset.json" ] || { echo "import Fashion-MNIST first (README: Training (headless))" >&2; exit 1; }
work=$(mktemp -d)
mkdir -p "$work/data"
cp "$src/dataset.json" "$work/data/"
ln -s "$PWD/$src/images" "$work/data/images"
sed 's/,test$/,val/' "$src/manifest.csv" > "$work/data/manifest.csv"
python3 - "$work" <<'PY'
import json, sys
w = sys.argv[1]
p = json.load(open("projects/fashion_mnist.fbproj"))
p["dataset"] = {"path": w + "/data"}
json.dump(p, open(w + "/fmnist.fbproj", "w"))
PY
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $threads threads, $precision"
start=$(date +%s.%N)
"$build/engine/cli/fusebench-cli" train "$work/fmnist.fbproj" --threads "$threads" --precision "$precision" --out "$work/run" >/dev/null 2>&1 || true
wall=$(python3 -c "import time; print(round(time.time() - $start, 1))")
python3 - "$work/run" "$wall" "$precision" <<'PY'
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1] + "/metrics_epochs.csv")))
steps = list(csv.DictReader(open(sys.argv[1] + "/metrics_steps.csv")))
t = 0.0
for r in rows:
    t += float(r["seconds"])
    # each step's own time, from its samples/s; the rest of the epoch is the validation pass and checkpoints
    train = sum(128 / float(s["samples_per_s"]) for s in steps if s["epoch"] == r["epoch"])
    print(json.dumps({"framework": "fusebench", "precision": sys.argv[3], "epoch": int(r["epoch"]), "test_accuracy": float(r["val_accuracy"]),
                      "seconds": round(t, 1), "train_steps_seconds": round(train, 1),
                      "rest_seconds": round(float(r["seconds"]) - train, 1), "rss_mib": float(r["rss_mib"]),
                      "run_wall_seconds": float(sys.argv[2])}))
PY
/usr/bin/python3 tests/bench/time_to_accuracy_python.py --epochs 12 --threads "$threads" --precision "$precision"
