#include "data/idx_file.h"

#include <zlib.h>

#include <algorithm>

namespace fusebench::data {

std::size_t IdxArray::itemSize() const {
  std::size_t n = 1;
  for (std::size_t i = 1; i < dims.size(); ++i) n *= static_cast<std::size_t>(dims[i]);
  return n;
}

namespace {

// Reads an IDX stream through `read(buffer, n)` (returns the bytes it gave, 0 at the end). The data is read in
// chunks as it arrives rather than allocated from the header's dimensions up front: a damaged header claiming
// 2^31 x 2^31 bytes must give a message, not an allocation failure.
template <typename Read>
std::optional<IdxArray> parseIdx(Read&& read, const std::string& name, std::string& error) {
  auto readAll = [&](void* buf, std::size_t n) {
    auto* p = static_cast<unsigned char*>(buf);
    while (n > 0) {
      const std::size_t got = read(p, n);
      if (got == 0) return false;
      p += got;
      n -= got;
    }
    return true;
  };
  unsigned char magic[4];
  if (!readAll(magic, 4)) {
    error = name + ": empty or unreadable file";
    return std::nullopt;
  }
  if (magic[0] != 0 || magic[1] != 0 || magic[2] != 0x08 || magic[3] == 0 || magic[3] > 4) {
    error = name + ": not an unsigned-byte IDX file (bad magic number)";
    return std::nullopt;
  }
  IdxArray a;
  constexpr std::size_t kMaxBytes = std::size_t{1} << 40;  // 1 TiB: beyond any real IDX file
  std::size_t total = 1;
  for (int d = 0; d < magic[3]; ++d) {
    unsigned char b[4];
    if (!readAll(b, 4)) {
      error = name + ": truncated or invalid IDX header";
      return std::nullopt;
    }
    const int32_t v = static_cast<int32_t>((uint32_t(b[0]) << 24) | (uint32_t(b[1]) << 16) | (uint32_t(b[2]) << 8) | uint32_t(b[3]));
    if (v <= 0) {
      error = name + ": truncated or invalid IDX header (dimension " + std::to_string(d + 1) + " is " + std::to_string(v) + ")";
      return std::nullopt;
    }
    if (total > kMaxBytes / static_cast<std::size_t>(v)) {
      error = name + ": implausible IDX header (more than 1 TiB of data)";
      return std::nullopt;
    }
    total *= static_cast<std::size_t>(v);
    a.dims.push_back(v);
  }
  while (a.data.size() < total) {
    const std::size_t at = a.data.size();
    // Growing by doubling from 64 KiB: a real file reads in few steps, a lying header costs what the file holds.
    a.data.resize(at + std::min(std::max<std::size_t>(std::size_t{1} << 16, at), total - at));
    const std::size_t want = a.data.size() - at;
    std::size_t got = 0;
    while (got < want) {
      const std::size_t n = read(a.data.data() + at + got, want - got);
      if (n == 0) break;
      got += n;
    }
    if (got < want) {
      error = name + ": truncated data (expected " + std::to_string(total) + " bytes, found " + std::to_string(at + got) + ")";
      return std::nullopt;
    }
  }
  return a;
}

}  // namespace

std::optional<IdxArray> readIdx(const std::string& path, std::string& error) {
  // gzopen reads plain files transparently, so one path serves both.
  gzFile f = gzopen(path.c_str(), "rb");
  if (!f) {
    error = path + ": cannot open";
    return std::nullopt;
  }
  auto read = [&](unsigned char* p, std::size_t n) -> std::size_t {
    const int got = gzread(f, p, static_cast<unsigned>(std::min<std::size_t>(n, 1u << 30)));
    return got > 0 ? static_cast<std::size_t>(got) : 0;
  };
  auto result = parseIdx(read, path, error);
  gzclose(f);
  return result;
}

std::optional<IdxArray> readIdxBytes(const std::string& bytes, const std::string& name, std::string& error) {
  std::size_t pos = 0;
  auto read = [&](unsigned char* p, std::size_t n) -> std::size_t {
    const std::size_t got = std::min(n, bytes.size() - pos);
    std::copy_n(bytes.data() + pos, got, p);
    pos += got;
    return got;
  };
  return parseIdx(read, name, error);
}

}  // namespace fusebench::data
