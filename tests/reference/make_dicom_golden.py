#!/usr/bin/env python3
"""Golden values for the DICOM reader, from pydicom (Debian's python3-pydicom, with python3-gdcm as its handler for
compressed transfer syntaxes) on every image among pydicom's own test files.
   /usr/bin/python3 tests/reference/make_dicom_golden.py
For each image: transfer syntax, size, frames, samples, bits, photometric, and of its first frame (channel-major,
as Fusebench holds pixels) the first 64 values, their sum, min and max as pydicom returns them (signed when
PixelRepresentation is 1; YBR converted to RGB as Fusebench does), plus the window and rescale. Files pydicom
cannot decode are listed as refused with pydicom's reason; the reader must refuse them too."""
import json
import os
import warnings

import numpy as np
import pydicom
from pydicom.pixel_data_handlers.util import convert_color_space

warnings.filterwarnings("ignore")
DIR = "/usr/lib/python3/dist-packages/pydicom/data/test_files"


def first(v):
    if v is None:
        return None
    try:
        return float(v[0])
    except TypeError:
        return float(v)


def rgb(arr, ds):
    """pydicom leaves YBR as stored (uncompressed) or as its handler gives it; Fusebench shows RGB."""
    pi = str(ds.PhotometricInterpretation)
    if pi in ("YBR_FULL", "YBR_FULL_422") and ds.file_meta.TransferSyntaxUID.is_compressed is False:
        return convert_color_space(arr, pi, "RGB")
    return arr


out = {"directory": DIR, "pydicom": pydicom.__version__, "images": [], "refused": []}
for name in sorted(os.listdir(DIR)):
    if not name.endswith(".dcm"):
        continue
    path = os.path.join(DIR, name)
    try:
        ds = pydicom.dcmread(path, force=True)
    except Exception as e:
        out["refused"].append({"file": name, "pydicom": str(e)[:200]})
        continue
    if "PixelData" not in ds:
        continue  # not an image: reports, plans, waveforms
    try:
        arr = ds.pixel_array
    except Exception as e:
        out["refused"].append({"file": name, "pydicom": str(e)[:200]})
        continue
    frames = int(ds.get("NumberOfFrames", 1))
    frame_sums = []
    if frames > 1:
        every = [rgb(f, ds) if int(ds.get("SamplesPerPixel", 1)) == 3 else f for f in arr]
        frame_sums = [float(f.astype(np.float64).sum()) for f in every]
        arr = arr[0]
    samples = int(ds.get("SamplesPerPixel", 1))
    if samples == 3:
        arr = rgb(arr, ds)
    arr = arr.astype(arr.dtype.newbyteorder("="))
    flat = arr.reshape(-1) if samples == 1 else np.moveaxis(arr, -1, 0).reshape(-1)  # channel-major like Fusebench
    out["images"].append({
        "file": name, "transfer_syntax": str(ds.file_meta.TransferSyntaxUID.name),
        "rows": int(ds.Rows), "columns": int(ds.Columns), "frames": frames, "samples": samples,
        "bits_allocated": int(ds.BitsAllocated), "bits_stored": int(ds.get("BitsStored", ds.BitsAllocated)),
        "pixel_representation": int(ds.get("PixelRepresentation", 0)),
        "photometric": str(ds.PhotometricInterpretation),
        "first": [int(v) for v in flat[:64]], "sum": float(flat.astype(np.float64).sum()),
        "min": int(flat.min()), "max": int(flat.max()), "frame_sums": frame_sums,
        "window_center": first(ds.get("WindowCenter")), "window_width": first(ds.get("WindowWidth")),
        # RT dose: Dose Grid Scaling turns stored values into Gy, as Rescale Slope does for CT (GDCM applies both)
        "rescale_slope": first(ds.get("RescaleSlope")) or first(ds.get("DoseGridScaling")) or 1.0,
        "rescale_intercept": first(ds.get("RescaleIntercept")) or 0.0,
    })
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "golden", "dicom", "pydicom_test_files.json"), "w") as f:
    json.dump(out, f, indent=1)
print(len(out["images"]), "images,", len(out["refused"]), "refused")
