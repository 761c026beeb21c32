#pragma once
// A problem found in a graph or a file, located precisely enough for a user to fix it:
// which node, which port or parameter, what was expected and what was found.
#include <string>
#include <vector>

// Marks an engine sentence the GUI shows translated (Qt context "EngineMessages"). The engine stays Qt-free:
// the macro is the text itself; resources/translations/make_engine_message_strings.py collects the marked
// literals for lupdate, and the GUI looks the pattern up where it shows it.
#define FB_TEXT(text) text

namespace fusebench {

// How a problem is worded before its values are put in: patterns with %1..%9 ("heads must divide %1 (%2)"),
// marked with FB_TEXT, and the values (ids, numbers, shapes) they share.
struct Wording {
  const char* message = "";
  const char* expected = "";
  const char* found = "";
  std::vector<std::string> args;
};

struct Diagnostic {
  std::string code;      // stable machine-readable kind, e.g. "cycle", "unconnected-port"
  std::string node;      // node id, empty when the problem is not tied to a node
  std::string port;      // port or parameter name, may be empty
  std::string message;   // one sentence for a human
  std::string expected;  // optional: what the graph needed here
  std::string found;     // optional: what it has instead
  // The patterns the three texts above were filled from, and their values; empty for a diagnostic written
  // as plain text (shown as it is, untranslated).
  // (Default initializers: the many Diagnostic{code, node, port, message, expected, found} stay warning-free.)
  std::string message_pattern = {}, expected_pattern = {}, found_pattern = {};
  std::vector<std::string> args = {};

  // "node 'fuse', port 'in1': message (expected X, found Y)"
  std::string format() const;
};

using Diagnostics = std::vector<Diagnostic>;

// %1..%9 of `pattern` replaced by args[0..8]; a placeholder without a value stays as written.
std::string fillPattern(const std::string& pattern, const std::vector<std::string>& args);

// A diagnostic from a wording: the English texts filled in, the patterns kept for the GUI's translation.
Diagnostic worded(std::string code, std::string node, std::string port, const Wording& w);

}  // namespace fusebench
