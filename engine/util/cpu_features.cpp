#include "util/cpu_features.h"

#include <cstdint>
#include <cstdlib>
#include <cstring>

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#define FUSEBENCH_X86 1
#endif

namespace fusebench::util {
namespace {

#ifdef FUSEBENCH_X86
uint64_t enabledRegisterState() {  // XCR0: which register sets the OS saves on a context switch
  uint32_t lo = 0, hi = 0;
  __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
  return (static_cast<uint64_t>(hi) << 32) | lo;
}

CpuBf16Support detect() {
  CpuBf16Support s;
  unsigned a = 0, b = 0, c = 0, d = 0;
  if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & (1u << 27))) {  // OSXSAVE: XGETBV is usable
    s.reason = "this CPU or operating system does not report extended register state (no OSXSAVE)";
    return s;
  }
  const uint64_t xcr0 = enabledRegisterState();
  const bool avx512State = (xcr0 & 0xe6) == 0xe6;      // SSE, AVX, opmask, ZMM upper halves, ZMM16-31
  const bool amxState = (xcr0 & (3ull << 17)) == (3ull << 17);  // TILECFG and TILEDATA
  unsigned maxLeaf = __get_cpuid_max(0, nullptr);
  bool avx512bf16 = false, amxbf16 = false, avx512f = false;
  if (maxLeaf >= 7) {
    __cpuid_count(7, 0, a, b, c, d);
    avx512f = b & (1u << 16);
    amxbf16 = d & (1u << 22);
    const unsigned subleaves = a;
    if (subleaves >= 1) {
      __cpuid_count(7, 1, a, b, c, d);
      avx512bf16 = a & (1u << 5);
    }
  }
  avx512bf16 = avx512bf16 && avx512f && avx512State;
  amxbf16 = amxbf16 && amxState;
  if (amxbf16) s.instructions = "AMX-BF16";
  if (avx512bf16) s.instructions += std::string(s.instructions.empty() ? "" : ", ") + "AVX512-BF16";
  s.native = avx512bf16 || amxbf16;
  if (!s.native)
    s.reason = "this CPU has neither AVX512-BF16 nor AMX-BF16 (or the operating system has not enabled them), so "
               "bfloat16 would be emulated and slower than float32";
  return s;
}
#else
CpuBf16Support detect() {
  CpuBf16Support s;
  s.reason = "bfloat16 mixed precision on the CPU is supported on x86-64 CPUs with AVX512-BF16 or AMX only";
  return s;
}
#endif

}  // namespace

CpuBf16Support detectCpuBf16Support() {
  const char* e = std::getenv("FUSEBENCH_CPU_BF16");
  if (e && !std::strcmp(e, "off")) {
    CpuBf16Support s;
    s.reason = "bfloat16 on the CPU is switched off (FUSEBENCH_CPU_BF16=off in the environment)";
    return s;
  }
  return detect();
}

const CpuBf16Support& cpuBf16Support() {
  static const CpuBf16Support s = detectCpuBf16Support();
  return s;
}

}  // namespace fusebench::util
