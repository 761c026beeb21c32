#include "data/disk_cache.h"

#include "util/files.h"

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace fusebench::data {

namespace fs = std::filesystem;

namespace {

constexpr uint32_t kMagic = 0x46424331;  // "FBC1"
constexpr uint32_t kVersion = 1;

struct Hasher {  // FNV-1a, 64-bit: stable across platforms and runs
  uint64_t h = 0xcbf29ce484222325ULL;
  void bytes(const void* p, std::size_t n) {
    const auto* b = static_cast<const unsigned char*>(p);
    for (std::size_t i = 0; i < n; ++i) h = (h ^ b[i]) * 0x100000001b3ULL;
  }
  void str(const std::string& s) {
    bytes(s.data(), s.size());
    bytes("\0", 1);
  }
  template <class T>
  void pod(T v) {
    bytes(&v, sizeof v);
  }
};

void fileStamp(Hasher& h, const std::string& path) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  h.pod<uint64_t>(ec ? ~0ULL : static_cast<uint64_t>(size));
  const auto time = fs::last_write_time(path, ec);
  h.pod<int64_t>(ec ? -1 : static_cast<int64_t>(time.time_since_epoch().count()));
}

template <class T>
void put(std::ostream& o, const T& v) {
  o.write(reinterpret_cast<const char*>(&v), sizeof v);
}
template <class T>
bool get(std::istream& i, T& v) {
  return static_cast<bool>(i.read(reinterpret_cast<char*>(&v), sizeof v));
}
template <class T>
void putVec(std::ostream& o, const std::vector<T>& v) {
  put<uint64_t>(o, v.size());
  o.write(reinterpret_cast<const char*>(v.data()), static_cast<std::streamsize>(v.size() * sizeof(T)));
}
template <class T>
bool getVec(std::istream& i, std::vector<T>& v) {
  uint64_t n = 0;
  if (!get(i, n) || n > (1ULL << 32)) return false;
  v.resize(n);
  return static_cast<bool>(i.read(reinterpret_cast<char*>(v.data()), static_cast<std::streamsize>(n * sizeof(T))));
}

}  // namespace

std::string cacheKey(const Dataset& ds, const Pipeline& pipeline) {
  Hasher h;
  h.pod(kVersion);
  // What preparation depends on: bindings and their parameters, vocabularies, tabular statistics and
  // classes. Image statistics are left out: they are computed from the prepared samples themselves.
  auto state = pipeline.state();
  for (auto& b : state["bindings"]) {
    b.erase("image_mean");
    b.erase("image_std");
  }
  h.str(state.dump());
  h.str(ds.dir());
  fileStamp(h, (fs::path(ds.dir()) / "dataset.json").string());
  fileStamp(h, (fs::path(ds.dir()) / ds.description().manifest).string());
  for (const auto& b : pipeline.bindings()) {
    if (b.kind != PortKind::Image && b.kind != PortKind::Waveform && b.kind != PortKind::Spectrogram) continue;
    for (std::size_t i = 0; i < ds.size(); ++i) {
      const std::string p = ds.path(i, b.column);
      if (!p.empty()) fileStamp(h, p);
    }
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h.h));
  return hex;
}

std::string cachePath(const Dataset& ds, const std::string& key) {
  return (fs::path(ds.dir()) / ".fusebench-cache" / (key + ".bin")).string();
}

std::size_t loadDiskCache(const Dataset& ds, const std::string& key, SampleCache& cache) {
  std::ifstream in(cachePath(ds, key), std::ios::binary);
  if (!in) return 0;
  uint32_t magic = 0, version = 0;
  uint64_t count = 0;
  if (!get(in, magic) || magic != kMagic || !get(in, version) || version != kVersion || !get(in, count)) return 0;
  std::vector<std::pair<std::size_t, std::shared_ptr<PreparedSample>>> read;
  for (uint64_t k = 0; k < count; ++k) {
    uint64_t index = 0, fields = 0;
    uint8_t ok = 0;
    auto s = std::make_shared<PreparedSample>();
    std::vector<char> problem;
    if (!get(in, index) || index >= ds.size() || !get(in, ok) || !getVec(in, problem) || !getVec(in, s->target) ||
        !get(in, fields) || fields > 64)
      return 0;
    s->ok = ok != 0;
    s->problem.assign(problem.begin(), problem.end());
    s->fields.resize(fields);
    for (auto& f : s->fields) {
      uint8_t present = 0;
      if (!get(in, present) || !getVec(in, f.values) || !getVec(in, f.ids)) return 0;
      f.present = present != 0;
    }
    read.emplace_back(index, std::move(s));
  }
  for (auto& [i, s] : read) cache.put(i, std::move(s));  // only a complete file is used
  return read.size();
}

bool saveDiskCache(const Dataset& ds, const std::string& key, const SampleCache& cache, std::string* error) {
  const fs::path path = cachePath(ds, key);
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  const fs::path tmp = path.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) {
      if (error) *error = "cannot write '" + tmp.string() + "'";
      return false;
    }
    put(out, kMagic);
    put(out, kVersion);
    put<uint64_t>(out, cache.filled());
    for (std::size_t i = 0; i < ds.size(); ++i) {
      auto s = cache.get(i);
      if (!s) continue;
      put<uint64_t>(out, i);
      put<uint8_t>(out, s->ok ? 1 : 0);
      putVec(out, std::vector<char>(s->problem.begin(), s->problem.end()));
      putVec(out, s->target);
      put<uint64_t>(out, s->fields.size());
      for (const auto& f : s->fields) {
        put<uint8_t>(out, f.present ? 1 : 0);
        putVec(out, f.values);
        putVec(out, f.ids);
      }
    }
    out.flush();
    if (!out) {
      if (error) *error = "writing '" + tmp.string() + "' failed";
      return false;
    }
  }
  std::string e;
  if (!commitFile(tmp.string(), path.string(), e)) {
    if (error) *error = e;
    return false;
  }
  return true;
}

}  // namespace fusebench::data
