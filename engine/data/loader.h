#pragma once
// Batches for training and evaluation. Worker threads decode and preprocess samples (through an optional
// in-memory cache of prepared samples, so epochs after the first do no decoding), apply seeded
// augmentation, normalize, and collate batches ahead of the consumer. Batch order and content depend
// only on the seed and the epoch, never on thread timing.
#include <atomic>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "data/pipeline.h"
#include "model/fusion_model.h"

namespace fusebench::data {

enum class SamplePolicy { Fail, Skip };

// Decoded, preprocessed samples by dataset index; shared by loaders over the same dataset and pipeline.
class SampleCache {
 public:
  explicit SampleCache(std::size_t size) : slots_(size) {}
  std::shared_ptr<const PreparedSample> get(std::size_t i) const;
  void put(std::size_t i, std::shared_ptr<const PreparedSample> s);
  std::size_t filled() const;
  void clear();

 private:
  mutable std::mutex mutex_;
  std::vector<std::shared_ptr<const PreparedSample>> slots_;
};

struct LoaderOptions {
  int64_t batch_size = 32;
  int threads = 2;
  int prefetch_batches = 4;
  bool shuffle = false;
  bool drop_last = false;
  uint64_t seed = 42;
  SamplePolicy policy = SamplePolicy::Fail;
  AugmentOptions augment;  // applied when augment.enabled
  std::vector<std::string> masked_fields;  // ablation: these inputs arrive as missing (zeros, present = false)
  bool require_target = true;              // false for prediction: batches then have no target
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
         LoaderOptions options, std::shared_ptr<SampleCache> cache = nullptr);
  ~Loader();
  Loader(const Loader&) = delete;
  Loader& operator=(const Loader&) = delete;

  void startEpoch(int64_t epoch);
  // The next batch of the epoch, or nullopt at its end. Under SamplePolicy::Fail a bad sample throws
  // std::runtime_error naming row, column, file and reason.
  std::optional<Batch> next();

  std::size_t batchesPerEpoch() const;
  std::size_t used() const { return used_; }  // samples delivered this epoch
  const std::vector<SkippedSample>& skipped() const { return skipped_; }  // this epoch, in sample order

  // Prepares (and caches) every sample of `indices` with the loader's threads; returns them in order. When
  // `cancel` becomes true the threads stop taking samples: the ones not reached stay null.
  static std::vector<std::shared_ptr<const PreparedSample>> prepareAll(const Dataset& ds, const Pipeline& p,
                                                                      const Decoders& d, const std::vector<std::size_t>& indices,
                                                                      int threads, SampleCache* cache,
                                                                      const std::atomic<bool>* cancel = nullptr);

 private:
  struct Slot {
    std::optional<Batch> batch;
    std::vector<SkippedSample> skipped;
    std::string error;
    bool done = false;
  };
  void stopWorkers();
  void workerLoop();
  Slot makeBatch(std::size_t b);

  const Dataset& ds_;
  const Pipeline& pipeline_;
  const Decoders& decoders_;
  std::vector<std::size_t> indices_, order_;
  LoaderOptions options_;
  std::shared_ptr<SampleCache> cache_;
  int64_t epoch_ = 0;

  std::mutex mutex_;
  std::condition_variable cv_;
  std::map<std::size_t, Slot> ready_;
  std::size_t nextToMake_ = 0, nextToTake_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
  std::size_t used_ = 0;
  std::vector<SkippedSample> skipped_;
};

}  // namespace fusebench::data
