#!/bin/sh
# A DICOM dataset as a user meets it: `data validate` warns that its files carry patient identity (naming the
# attributes, never their values), `data deidentify` writes a copy, and the copy validates without the warning.
# Skipped (77) where python3-pydicom's test files are not installed.
set -eu
CLI="$1"; WORK="$2"; T=/usr/lib/python3/dist-packages/pydicom/data/test_files
[ -f "$T/CT_small.dcm" ] || { echo "pydicom test files missing: skipped"; exit 77; }
rm -rf "$WORK" && mkdir -p "$WORK/src/scans"
cp "$T/CT_small.dcm" "$T/MR_small.dcm" "$T/JPEG2000.dcm" "$T/MR_small_RLE.dcm" "$WORK/src/scans/"
printf 'id,image,label\na,scans/CT_small.dcm,ct\nb,scans/MR_small.dcm,mr\nc,scans/JPEG2000.dcm,ct\nd,scans/MR_small_RLE.dcm,mr\n' > "$WORK/src/manifest.csv"
cat > "$WORK/src/dataset.json" <<'JSON'
{"format": "fusebench-dataset", "version": 1, "name": "scans", "manifest": "manifest.csv",
 "columns": [{"name": "id", "role": "id"}, {"name": "image", "role": "image"},
             {"name": "label", "role": "target", "task": "classification", "classes": ["ct", "mr"]}]}
JSON
out=$("$CLI" data validate "$WORK/src")
echo "$out"
echo "$out" | grep -q "warning: column 'image': 4 DICOM files carry patient identity (.*PatientName" || { echo "no identity warning"; exit 1; }
echo "$out" | grep -q "CompressedSamples" && { echo "a patient's name was printed"; exit 1; }
"$CLI" data deidentify "$WORK/src" --out "$WORK/clean"
out=$("$CLI" data validate "$WORK/clean")
echo "$out"
echo "$out" | grep -q "warning" && { echo "the copy still warns"; exit 1; }
echo "$out" | grep -q "4 samples, 0 with problems, 0 problems"
