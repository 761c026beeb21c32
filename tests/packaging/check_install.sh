#!/usr/bin/env bash
# Installs the build into a staging folder (as the .deb would lay it out under /usr) and checks the layout:
# both programs, the SentencePiece module where the engine looks for it, the example projects without data,
# the desktop entry, metainfo, MIME type and icon (SVG and PNG sizes); then the installed CLI runs and finds its module.
set -euo pipefail
build=$1
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cmake --install "$build" --prefix "$stage/usr" > "$stage/install.log"
missing=0
for f in bin/fusebench bin/fusebench-cli lib/fusebench/libfusebench_sentencepiece.so \
         share/fusebench/projects/fashion_trimodal.fbproj \
         share/applications/io.github.fusebench.Fusebench.desktop \
         share/metainfo/io.github.fusebench.Fusebench.metainfo.xml \
         share/mime/packages/io.github.fusebench.Fusebench.xml \
         share/icons/hicolor/scalable/apps/io.github.fusebench.Fusebench.svg \
         share/doc/fusebench/README.md; do
  if [[ ! -e "$stage/usr/$f" ]]; then echo "not installed: $f"; missing=1; fi
done
if find "$stage/usr/share/fusebench" -path '*/data/*' -o -path '*/runs/*' | grep -q .; then
  echo "generated data or runs were installed under share/fusebench"; missing=1
fi
# The PNG sizes rendered from the SVG: real PNGs of their size (the IHDR width, bytes 16-19).
for n in 16 48 256; do
  png="$stage/usr/share/icons/hicolor/${n}x${n}/apps/io.github.fusebench.Fusebench.png"
  if [[ ! -s "$png" ]]; then echo "not installed: ${png#$stage/usr/}"; missing=1; continue; fi
  width=$(od -An -tu1 -j16 -N4 "$png" | awk '{print $1*16777216 + $2*65536 + $3*256 + $4}')
  [[ $width == "$n" ]] || { echo "${png#$stage/usr/} is $width px wide, not $n"; missing=1; }
done
[[ $missing == 0 ]] || exit 1
"$stage/usr/bin/fusebench-cli" --version
"$stage/usr/bin/fusebench-cli" graph validate "$stage/usr/share/fusebench/projects/image_text_concat.fbproj"
echo "install layout ok"
