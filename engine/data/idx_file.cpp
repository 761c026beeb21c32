#include "data/idx_file.h"

#include <zlib.h>

namespace fusebench::data {

std::size_t IdxArray::itemSize() const {
  std::size_t n = 1;
  for (std::size_t i = 1; i < dims.size(); ++i) n *= static_cast<std::size_t>(dims[i]);
  return n;
}

std::optional<IdxArray> readIdx(const std::string& path, std::string& error) {
  // gzopen reads plain files transparently, so one path serves both.
  gzFile f = gzopen(path.c_str(), "rb");
  if (!f) {
    error = path + ": cannot open";
    return std::nullopt;
  }
  auto readAll = [&](void* buf, std::size_t n) {
    auto* p = static_cast<unsigned char*>(buf);
    while (n > 0) {
      const unsigned chunk = static_cast<unsigned>(std::min<std::size_t>(n, 1u << 30));
      const int got = gzread(f, p, chunk);
      if (got <= 0) return false;
      p += got;
      n -= static_cast<std::size_t>(got);
    }
    return true;
  };
  unsigned char magic[4];
  IdxArray a;
  std::optional<IdxArray> result;
  if (!readAll(magic, 4)) {
    error = path + ": empty or unreadable file";
  } else if (magic[0] != 0 || magic[1] != 0 || magic[2] != 0x08 || magic[3] == 0 || magic[3] > 4) {
    error = path + ": not an unsigned-byte IDX file (bad magic number)";
  } else {
    bool ok = true;
    std::size_t total = 1;
    for (int d = 0; d < magic[3] && ok; ++d) {
      unsigned char b[4];
      ok = readAll(b, 4);
      const int32_t v = (int32_t(b[0]) << 24) | (int32_t(b[1]) << 16) | (int32_t(b[2]) << 8) | int32_t(b[3]);
      if (ok && v <= 0) ok = false;
      a.dims.push_back(v);
      total *= static_cast<std::size_t>(std::max(v, 0));
    }
    if (!ok) {
      error = path + ": truncated or invalid IDX header";
    } else {
      a.data.resize(total);
      if (!readAll(a.data.data(), total))
        error = path + ": truncated data (expected " + std::to_string(total) + " bytes)";
      else
        result = std::move(a);
    }
  }
  gzclose(f);
  return result;
}

}  // namespace fusebench::data
