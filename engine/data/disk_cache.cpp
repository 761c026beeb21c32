#include "data/disk_cache.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <utility>

#include "data/sample_record.h"
#include "util/files.h"

namespace fusebench::data {

namespace fs = std::filesystem;

namespace {

constexpr char kShardMagic[8] = {'F', 'B', 'S', 'H', 'A', 'R', 'D', '1'};
constexpr char kFooterMagic[8] = {'F', 'B', 'S', 'E', 'N', 'D', '0', '1'};
constexpr uint32_t kVersion = 2;
constexpr std::size_t kHeaderBytes = 32, kFooterBytes = 32, kIndexRowBytes = 32;

struct IndexRow {
  uint64_t sample, offset, length, checksum;
};

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
};

void fileStamp(Hasher& h, const std::string& path) {
  const FileStamp s = stampOf(path);
  h.bytes(&s.size, sizeof s.size);
  h.bytes(&s.mtime_ns, sizeof s.mtime_ns);
}

std::string hostName() {
  char name[256] = {0};
  if (gethostname(name, sizeof name - 1) != 0 || !name[0]) return "host";
  std::string s(name);
  for (auto& c : s)
    if (c == '/' || c == '.') c = '_';
  return s;
}

std::atomic<uint64_t> gShardSequence{0};

// fwrite that also honours the tests' write fault (util/files.h): false, with errno set, when it fails.
bool writeBytes(std::FILE* f, const std::string& path, std::size_t offset, const void* data, std::size_t n) {
  if (const int injected = injectedWriteError(path, offset, n)) {
    errno = injected;
    return false;
  }
  return std::fwrite(data, 1, n, f) == n;
}

template <class T>
T load(const unsigned char* p) {
  T v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

}  // namespace

std::string cacheKey(const Dataset& ds, const Pipeline& pipeline) {
  Hasher h;
  h.bytes(&kVersion, sizeof kVersion);
  // What preparation depends on: bindings and their parameters, vocabularies, tabular statistics and
  // classes. Image statistics are left out: they are computed from the prepared samples themselves. The
  // media files are not hashed here: each record carries its own files' stamps.
  auto state = pipeline.state();
  for (auto& b : state["bindings"]) {
    b.erase("image_mean");
    b.erase("image_std");
  }
  h.str(state.dump());
  h.str(fs::absolute(ds.dir()).lexically_normal().string());
  fileStamp(h, (fs::path(ds.dir()) / "dataset.json").string());
  fileStamp(h, (fs::path(ds.dir()) / ds.description().manifest).string());
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h.h));
  return hex;
}

std::string cacheFolder(const Dataset& ds, const std::string& key) {
  return (fs::path(ds.dir()) / ".fusebench-cache" / key).string();
}

struct DiskCache::Shard {
  std::string name;
  int fd = -1;
  unsigned char* map = nullptr;
  std::size_t size = 0;
  bool damaged = false;
  ~Shard() {
    if (map) munmap(map, size);
    if (fd >= 0) close(fd);
  }
};

struct DiskCache::Writer {
  std::FILE* file = nullptr;
  std::string temporary, name;
  std::vector<IndexRow> rows;
  uint64_t offset = 0;
  ~Writer() {
    if (file) std::fclose(file);
  }
};

DiskCache::DiskCache(std::string folder, std::string key, std::size_t samples)
    : folder_(std::move(folder)), key_(std::move(key)), entries_(samples) {}

DiskCache::~DiskCache() { flush(); }

std::shared_ptr<DiskCache> DiskCache::open(const std::string& folder, const std::string& key, std::size_t samples,
                                           std::string& error) {
  std::error_code ec;
  fs::create_directories(folder, ec);
  if (ec || access(folder.c_str(), W_OK) != 0) {
    error = "cannot write the disk cache folder '" + folder + "'" + (ec ? ": " + ec.message() : std::string());
    return nullptr;
  }
  std::shared_ptr<DiskCache> c(new DiskCache(folder, key, samples));
  c->removeStaleTemporaries();
  c->refresh();
  return c;
}

void DiskCache::removeStaleTemporaries() {
  // .tmp.<host>.<pid>.<n>.part: a shard in progress; its writer is gone when that process no longer exists.
  const std::string host = hostName();
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(folder_, ec)) {
    const std::string name = e.path().filename().string();
    if (name.rfind(".tmp.", 0) != 0 || name.size() < 10 || name.substr(name.size() - 5) != ".part") continue;
    const std::string body = name.substr(5, name.size() - 10);  // <host>.<pid>.<n>
    const auto dotN = body.rfind('.');
    const auto dotPid = dotN == std::string::npos ? std::string::npos : body.rfind('.', dotN - 1);
    if (dotPid == std::string::npos || body.substr(0, dotPid) != host) continue;
    const long pid = std::strtol(body.substr(dotPid + 1, dotN - dotPid - 1).c_str(), nullptr, 10);
    if (pid > 0 && kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) fs::remove(e.path(), ec);
  }
}

void DiskCache::refresh() {
  std::error_code ec;
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(folder_, ec)) {
    const std::string name = e.path().filename().string();
    if (name.rfind("shard-", 0) == 0 && e.path().extension() == ".fbs") names.push_back(name);
  }
  std::sort(names.begin(), names.end());  // oldest first: see mapShardLocked
  std::lock_guard<std::mutex> lock(mutex_);
  for (const auto& name : names)
    if (std::find(known_.begin(), known_.end(), name) == known_.end()) mapShardLocked(name);
}

void DiskCache::mapShardLocked(const std::string& name) {
  known_.push_back(name);
  const std::string path = (fs::path(folder_) / name).string();
  auto refuse = [&](const std::string& why) {
    messages_.push_back("disk cache: shard '" + path + "' " + why + "; removed, its samples will be prepared again");
    std::error_code ec;
    fs::remove(path, ec);
  };
  auto shard = std::make_unique<Shard>();
  shard->name = name;
  shard->fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  struct stat st {};
  if (shard->fd < 0 || fstat(shard->fd, &st) != 0) return;  // removed meanwhile by another process
  shard->size = static_cast<std::size_t>(st.st_size);
  if (shard->size < kHeaderBytes + kFooterBytes) return refuse("is truncated (" + std::to_string(shard->size) + " bytes)");
  void* m = mmap(nullptr, shard->size, PROT_READ, MAP_SHARED, shard->fd, 0);
  if (m == MAP_FAILED) {
    messages_.push_back("disk cache: cannot map '" + path + "': " + std::strerror(errno));
    return;
  }
  shard->map = static_cast<unsigned char*>(m);
  const unsigned char* p = shard->map;
  const unsigned char* footer = p + shard->size - kFooterBytes;
  if (std::memcmp(p, kShardMagic, 8) != 0 || load<uint32_t>(p + 8) != kVersion) return refuse("is not a cache shard of this version");
  if (std::memcmp(footer + 24, kFooterMagic, 8) != 0) return refuse("is truncated (no footer)");
  if (std::string(reinterpret_cast<const char*>(p + 16), 16) != key_) return refuse("belongs to another cache key");
  const auto indexOffset = load<uint64_t>(footer), count = load<uint64_t>(footer + 8);
  if (indexOffset < kHeaderBytes || count > shard->size / kIndexRowBytes ||
      indexOffset + count * kIndexRowBytes + kFooterBytes != shard->size)
    return refuse("is truncated or damaged (its index does not fit the file)");
  if (checksum64(p + indexOffset, count * kIndexRowBytes) != load<uint64_t>(footer + 16))
    return refuse("is damaged (its index fails its checksum)");
  const auto shardId = static_cast<uint32_t>(shards_.size());
  std::vector<std::pair<uint64_t, Entry>> rows;
  for (uint64_t r = 0; r < count; ++r) {
    const unsigned char* row = p + indexOffset + r * kIndexRowBytes;
    const IndexRow ir{load<uint64_t>(row), load<uint64_t>(row + 8), load<uint64_t>(row + 16), load<uint64_t>(row + 24)};
    if (ir.sample >= entries_.size() || ir.offset < kHeaderBytes || ir.length > UINT32_MAX ||
        ir.offset + ir.length > indexOffset)
      return refuse("is damaged (index row " + std::to_string(r) + " points outside its records)");
    rows.push_back({ir.sample, Entry{shardId, static_cast<uint32_t>(ir.length), ir.offset, ir.checksum}});
  }
  // Shards are mapped oldest first (their names begin with the time they were completed): a sample
  // prepared again after its file changed is found in the newest shard that holds it.
  for (const auto& [sample, entry] : rows) entries_[sample] = entry;
  shards_.push_back(std::move(shard));
}

void DiskCache::damageLocked(uint32_t shard, const std::string& why) {
  Shard& s = *shards_[shard];
  if (s.damaged) return;
  s.damaged = true;
  for (auto& e : entries_)
    if (e.shard == shard) e = Entry();
  const std::string path = (fs::path(folder_) / s.name).string();
  std::error_code ec;
  fs::remove(path, ec);
  messages_.push_back("disk cache: shard '" + path + "' is damaged (" + why + "); removed, its samples will be prepared again");
}

std::shared_ptr<PreparedSample> DiskCache::get(std::size_t i) {
  Entry e;
  int fd = -1;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (i >= entries_.size() || entries_[i].shard == UINT32_MAX) return nullptr;
    e = entries_[i];
    fd = shards_[e.shard]->fd;  // open as long as the cache
  }
  // The record is read with pread, not through the mapping: from the page cache that is one copy and no
  // page faults, and nothing of the shard stays resident in this process (the index is what is mapped).
  thread_local std::vector<unsigned char> buffer;
  buffer.resize(e.length);
  std::size_t got = 0;
  while (got < e.length) {
    const ssize_t n = pread(fd, buffer.data() + got, e.length - got, static_cast<off_t>(e.offset + got));
    if (n <= 0) break;
    got += static_cast<std::size_t>(n);
  }
  auto s = std::make_shared<PreparedSample>();
  const bool intact = got == e.length && checksum64(buffer.data(), e.length) == e.checksum &&
                      readSampleRecord(buffer.data(), e.length, *s);
  if (buffer.capacity() > (8u << 20)) std::vector<unsigned char>().swap(buffer);  // no large buffer kept per thread
  if (intact) return s;
  std::lock_guard<std::mutex> lock(mutex_);
  damageLocked(e.shard, got == e.length ? "the record of row " + std::to_string(i + 1) + " fails its checksum"
                                        : "the record of row " + std::to_string(i + 1) + " cannot be read");
  return nullptr;
}

void DiskCache::put(std::size_t i, const PreparedSample& s) {
  std::string record;
  writeSampleRecord(s, record);
  const uint64_t sum = checksum64(reinterpret_cast<const unsigned char*>(record.data()), record.size());
  std::lock_guard<std::mutex> lock(mutex_);
  if (i >= entries_.size()) return;
  entries_[i] = Entry();  // a sample is put when it was missing or stale: the stale record is not served again
  if (writeFailed_) return;
  auto fail = [&](const std::string& what) {
    messages_.push_back("disk cache: " + what + ": " + std::strerror(errno) + "; samples are no longer written to it");
    writeFailed_ = true;
    if (writer_) {
      std::error_code ec;
      fs::remove(writer_->temporary, ec);
      writer_.reset();
    }
  };
  if (!writer_) {
    auto w = std::make_unique<Writer>();
    const std::string host = hostName(), pid = std::to_string(getpid()), n = std::to_string(gShardSequence++);
    w->temporary = (fs::path(folder_) / (".tmp." + host + "." + pid + "." + n + ".part")).string();
    w->name = "";  // named when completed, by the time it was: names sort in completion order
    w->file = std::fopen(w->temporary.c_str(), "wb");
    if (!w->file) return fail("cannot create '" + w->temporary + "'");
    unsigned char header[kHeaderBytes] = {0};
    std::memcpy(header, kShardMagic, 8);
    std::memcpy(header + 8, &kVersion, 4);
    std::memcpy(header + 16, key_.data(), std::min<std::size_t>(16, key_.size()));
    writer_ = std::move(w);
    if (!writeBytes(writer_->file, writer_->temporary, 0, header, kHeaderBytes)) return fail("cannot write '" + writer_->temporary + "'");
    writer_->offset = kHeaderBytes;
  }
  if (!writeBytes(writer_->file, writer_->temporary, writer_->offset, record.data(), record.size()))
    return fail("cannot write '" + writer_->temporary + "'");
  writer_->rows.push_back({i, writer_->offset, record.size(), sum});
  writer_->offset += record.size();
  written_ += record.size();
  if (writer_->offset >= shardBytes_) finishShardLocked();
}

void DiskCache::finishShardLocked() {
  if (!writer_) return;
  std::unique_ptr<Writer> w = std::move(writer_);
  std::string index;
  for (const auto& r : w->rows) index.append(reinterpret_cast<const char*>(&r), sizeof r);
  unsigned char footer[kFooterBytes];
  const uint64_t count = w->rows.size(), sum = checksum64(reinterpret_cast<const unsigned char*>(index.data()), index.size());
  std::memcpy(footer, &w->offset, 8);
  std::memcpy(footer + 8, &count, 8);
  std::memcpy(footer + 16, &sum, 8);
  std::memcpy(footer + 24, kFooterMagic, 8);
  const bool ok = writeBytes(w->file, w->temporary, w->offset, index.data(), index.size()) &&
                  writeBytes(w->file, w->temporary, w->offset + index.size(), footer, kFooterBytes) &&
                  std::fflush(w->file) == 0;
  const bool closed = std::fclose(w->file) == 0;
  w->file = nullptr;
  std::error_code ec;
  if (!ok || !closed) {
    messages_.push_back("disk cache: cannot complete '" + w->temporary + "': " + std::strerror(errno) +
                        "; samples are no longer written to it");
    writeFailed_ = true;
    fs::remove(w->temporary, ec);
    return;
  }
  written_ += index.size() + kFooterBytes + kHeaderBytes;
  char completed[32];
  std::snprintf(completed, sizeof completed, "%020lld",
                static_cast<long long>(std::chrono::system_clock::now().time_since_epoch().count()));
  w->name = "shard-" + std::string(completed) + "-" + hostName() + "-" + std::to_string(getpid()) + "-" +
            std::to_string(gShardSequence++) + ".fbs";
  fs::rename(w->temporary, fs::path(folder_) / w->name, ec);  // atomic: complete under its name, or absent
  if (ec) {
    messages_.push_back("disk cache: cannot complete '" + w->temporary + "': " + ec.message());
    fs::remove(w->temporary, ec);
    return;
  }
  mapShardLocked(w->name);
}

void DiskCache::flush() {
  std::lock_guard<std::mutex> lock(mutex_);
  finishShardLocked();
}

bool DiskCache::contains(std::size_t i) const {
  std::lock_guard<std::mutex> lock(mutex_);
  return i < entries_.size() && entries_[i].shard != UINT32_MAX;
}

std::size_t DiskCache::stored() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return static_cast<std::size_t>(
      std::count_if(entries_.begin(), entries_.end(), [](const Entry& e) { return e.shard != UINT32_MAX; }));
}

std::size_t DiskCache::shards() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return static_cast<std::size_t>(
      std::count_if(shards_.begin(), shards_.end(), [](const auto& s) { return !s->damaged; }));
}

uint64_t DiskCache::bytes() const {
  std::lock_guard<std::mutex> lock(mutex_);
  uint64_t n = 0;
  for (const auto& s : shards_)
    if (!s->damaged) n += s->size;
  return n;
}

uint64_t DiskCache::writtenBytes() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return written_;
}

std::vector<std::string> DiskCache::takeMessages() {
  std::lock_guard<std::mutex> lock(mutex_);
  return std::exchange(messages_, {});
}

}  // namespace fusebench::data
