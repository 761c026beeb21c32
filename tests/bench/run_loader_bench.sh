#!/usr/bin/env bash
# Loader benchmark, Fusebench next to PyTorch in one run, on the example dataset. By hand, not in CI:
#   bash tests/bench/run_loader_bench.sh [build-dir]
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build/release}
"$build/engine/cli/fusebench-cli" data make-example >/dev/null
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
cpp=$("$build/tests/bench/bench_loader" projects/fashion_trimodal.fbproj --repeat 3)
py=$(/usr/bin/python3 tests/bench/bench_loader_python.py projects/data/fashion_trimodal --repeat 3)
echo "$cpp"
echo "$py"
/usr/bin/python3 - "$cpp" "$py" <<'PY'
import json, sys
rows = [json.loads(l) for l in sys.argv[1].splitlines() if "mode" in l]
py = json.loads(sys.argv[2])
get = lambda mode, t: next(r for r in rows if r["mode"] == mode and r["threads"] == t)["samples_per_s"]
print(f"| pipeline | samples/s | vs PyTorch DataLoader (2 workers) |")
print(f"|---|---|---|")
print(f"| PyTorch DataLoader, 2 workers | {py['samples_per_s']:.0f} | 1.00x |")
for t in (1, 2):
    print(f"| Fusebench loader, {t} thread{'s' if t > 1 else ''}, uncached | {get('uncached', t):.0f} | {get('uncached', t) / py['samples_per_s']:.2f}x |")
print(f"| Fusebench loader, 2 threads, memory-cached epoch | {get('memory', 2):.0f} | {get('memory', 2) / py['samples_per_s']:.2f}x |")
print(f"| Fusebench loader, 2 threads, warm disk cache, no memory cache | {get('disk', 2):.0f} | {get('disk', 2) / py['samples_per_s']:.2f}x |")
print(f"memory-cached epoch vs uncached (2 threads): {get('memory', 2) / get('uncached', 2):.1f}x")
PY
