#pragma once
// A value from /proc/self/status ("VmRSS:", "VmHWM:", "Threads:"): the number after the key, in the file's
// own unit (kB for memory lines); 0 where there is no /proc.
#include <fstream>
#include <string>

namespace fusebench::bench {

inline double procStatus(const char* key) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(key, 0) == 0) return std::stod(line.substr(std::string(key).size()));
  return 0;
}

inline double procStatusMiB(const char* key) { return procStatus(key) / 1024.0; }

}  // namespace fusebench::bench
