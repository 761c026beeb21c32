// PNG figures of an explanation for the CLI: each image with each method's heat map beside the original,
// each spectrogram with its attribution, and the tokens shaded by attribution. OpenCV draws them.
#include <algorithm>
#include <cmath>
#include <filesystem>

#include "explain/explainer.h"

#ifdef FUSEBENCH_HAS_MEDIA
#include <opencv2/imgproc.hpp>

#include "data/png_file.h"
#endif

namespace fusebench::explain {

#ifdef FUSEBENCH_HAS_MEDIA
namespace {

bool isSigned(const std::string& method) { return method == kIntegratedGradients || method == kOcclusion; }

// Attribution -> BGR: signed maps blue (against) / red (for) scaled by the largest magnitude; unsigned maps
// through the inferno-like "hot" ramp scaled to their maximum.
cv::Mat colorize(const Map2D& m, bool signedMap) {
  cv::Mat out(static_cast<int>(m.rows), static_cast<int>(m.cols), CV_8UC3);
  float peak = 0;
  for (float v : m.values) peak = std::max(peak, std::abs(v));
  if (peak <= 0) peak = 1;
  for (int r = 0; r < out.rows; ++r)
    for (int c = 0; c < out.cols; ++c) {
      const float v = m.at(r, c) / peak;
      cv::Vec3b px;
      if (signedMap) {
        const auto a = static_cast<uchar>(255 * (1 - std::min(1.0f, std::abs(v))));
        px = v >= 0 ? cv::Vec3b(a, a, 255) : cv::Vec3b(255, a, a);
      } else {
        const float t = std::max(0.0f, v);
        px = cv::Vec3b(static_cast<uchar>(255 * std::max(0.0f, t * 3 - 2)), static_cast<uchar>(255 * std::clamp(t * 3 - 1, 0.0f, 1.0f)),
                       static_cast<uchar>(255 * std::min(1.0f, t * 3)));
      }
      out.at<cv::Vec3b>(r, c) = px;
    }
  return out;
}

cv::Mat imageMat(const ImageAttribution& img) {
  const int H = static_cast<int>(img.height), W = static_cast<int>(img.width);
  cv::Mat m(H, W, CV_8UC3);
  for (int r = 0; r < H; ++r)
    for (int c = 0; c < W; ++c) {
      auto px = [&](int ch) {
        const auto i = static_cast<std::size_t>((ch * H + r) * W + c);
        return static_cast<uchar>(255 * std::clamp(img.pixels[i], 0.0f, 1.0f));
      };
      m.at<cv::Vec3b>(r, c) = img.channels >= 3 ? cv::Vec3b(px(2), px(1), px(0)) : cv::Vec3b(px(0), px(0), px(0));
    }
  return m;
}

std::string safe(std::string s) {
  for (auto& c : s)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-') c = '_';
  return s;
}

}  // namespace

std::vector<std::string> writeOverlayImages(const Explanation& e, const std::string& dir, std::string& error) {
  namespace fs = std::filesystem;
  std::vector<std::string> written;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) {
    error = "cannot create '" + dir + "': " + ec.message();
    return written;
  }
  auto save = [&](const std::string& name, const cv::Mat& m) {
    const auto path = (fs::path(dir) / name).string();
    if (!data::writePng(path, m, error)) return false;
    written.push_back(path);
    return true;
  };
  for (const auto& img : e.images) {
    if (img.pixels.empty()) continue;
    const int scale = std::max(1, 256 / static_cast<int>(std::max(img.height, img.width)));
    cv::Mat base;
    cv::resize(imageMat(img), base, {}, scale, scale, cv::INTER_NEAREST);
    for (const auto& [method, map] : img.maps) {
      cv::Mat heat, blend, pair;
      cv::resize(colorize(map, isSigned(method)), heat, base.size(), 0, 0, cv::INTER_LINEAR);
      cv::addWeighted(base, 0.5, heat, 0.5, 0, blend);
      cv::hconcat(base, blend, pair);
      if (!save(safe(img.field) + "_" + method + ".png", pair)) return written;
    }
  }
  for (const auto& a : e.audios) {
    if (!a.spectrogram || a.input.values.empty()) continue;
    float lo = *std::min_element(a.input.values.begin(), a.input.values.end());
    float hi = *std::max_element(a.input.values.begin(), a.input.values.end());
    cv::Mat spec(static_cast<int>(a.input.rows), static_cast<int>(a.input.cols), CV_8UC1);
    for (int r = 0; r < spec.rows; ++r)  // low frequencies at the bottom
      for (int c = 0; c < spec.cols; ++c)
        spec.at<uchar>(spec.rows - 1 - r, c) = static_cast<uchar>(255 * (a.input.at(r, c) - lo) / std::max(1e-6f, hi - lo));
    cv::Mat specColor;
    cv::applyColorMap(spec, specColor, cv::COLORMAP_VIRIDIS);
    cv::resize(specColor, specColor, {}, 4, 4, cv::INTER_NEAREST);
    for (const auto& [method, map] : a.maps) {
      cv::Mat heat = colorize(map, isSigned(method));
      cv::flip(heat, heat, 0);
      cv::resize(heat, heat, specColor.size(), 0, 0, cv::INTER_NEAREST);
      cv::Mat blend, pair;
      cv::addWeighted(specColor, 0.45, heat, 0.55, 0, blend);
      cv::vconcat(specColor, blend, pair);
      if (!save(safe(a.field) + "_" + method + ".png", pair)) return written;
    }
  }
  for (const auto& t : e.texts) {
    for (const auto& [method, scores] : t.scores) {
      float peak = 1e-12f;
      for (float v : scores) peak = std::max(peak, std::abs(v));
      int width = 10;
      for (const auto& w : t.tokens) width += cv::getTextSize(w, cv::FONT_HERSHEY_SIMPLEX, 0.7, 1, nullptr).width + 14;
      cv::Mat m(44, std::max(width, 40), CV_8UC3, cv::Scalar(255, 255, 255));
      int x = 6;
      for (std::size_t i = 0; i < t.tokens.size(); ++i) {
        const int w = cv::getTextSize(t.tokens[i], cv::FONT_HERSHEY_SIMPLEX, 0.7, 1, nullptr).width + 10;
        const float v = i < scores.size() ? scores[i] / peak : 0.0f;
        const auto a = static_cast<int>(255 * (1 - std::min(1.0f, std::abs(v))));
        const cv::Scalar bg = (v >= 0 || !isSigned(method)) ? cv::Scalar(a, a, 255) : cv::Scalar(255, a, a);
        cv::rectangle(m, {x, 6}, {x + w, 38}, bg, cv::FILLED);
        cv::putText(m, t.tokens[i], {x + 5, 29}, cv::FONT_HERSHEY_SIMPLEX, 0.7, cv::Scalar(0, 0, 0), 1, cv::LINE_AA);
        x += w + 4;
      }
      if (!save(safe(t.field) + "_" + method + ".png", m)) return written;
    }
  }
  return written;
}
#else
std::vector<std::string> writeOverlayImages(const Explanation&, const std::string&, std::string& error) {
  error = "this build has no image writer (built without OpenCV); the JSON has every attribution";
  return {};
}
#endif

}  // namespace fusebench::explain
