#include "util/error_text.h"

#include <nlohmann/json.hpp>

namespace fusebench {

std::string jsonErrorText(const std::exception& e) {
  std::string text = e.what();
  if (dynamic_cast<const nlohmann::json::exception*>(&e) && !text.empty() && text[0] == '[') {
    const auto close = text.find("] ");
    if (close != std::string::npos) text.erase(0, close + 2);
  }
  return withoutBacktrace(text);
}

std::string withoutBacktrace(const std::string& what) {
  // c10::Error::what(): "<message>\nException raised from <function> at <file>:<line> (most recent call first):\n<frames>"
  const auto raised = what.find("Exception raised from ");
  std::string text = raised == std::string::npos ? what : what.substr(0, raised);
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

}  // namespace fusebench
