#include "train/run_data.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>

#include "data/disk_cache.h"

namespace fusebench::train {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

std::string mib(double bytes) {
  char text[32];
  const double m = bytes / (1024.0 * 1024.0);
  if (m < 1) std::snprintf(text, sizeof text, "%.0f KiB", bytes / 1024.0);
  else std::snprintf(text, sizeof text, m < 10 ? "%.1f MiB" : "%.0f MiB", m);
  return text;
}

bool hasMedia(const data::Pipeline& p) {
  for (const auto& b : p.bindings())
    if (b.kind == PortKind::Image || b.kind == PortKind::Waveform || b.kind == PortKind::Spectrogram) return true;
  return false;
}

}  // namespace

std::size_t memoryCacheBudget(const TrainConfig& c, bool diskCacheInUse) {
  if (c.cache_mb >= 0) return static_cast<std::size_t>(c.cache_mb * 1048576.0);
  if (diskCacheInUse) return 0;
  const long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGESIZE);
  return pages > 0 && page > 0 ? static_cast<std::size_t>(pages) * static_cast<std::size_t>(page) / 4 : std::size_t{1} << 30;
}

std::string RunData::memoryCacheReport() const {
  if (!memory_) return {};
  std::string text = "memory cache: " + std::to_string(memory_->filled()) + " of " + std::to_string(ds_->size()) +
                     " samples, " + mib(static_cast<double>(memory_->bytes())) + " of " +
                     mib(static_cast<double>(memory_->budget()));
  if (memory_->refused() > 0)
    text += "; " + std::to_string(memory_->refused()) + " did not fit and are read " +
            (disk_ ? std::string("from the disk cache") : std::string("and prepared again")) + " each epoch";
  return text;
}

bool RunData::open(const ProjectFile& project, const std::string& projectPath, const TrainConfig& c, std::string& error) {
  const std::string dsDir = resolveDatasetPath(project, projectPath);
  if (dsDir.empty()) {
    error = "the project names no dataset (\"dataset\": {\"path\": …})";
    return false;
  }
  auto opened = data::Dataset::open(dsDir);
  if (!opened.dataset) {
    error = opened.errors.at(0).message;
    return false;
  }
  ds_.emplace(std::move(*opened.dataset));
  splits_ = data::assignSplits(*ds_, {c.val_fraction, c.test_fraction, c.seed});
  for (const auto& p : splits_.problems) say_(MessageLevel::Warning, p.message);
  const auto train = splits_.indices("train");
  if (train.empty()) {
    error = "the training split is empty";
    return false;
  }
  auto created = data::Pipeline::create(*ds_, project.graph, train);
  if (!created.pipeline) {
    error = created.errors.at(0).format();
    return false;
  }
  pipeline_.emplace(std::move(*created.pipeline));
  for (const auto& w : created.warnings) say_(MessageLevel::Warning, w);
  for (std::size_t k = 0; k < pipeline_->bindings().size(); ++k)
    if (const auto* t = pipeline_->tokenizer(k))
      say_(MessageLevel::Info, "text input '" + pipeline_->bindings()[k].node + "': " + t->describe());
  for (const auto& f : c.only_inputs) {
    bool known = false;
    for (const auto& b : pipeline_->bindings()) known = known || b.field == f;
    if (!known) {
      error = "only_inputs names '" + f + "', which no input node reads";
      return false;
    }
  }
  return true;
}

void RunData::openCaches(const TrainConfig& c) {
  if (c.disk_cache && hasMedia(*pipeline_)) {
    const std::string key = data::cacheKey(*ds_, *pipeline_);
    std::string error;
    disk_ = data::DiskCache::open(data::cacheFolder(*ds_, key), key, ds_->size(), error);
    if (!disk_) say_(MessageLevel::Warning, error + "; training goes on without a disk cache");
    reportCacheProblems();
  }
  const std::size_t budget = memoryCacheBudget(c, disk_ != nullptr);
  memory_ = budget > 0 ? std::make_shared<data::SampleCache>(ds_->size(), budget) : nullptr;
  std::string text = "sample caches: memory " + (budget > 0 ? mib(static_cast<double>(budget)) : std::string("off")) +
                     (c.cache_mb < 0 ? " (auto)" : "") + ", disk ";
  if (disk_)
    text += "'" + disk_->folder() + "' (" + std::to_string(disk_->stored()) + " samples in " + std::to_string(disk_->shards()) +
            " shards, " + mib(static_cast<double>(disk_->bytes())) + ")";
  else
    text += !c.disk_cache ? "off" : hasMedia(*pipeline_) ? "unavailable" : "not needed (no image or audio input)";
  say_(MessageLevel::Info, text);
}

bool RunData::fitStatistics(const TrainConfig& c, TrainListener* listener, const std::atomic<bool>* cancel) {
  if (!pipeline_->needsImageStatistics()) {
    say_(MessageLevel::Info, "no first pass needed: samples are prepared as the first epoch streams them");
    return true;
  }
  const auto train = splits_.indices("train");
  std::size_t fromCache = 0;
  if (disk_)
    for (auto i : train) fromCache += disk_->contains(i) ? 1 : 0;
  data::SampleSource source(*ds_, *pipeline_, data::mediaDecoders(), memory_, disk_);
  data::ImageMoments moments;
  const auto start = Clock::now();
  auto lastEvent = start;
  PrepareEvent ev;
  ev.total = train.size();
  ev.from_cache = fromCache;
  auto visit = [&](std::size_t k, const data::PreparedSample& s) {
    pipeline_->addImageMoments(moments, s);
    ev.done = k + 1;
    if (listener && (since(lastEvent) > 0.25 || ev.done == ev.total)) {
      ev.seconds = since(start);
      ev.eta_s = ev.seconds / static_cast<double>(ev.done) * static_cast<double>(ev.total - ev.done);
      listener->onPreparing(ev);
      lastEvent = Clock::now();
    }
  };
  const std::size_t visited = data::visitInOrder(source, train, c.loader_threads, visit, cancel);
  if (disk_) disk_->flush();
  reportCacheProblems();
  if (visited < train.size()) {
    say_(MessageLevel::Info, "stopped during the first pass (" + std::to_string(visited) + " of " +
                                 std::to_string(train.size()) + " training samples prepared; those are kept in the disk cache)");
    return false;
  }
  pipeline_->fitImageStatistics(moments);
  say_(MessageLevel::Info, "prepared " + std::to_string(train.size()) + " training samples in " +
                               std::to_string(since(start)).substr(0, 5) + " s (" + std::to_string(fromCache) +
                               " from the disk cache); image statistics fitted");
  return true;
}

void RunData::makeLoaders(const TrainConfig& c, int shardRank, int shardCount) {
  data::LoaderOptions trainOpts;
  trainOpts.batch_size = c.batch_size;
  trainOpts.threads = c.loader_threads;
  trainOpts.shuffle = true;
  trainOpts.seed = c.seed;
  trainOpts.policy = c.sample_policy == "skip" ? data::SamplePolicy::Skip : data::SamplePolicy::Fail;
  trainOpts.augment.enabled = c.augment;
  trainOpts.pin_memory = c.device != "cpu" && torch::cuda::is_available();  // with non-blocking copies (toDevice)
  for (const auto& b : pipeline_->bindings())
    if (!c.only_inputs.empty() && std::find(c.only_inputs.begin(), c.only_inputs.end(), b.field) == c.only_inputs.end())
      trainOpts.masked_fields.push_back(b.field);
  data::LoaderOptions evalOpts = trainOpts;
  evalOpts.shuffle = false;
  evalOpts.augment.enabled = false;
  // Evaluation needs no gradients, so small samples are evaluated 128 at a time; large ones (a 224 px
  // image is 600 KB as floats) at the training batch size, which is known to fit.
  std::size_t sampleBytes = 0;
  for (const auto& [field, shape] : pipeline_->datasetShapes()) sampleBytes += static_cast<std::size_t>(shape.numel()) * 4;
  evalOpts.batch_size = sampleBytes > (64u << 10) ? c.batch_size : std::max<int64_t>(c.batch_size, 128);
  const auto& d = data::mediaDecoders();
  data::LoaderOptions indexOpts = evalOpts;  // the whole split, in order, on the rank that writes the bundle
  for (auto* o : {&trainOpts, &evalOpts}) {
    o->shard_rank = shardRank;
    o->shard_count = shardCount;
  }
  trainOpts.shard_pad = true;
  train_ = std::make_unique<data::Loader>(*ds_, *pipeline_, d, splits_.indices("train"), trainOpts, memory_, disk_);
  val_ = std::make_unique<data::Loader>(*ds_, *pipeline_, d, splits_.indices("val"), evalOpts, memory_, disk_);
  test_ = std::make_unique<data::Loader>(*ds_, *pipeline_, d, splits_.indices("test"), evalOpts, memory_, disk_);
  indexOpts.policy = data::SamplePolicy::Skip;  // a sample unreadable now is left out of the index, not the run
  trainInOrder_ = std::make_unique<data::Loader>(*ds_, *pipeline_, d, splits_.indices("train"), indexOpts, memory_, disk_);
}

void RunData::reportCacheProblems() {
  if (!disk_) return;
  for (const auto& m : disk_->takeMessages()) say_(MessageLevel::Warning, m);
}

std::vector<double> RunData::classCounts() const {
  std::vector<double> counts(pipeline_->classes().size(), 0.0);
  std::vector<float> target;
  std::string problem;
  for (auto i : splits_.indices("train"))
    if (pipeline_->targetOf(*ds_, i, target, problem) && !target.empty() && target[0] >= 0 &&
        static_cast<std::size_t>(target[0]) < counts.size())
      counts[static_cast<std::size_t>(target[0])] += 1;
  return counts;
}

}  // namespace fusebench::train
