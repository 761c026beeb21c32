#include "data/decode/media_versions.h"

#include <gdcmVersion.h>
#include <opencv2/core/version.hpp>

namespace fusebench::data {

std::string opencvVersion() { return CV_VERSION; }

std::string gdcmVersion() { return gdcm::Version::GetVersion(); }

}  // namespace fusebench::data
