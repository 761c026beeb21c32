#pragma once
// The versions of the media libraries this build decodes with, for About and bug reports.
#include <string>

namespace fusebench::data {

std::string opencvVersion();
std::string gdcmVersion();

}  // namespace fusebench::data
