#!/usr/bin/env bash
# Data-parallel scaling on one machine: 1 rank x 1 thread against N ranks x 1 thread each (per-rank batch
# kept, so the global batch grows with N), alternated ROUNDS times; each run stops after STEPS steps. Prints
# the median samples/s of each (steps after the 20th) and the ratio. The communication share of a step
# comes from a full epoch's log line ("distributed: epoch 1 waited …").
#   tests/bench/run_distributed_scaling.sh [PROJECT] [RANKS] [ROUNDS] [STEPS] [BATCH]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cli="$root/build/release/engine/cli/fusebench-cli"
project="${1:-$root/projects/fashion_mnist.fbproj}"
ranks="${2:-2}" rounds="${3:-3}" steps="${4:-150}" batch="${5:-64}"
out="$(mktemp -d /tmp/fusebench-scaling.XXXXXX)"
for i in $(seq "$rounds"); do
  FUSEBENCH_STOP_AT_STEP="$steps" "$cli" train "$project" --threads 1 --batch-size "$batch" --epochs 1 \
    --out "$out/one_$i" > "$out/one_$i.log" 2>&1
  FUSEBENCH_STOP_AT_STEP="$steps" "$cli" train "$project" --threads 1 --batch-size "$batch" --epochs 1 \
    --nproc-per-node "$ranks" --out "$out/many_$i" > "$out/many_$i.log" 2>&1
done
python3 - "$out" "$rounds" "$ranks" <<'PY'
import csv, statistics, sys
out, rounds, ranks = sys.argv[1], int(sys.argv[2]), sys.argv[3]
def rate(run):
    rows = list(csv.DictReader(open(f"{out}/{run}/metrics_steps.csv")))
    return statistics.median(float(r["samples_per_s"]) for r in rows[20:])
one = [rate(f"one_{i}") for i in range(1, rounds + 1)]
many = [rate(f"many_{i}") for i in range(1, rounds + 1)]
print("1 rank x 1 thread:  ", " ".join(f"{x:.0f}" for x in one), "samples/s; median", f"{statistics.median(one):.0f}")
print(f"{ranks} ranks x 1 thread: ", " ".join(f"{x:.0f}" for x in many), "samples/s; median", f"{statistics.median(many):.0f}")
print(f"speed-up {statistics.median(many) / statistics.median(one):.2f}x")
PY
