#pragma once
// Error texts fit for a user: what went wrong, without a library's internal prefix or a C++ backtrace.
#include <exception>
#include <string>

namespace fusebench {

// nlohmann's "[json.exception.type_error.302] type must be number, but is string" -> "type must be number, but is
// string"; any other exception's what() unchanged.
std::string jsonErrorText(const std::exception& e);

// The first line of an exception's text. LibTorch's c10::Error appends "Exception raised from ... (most recent
// call first):" and a backtrace; engine code that includes torch uses torchErrorText (util/torch_error_text.h),
// this is for code that only sees std::exception.
std::string withoutBacktrace(const std::string& what);

}  // namespace fusebench
