#!/usr/bin/env bash
# Fuzzes every reader for a while with libFuzzer (ASan + UBSan), one target after another:
#   bash tests/fuzz/run_fuzzers.sh [SECONDS_PER_TARGET (default 600)] [target ...]
# Needs clang and libclang-rt-14-dev (Debian: apt-get install clang libclang-rt-14-dev; libfuzzer-14-dev for
# the headers). New interesting inputs go to build/fuzz/corpus/<target> (not committed: they grow large);
# a crash is written to tests/fuzz/corpus/<target>/crash-* so that, once fixed, it stays in the suite as a
# regression input (ctest replays that folder). Prints, per target, the runs made and whether it crashed.
set -uo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-600}
shift || true
targets=${*:-"csv_manifest jsonl_manifest dataset_json project idx dicom"}
cmake --preset fuzz >/dev/null && cmake --build --preset fuzz >/dev/null || exit 1
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); ${seconds} s per target"
status=0
# Leaks inside libraries we only call (OpenJPEG through GDCM) are suppressed with their reports, as in the
# sanitize preset; a leak of ours still fails the run.
export LSAN_OPTIONS="suppressions=$PWD/tests/sanitizers/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
for t in $targets; do
  work=build/fuzz/corpus/$t
  mkdir -p "$work"
  log=build/fuzz/$t.log
  # -max_len: readers' inputs are files; 64 KiB covers every structure they parse. -rss_limit_mb: a reader
  # that allocates what a header claims shows up as a failure, not as a slow machine.
  # dicom: a file that fails one of GDCM's asserts is refused by jumping out of GDCM, which leaks what GDCM had
  # allocated by design (engine/data/decode/gdcm_guard.h); leaks are not looked for there, crashes are.
  leaks=1; [ "$t" = dicom ] && leaks=0
  build/fuzz/tests/fuzz/fuzz_$t "$work" tests/fuzz/corpus/$t -max_total_time="$seconds" -max_len=65536 \
    -detect_leaks=$leaks -rss_limit_mb=2048 -artifact_prefix="tests/fuzz/corpus/$t/crash-" -print_final_stats=1 >"$log" 2>&1
  rc=$?
  runs=$(grep -m1 'stat::number_of_executed_units' "$log" | awk '{print $2}')
  if [ $rc -eq 0 ]; then echo "$t: ${runs:-?} runs, no crash"; else echo "$t: CRASH (exit $rc), see $log"; status=1; fi
done
exit $status
