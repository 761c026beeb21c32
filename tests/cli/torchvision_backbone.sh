#!/bin/sh
# A torchvision backbone through tools/torchscript/convert_torchvision.py into a project Fusebench validates and
# summarizes (random weights: no network). Skipped (77) where Debian's python3-torchvision is not installed.
set -eu
CLI="$1"; SRC="$2"; WORK="$3"
/usr/bin/python3 -c "import torch, torchvision" 2>/dev/null || { echo "python3-torchvision not installed: skipped"; exit 77; }
rm -rf "$WORK" && mkdir -p "$WORK"
/usr/bin/python3 "$SRC/tools/torchscript/convert_torchvision.py" mobilenet_v3_small --weights none --size 64 \
  --output feature_map --out "$WORK/backbone.pt"
cat > "$WORK/p.fbproj" <<'JSON'
{"format": "fusebench-project", "version": 1, "name": "backbone", "graph": {"schema_version": 1, "nodes": [
  {"id": "image", "type": "input.image", "params": {"channels": 3, "height": 64, "width": 64, "normalize": false}},
  {"id": "backbone", "type": "image.torchscript", "params": {"file": "backbone.pt", "normalization": "imagenet"},
   "freeze": true},
  {"id": "head", "type": "head.classification", "params": {"num_classes": 4}}],
 "edges": [{"from": "image.out", "to": "backbone.in"}, {"from": "backbone.features", "to": "head.in"}]}}
JSON
cd /tmp  # the file is found from the project's folder, not the working directory
"$CLI" graph summary "$WORK/p.fbproj"
