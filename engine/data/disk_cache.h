#pragma once
// Prepared samples saved beside the dataset (<dataset>/.fusebench-cache/<key>.bin), so a later run skips
// decoding entirely. The key hashes everything the prepared samples depend on: the preprocessing
// parameters and fitted vocabularies/statistics, the manifest, and the size and modification time of every
// file a sample reads. Change any of them and the key changes: the old file is simply not used.
#include <cstdint>
#include <string>

#include "data/loader.h"

namespace fusebench::data {

// The cache key for this dataset and pipeline (16 hex digits).
std::string cacheKey(const Dataset& ds, const Pipeline& pipeline);
std::string cachePath(const Dataset& ds, const std::string& key);

// Fills `cache` from disk when a file with this key exists and is complete; returns the number of samples read.
std::size_t loadDiskCache(const Dataset& ds, const std::string& key, SampleCache& cache);
// Writes every filled slot (atomically: temporary file, then rename). Returns false with `error` on failure.
bool saveDiskCache(const Dataset& ds, const std::string& key, const SampleCache& cache, std::string* error = nullptr);

}  // namespace fusebench::data
