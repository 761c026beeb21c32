#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "util/cpu_features.h"

using namespace fusebench::util;

namespace {
// The kernel's own view of the CPU's flags (it lists only what it has enabled): the reference for CPUID.
bool kernelListsFlag(const std::string& flag) {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("flags", 0) != 0) continue;
    std::istringstream words(line.substr(line.find(':') + 1));
    std::string w;
    while (words >> w)
      if (w == flag) return true;
    return false;
  }
  return false;
}
}  // namespace

TEST(CpuFeatures, Bf16DetectionAgreesWithTheKernelsFlags) {
  if (!std::ifstream("/proc/cpuinfo")) GTEST_SKIP() << "no /proc/cpuinfo here";
  ::unsetenv("FUSEBENCH_CPU_BF16");
  const auto s = detectCpuBf16Support();
  const bool avx512 = kernelListsFlag("avx512_bf16"), amx = kernelListsFlag("amx_bf16");
  EXPECT_EQ(s.native, avx512 || amx) << s.instructions << s.reason;
  EXPECT_EQ(s.instructions.find("AVX512-BF16") != std::string::npos, avx512) << s.instructions;
  EXPECT_EQ(s.instructions.find("AMX-BF16") != std::string::npos, amx) << s.instructions;
  EXPECT_EQ(s.reason.empty(), s.native) << s.reason;
  if (!s.native) {
    EXPECT_NE(s.reason.find("AVX512-BF16"), std::string::npos) << s.reason;
  }
}

TEST(CpuFeatures, Bf16CanBeSwitchedOffToSeeTheRefusal) {
  ::setenv("FUSEBENCH_CPU_BF16", "off", 1);
  const auto s = detectCpuBf16Support();
  ::unsetenv("FUSEBENCH_CPU_BF16");
  EXPECT_FALSE(s.native);
  EXPECT_NE(s.reason.find("FUSEBENCH_CPU_BF16=off"), std::string::npos) << s.reason;
}
