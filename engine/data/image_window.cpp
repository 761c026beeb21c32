#include "data/image_window.h"

#include <algorithm>
#include <cmath>

namespace fusebench::data {

const std::vector<WindowPreset>& windowPresets() {
  static const std::vector<WindowPreset> presets = {
      {"lung", -600, 1500}, {"mediastinum", 50, 350}, {"soft_tissue", 50, 400}, {"bone", 400, 1800}, {"brain", 40, 80}};
  return presets;
}

std::vector<std::string> windowChoices() {
  std::vector<std::string> out{"none", "file"};
  for (const auto& p : windowPresets()) out.push_back(p.name);
  return out;
}

bool applyWindow(Image& img, const std::string& window) {
  if (window == "none" || img.channels != 1 || img.value_scale == 0 || img.pixels.empty()) return false;
  double lo = 0, width = 0;  // in the image's [0, 1] pixel units
  if (window == "file") {
    if (img.window_width <= 0) return false;
    lo = img.window_center - img.window_width / 2, width = img.window_width;
  } else {
    auto preset = std::find_if(windowPresets().begin(), windowPresets().end(),
                               [&](const WindowPreset& p) { return window == p.name; });
    if (preset == windowPresets().end()) return false;
    // pixel = (value - offset) / scale; a negative scale (MONOCHROME1) turns the range around.
    const double a = (preset->center - preset->width / 2 - img.value_offset) / img.value_scale;
    const double b = (preset->center + preset->width / 2 - img.value_offset) / img.value_scale;
    lo = std::min(a, b), width = std::abs(b - a);
  }
  for (auto& p : img.pixels) p = static_cast<float>(std::clamp((p - lo) / width, 0.0, 1.0));
  img.window_center = 0.5, img.window_width = 1.0;  // what was windowed now spans the whole range
  return true;
}

}  // namespace fusebench::data
