#!/usr/bin/env python3
"""Golden values for the DICOM reader, from pydicom (Debian's python3-pydicom) on pydicom's own test files.
   /usr/bin/python3 tests/reference/make_dicom_golden.py
For each uncompressed image: size, samples, bits, photometric, the first 64 stored values of the first frame
(as pydicom returns them: signed when PixelRepresentation is 1), their sum over the whole frame, min, max,
window and rescale. Compressed files are listed with their transfer syntax (the reader must refuse them)."""
import json
import os

import numpy as np
import pydicom

DIR = "/usr/lib/python3/dist-packages/pydicom/data/test_files"
UNCOMPRESSED = ["CT_small.dcm", "MR_small.dcm", "MR_small_implicit.dcm", "MR_small_padded.dcm", "SC_rgb.dcm",
                "SC_rgb_small_odd.dcm", "rtdose_1frame.dcm"]
REFUSED = ["liver_1frame.dcm", "SC_ybr_full_422_uncompressed.dcm", "JPEG-lossy.dcm", "JPEG2000.dcm", "MR_small_RLE.dcm", "MR_small_bigendian.dcm", "MR_truncated.dcm"]


def first(v):
    if v is None:
        return None
    try:
        return float(v[0])
    except TypeError:
        return float(v)


out = {"directory": DIR, "pydicom": pydicom.__version__, "images": [], "refused": []}
for name in UNCOMPRESSED:
    path = os.path.join(DIR, name)
    if not os.path.exists(path):
        continue
    ds = pydicom.dcmread(path, force=True)
    if ds.get("PhotometricInterpretation", "") not in ("MONOCHROME1", "MONOCHROME2", "RGB"):
        out["refused"].append({"file": name, "why": str(ds.get("PhotometricInterpretation"))})
        continue
    arr = ds.pixel_array
    if int(ds.get("NumberOfFrames", 1)) > 1:
        arr = arr[0]
    samples = int(ds.get("SamplesPerPixel", 1))
    flat = arr.reshape(-1) if samples == 1 else np.moveaxis(arr, -1, 0).reshape(-1)  # channel-major like Fusebench
    out["images"].append({
        "file": name, "rows": int(ds.Rows), "columns": int(ds.Columns), "samples": samples,
        "bits_allocated": int(ds.BitsAllocated), "bits_stored": int(ds.get("BitsStored", ds.BitsAllocated)),
        "pixel_representation": int(ds.get("PixelRepresentation", 0)),
        "photometric": str(ds.PhotometricInterpretation),
        "first": [int(v) for v in flat[:64]], "sum": float(flat.astype(np.float64).sum()),
        "min": int(flat.min()), "max": int(flat.max()),
        "window_center": first(ds.get("WindowCenter")), "window_width": first(ds.get("WindowWidth")),
        "rescale_slope": first(ds.get("RescaleSlope")) or 1.0, "rescale_intercept": first(ds.get("RescaleIntercept")) or 0.0,
    })
for name in REFUSED:
    if os.path.exists(os.path.join(DIR, name)):
        out["refused"].append({"file": name})
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "golden", "dicom", "pydicom_test_files.json"), "w") as f:
    json.dump(out, f, indent=1)
print(len(out["images"]), "images,", len(out["refused"]), "refused")
