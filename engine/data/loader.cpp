#include "data/loader.h"

#include <algorithm>

#include "data/splits.h"

namespace fusebench::data {

std::shared_ptr<const PreparedSample> SampleCache::get(std::size_t i) const {
  std::lock_guard<std::mutex> lock(mutex_);
  return i < slots_.size() ? slots_[i] : nullptr;
}

void SampleCache::put(std::size_t i, std::shared_ptr<const PreparedSample> s) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (i < slots_.size()) slots_[i] = std::move(s);
}

std::size_t SampleCache::filled() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return static_cast<std::size_t>(std::count_if(slots_.begin(), slots_.end(), [](const auto& s) { return s != nullptr; }));
}

void SampleCache::clear() {
  std::lock_guard<std::mutex> lock(mutex_);
  for (auto& s : slots_) s.reset();
}

namespace {

std::shared_ptr<const PreparedSample> prepared(const Dataset& ds, const Pipeline& p, const Decoders& d, std::size_t i,
                                               SampleCache* cache, bool requireTarget = true) {
  if (cache)
    if (auto hit = cache->get(i)) return hit;
  auto s = std::make_shared<const PreparedSample>(p.prepare(ds, i, d, requireTarget));
  if (cache) cache->put(i, s);
  return s;
}

// A per-(seed, epoch, sample) seed, so augmentation does not depend on which thread ran first.
uint64_t mix(uint64_t a, uint64_t b, uint64_t c) {
  uint64_t h = a * 0x9E3779B97F4A7C15ULL ^ (b + 0x632BE59BD9B4E019ULL) * 0xC2B2AE3D27D4EB4FULL;
  h ^= (c + 0x165667B19E3779F9ULL) * 0x27D4EB2F165667C5ULL;
  h ^= h >> 31;
  return h * 0x94D049BB133111EBULL;
}

}  // namespace

std::vector<std::shared_ptr<const PreparedSample>> Loader::prepareAll(const Dataset& ds, const Pipeline& p,
                                                                     const Decoders& d,
                                                                     const std::vector<std::size_t>& indices,
                                                                     int threads, SampleCache* cache,
                                                                     const std::atomic<bool>* cancel) {
  std::vector<std::shared_ptr<const PreparedSample>> out(indices.size());
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    torch::NoGradGuard noGrad;
    for (std::size_t k = next++; k < indices.size() && !(cancel && *cancel); k = next++)
      out[k] = prepared(ds, p, d, indices[k], cache);
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < std::max(1, threads); ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
  return out;
}

Loader::Loader(const Dataset& ds, const Pipeline& pipeline, const Decoders& decoders, std::vector<std::size_t> indices,
               LoaderOptions options, std::shared_ptr<SampleCache> cache)
    : ds_(ds), pipeline_(pipeline), decoders_(decoders), indices_(std::move(indices)), options_(options),
      cache_(std::move(cache)) {}

Loader::~Loader() { stopWorkers(); }

void Loader::stopWorkers() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  cv_.notify_all();
  for (auto& t : workers_) t.join();
  workers_.clear();
}

std::size_t Loader::batchesPerEpoch() const {
  const auto n = indices_.size(), b = static_cast<std::size_t>(options_.batch_size);
  return options_.drop_last ? n / b : (n + b - 1) / b;
}

void Loader::startEpoch(int64_t epoch) {
  stopWorkers();
  epoch_ = epoch;
  order_ = indices_;
  if (options_.shuffle) seededShuffle(order_, mix(options_.seed, static_cast<uint64_t>(epoch), 1));
  ready_.clear();
  nextToMake_ = nextToTake_ = 0;
  used_ = 0;
  skipped_.clear();
  stopping_ = false;
  for (int t = 0; t < std::max(1, options_.threads); ++t) workers_.emplace_back([this] { workerLoop(); });
}

void Loader::workerLoop() {
  torch::NoGradGuard noGrad;
  const std::size_t total = batchesPerEpoch();
  for (;;) {
    std::size_t b;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      cv_.wait(lock, [&] {
        return stopping_ || nextToMake_ >= total ||
               nextToMake_ < nextToTake_ + static_cast<std::size_t>(std::max(1, options_.prefetch_batches));
      });
      if (stopping_ || nextToMake_ >= total) return;
      b = nextToMake_++;
    }
    Slot slot;
    try {
      slot = makeBatch(b);
    } catch (const std::exception& e) {
      slot.error = e.what();
    }
    slot.done = true;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      ready_[b] = std::move(slot);
    }
    cv_.notify_all();
  }
}

Loader::Slot Loader::makeBatch(std::size_t b) {
  Slot slot;
  const auto bs = static_cast<std::size_t>(options_.batch_size);
  const std::size_t begin = b * bs, end = std::min(order_.size(), begin + bs);
  std::vector<PreparedSample> samples;
  std::vector<std::size_t> ids;
  for (std::size_t k = begin; k < end; ++k) {
    const std::size_t i = order_[k];
    auto p = prepared(ds_, pipeline_, decoders_, i, cache_.get(), options_.require_target);
    if (!p->ok) {
      if (options_.policy == SamplePolicy::Fail) {
        slot.error = "bad sample: " + p->problem;
        return slot;
      }
      slot.skipped.push_back({i, p->problem});
      continue;
    }
    PreparedSample s = *p;  // augmentation and normalization work on a copy; the cache stays pristine
    pipeline_.augment(s, options_.augment, mix(options_.seed, static_cast<uint64_t>(epoch_), i));
    pipeline_.normalize(s);
    for (std::size_t k = 0; k < pipeline_.bindings().size(); ++k) {
      const auto& masked = options_.masked_fields;
      if (std::find(masked.begin(), masked.end(), pipeline_.bindings()[k].field) == masked.end()) continue;
      auto& f = s.fields[k];
      f.present = false;
      std::fill(f.values.begin(), f.values.end(), 0.0f);
      std::fill(f.ids.begin(), f.ids.end(), 0);
    }
    samples.push_back(std::move(s));
    ids.push_back(i);
  }
  if (samples.empty()) return slot;  // every sample skipped: an empty slot, the consumer moves on
  Batch batch;
  batch.samples = ids;
  const auto n = static_cast<int64_t>(samples.size());
  const InputShapes& shapes = pipeline_.datasetShapes();
  const auto& bindings = pipeline_.bindings();
  for (std::size_t k = 0; k < bindings.size(); ++k) {
    const auto& binding = bindings[k];
    const auto& shape = shapes.at(binding.field);
    std::vector<int64_t> dims{n};
    dims.insert(dims.end(), shape.dims.begin(), shape.dims.end());
    auto present = torch::empty({n}, torch::kBool);
    for (int64_t j = 0; j < n; ++j) present[j] = samples[static_cast<std::size_t>(j)].fields[k].present;
    if (binding.kind == PortKind::Text) {
      auto t = torch::empty(dims, torch::kLong);
      for (int64_t j = 0; j < n; ++j) {
        const auto& ids2 = samples[static_cast<std::size_t>(j)].fields[k].ids;
        std::copy(ids2.begin(), ids2.end(), t[j].data_ptr<int64_t>());
      }
      batch.inputs[binding.field] = t;
    } else {
      auto t = torch::empty(dims, torch::kFloat);
      for (int64_t j = 0; j < n; ++j) {
        const auto& v = samples[static_cast<std::size_t>(j)].fields[k].values;
        std::copy(v.begin(), v.end(), t[j].data_ptr<float>());
      }
      batch.inputs[binding.field] = t;
      if (binding.kind == PortKind::Tabular && !binding.categorical_columns.empty()) {
        auto c = torch::empty({n, static_cast<int64_t>(binding.categorical_columns.size())}, torch::kLong);
        for (int64_t j = 0; j < n; ++j) {
          const auto& ids2 = samples[static_cast<std::size_t>(j)].fields[k].ids;
          std::copy(ids2.begin(), ids2.end(), c[j].data_ptr<int64_t>());
        }
        batch.inputs[binding.field + ".categorical"] = c;
      }
    }
    batch.inputs[binding.field + ".present"] = present;
  }
  if (samples[0].target.empty()) {
    // Prediction: no target.
  } else if (pipeline_.task() == TargetTask::Classification) {
    auto t = torch::empty({n}, torch::kLong);
    for (int64_t j = 0; j < n; ++j) t[j] = static_cast<int64_t>(samples[static_cast<std::size_t>(j)].target.at(0));
    batch.target = t;
  } else {
    const auto k = static_cast<int64_t>(samples[0].target.size());
    auto t = torch::empty({n, k}, torch::kFloat);
    for (int64_t j = 0; j < n; ++j)
      std::copy(samples[static_cast<std::size_t>(j)].target.begin(), samples[static_cast<std::size_t>(j)].target.end(),
                t[j].data_ptr<float>());
    batch.target = t;
  }
  slot.batch = std::move(batch);
  return slot;
}

std::optional<Batch> Loader::next() {
  if (workers_.empty() && nextToTake_ == 0) startEpoch(epoch_);
  const std::size_t total = batchesPerEpoch();
  while (nextToTake_ < total) {
    Slot slot;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      cv_.wait(lock, [&] { return ready_.count(nextToTake_) > 0; });
      slot = std::move(ready_[nextToTake_]);
      ready_.erase(nextToTake_);
      ++nextToTake_;
    }
    cv_.notify_all();
    if (!slot.error.empty()) {
      stopWorkers();
      throw std::runtime_error(slot.error);
    }
    skipped_.insert(skipped_.end(), slot.skipped.begin(), slot.skipped.end());
    if (slot.batch) {
      used_ += slot.batch->samples.size();
      return std::move(slot.batch);
    }
  }
  return std::nullopt;
}

}  // namespace fusebench::data
