#pragma once
// Display windows for grayscale DICOM: the range of modality values (Hounsfield units for CT) a radiologist looks
// at, stretched over [0, 1]. As an input.image option ("window") it is what the model sees; the value comes from
// the decoder's Image::value_scale/value_offset, so it means the same for any bit depth or rescale.
#include <string>
#include <vector>

#include "data/decode/decoders.h"

namespace fusebench::data {

struct WindowPreset {
  const char* name;
  double center, width;  // modality units (HU)
};

// lung, mediastinum, soft_tissue, bone, brain (centre / width in HU, as radiology texts give them).
const std::vector<WindowPreset>& windowPresets();

// The choices of input.image's "window": none, file (the file's own Window Center/Width), then the presets.
std::vector<std::string> windowChoices();

// Applies `window` to a decoded grayscale DICOM image: each pixel becomes clamp((v - (c - w/2)) / w, 0, 1) of its
// modality value v. False (the image unchanged) where it does not apply: "none", an image without a modality
// scale (PNG, JPEG, colour) or, for "file", a file without a window.
bool applyWindow(Image& img, const std::string& window);

}  // namespace fusebench::data
