// IDX files (MNIST / Fashion-MNIST), uncompressed.
#include "data/idx_file.h"
#include "fuzz_target.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  std::string error;
  const auto a = fusebench::data::readIdxBytes(fuzzInput(data, size), "fuzz.idx", error);
  if (a) (void)a->itemSize();
  return 0;
}
