#include "dataset/image_render.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace fusebench::widgets {

QImage renderImage(const DecodedImage& image, double level, double window) {
  const int w = image.width, h = image.height, c = image.channels;
  if (w <= 0 || h <= 0 || (c != 1 && c != 3) || image.pixels.size() != static_cast<qsizetype>(w) * h * c)
    return {};
  window = std::max(window, 1e-6);
  const double lo = level - window / 2;
  auto toByte = [&](float v) {
    const double t = (static_cast<double>(v) - lo) / window;
    return static_cast<uchar>(std::lround(std::clamp(t, 0.0, 1.0) * 255.0));
  };
  const std::size_t plane = static_cast<std::size_t>(w) * h;
  if (c == 1) {
    QImage out(w, h, QImage::Format_Grayscale8);
    for (int y = 0; y < h; ++y) {
      uchar* line = out.scanLine(y);
      for (int x = 0; x < w; ++x) line[x] = toByte(image.pixels[y * w + x]);
    }
    return out;
  }
  QImage out(w, h, QImage::Format_RGB888);
  for (int y = 0; y < h; ++y) {
    uchar* line = out.scanLine(y);
    for (int x = 0; x < w; ++x)
      for (int k = 0; k < 3; ++k) line[3 * x + k] = toByte(image.pixels[k * plane + y * w + x]);
  }
  return out;
}

QImage makeThumbnail(const DecodedImage& image, int size) {
  double level = 0.5, window = 1.0;
  if (image.windowWidth > 0) {  // the file's own window (DICOM): what the modality meant to be seen
    level = image.windowCenter;
    window = image.windowWidth;
  } else if (image.bitDepth > 8) {
    autoWindow(image, level, window);  // 16-bit scans are dark at full range
  }
  const QImage full = renderImage(image, level, window);
  if (full.isNull()) return {};
  const bool enlarge = full.width() < size && full.height() < size;
  return full.scaled(size, size, Qt::KeepAspectRatio, enlarge ? Qt::FastTransformation : Qt::SmoothTransformation);
}

void autoWindow(const DecodedImage& image, double& level, double& window) {
  if (image.pixels.isEmpty()) {
    level = 0.5;
    window = 1.0;
    return;
  }
  // Percentiles on a strided sample: exact enough for a display window, cheap on a 4k x 4k scan.
  std::vector<float> v;
  const qsizetype stride = std::max<qsizetype>(1, image.pixels.size() / 65536);
  for (qsizetype i = 0; i < image.pixels.size(); i += stride) v.push_back(image.pixels[i]);
  const auto at = [&](double q) {
    const auto k = static_cast<std::size_t>(std::llround(q * static_cast<double>(v.size() - 1)));
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
    return static_cast<double>(v[k]);
  };
  const double lo = at(0.01), hi = at(0.99);
  window = std::max(hi - lo, 1.0 / 4096);
  level = (lo + hi) / 2;
}

}  // namespace fusebench::widgets
