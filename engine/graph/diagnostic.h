#pragma once
// A problem found in a graph or a file, located precisely enough for a user to fix it:
// which node, which port or parameter, what was expected and what was found.
#include <string>
#include <vector>

namespace fusebench {

struct Diagnostic {
  std::string code;      // stable machine-readable kind, e.g. "cycle", "unconnected-port"
  std::string node;      // node id, empty when the problem is not tied to a node
  std::string port;      // port or parameter name, may be empty
  std::string message;   // one sentence for a human
  std::string expected;  // optional: what the graph needed here
  std::string found;     // optional: what it has instead

  // "node 'fuse', port 'in1': message (expected X, found Y)"
  std::string format() const;
};

using Diagnostics = std::vector<Diagnostic>;

}  // namespace fusebench
