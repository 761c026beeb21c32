#!/usr/bin/env bash
# Installs the Debian 12 packages Fusebench needs, and only those that are missing; safe to run again.
#   packaging/install-deps.sh              build, run and test everything (desktop app included)
#   packaging/install-deps.sh --core       only the model/training core (LibTorch, no Qt/OpenCV/libsndfile)
#   packaging/install-deps.sh --reference  also Python's torch and scikit-learn, for tests/reference scripts
set -euo pipefail

core=(build-essential cmake ninja-build ccache pkg-config zlib1g-dev
      libtorch-dev libgloo-dev libdnnl-dev nlohmann-json3-dev libcli11-dev libgtest-dev libgmock-dev libbenchmark-dev
      libonnx-dev libprotobuf-dev  # ONNX export: libonnx writes and checks the file (LibTorch already links it)
      libicu-dev libsentencepiece-dev)  # text: Unicode words (ICU) and subwords (SentencePiece)
desktop=(qt6-base-dev qt6-multimedia-dev libqcustomplot-dev libopencv-dev libsndfile1-dev libgdcm-dev libgdcm-tools
         xvfb xauth fonts-dejavu-core gstreamer1.0-plugins-base gstreamer1.0-plugins-good
         qt6-l10n-tools qt6-tools-dev qt6-translations-l10n fonts-noto-cjk  # translations: lupdate/lrelease, Qt's own catalogues, CJK glyphs
         libqt6svg6  # the SVG icons (Qt's SVG image and icon plugins)
         desktop-file-utils appstream libxml2-utils  # packaging: the desktop entry, metainfo and MIME type are validated
         dataset-fashion-mnist espeak-ng python3-pydicom)  # pydicom: its DICOM test files (tests read them, no Python)
reference=(python3-torch python3-sklearn python3-torchaudio python3-torchvision python3-gdcm python3-sentencepiece)  # gdcm: pydicom's codecs for the DICOM goldens

wanted=("${core[@]}")
case "${1:-}" in
  --core) ;;
  --reference) wanted+=("${desktop[@]}" "${reference[@]}") ;;
  "") wanted+=("${desktop[@]}") ;;
  *) echo "usage: $0 [--core|--reference]" >&2; exit 2 ;;
esac

# Node.js and npm carry ONNX Runtime (npm's onnxruntime-node), which the export tests check models in. A Node.js
# from elsewhere (nodesource) counts: Debian's npm package would conflict with it.
if [ "${1:-}" != "--core" ]; then
  command -v node >/dev/null || wanted+=(nodejs)
  command -v npm >/dev/null || wanted+=(npm)
fi

missing=()
for p in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
install_packages() {
  if [ ${#missing[@]} -eq 0 ]; then
    echo "install-deps: all ${#wanted[@]} packages present"
    return 0
  fi
  echo "install-deps: installing ${#missing[@]} missing package(s): ${missing[*]}"
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "install-deps: run as root (or install sudo)" >&2; exit 1; }
    sudo=(sudo)
  fi
  export DEBIAN_FRONTEND=noninteractive
  local log
  log=$(mktemp /tmp/fusebench-install-deps.XXXXXX.log)
  if ! { "${sudo[@]}" apt-get update -qq && "${sudo[@]}" apt-get install -y -qq "${missing[@]}"; } >"$log" 2>&1; then
    tail -n 30 "$log" >&2
    echo "install-deps: apt-get failed; full log in $log" >&2
    exit 1
  fi
  echo "install-deps: done (log in $log)"
}

# ONNX Runtime's CPU build from npm into tools/onnxruntime (pinned there), where the export check finds it.
# --ignore-scripts: the package's install script downloads CUDA parts; the CPU library is already inside.
install_onnxruntime() {
  local dir
  dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/tools/onnxruntime"
  if [ -f "$dir/node_modules/onnxruntime-node/package.json" ]; then
    echo "install-deps: ONNX Runtime present ($dir)"
    return 0
  fi
  echo "install-deps: installing ONNX Runtime (npm onnxruntime-node) into $dir"
  if ! (cd "$dir" && npm install --ignore-scripts --no-audit --no-fund --loglevel=error); then
    echo "install-deps: npm could not install onnxruntime-node; the ONNX export tests will fail until it is there" >&2
  fi
}

install_packages
[ "${1:-}" = "--core" ] || install_onnxruntime
