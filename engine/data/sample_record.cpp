#include "data/sample_record.h"

#include <cstring>

namespace fusebench::data {
namespace {

constexpr uint32_t kRecordMagic = 0x31525346;  // "FSR1"
constexpr uint32_t kMaxFields = 64;

template <class T>
void put(std::string& out, T v) {
  out.append(reinterpret_cast<const char*>(&v), sizeof v);
}

class Reader {
 public:
  Reader(const unsigned char* p, std::size_t n) : p_(p), n_(n) {}
  template <class T>
  bool get(T& v) {
    if (n_ - at_ < sizeof v) return false;
    std::memcpy(&v, p_ + at_, sizeof v);
    at_ += sizeof v;
    return true;
  }
  const unsigned char* take(std::size_t n) {
    if (n_ - at_ < n) return nullptr;
    const unsigned char* p = p_ + at_;
    at_ += n;
    return p;
  }
  bool done() const { return at_ == n_; }

 private:
  const unsigned char* p_;
  std::size_t n_, at_ = 0;
};

inline uint64_t rotl(uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }

}  // namespace

void writeSampleRecord(const PreparedSample& s, std::string& out) {
  put<uint32_t>(out, kRecordMagic);
  put<uint8_t>(out, s.ok ? 1 : 0);
  put<uint8_t>(out, static_cast<uint8_t>(s.fields.size()));
  put<uint16_t>(out, 0);
  put<uint32_t>(out, static_cast<uint32_t>(s.sources.size()));
  put<uint32_t>(out, static_cast<uint32_t>(s.target.size()));
  put<uint32_t>(out, static_cast<uint32_t>(s.problem.size()));
  for (const auto& st : s.sources) put<int64_t>(out, st.size), put<int64_t>(out, st.mtime_ns);
  out.append(reinterpret_cast<const char*>(s.target.data()), s.target.size() * sizeof(float));
  out.append(s.problem);
  for (const auto& f : s.fields) {
    put<uint8_t>(out, f.present ? 1 : 0);
    put<uint8_t>(out, static_cast<uint8_t>(f.values.type()));
    put<uint16_t>(out, 0);
    put<uint32_t>(out, static_cast<uint32_t>(f.ids.size()));
    put<uint64_t>(out, f.values.storedSize());
    out.append(reinterpret_cast<const char*>(f.ids.data()), f.ids.size() * sizeof(int64_t));
    out.append(reinterpret_cast<const char*>(f.values.storedBytes()), f.values.storedSize());
  }
}

bool readSampleRecord(const unsigned char* bytes, std::size_t size, PreparedSample& s) {
  Reader in(bytes, size);
  uint32_t magic = 0, sources = 0, targets = 0, problem = 0;
  uint8_t ok = 0, fields = 0;
  uint16_t reserved = 0;
  if (!in.get(magic) || magic != kRecordMagic || !in.get(ok) || !in.get(fields) || fields > kMaxFields ||
      !in.get(reserved) || !in.get(sources) || !in.get(targets) || !in.get(problem))
    return false;
  s = PreparedSample();
  s.ok = ok != 0;
  if (sources > size / 16 || targets > size / 4) return false;
  s.sources.resize(sources);
  for (auto& st : s.sources)
    if (!in.get(st.size) || !in.get(st.mtime_ns)) return false;
  const unsigned char* t = in.take(targets * sizeof(float));
  const unsigned char* pr = t ? in.take(problem) : nullptr;
  if (!t || !pr) return false;
  s.target.resize(targets);
  if (targets) std::memcpy(s.target.data(), t, targets * sizeof(float));
  s.problem.assign(reinterpret_cast<const char*>(pr), problem);
  s.fields.resize(fields);
  for (auto& f : s.fields) {
    uint8_t present = 0, type = 0;
    uint32_t ids = 0;
    uint64_t valueBytes = 0;
    if (!in.get(present) || !in.get(type) || type > static_cast<uint8_t>(ValueType::Float16) || !in.get(reserved) ||
        !in.get(ids) || !in.get(valueBytes) || ids > size / 8 || valueBytes > size)
      return false;
    const unsigned char* idBytes = in.take(ids * sizeof(int64_t));
    const unsigned char* values = idBytes ? in.take(static_cast<std::size_t>(valueBytes)) : nullptr;
    if (!idBytes || !values) return false;
    f.present = present != 0;
    f.ids.resize(ids);
    if (ids) std::memcpy(f.ids.data(), idBytes, ids * sizeof(int64_t));
    if (!CompactValues::fromStored(static_cast<ValueType>(type), values, static_cast<std::size_t>(valueBytes), f.values))
      return false;
  }
  return in.done();
}

uint64_t checksum64(const unsigned char* p, std::size_t n) {
  constexpr uint64_t k1 = 0x9E3779B185EBCA87ULL, k2 = 0xC2B2AE3D27D4EB4FULL;
  uint64_t lane[4] = {k1 ^ n, k2, 0x165667B19E3779F9ULL, 0x27D4EB2F165667C5ULL};
  std::size_t i = 0;
  for (; i + 32 <= n; i += 32)
    for (int l = 0; l < 4; ++l) {
      uint64_t w;
      std::memcpy(&w, p + i + 8 * l, 8);
      lane[l] = rotl(lane[l] + w * k2, 31) * k1;
    }
  uint64_t h = rotl(lane[0], 1) + rotl(lane[1], 7) + rotl(lane[2], 12) + rotl(lane[3], 18);
  for (; i < n; ++i) h = (h ^ p[i]) * 0x100000001B3ULL;
  h ^= h >> 33;
  h *= 0xFF51AFD7ED558CCDULL;
  h ^= h >> 33;
  return h;
}

}  // namespace fusebench::data
