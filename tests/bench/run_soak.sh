#!/usr/bin/env bash
# Soak of the desktop app (offscreen Qt): the example project trained run after run. By hand, not in CI:
#   bash tests/bench/run_soak.sh [MINUTES (30)] [build-dir]
set -euo pipefail
cd "$(dirname "$0")/../.."
minutes=${1:-30}
build=${2:-build/release}
"$build/engine/cli/fusebench-cli" data make-example >/dev/null
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
"$build/tests/bench/bench_gui_soak" projects/fashion_trimodal.fbproj --minutes "$minutes" --epochs 2 2>/dev/null
