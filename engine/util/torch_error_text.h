#pragma once
// LibTorch's errors as a user should read them: c10::Error's message without "Exception raised from ..." and
// the C++ backtrace that what() appends. Only for code that already includes torch.
#include <c10/util/Exception.h>

#include <exception>
#include <string>

#include "util/error_text.h"

namespace fusebench {

inline std::string torchErrorText(const std::exception& e) {
  if (const auto* c10 = dynamic_cast<const c10::Error*>(&e)) return withoutBacktrace(c10->what_without_backtrace());
  return withoutBacktrace(e.what());
}

}  // namespace fusebench
