#!/usr/bin/env bash
# Training steps/s, Fusebench next to PyTorch (same architecture, recipe, batch and threads) in one run.
# By hand, not in CI:   bash tests/bench/run_train_bench.sh [build-dir] [threads]
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build/release}
threads=${2:-2}
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); threads $threads"
for model in conv fusion; do
  steps=$([ "$model" = conv ] && echo 30 || echo 400)
  fb=$("$build/tests/bench/bench_train" "$model" --threads "$threads" --steps "$steps")
  py=$(/usr/bin/python3 tests/bench/bench_train_python.py "$model" --threads "$threads" --steps "$steps")
  /usr/bin/python3 -c "
import json, sys
fb, py = json.loads(sys.argv[1]), json.loads(sys.argv[2])
print(f\"{fb['model']:7s} batch {fb['batch']:4d}: Fusebench {fb['steps_per_s']:8.1f} steps/s, PyTorch {py['steps_per_s']:8.1f} steps/s, ratio {fb['steps_per_s'] / py['steps_per_s']:.2f}x\")
" "$fb" "$py"
done
