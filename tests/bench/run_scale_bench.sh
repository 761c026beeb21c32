#!/usr/bin/env bash
# Data at real scale, by hand (not in CI): generated 224 px RGB JPEG sets of 1,500 and 6,000 samples and a
# 50,000-sample set at 96 px (tests/bench/make_photo_dataset.py, seeded), then
#   1. peak RSS of one training epoch (fusebench-cli train, default caches, cold disk cache), per set;
#   2. uncached loader throughput against PyTorch's DataLoader (2 workers, PIL + torchvision) on the
#      6,000 set, alternating, and epochs from the memory cache and from a warm disk cache;
#   3. the disk cache's size against the compact samples;
#   4. the share of step time the trainer waits for data (2nd epoch, warm disk cache, no memory cache).
#   bash tests/bench/run_scale_bench.sh [build-dir] [work-dir]
set -euo pipefail
cd "$(dirname "$0")/../.."
src=$(pwd)
build=$(realpath "${1:-build/release}")
work=${2:-/tmp/fusebench-scale}
mkdir -p "$work"
cli="$build/engine/cli/fusebench-cli"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem/{print $2}') GiB"
for spec in "photos1500 1500 224" "photos6000 6000 224" "photos50k 50000 96"; do
  set -- $spec
  [ -f "$work/$1/manifest.csv" ] && [ -f "$work/$1.fbproj" ] || /usr/bin/python3 "$src/tests/bench/make_photo_dataset.py" "$work/$1" "$2" --size "$3"
done
peak() {  # project, extra args: peak RSS in MiB of one run, cold disk cache
  local project=$1; shift
  rm -rf "$work/$(basename "$project" .fbproj)/.fusebench-cache" "$work/run"
  /usr/bin/time -f "%M" -o "$work/rss.txt" "$cli" train "$project" --out "$work/run" --json "$@" >"$work/train.json" 2>/dev/null
  echo $(( $(cat "$work/rss.txt") / 1024 ))
}
echo "## peak RSS, one epoch (small CNN, batch 32, 1 intra-op thread, 2 loader threads, default caches)"
r1500=$(peak "$work/photos1500.fbproj"); echo "photos1500: $r1500 MiB"
r6000=$(peak "$work/photos6000.fbproj"); echo "photos6000: $r6000 MiB  (x$(echo "scale=2; $r6000/$r1500" | bc) of 1,500)"
r50k=$(peak "$work/photos50k.fbproj"); echo "photos50k (96 px): $r50k MiB"
echo "## data wait, 2nd epoch from the warm disk cache (photos6000)"
"$cli" train "$work/photos6000.fbproj" --epochs 2 --out "$work/run2" --json 2>/dev/null >"$work/train2.json"
/usr/bin/python3 - "$work/train2.json" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
print(f"waited for data {100 * j['data_wait_share']:.1f}% of the epoch")
PY
echo "## loader throughput (photos6000; alternating, best of 3 each)"
for round in 1 2 3; do
  "$build/tests/bench/bench_loader" "$work/photos6000.fbproj" --repeat 1
  /usr/bin/python3 "$src/tests/bench/bench_loader_photos.py" "$work/photos6000" --repeat 1
done | tee "$work/throughput.jsonl"
/usr/bin/python3 - "$work/throughput.jsonl" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
def med(pred):
    v = [r["samples_per_s"] for r in rows if "samples_per_s" in r and pred(r)]
    return statistics.median(v)
py = med(lambda r: r["pipeline"] == "pytorch")
print("| pipeline | samples/s (median of 3) | vs PyTorch DataLoader, 2 workers |\n|---|---|---|")
print(f"| PyTorch DataLoader, 2 workers (PIL + torchvision) | {py:.0f} | 1.00x |")
for mode, t, label in [("uncached", 1, "uncached, 1 thread"), ("uncached", 2, "uncached, 2 threads"),
                       ("memory", 2, "memory cache, 2 threads"), ("disk", 2, "warm disk cache, no memory cache, 2 threads")]:
    v = med(lambda r: r["pipeline"] == "fusebench" and r["mode"] == mode and r["threads"] == t)
    print(f"| Fusebench, {label} | {v:.0f} | {v / py:.2f}x |")
print(f"disk cache epoch vs memory cache epoch: {med(lambda r: r.get('mode') == 'disk') / med(lambda r: r.get('mode') == 'memory'):.2f}x")
size = [r for r in rows if "disk_cache_bytes" in r][-1]
print(f"disk cache: {size['disk_cache_bytes'] / size['samples'] / 1024:.1f} KiB a sample, "
      f"{size['disk_cache_bytes'] / size['compact_bytes']:.3f}x the compact samples")
PY
