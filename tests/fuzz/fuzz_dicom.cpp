// DICOM files: Part 10 and bare datasets, every transfer syntax and pixel layout the reader knows.
#include "data/decode/dicom.h"
#include "fuzz_target.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  fusebench::data::Image image;
  std::string error;
  (void)fusebench::data::decodeDicomBytes(fuzzInput(data, size), image, error);
  return 0;
}
