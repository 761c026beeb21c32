#pragma once
// Prepared samples on disk beside the dataset, so epochs after the first, and later runs, skip decoding:
//   <dataset>/.fusebench-cache/<key>/shard-<completion time>-<host>-<pid>-<n>.fbs
// The key hashes what preparation depends on: the preprocessing parameters and fitted vocabularies and
// statistics, the dataset folder, its description and manifest. Each record also carries the size and
// modification time of the files it was made from, and the loader uses it only while they still match.
//
// Shards are written incrementally: samples are appended to a temporary file of this process, which is
// completed (an index and a footer with checksums appended) and renamed into place when it reaches its
// size, or when flushed. So a shard is either complete or absent under its name, and several processes
// (distributed ranks, sweep trials, two runs) can fill one cache at once. A shard's header, index and
// footer are memory-mapped and checked when it is opened; records are read with pread (one copy from the
// page cache, no page faults, nothing left resident in the process), so resident memory does not grow
// with the cache and the cache may be larger than RAM. A truncated or damaged shard is reported, removed and rebuilt
// (its samples are prepared again).
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "data/pipeline.h"

namespace fusebench::data {

// The cache key for this dataset and pipeline (16 hex digits).
std::string cacheKey(const Dataset& ds, const Pipeline& pipeline);
// <dataset>/.fusebench-cache/<key>
std::string cacheFolder(const Dataset& ds, const std::string& key);

class DiskCache {
 public:
  // Opens the folder (creating it) for a dataset of `samples` rows and maps every complete shard in it.
  // nullptr with `error` when the folder cannot be created or written.
  static std::shared_ptr<DiskCache> open(const std::string& folder, const std::string& key, std::size_t samples,
                                         std::string& error);
  ~DiskCache();  // completes the shard being written
  DiskCache(const DiskCache&) = delete;
  DiskCache& operator=(const DiskCache&) = delete;

  // A copy of sample i, or nullptr when no complete shard holds it (or its record fails its checksum,
  // which removes the shard). Thread-safe.
  std::shared_ptr<PreparedSample> get(std::size_t i);
  // Appends sample i to this process's shard in progress. Thread-safe. A write failure (a full disk) is
  // reported once and writing stops; reading goes on.
  void put(std::size_t i, const PreparedSample& s);
  // Completes the shard in progress, so its samples can be read (by this and other processes).
  void flush();
  // Maps shards that other processes completed since.
  void refresh();

  bool contains(std::size_t i) const;  // sample i is readable now
  std::size_t stored() const;        // samples readable now
  std::size_t shards() const;        // complete shards mapped
  uint64_t bytes() const;            // their size on disk
  uint64_t writtenBytes() const;     // written by this process
  const std::string& folder() const { return folder_; }
  // Problems found since the last call (damaged shards, write failures), for the run's log.
  std::vector<std::string> takeMessages();
  // The size at which a shard in progress is completed (64 MiB; smaller in tests).
  void setShardBytes(std::size_t bytes) { shardBytes_ = bytes; }

 private:
  struct Shard;
  struct Entry {
    uint32_t shard = UINT32_MAX;
    uint32_t length = 0;
    uint64_t offset = 0, checksum = 0;
  };
  struct Writer;
  DiskCache(std::string folder, std::string key, std::size_t samples);
  void mapShardLocked(const std::string& name);
  void damageLocked(uint32_t shard, const std::string& why);
  void finishShardLocked();
  void removeStaleTemporaries();

  std::string folder_, key_;
  mutable std::mutex mutex_;
  std::vector<Entry> entries_;
  std::vector<std::unique_ptr<Shard>> shards_;
  std::vector<std::string> known_;  // file names already looked at (mapped or refused)
  std::unique_ptr<Writer> writer_;
  bool writeFailed_ = false;
  std::size_t shardBytes_ = 64u << 20;
  uint64_t written_ = 0;

  std::vector<std::string> messages_;
};

}  // namespace fusebench::data
