#!/usr/bin/env bash
# GUI responsiveness while training (offscreen Qt), through the app's own classes. By hand, not in CI:
#   bash tests/bench/run_gui_training_bench.sh [build-dir]
# 1. the example project (convolutional, compute-bound), 2 and 1 intra-op threads;
# 2. an overhead-bound title-only model (thousands of steps/s) on the same dataset, 1 and 2 threads.
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build/release}
"$build/engine/cli/fusebench-cli" data make-example >/dev/null
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
fast=$(mktemp -d)/fast_title.fbproj
cat > "$fast" <<JSON
{"format": "fusebench-project", "version": 1, "name": "title-only model (overhead-bound)",
 "dataset": {"path": "$PWD/projects/data/fashion_trimodal"},
 "training": {"epochs": 60, "batch_size": 16, "lr": 0.003, "sample_policy": "skip"},
 "graph": {"schema_version": 1, "nodes": [
   {"id": "title", "type": "input.text", "params": {"field": "title", "max_length": 8, "vocab_size": 64}, "position": [0, 0]},
   {"id": "bag", "type": "text.bag_of_embeddings", "params": {"dim": 16}, "position": [200, 0]},
   {"id": "head", "type": "head.classification", "params": {"num_classes": 10}, "position": [400, 0]}],
  "edges": [{"from": "title.out", "to": "bag.in"}, {"from": "bag.features", "to": "head.in"}]}}
JSON
for t in 2 1; do "$build/tests/bench/bench_gui_training" projects/fashion_trimodal.fbproj --epochs 4 --threads "$t" --repeat 3 2>/dev/null; echo; done
for t in 1 2; do "$build/tests/bench/bench_gui_training" "$fast" --epochs 60 --threads "$t" --repeat 5 2>/dev/null; echo; done
