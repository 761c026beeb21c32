#!/usr/bin/env bash
# GUI responsiveness of the dataset browser (offscreen Qt). By hand, not in CI:
#   bash tests/bench/run_gui_bench.sh [build-dir]
# Generates a 10,000-sample three-modality dataset (image + speech + title) and a 1,000,000-row tabular one
# if they are not there yet, and also runs on the 70,000-sample Fashion-MNIST import when present.
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build/release}
data=${FUSEBENCH_BENCH_DATA:-/tmp/fusebench-bench}
"$build/engine/cli/fusebench-cli" data make-example --train 8000 --val 1000 --test 1000 --out "$data/trimodal10k" >/dev/null
[ -f "$data/tabular1m/dataset.json" ] || python3 tests/bench/make_tabular_dataset.py "$data/tabular1m" --rows 1000000
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
for dir in "$data/trimodal10k" "$data/tabular1m" projects/data/fashion_mnist; do
  [ -f "$dir/dataset.json" ] || continue
  "$build/tests/bench/bench_gui_dataset" "$dir" 2>/dev/null
  echo
done
