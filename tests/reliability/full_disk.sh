#!/usr/bin/env bash
# Every write on a real full file system: a small tmpfs is mounted (exit 77, skipped, where mounting is not
# allowed) and filled, then the CLI trains, resumes, generates, imports and explains into it, and the desktop's
# exports are written into it (test_widgets_exports_full_disk). Each must fail with exit status 1 (not a
# signal) and a message naming the file and "No space left on device", leave no temporary and keep what was
# written before; a training run must resume once there is room again.
# Usage: full_disk.sh CLI SOURCE_DIR WORK_DIR EXPORTS_TEST
set -u
CLI=$1 SRC=$2 WORK=$3 EXPORTS_TEST=$4
MNT=$WORK/mnt
failures=0

fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
check() { if [ "$1" ]; then echo "ok: $2"; else fail "$2"; fi; }
free_bytes() { df -B1 --output=avail "$MNT" | tail -1 | tr -d ' '; }
# Fills the file system until `keep` bytes are free (0: completely).
fill_leaving() {
  local keep=$1 avail
  rm -f "$MNT/filler"
  avail=$(free_bytes)
  if [ "$avail" -gt "$keep" ]; then head -c $((avail - keep)) /dev/zero > "$MNT/filler" 2>/dev/null; fi
  [ "$keep" -eq 0 ] && head -c 1048576 /dev/zero >> "$MNT/filler" 2>/dev/null
  echo "  $(free_bytes) bytes free"
}
# Runs the CLI; sets rc and out (stdout and stderr together).
run() { out=$("$CLI" "$@" 2>&1); rc=$?; }
expect_full_disk_failure() {  # what, the file (or part of its path) the message must name
  check "$([ "$rc" -eq 1 ] && echo y)" "$1: exit status 1 (was $rc)"
  check "$(grep -q "$2.*': No space left on device" <<<"$out" && echo y)" "$1: the message names '$2' and the reason"
  check "$(grep -q 'Exception raised from\|terminate called' <<<"$out" || echo y)" "$1: no C++ backtrace"
  [ "$rc" -eq 1 ] && grep -q "No space left on device" <<<"$out" || printf '%s\n' "$out" | tail -20
}
no_temporaries() {  # folder
  local left
  left=$(find "$1" -name '*.tmp' -o -name '*.part' 2>/dev/null | head -5)
  check "$([ -z "$left" ] && echo y)" "no temporaries left in $1 ${left:+(found: $left)}"
}

rm -rf "$WORK"
mkdir -p "$MNT"
if ! mount -t tmpfs -o size=64m fusebench-full-disk "$MNT" 2>/dev/null; then
  echo "cannot mount a tmpfs here (not root, or no mount permission): skipped"
  exit 77
fi
trap 'umount "$MNT" 2>/dev/null' EXIT

echo "== a dataset and a reference run on the normal disk"
run data make-example --out "$WORK/data" --train 120 --val 30 --test 30 --seed 5
[ "$rc" -eq 0 ] || { echo "$out"; exit 1; }
sed "s|\"path\": \"data/fashion_trimodal\"|\"path\": \"$WORK/data\"|" "$SRC/projects/fashion_trimodal.fbproj" > "$WORK/project.fbproj"
run train "$WORK/project.fbproj" --epochs 1 --seed 1 --no-disk-cache --out "$WORK/ref"
[ "$rc" -eq 0 ] || { echo "$out"; exit 1; }
checkpoint=$(stat -c %s "$WORK/ref/checkpoints/last.pt")
small=$(find "$WORK/ref" -maxdepth 1 -type f -printf '%s\n' | awk '{s += $1 + 4096} END {print s}')
echo "  a checkpoint is $checkpoint bytes; the run's small files $small"

echo "== training fills the disk at its second epoch's checkpoint"
# Room for the first epoch's best.pt and last.pt and the small files, half a checkpoint more.
fill_leaving $((2 * checkpoint + small + checkpoint / 2 + 65536))
run train "$WORK/project.fbproj" --epochs 3 --seed 1 --no-disk-cache --out "$MNT/run"
expect_full_disk_failure "train" "$MNT/run/checkpoints/"
no_temporaries "$MNT/run"
check "$([ -s "$MNT/run/checkpoints/last.pt" ] && echo y)" "the first epoch's checkpoint is kept"
run resume "$MNT/run"
expect_full_disk_failure "resume on the still full disk" "$MNT/run/checkpoints/"
no_temporaries "$MNT/run"
rm -f "$MNT/filler"
run resume "$MNT/run"
check "$([ "$rc" -eq 0 ] && grep -q 'test accuracy' <<<"$out" && echo y)" "with room again the run resumes and finishes"
[ "$rc" -eq 0 ] || echo "$out" | tail -5
check "$([ -s "$MNT/run/model/bundle.json" ] && [ -s "$MNT/run/model/weights.pt" ] && echo y)" "the bundle is written"

echo "== explain into a full disk"
fill_leaving 0
run explain "$MNT/run" --sample '#1' --method saliency --out "$MNT/explain"
expect_full_disk_failure "explain" "$MNT/explain/"
no_temporaries "$MNT/explain"

echo "== generating and importing into a full disk"
run data make-example --out "$MNT/example" --train 40 --val 10 --test 10 --seed 5
expect_full_disk_failure "data make-example" "$MNT/example/"
check "$([ ! -e "$MNT/example/dataset.json" ] && echo y)" "an incomplete example dataset has no dataset.json"
no_temporaries "$MNT/example"
idx=/usr/share/datasets/fashion-mnist
if [ -f "$idx/t10k-images-idx3-ubyte.gz" ]; then
  run data import-idx --images "$idx/t10k-images-idx3-ubyte.gz" --labels "$idx/t10k-labels-idx1-ubyte.gz" --out "$MNT/imported"
  expect_full_disk_failure "data import-idx" "$MNT/imported/"
  no_temporaries "$MNT/imported"
fi

echo "== the disk cache beside a dataset on a full disk: a warning, and training goes on"
rm -f "$MNT/filler"
rm -rf "$MNT/example" "$MNT/imported" "$MNT/explain"
cp -r "$WORK/data" "$MNT/data"
rm -rf "$MNT/data"/.fusebench* 2>/dev/null
sed "s|\"path\": \"data/fashion_trimodal\"|\"path\": \"$MNT/data\"|" "$SRC/projects/fashion_trimodal.fbproj" > "$WORK/project_on_full.fbproj"
fill_leaving 0
run train "$WORK/project_on_full.fbproj" --epochs 1 --seed 1 --out "$WORK/run_cache"
check "$([ "$rc" -eq 0 ] && echo y)" "training finishes (exit $rc)"
check "$(grep -q 'disk cache: .*No space left on device' <<<"$out" && echo y)" "the disk cache says it cannot write, and why"
[ "$rc" -eq 0 ] && grep -q 'disk cache: .*No space left on device' <<<"$out" || echo "$out" | tail -10
no_temporaries "$MNT/data"

echo "== the desktop's exports into a full disk"
rm -f "$MNT/filler"
mkdir -p "$MNT/exports"
for f in report.pdf curves.csv curves.png; do echo "the previous $f" > "$MNT/exports/$f"; done
fill_leaving 0
if FUSEBENCH_FULL_DISK_DIR="$MNT/exports" QT_QPA_PLATFORM=offscreen "$EXPORTS_TEST"; then
  echo "ok: case report, curves CSV and PNG refused with their reason, previous files kept"
else
  fail "the desktop's exports on a full disk (output above)"
fi

echo "== $failures failure(s)"
[ "$failures" -eq 0 ]
