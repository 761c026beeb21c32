#!/usr/bin/env bash
# Training steps/s, Fusebench next to PyTorch (same architecture, recipe, batch and threads) in one run.
# Fusebench runs twice: as built (linear layers on oneDNN's sgemm when available) and with FUSEBENCH_GEMM=blas
# (the same BLAS as PyTorch), so the framework's share and the kernels' share of the ratio can be told apart.
# By hand, not in CI:   bash tests/bench/run_train_bench.sh [build-dir] [threads]
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build/release}
threads=${2:-2}
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); threads $threads"
for model in conv fusion; do
  steps=$([ "$model" = conv ] && echo 30 || echo 1000)
  fb=$("$build/tests/bench/bench_train" "$model" --threads "$threads" --steps "$steps")
  blas=$(FUSEBENCH_GEMM=blas "$build/tests/bench/bench_train" "$model" --threads "$threads" --steps "$steps")
  py=$(/usr/bin/python3 tests/bench/bench_train_python.py "$model" --threads "$threads" --steps "$steps")
  /usr/bin/python3 -c "
import json, sys
fb, blas, py = (json.loads(a) for a in sys.argv[1:4])
r = lambda x: x['steps_per_s'] / py['steps_per_s']
print(f\"{fb['model']:7s} batch {fb['batch']:4d}: Fusebench {fb['steps_per_s']:8.1f} steps/s ({r(fb):.2f}x), \"
      f\"with PyTorch's BLAS {blas['steps_per_s']:8.1f} ({r(blas):.2f}x), PyTorch {py['steps_per_s']:8.1f}\")
" "$fb" "$blas" "$py"
done
# bfloat16 mixed precision (where the CPU has AVX512-BF16 or AMX): Fusebench bf16 against its own fp32 and
# against PyTorch's CPU autocast, alternated, so that the machine's noise falls on both.
for model in conv fusion; do
  steps=$([ "$model" = conv ] && echo 30 || echo 1000)
  fb32=$("$build/tests/bench/bench_train" "$model" --threads "$threads" --steps "$steps")
  fb16=$("$build/tests/bench/bench_train" "$model" --threads "$threads" --steps "$steps" --precision bf16) || continue
  py16=$(/usr/bin/python3 tests/bench/bench_train_python.py "$model" --threads "$threads" --steps "$steps" --precision bf16)
  /usr/bin/python3 -c "
import json, sys
fb32, fb16, py16 = (json.loads(a)['steps_per_s'] for a in sys.argv[1:4])
print(f'{sys.argv[4]:7s} bf16: Fusebench {fb16:8.1f} steps/s ({fb16 / fb32:.2f}x its fp32 {fb32:.1f}), '
      f'PyTorch bf16 {py16:8.1f} (Fusebench {fb16 / py16:.2f}x)')
" "$fb32" "$fb16" "$py16" "$model"
done
