#include "data/loader.h"

#include <algorithm>
#include <chrono>

#include "data/splits.h"

namespace fusebench::data {

std::shared_ptr<const PreparedSample> SampleCache::get(std::size_t i) const {
  std::lock_guard<std::mutex> lock(mutex_);
  return i < slots_.size() ? slots_[i] : nullptr;
}

bool SampleCache::put(std::size_t i, std::shared_ptr<const PreparedSample> s) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (i >= slots_.size()) return false;
  const std::size_t old = slots_[i] ? slots_[i]->byteSize() : 0, add = s ? s->byteSize() : 0;
  if (bytes_ - old + add > budget_) {
    ++refused_;
    return false;
  }
  bytes_ = bytes_ - old + add;
  slots_[i] = std::move(s);
  return true;
}

std::size_t SampleCache::filled() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return static_cast<std::size_t>(std::count_if(slots_.begin(), slots_.end(), [](const auto& s) { return s != nullptr; }));
}

std::size_t SampleCache::bytes() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return bytes_;
}

std::size_t SampleCache::refused() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return refused_;
}

void SampleCache::clear() {
  std::lock_guard<std::mutex> lock(mutex_);
  for (auto& s : slots_) s.reset();
  bytes_ = 0;
}

namespace {

// A per-(seed, epoch, sample) seed, so augmentation does not depend on which thread ran first.
uint64_t mix(uint64_t a, uint64_t b, uint64_t c) {
  uint64_t h = a * 0x9E3779B97F4A7C15ULL ^ (b + 0x632BE59BD9B4E019ULL) * 0xC2B2AE3D27D4EB4FULL;
  h ^= (c + 0x165667B19E3779F9ULL) * 0x27D4EB2F165667C5ULL;
  h ^= h >> 31;
  return h * 0x94D049BB133111EBULL;
}

bool unchanged(const PreparedSample& s, const std::vector<std::string>& paths) {
  if (s.sources.size() != paths.size()) return false;
  for (std::size_t j = 0; j < paths.size(); ++j)
    if (stampOf(paths[j]) != s.sources[j]) return false;
  return true;
}

}  // namespace

std::shared_ptr<const PreparedSample> SampleSource::fetch(std::size_t i, bool requireTarget, bool* changed) const {
  const auto paths = pipeline_.mediaPaths(ds_, i);
  bool stale = false;
  if (memory_)
    if (auto hit = memory_->get(i)) {
      if (unchanged(*hit, paths)) return hit;
      stale = true;
    }
  if (disk_)
    if (std::shared_ptr<const PreparedSample> hit = disk_->get(i)) {
      if (unchanged(*hit, paths)) {
        if (memory_) memory_->put(i, hit);
        return hit;
      }
      stale = true;
    }
  if (changed) *changed = stale;
  auto s = std::make_shared<const PreparedSample>(pipeline_.prepare(ds_, i, decoders_, requireTarget));
  if (memory_) memory_->put(i, s);
  if (disk_ && requireTarget) disk_->put(i, *s);  // the disk cache holds training samples (with targets) only
  return s;
}

std::size_t visitInOrder(const SampleSource& source, const std::vector<std::size_t>& indices, int threads,
                         const std::function<void(std::size_t, const PreparedSample&)>& visit,
                         const std::atomic<bool>* cancel, std::size_t window) {
  window = std::max<std::size_t>(window, 1);
  std::vector<std::shared_ptr<const PreparedSample>> ring(window);
  std::vector<std::string> errors(window);
  std::mutex m;
  std::condition_variable cv;
  std::size_t claimed = 0, visited = 0;
  bool stop = false;
  auto work = [&] {
    torch::NoGradGuard noGrad;
    for (;;) {
      std::size_t k;
      {
        std::unique_lock<std::mutex> lock(m);
        cv.wait(lock, [&] { return stop || claimed >= indices.size() || claimed < visited + window; });
        if (stop || claimed >= indices.size() || (cancel && *cancel)) return;
        k = claimed++;
      }
      std::shared_ptr<const PreparedSample> s;
      std::string error;
      try {
        s = source.fetch(indices[k], true);
      } catch (const std::exception& e) {
        error = e.what();
      }
      {
        std::lock_guard<std::mutex> lock(m);
        ring[k % window] = std::move(s);
        errors[k % window] = std::move(error);
      }
      cv.notify_all();
    }
  };
  std::vector<std::thread> pool;
  for (int t = 0; t < std::max(1, threads); ++t) pool.emplace_back(work);
  std::string failure;
  // `visited` is only written under the lock: the workers read it in their wait (ThreadSanitizer found the
  // loop's unlocked increment). It counts the samples taken out of the ring.
  while (visited < indices.size()) {
    std::shared_ptr<const PreparedSample> s;
    const std::size_t at = visited;
    {
      std::unique_lock<std::mutex> lock(m);
      // Polled as well: a worker that sees the cancel flag leaves without a word.
      while (!cv.wait_for(lock, std::chrono::milliseconds(50), [&] {
        return ring[at % window] || !errors[at % window].empty() || (cancel && *cancel && claimed <= at);
      })) {
      }
      if (!ring[at % window] && errors[at % window].empty()) break;  // cancelled before it was taken
      s = std::move(ring[at % window]);
      failure = std::move(errors[at % window]);
      ring[at % window].reset();
      errors[at % window].clear();
      if (failure.empty()) ++visited;
    }
    cv.notify_all();
    if (!failure.empty()) break;
    try {
      visit(at, *s);
    } catch (const std::exception& e) {
      failure = e.what();
      break;
    }
  }
  {
    std::lock_guard<std::mutex> lock(m);
    stop = true;
  }
  cv.notify_all();
  for (auto& t : pool) t.join();
  if (!failure.empty()) throw std::runtime_error(failure);
  return visited;
}

Loader::Loader(const Dataset& ds, const Pipeline& pipeline, const Decoders& decoders, std::vector<std::size_t> indices,
               LoaderOptions options, std::shared_ptr<SampleCache> cache, std::shared_ptr<DiskCache> disk)
    : ds_(ds), pipeline_(pipeline), indices_(std::move(indices)), options_(options),
      source_(ds, pipeline, decoders, std::move(cache), std::move(disk)) {}

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

std::size_t Loader::samplesPerEpoch() const {
  const auto n = indices_.size(), count = static_cast<std::size_t>(std::max(1, options_.shard_count));
  const auto rank = static_cast<std::size_t>(options_.shard_rank);
  if (count == 1) return n;
  if (options_.shard_pad) return (n + count - 1) / count;
  return n > rank ? (n - rank + count - 1) / count : 0;
}

std::size_t Loader::batchesPerEpoch() const {
  const auto n = samplesPerEpoch(), b = static_cast<std::size_t>(options_.batch_size);
  return options_.drop_last ? n / b : (n + b - 1) / b;
}

std::size_t Loader::prefetchDepth() const {
  std::size_t sampleBytes = 0;  // of one collated sample, as float32 / int64
  for (const auto& [field, shape] : pipeline_.datasetShapes())
    sampleBytes += static_cast<std::size_t>(shape.numel()) * (shape.kind == PortKind::Text ? 8 : 4);
  const std::size_t batchBytes = std::max<std::size_t>(1, sampleBytes * static_cast<std::size_t>(options_.batch_size));
  const auto wanted = static_cast<std::size_t>(std::max(1, options_.prefetch_batches));
  return std::clamp<std::size_t>(options_.prefetch_bytes / batchBytes, 1, wanted);
}

void Loader::startEpoch(int64_t epoch) {
  stopWorkers();
  if (source_.disk()) source_.disk()->refresh();  // shards other processes completed meanwhile
  epoch_ = epoch;
  order_ = indices_;
  if (options_.shuffle) seededShuffle(order_, mix(options_.seed, static_cast<uint64_t>(epoch), 1));
  if (options_.shard_count > 1) {  // every rank shuffled alike (same seed and epoch); each keeps its positions
    const auto count = static_cast<std::size_t>(options_.shard_count);
    if (options_.shard_pad && !order_.empty())
      for (std::size_t k = 0; order_.size() % count != 0; ++k) order_.push_back(order_[k]);
    std::vector<std::size_t> mine;
    for (std::size_t k = static_cast<std::size_t>(options_.shard_rank); k < order_.size(); k += count) mine.push_back(order_[k]);
    order_ = std::move(mine);
  }
  ready_.clear();
  nextToMake_ = nextToTake_ = 0;
  used_ = 0;
  skipped_.clear();
  changed_.clear();
  waitSeconds_ = 0;
  stopping_ = false;
  for (int t = 0; t < std::max(1, options_.threads); ++t) workers_.emplace_back([this] { workerLoop(); });
}

void Loader::workerLoop() {
  torch::NoGradGuard noGrad;
  const std::size_t total = batchesPerEpoch(), depth = prefetchDepth();  // once, not in every wake-up
  for (;;) {
    std::size_t b;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      cv_.wait(lock, [&] {
        return stopping_ || nextToMake_ >= total ||
               nextToMake_ < nextToTake_ + depth;
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
  std::vector<std::shared_ptr<const PreparedSample>> samples;
  std::vector<std::size_t> ids;
  for (std::size_t k = begin; k < end; ++k) {
    const std::size_t i = order_[k];
    bool changed = false;
    auto p = source_.fetch(i, options_.require_target, &changed);
    if (changed) slot.changed.push_back(i);
    if (!p->ok) {
      if (options_.policy == SamplePolicy::Fail) {
        slot.error = "bad sample: " + p->problem;
        return slot;
      }
      slot.skipped.push_back({i, p->problem});
      continue;
    }
    samples.push_back(std::move(p));
    ids.push_back(i);
  }
  if (!samples.empty()) slot.batch = collate(samples, std::move(ids));  // else an empty slot: the consumer moves on
  return slot;
}

Batch Loader::collate(const std::vector<std::shared_ptr<const PreparedSample>>& samples, std::vector<std::size_t> ids) const {
  const auto n = static_cast<int64_t>(samples.size());
  const InputShapes& shapes = pipeline_.datasetShapes();
  const auto& bindings = pipeline_.bindings();
  const bool augmenting = options_.augment.enabled;
  struct Field {
    torch::Tensor values, ids, present;
    std::size_t rowValues = 0, rowIds = 0;
    bool masked = false;
    std::vector<float> scale, shift;  // image normalization per channel
  };
  std::vector<Field> out(bindings.size());
  const auto floats = torch::TensorOptions().dtype(torch::kFloat).pinned_memory(options_.pin_memory);
  const auto longs = torch::TensorOptions().dtype(torch::kLong).pinned_memory(options_.pin_memory);
  for (std::size_t k = 0; k < bindings.size(); ++k) {
    const auto& b = bindings[k];
    const auto& shape = shapes.at(b.field);
    std::vector<int64_t> dims{n};
    dims.insert(dims.end(), shape.dims.begin(), shape.dims.end());
    Field& f = out[k];
    f.present = torch::empty({n}, torch::kBool);
    if (b.kind == PortKind::Text) {
      f.ids = torch::empty(dims, longs);
      f.rowIds = static_cast<std::size_t>(shape.numel());
    } else {
      f.values = torch::empty(dims, floats);
      f.rowValues = static_cast<std::size_t>(shape.numel());
      if (b.kind == PortKind::Tabular && !b.categorical_columns.empty()) {
        f.ids = torch::empty({n, static_cast<int64_t>(b.categorical_columns.size())}, longs);
        f.rowIds = b.categorical_columns.size();
      }
    }
    if (b.kind == PortKind::Image) pipeline_.imageAffine(k, f.scale, f.shift);
    f.masked = std::find(options_.masked_fields.begin(), options_.masked_fields.end(), b.field) != options_.masked_fields.end();
  }
  std::vector<FieldSpan> spans(bindings.size());
  for (int64_t j = 0; j < n; ++j) {
    const PreparedSample& s = *samples[static_cast<std::size_t>(j)];
    const std::size_t sample = ids[static_cast<std::size_t>(j)];
    for (std::size_t k = 0; k < bindings.size(); ++k) {
      Field& f = out[k];
      const PreparedField& pf = s.fields.at(k);
      FieldSpan& span = spans[k];
      span = FieldSpan();
      span.present = pf.present;
      if (f.values.defined()) {
        span.values = f.values.data_ptr<float>() + j * static_cast<int64_t>(f.rowValues);
        span.size = f.rowValues;
        if (pf.values.empty()) {
          std::fill_n(span.values, span.size, 0.0f);
        } else if (pf.values.size() != f.rowValues) {
          throw std::runtime_error(ds_.describe(sample) + ", input '" + bindings[k].field + "': prepared with " +
                                   std::to_string(pf.values.size()) + " values where " + std::to_string(f.rowValues) +
                                   " were expected");
        } else if (!f.scale.empty() && !augmenting) {  // decode and normalize in one pass, channel by channel
          const std::size_t plane = f.rowValues / f.scale.size();
          for (std::size_t c = 0; c < f.scale.size(); ++c)
            pf.values.decode(span.values + c * plane, c * plane, plane, f.scale[c], f.shift[c]);
        } else {
          pf.values.decode(span.values);
        }
      }
      if (f.ids.defined()) {
        span.ids = f.ids.data_ptr<int64_t>() + j * static_cast<int64_t>(f.rowIds);
        span.id_count = f.rowIds;
        if (pf.ids.size() != f.rowIds)
          throw std::runtime_error(ds_.describe(sample) + ", input '" + bindings[k].field + "': prepared with " +
                                   std::to_string(pf.ids.size()) + " ids where " + std::to_string(f.rowIds) + " were expected");
        std::copy(pf.ids.begin(), pf.ids.end(), span.ids);
      }
    }
    if (augmenting) {
      pipeline_.augment(spans, options_.augment, mix(options_.seed, static_cast<uint64_t>(epoch_), sample));
      for (std::size_t k = 0; k < bindings.size(); ++k) {  // normalization after augmentation
        const Field& f = out[k];
        if (f.scale.empty() || !spans[k].present) continue;
        const std::size_t plane = f.rowValues / f.scale.size();
        for (std::size_t c = 0; c < f.scale.size(); ++c) {
          float* v = spans[k].values + c * plane;
          for (std::size_t p = 0; p < plane; ++p) v[p] = v[p] * f.scale[c] + f.shift[c];
        }
      }
    }
    for (std::size_t k = 0; k < bindings.size(); ++k) {
      FieldSpan& span = spans[k];
      if (out[k].masked) {  // ablation: as if missing, after augmentation drew its numbers as usual
        span.present = false;
        if (span.values) std::fill_n(span.values, span.size, 0.0f);
        if (span.ids) std::fill_n(span.ids, span.id_count, int64_t{0});
      }
      out[k].present.data_ptr<bool>()[j] = span.present;
    }
  }
  Batch batch;
  for (std::size_t k = 0; k < bindings.size(); ++k) {
    const auto& b = bindings[k];
    Field& f = out[k];
    if (b.kind == PortKind::Text) {
      batch.inputs[b.field] = f.ids;
    } else {
      batch.inputs[b.field] = f.values;
      if (f.ids.defined()) batch.inputs[b.field + ".categorical"] = f.ids;
    }
    batch.inputs[b.field + ".present"] = f.present;
  }
  if (samples[0]->target.empty()) {
    // Prediction: no target.
  } else if (pipeline_.task() == TargetTask::Classification) {
    auto t = torch::empty({n}, torch::kLong);
    for (int64_t j = 0; j < n; ++j) t.data_ptr<int64_t>()[j] = static_cast<int64_t>(samples[static_cast<std::size_t>(j)]->target.at(0));
    batch.target = t;
  } else {
    const auto k = static_cast<int64_t>(samples[0]->target.size());
    auto t = torch::empty({n, k}, torch::kFloat);
    for (int64_t j = 0; j < n; ++j) {
      const auto& target = samples[static_cast<std::size_t>(j)]->target;
      if (static_cast<int64_t>(target.size()) != k) throw std::runtime_error(ds_.describe(ids[static_cast<std::size_t>(j)]) + ": target size differs");
      std::copy(target.begin(), target.end(), t.data_ptr<float>() + j * k);
    }
    batch.target = t;
  }
  batch.samples = std::move(ids);
  return batch;
}

std::optional<Batch> Loader::next() {
  if (workers_.empty() && nextToTake_ == 0) startEpoch(epoch_);
  const std::size_t total = batchesPerEpoch();
  while (nextToTake_ < total) {
    Slot slot;
    {
      const auto waitStart = std::chrono::steady_clock::now();
      std::unique_lock<std::mutex> lock(mutex_);
      cv_.wait(lock, [&] { return ready_.count(nextToTake_) > 0; });
      waitSeconds_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - waitStart).count();
      slot = std::move(ready_[nextToTake_]);
      ready_.erase(nextToTake_);
      ++nextToTake_;
    }
    cv_.notify_all();
    changed_.insert(changed_.end(), slot.changed.begin(), slot.changed.end());
    if (!slot.error.empty()) {
      stopWorkers();
      throw std::runtime_error(slot.error);
    }
    skipped_.insert(skipped_.end(), slot.skipped.begin(), slot.skipped.end());
    if (slot.batch) {
      used_ += slot.batch->samples.size();
      if (nextToTake_ == total && source_.disk()) source_.disk()->flush();  // the epoch's new samples become readable
      return std::move(slot.batch);
    }
  }
  if (source_.disk()) source_.disk()->flush();
  return std::nullopt;
}

}  // namespace fusebench::data
