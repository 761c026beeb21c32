#pragma once
// PNG files written by the importers, the example dataset and the explanation figures. cv::imwrite leaves a
// short file behind on a full disk and can still report success (libpng's buffered writes are flushed by an
// fclose whose result it ignores); encoding in memory and writing the bytes ourselves catches every failure.
// Only in builds with media support (FUSEBENCH_HAS_MEDIA).
#include <string>

#include <opencv2/core/mat.hpp>

namespace fusebench::data {

// False, with `error` = "cannot write '<path>': <the system's reason>" and no partial file left, when the image
// cannot be encoded or written.
bool writePng(const std::string& path, const cv::Mat& image, std::string& error);

}  // namespace fusebench::data
