#!/usr/bin/env bash
# Installs the build into a staging folder (as the .deb would lay it out under /usr) and checks the layout:
# both programs, the SentencePiece module where the engine looks for it, the example projects without data,
# the desktop entry, metainfo, MIME type and icon; then the installed CLI runs and finds its module.
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
[[ $missing == 0 ]] || exit 1
"$stage/usr/bin/fusebench-cli" --version
"$stage/usr/bin/fusebench-cli" graph validate "$stage/usr/share/fusebench/projects/image_text_concat.fbproj"
echo "install layout ok"
