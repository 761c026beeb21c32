#!/usr/bin/env bash
# One sample's full explanation on the example model (image + speech + title), by hand, not in CI:
#   bash tests/bench/run_explain_bench.sh [build-dir]
# Trains the example project with its own recipe first (about a minute) unless a finished run exists.
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build/release}
"$build/engine/cli/fusebench-cli" data make-example >/dev/null
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
run=$(ls -d projects/runs/fashion_trimodal-* 2>/dev/null | while read -r r; do
  grep -q '"finished"' "$r/status.json" 2>/dev/null && echo "$r"; done | tail -1 || true)
if [ -z "$run" ]; then
  run=projects/runs/fashion_trimodal-bench
  "$build/engine/cli/fusebench-cli" train projects/fashion_trimodal.fbproj --out "$run" >/dev/null
fi
echo "model: $run"
"$build/tests/bench/bench_explain" "$run" --samples 30 --threads 2
"$build/tests/bench/bench_explain" "$run" --samples 30 --threads 1
