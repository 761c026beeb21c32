// JSON Lines manifests: every cell of whatever parses is read back, arrays with their items.
#include "data/manifest.h"
#include "fuzz_target.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  const auto r = fusebench::data::readJsonLines(fuzzInput(data, size), "fuzz.jsonl");
  if (r.manifest)
    for (std::size_t row = 0; row < r.manifest->rowCount(); ++row)
      for (std::size_t c = 0; c < r.manifest->header.size(); ++c) (void)r.manifest->cell(row, c);
  return 0;
}
