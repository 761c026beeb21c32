// Core-only builds (FUSEBENCH_CORE_ONLY) have no OpenCV or libsndfile: the decoders say so plainly.
#include "data/decode/decoders.h"

namespace fusebench::data {

const Decoders& mediaDecoders() {
  static const Decoders d{
      [](const std::string&, Image&, std::string& error) {
        error = "this build has no image decoder (core-only build without OpenCV)";
        return false;
      },
      [](const std::string&, int, Audio&, std::string& error) {
        error = "this build has no audio decoder (core-only build without libsndfile)";
        return false;
      }};
  return d;
}

}  // namespace fusebench::data
