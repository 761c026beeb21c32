#include "data/png_file.h"

#include <opencv2/imgcodecs.hpp>
#include <vector>

#include "util/files.h"

namespace fusebench::data {

bool writePng(const std::string& path, const cv::Mat& image, std::string& error) {
  std::vector<uchar> encoded;
  try {
    if (!cv::imencode(".png", image, encoded)) {
      error = "cannot write '" + path + "': the image cannot be encoded as PNG";
      return false;
    }
  } catch (const cv::Exception& e) {
    error = "cannot write '" + path + "': " + e.msg;
    return false;
  }
  return writeFile(path, std::string(encoded.begin(), encoded.end()), error);
}

}  // namespace fusebench::data
