#pragma once
// The IDX format of MNIST and Fashion-MNIST (unsigned-byte tensors), plain or gzip-compressed.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace fusebench::data {

struct IdxArray {
  std::vector<int32_t> dims;  // e.g. {60000, 28, 28} or {60000}
  std::vector<uint8_t> data;
  std::size_t count() const { return dims.empty() ? 0 : static_cast<std::size_t>(dims[0]); }
  std::size_t itemSize() const;  // product of dims[1..]
};

// Returns nullopt and sets `error` (naming the file and what is wrong) on failure.
std::optional<IdxArray> readIdx(const std::string& path, std::string& error);
// The same from bytes already in memory (not compressed); `name` is used in messages.
std::optional<IdxArray> readIdxBytes(const std::string& bytes, const std::string& name, std::string& error);

}  // namespace fusebench::data
