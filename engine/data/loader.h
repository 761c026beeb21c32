#pragma once
// Batches for training and evaluation, streamed: worker threads fetch each sample of an epoch (from the
// memory cache, else the disk cache, else by decoding it), augment it with its own seed, and collate
// batches a bounded number ahead of the consumer; floats are made, and images normalized, only there.
// Batch order and content depend only on the seed and the epoch, never on thread timing or on which
// cache a sample came from.
#include <atomic>
#include <condition_variable>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "data/disk_cache.h"
#include "data/pipeline.h"
#include "model/fusion_model.h"

namespace fusebench::data {

enum class SamplePolicy { Fail, Skip };

// Prepared samples in memory by dataset index, within a byte budget; shared by loaders over the same
// dataset and pipeline. Admission is first come, first kept, with no eviction: an epoch visits every
// sample once in a new random order, so when the set does not fit any eviction policy would replace
// samples that are as likely to come next as the ones it keeps; keeping the first ones gives the same
// hit rate (budget / set size) without churning memory.
class SampleCache {
 public:
  explicit SampleCache(std::size_t size, std::size_t budget_bytes = std::numeric_limits<std::size_t>::max())
      : slots_(size), budget_(budget_bytes) {}
  std::shared_ptr<const PreparedSample> get(std::size_t i) const;
  // False (and not kept) when the sample would take the cache over its budget.
  bool put(std::size_t i, std::shared_ptr<const PreparedSample> s);
  std::size_t filled() const;
  std::size_t bytes() const;
  std::size_t budget() const { return budget_; }
  std::size_t refused() const;  // samples kept out by the budget
  void clear();

 private:
  mutable std::mutex mutex_;
  std::vector<std::shared_ptr<const PreparedSample>> slots_;
  std::size_t budget_, bytes_ = 0, refused_ = 0;
};

// Where samples come from: the memory cache, the disk cache, or decoding; a cached copy is used only
// while the files it was made from are unchanged (else it is prepared again, and the caches updated).
class SampleSource {
 public:
  SampleSource(const Dataset& ds, const Pipeline& p, const Decoders& d, std::shared_ptr<SampleCache> memory,
               std::shared_ptr<DiskCache> disk)
      : ds_(ds), pipeline_(p), decoders_(d), memory_(std::move(memory)), disk_(std::move(disk)) {}
  // `changed` is set when a cached copy was stale because a file changed since.
  std::shared_ptr<const PreparedSample> fetch(std::size_t i, bool require_target, bool* changed = nullptr) const;
  const Dataset& dataset() const { return ds_; }
  const Pipeline& pipeline() const { return pipeline_; }
  DiskCache* disk() const { return disk_.get(); }

 private:
  const Dataset& ds_;
  const Pipeline& pipeline_;
  const Decoders& decoders_;
  std::shared_ptr<SampleCache> memory_;
  std::shared_ptr<DiskCache> disk_;
};

// Fetches the samples of `indices` on `threads` threads, at most `window` ahead, and hands them to `visit`
// in index order on the calling thread (the first pass that fits statistics, filling the caches on the
// way). Stops taking samples when `cancel` becomes true; returns how many were visited.
std::size_t visitInOrder(const SampleSource& source, const std::vector<std::size_t>& indices, int threads,
                         const std::function<void(std::size_t k, const PreparedSample&)>& visit,
                         const std::atomic<bool>* cancel = nullptr, std::size_t window = 64);

struct LoaderOptions {
  int64_t batch_size = 32;
  int threads = 2;
  int prefetch_batches = 4;
  // Batches made ahead are bounded by bytes too (at least one): four batches of 128 full-resolution
  // images would be 300 MB held for nothing.
  std::size_t prefetch_bytes = std::size_t{128} << 20;
  bool shuffle = false;
  bool drop_last = false;
  uint64_t seed = 42;
  SamplePolicy policy = SamplePolicy::Fail;
  AugmentOptions augment;  // applied when augment.enabled
  std::vector<std::string> masked_fields;  // ablation: these inputs arrive as missing (zeros, present = false)
  bool require_target = true;              // false for prediction: batches then have no target
  bool pin_memory = false;  // collate into page-locked memory (training on CUDA: copies overlap compute)
  // Data parallel: this rank's share of each epoch's order, positions shard_rank, shard_rank + shard_count, …
  // With shard_pad the order is first lengthened to a multiple of shard_count by repeating its beginning, so
  // that every rank gets as many batches (PyTorch's DistributedSampler without drop_last): training ranks
  // must take the same number of steps. Evaluation shards are not padded, so each sample counts once.
  int shard_rank = 0, shard_count = 1;
  bool shard_pad = false;
};

struct Batch {
  TensorMap inputs;                  // by field, as FusionModel::forward takes them
  torch::Tensor target;              // [B] int64 (classification), [B, K] float (multi-label / regression)
  std::vector<std::size_t> samples;  // dataset indices, in batch order
};

struct SkippedSample {
  std::size_t sample;
  std::string reason;
};

class Loader {
 public:
  Loader(const Dataset& ds, const Pipeline& pipeline, const Decoders& decoders, std::vector<std::size_t> indices,
         LoaderOptions options, std::shared_ptr<SampleCache> cache = nullptr, std::shared_ptr<DiskCache> disk = nullptr);
  ~Loader();
  Loader(const Loader&) = delete;
  Loader& operator=(const Loader&) = delete;

  void startEpoch(int64_t epoch);
  // The next batch of the epoch, or nullopt at its end. Under SamplePolicy::Fail a bad sample throws
  // std::runtime_error naming row, column, file and reason.
  std::optional<Batch> next();

  std::size_t batchesPerEpoch() const;
  std::size_t samplesPerEpoch() const;  // this shard's, padding included
  // How many batches are made ahead: prefetch_batches, fewer when they would exceed prefetch_bytes.
  std::size_t prefetchDepth() const;
  std::size_t used() const { return used_; }  // samples delivered this epoch
  const std::vector<SkippedSample>& skipped() const { return skipped_; }  // this epoch, in sample order
  // Samples of this epoch whose cached copy was stale (a file changed since) and that were prepared again.
  const std::vector<std::size_t>& changed() const { return changed_; }
  // Seconds next() spent waiting for a batch this epoch: the share of step time the trainer waits for data.
  double waitSeconds() const { return waitSeconds_; }

 private:
  struct Slot {
    std::optional<Batch> batch;
    std::vector<SkippedSample> skipped;
    std::vector<std::size_t> changed;
    std::string error;
    bool done = false;
  };
  void stopWorkers();
  void workerLoop();
  Slot makeBatch(std::size_t b);
  Batch collate(const std::vector<std::shared_ptr<const PreparedSample>>& samples, std::vector<std::size_t> ids) const;

  const Dataset& ds_;
  const Pipeline& pipeline_;
  std::vector<std::size_t> indices_, order_;
  LoaderOptions options_;
  SampleSource source_;
  int64_t epoch_ = 0;

  std::mutex mutex_;
  std::condition_variable cv_;
  std::map<std::size_t, Slot> ready_;
  std::size_t nextToMake_ = 0, nextToTake_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
  std::size_t used_ = 0;
  std::vector<SkippedSample> skipped_;
  std::vector<std::size_t> changed_;
  double waitSeconds_ = 0;
};

}  // namespace fusebench::data
