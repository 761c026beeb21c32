#!/usr/bin/env bash
# The GPU check, for a session lent the accelerator machine (../shared/gpu/README.md). It builds the core
# (FUSEBENCH_CORE_ONLY: engine, trainer, CLI, engine tests) against that machine's LibTorch (CUDA, 2.x),
# runs the core tests, compares training steps/s with PyTorch on the same GPU, and trains a small tabular
# project with the CLI on CUDA, then evaluates its bundle. Logs go to OUTDIR.
#   prepare here:  bash tests/bench/gpu_check.sh --prepare     (copies header-only deps + GoogleTest sources)
#   on the device: bash tests/bench/gpu_check.sh OUTDIR      (QUICK=1: only the CLI run, and the engine
#                  graph tests with a backtrace of any crash)
set -uo pipefail
cd "$(dirname "$0")/../.."
if [ "${1:-}" = "--prepare" ]; then
  mkdir -p third_party_headers
  cp -r /usr/include/nlohmann /usr/include/CLI third_party_headers/
  rm -rf third_party_headers/googletest && cp -r /usr/src/googletest third_party_headers/googletest
  exit 0
fi
out=${1:?OUTDIR}
mkdir -p "$out"
exec > >(tee "$out/gpu_check.log") 2>&1
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv || true
python3 -c 'import torch; print("python torch", torch.__version__, "cuda", torch.version.cuda, torch.cuda.get_device_name(0))'
torch_dir=$(python3 -c 'import torch; print(torch.utils.cmake_prefix_path)')/Torch
build=build/gpu
configure() {
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DTorch_DIR="$torch_dir" -DFUSEBENCH_CORE_ONLY=ON \
    -DFUSEBENCH_THIRD_PARTY="$PWD/third_party_headers" -DCMAKE_CXX_STANDARD="$1" >"$out/configure.log" 2>&1
}
std=17
configure $std || { tail -40 "$out/configure.log"; exit 1; }
start=$(date +%s)
targets=()
[ "${QUICK:-0}" = 1 ] && targets=(--target fusebench-cli test_engine_graph)
if ! cmake --build "$build" -j 16 "${targets[@]}" >"$out/build.log" 2>&1; then
  if grep -qi "c++20\|C++ 20\|requires.*20" "$out/build.log"; then
    echo "C++17 refused by this LibTorch: rebuilding with C++20"
    std=20; rm -rf "$build"; configure $std
    cmake --build "$build" -j 16 "${targets[@]}" >"$out/build.log" 2>&1 || { grep -m 20 -B2 -A6 "error" "$out/build.log"; exit 1; }
  else
    grep -m 20 -B2 -A6 "error" "$out/build.log"; exit 1
  fi
fi
echo "built (C++$std) in $(( $(date +%s) - start )) s"
if [ "${QUICK:-0}" = 1 ]; then
  for t in $("$build/tests/engine/test_engine_graph" --gtest_list_tests | awk '/^[A-Za-z]/{s=$1} /^  /{print s $1}'); do
    "$build/tests/engine/test_engine_graph" --gtest_filter="$t" >/dev/null 2>&1 && continue
    echo "FAILED: $t"
    if command -v gdb >/dev/null; then gdb -batch -ex run -ex bt --args "$build/tests/engine/test_engine_graph" --gtest_filter="$t" 2>&1 | tail -25
    else "$build/tests/engine/test_engine_graph" --gtest_filter="$t" 2>&1 | tail -15; fi
  done
else
  (cd "$build" && ctest -j 16 --output-on-failure >"$out/ctest.log" 2>&1); echo "core tests: $(grep -E 'tests passed|tests failed' "$out/ctest.log")"
  grep -E "\*\*\*Failed|Failed  " "$out/ctest.log" | head -20
  echo "== training steps/s on the GPU, same model and recipe, Fusebench vs PyTorch =="
  for m in conv fusion; do
    "$build/tests/bench/bench_train" $m --device cuda --steps 300
    python3 tests/bench/bench_train_python.py $m --device cuda --steps 300
  done
fi

echo "== a tabular project trained by the CLI on CUDA, then evaluated from its bundle =="
data=$(mktemp -d)
python3 - "$data" <<'PY'
import json, os, random, sys
d = sys.argv[1]
random.seed(3)
rows = ["id,a,b,c,d,colour,label,split"]
for i in range(6000):
    k = i % 3
    a, b = random.gauss(k, 0.7), random.gauss(-k, 0.7)
    split = "test" if i % 10 == 0 else "val" if i % 10 == 1 else "train"
    rows.append(f"r{i},{a:.4f},{b:.4f},{random.gauss(0,1):.4f},{random.gauss(0,1):.4f},{'red' if k == 1 else 'blue'},c{k},{split}")
open(os.path.join(d, "manifest.csv"), "w").write("\n".join(rows) + "\n")
json.dump({"format": "fusebench-dataset", "version": 1, "name": "gpu check", "manifest": "manifest.csv", "columns": [
    {"name": "id", "role": "id"}, {"name": "a", "role": "numeric"}, {"name": "b", "role": "numeric"},
    {"name": "c", "role": "numeric"}, {"name": "d", "role": "numeric"}, {"name": "colour", "role": "categorical"},
    {"name": "label", "role": "target", "task": "classification", "classes": ["c0", "c1", "c2"]},
    {"name": "split", "role": "split"}]}, open(os.path.join(d, "dataset.json"), "w"))
json.dump({"format": "fusebench-project", "version": 1, "name": "gpu check", "dataset": {"path": d},
  "training": {"epochs": 5, "batch_size": 64, "lr": 0.003},
  "graph": {"schema_version": 1, "nodes": [
    {"id": "tab", "type": "input.tabular", "position": [0, 0]},
    {"id": "mlp", "type": "tabular.mlp", "params": {"hidden": [64, 64]}, "position": [200, 0]},
    {"id": "head", "type": "head.classification", "params": {"num_classes": 3}, "position": [400, 0]}],
   "edges": [{"from": "tab.out", "to": "mlp.in"}, {"from": "mlp.features", "to": "head.in"}]}},
  open(os.path.join(d, "gpu.fbproj"), "w"))
PY
cli="$build/engine/cli/fusebench-cli"
"$cli" train "$data/gpu.fbproj" --device cuda --out "$data/run" --json | tee "$out/train_cuda.json" | head -12
grep -h "training\|done in\|error" "$data/run/log.txt"
"$cli" eval "$data/run" --json | python3 -c 'import json,sys; j=json.load(sys.stdin); print("eval from the bundle (CPU): accuracy", j.get("accuracy"))'
"$cli" train "$data/gpu.fbproj" --device cuda:7 --out "$data/run_bad" 2>&1 | tail -2
echo "== the same project with mixed precision (bf16 autocast) =="
python3 - "$data" <<'PY'
import json, sys
p = sys.argv[1] + "/gpu.fbproj"
j = json.load(open(p)); j["training"]["precision"] = "bf16"; json.dump(j, open(sys.argv[1] + "/gpu_bf16.fbproj", "w"))
PY
"$cli" train "$data/gpu_bf16.fbproj" --device cuda --out "$data/run_bf16" --json | python3 -c 'import json,sys; j=json.load(sys.stdin); print("bf16 run: test accuracy", j.get("test_accuracy"), "in", round(j["seconds"], 2), "s")'
cp "$data/run/log.txt" "$out/train_log.txt" 2>/dev/null
echo "== done =="
