#include "data/decode/gdcm_guard.h"

#include <csetjmp>
#include <cstdio>
#include <cstdlib>

namespace fusebench::data {
namespace {

thread_local std::jmp_buf* escape = nullptr;  // set while this thread is inside guardedGdcm
thread_local std::string failedCheck;

}  // namespace

bool guardedGdcm(const std::function<bool()>& work, std::string& error) {
  std::jmp_buf here;
  std::jmp_buf* const outer = escape;
  if (setjmp(here) != 0) {  // back from __assert_fail below
    escape = outer;
    error = "GDCM found the file malformed (its internal check '" + failedCheck + "' failed)";
    return false;
  }
  escape = &here;
  const bool ok = work();
  escape = outer;
  return ok;
}

}  // namespace fusebench::data

// Replaces glibc's for this program: inside guardedGdcm, a failed assertion returns to it; elsewhere it prints the
// same line glibc does and aborts.
extern "C" [[noreturn]] void __assert_fail(const char* assertion, const char* file, unsigned int line,
                                           const char* function) noexcept {
  if (fusebench::data::escape) {
    fusebench::data::failedCheck = assertion ? assertion : "?";
    std::longjmp(*fusebench::data::escape, 1);
  }
  std::fprintf(stderr, "%s:%u: %s: Assertion `%s' failed.\n", file ? file : "?", line, function ? function : "?",
               assertion ? assertion : "?");
  std::abort();
}
