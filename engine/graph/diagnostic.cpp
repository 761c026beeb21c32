#include "graph/diagnostic.h"

namespace fusebench {

std::string Diagnostic::format() const {
  std::string out;
  if (!node.empty()) out += "node '" + node + "'";
  if (!port.empty()) {
    const bool param = code == "bad-param" || code == "param-out-of-range" || code == "unknown-param";
    out += std::string(out.empty() ? "" : ", ") + (param ? "parameter '" : "port '") + port + "'";
  }
  if (!out.empty()) out += ": ";
  out += message;
  if (!expected.empty() || !found.empty()) {
    out += " (";
    if (!expected.empty()) out += "expected " + expected;
    if (!expected.empty() && !found.empty()) out += ", ";
    if (!found.empty()) out += "found " + found;
    out += ")";
  }
  return out;
}

std::string fillPattern(const std::string& pattern, const std::vector<std::string>& args) {
  std::string out;
  out.reserve(pattern.size());
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char next = i + 1 < pattern.size() ? pattern[i + 1] : '\0';
    const std::size_t k = static_cast<std::size_t>(next - '1');
    if (pattern[i] == '%' && next >= '1' && next <= '9' && k < args.size()) {
      out += args[k];
      ++i;
    } else {
      out += pattern[i];
    }
  }
  return out;
}

Diagnostic worded(std::string code, std::string node, std::string port, const Wording& w) {
  Diagnostic d{std::move(code), std::move(node), std::move(port), fillPattern(w.message, w.args),
               fillPattern(w.expected, w.args), fillPattern(w.found, w.args)};
  d.message_pattern = w.message, d.expected_pattern = w.expected, d.found_pattern = w.found;
  d.args = w.args;
  return d;
}

}  // namespace fusebench
