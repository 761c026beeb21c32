// dataset.json: a description read, then written and read again (what the import dialogs do).
#include "data/dataset_description.h"
#include "fuzz_target.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  const auto r = fusebench::data::descriptionFromText(fuzzInput(data, size), "dataset.json");
  if (r.description) (void)fusebench::data::descriptionFromText(fusebench::data::descriptionToText(*r.description), "again.json");
  return 0;
}
