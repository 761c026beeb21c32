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

}  // namespace fusebench
