// Project files (.fbproj) with their graph, and bare graph files: read, written and read again.
#include "graph/graph_json.h"
#include "project/project_file.h"
#include "fuzz_target.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  const std::string text = fuzzInput(data, size);
  const auto p = fusebench::projectFromText(text, "fuzz.fbproj");
  if (p.project) (void)fusebench::projectFromText(fusebench::projectToText(*p.project), "again.fbproj");
  const auto g = fusebench::graphFromText(text);
  if (g.graph) (void)fusebench::graphFromText(fusebench::graphToText(*g.graph));
  return 0;
}
