#pragma once
// The byte layout of one prepared sample in a disk-cache shard, and the checksum that guards it. Reading
// checks every length against the bytes at hand, so a damaged record is refused, never trusted.
#include <cstdint>
#include <string>

#include "data/pipeline.h"

namespace fusebench::data {

// Appends the record of `s` to `out`.
void writeSampleRecord(const PreparedSample& s, std::string& out);
// Reads a record written by writeSampleRecord; false when the bytes are not one.
bool readSampleRecord(const unsigned char* bytes, std::size_t size, PreparedSample& s);

// A fast 64-bit checksum (four independent multiply-rotate lanes), stable across platforms and runs.
uint64_t checksum64(const unsigned char* bytes, std::size_t size);

}  // namespace fusebench::data
