#pragma once
// How an image of H0 x W0 pixels becomes the model's h x w: stretched, or scaled so its shorter side fits and
// then cropped in the centre. One computation for the pipeline's resize and for the explanation's mapping
// of model pixels back to the original (a copy in each once drifted by a pixel). Plain header.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>

namespace fusebench::data {

struct ResizePlan {
  int64_t height = 0, width = 0;  // the size the image is resized to before the crop
  int64_t crop_y = 0, crop_x = 0;  // the crop's top-left corner in the resized image (0 for stretch)
};

inline ResizePlan planResize(int64_t originalHeight, int64_t originalWidth, int64_t h, int64_t w, const std::string& mode) {
  ResizePlan p{h, w, 0, 0};
  if (mode != "center_crop" || originalHeight <= 0 || originalWidth <= 0) return p;
  const double scale = std::max(static_cast<double>(h) / static_cast<double>(originalHeight),
                                static_cast<double>(w) / static_cast<double>(originalWidth));
  p.height = std::max<int64_t>(h, std::llround(static_cast<double>(originalHeight) * scale));
  p.width = std::max<int64_t>(w, std::llround(static_cast<double>(originalWidth) * scale));
  p.crop_y = (p.height - h) / 2;
  p.crop_x = (p.width - w) / 2;
  return p;
}

}  // namespace fusebench::data
