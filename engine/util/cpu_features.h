#pragma once
// What this CPU can do for bfloat16 mixed precision. Plain C++ (no torch): the GUI asks it too.
#include <string>

namespace fusebench::util {

struct CpuBf16Support {
  bool native = false;  // bfloat16 products in hardware: AVX512-BF16 or AMX-BF16, enabled by the OS
  std::string instructions;  // "AVX512-BF16", "AMX-BF16, AVX512-BF16", or empty
  std::string reason;        // when not native: why, in a sentence a user can act on
};

// Detected once per process with CPUID and XGETBV (the OS must save the AVX-512 / AMX registers: a CPU
// flag without that is not usable). FUSEBENCH_CPU_BF16=off in the environment reports "not native", so the
// refusal can be seen and tested on a machine that has the instructions.
const CpuBf16Support& cpuBf16Support();
// The same detection, run again now (reads the environment again): for tests.
CpuBf16Support detectCpuBf16Support();

}  // namespace fusebench::util
