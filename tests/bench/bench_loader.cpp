// Loader throughput on a dataset: decode + preprocess + normalize + collate, samples per second, with 1
// and 2 threads uncached, an epoch from the memory cache and one from a warm disk cache (no memory
// cache); and the disk cache's size against the compact samples. Run by hand (tests/bench/run_*.sh run it
// next to the equivalent PyTorch DataLoader); not a test.
//   bench_loader [PROJECT.fbproj] [--repeat N]
#include <chrono>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <map>

#include "data/disk_cache.h"
#include "data/loader.h"
#include "data/splits.h"
#include "project/project_file.h"

using namespace fusebench;
using Clock = std::chrono::steady_clock;

static double epochSeconds(data::Loader& loader, int64_t epoch, std::size_t* samples) {
  const auto t0 = Clock::now();
  loader.startEpoch(epoch);
  std::size_t n = 0;
  while (auto b = loader.next()) n += b->samples.size();
  *samples = n;
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

int main(int argc, char** argv) {
  std::string projectPath = std::string(FUSEBENCH_SOURCE_DIR) + "/projects/fashion_trimodal.fbproj";
  int repeat = 3;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--repeat") && i + 1 < argc) repeat = std::atoi(argv[++i]);
    else projectPath = argv[i];
  }
  auto project = loadProjectFile(projectPath);
  if (!project.project) {
    std::cerr << project.errors[0].message << "\n";
    return 2;
  }
  const std::string dir = resolveDatasetPath(*project.project, projectPath);
  auto opened = data::Dataset::open(dir);
  if (!opened.dataset) {
    std::cerr << opened.errors[0].message << "\n(run: fusebench-cli data make-example)\n";
    return 2;
  }
  const auto& ds = *opened.dataset;
  auto splits = data::assignSplits(ds, {});
  auto created = data::Pipeline::create(ds, project.project->graph, splits.indices("train"));
  if (!created.pipeline) {
    std::cerr << created.errors[0].message << "\n";
    return 2;
  }
  auto& pipeline = *created.pipeline;
  std::vector<std::size_t> all(ds.size());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
  at::set_num_threads(1);  // the loader's own threads are the parallelism measured here
  {  // image statistics as training fits them (from a sample of the set: enough for a throughput run)
    data::ImageMoments moments;
    data::SampleSource source(ds, pipeline, data::mediaDecoders(), nullptr, nullptr);
    std::vector<std::size_t> some(all.begin(), all.begin() + std::min<std::size_t>(all.size(), 256));
    data::visitInOrder(source, some, 2, [&](std::size_t, const data::PreparedSample& s) { pipeline.addImageMoments(moments, s); });
    pipeline.fitImageStatistics(moments);
  }

  auto report = [&](const char* mode, int threads, double best, std::size_t n) {
    std::cout << "{\"pipeline\": \"fusebench\", \"mode\": \"" << mode << "\", \"threads\": " << threads
              << ", \"samples\": " << n << ", \"seconds\": " << best << ", \"samples_per_s\": " << n / best << "}\n";
  };
  auto options = [&](int threads) {
    data::LoaderOptions o;
    o.batch_size = 64;
    o.threads = threads;
    return o;
  };
  // Alternating modes, best of `repeat`: uncached (decode every sample), memory (all prepared samples in
  // RAM), disk (a warm disk cache and no memory cache: what a set larger than the memory budget gets).
  const std::string key = data::cacheKey(ds, pipeline);
  const std::string folder = data::cacheFolder(ds, key) + "-bench";
  std::filesystem::remove_all(folder);
  std::string error;
  auto disk = data::DiskCache::open(folder, key, ds.size(), error);
  if (!disk) {
    std::cerr << error << "\n";
    return 2;
  }
  auto memory = std::make_shared<data::SampleCache>(ds.size());
  data::Loader memoryLoader(ds, pipeline, data::mediaDecoders(), all, options(2), memory);
  data::Loader diskLoader(ds, pipeline, data::mediaDecoders(), all, options(2), nullptr, disk);
  std::size_t n = 0;
  epochSeconds(memoryLoader, 0, &n);  // fill both caches
  epochSeconds(diskLoader, 0, &n);
  std::map<std::string, double> best;
  auto keep = [&](const std::string& mode, double s) { best[mode] = best.count(mode) ? std::min(best[mode], s) : s; };
  for (int r = 0; r < repeat; ++r) {
    for (int threads : {1, 2}) {
      data::Loader loader(ds, pipeline, data::mediaDecoders(), all, options(threads));  // no cache
      keep("uncached" + std::to_string(threads), epochSeconds(loader, r, &n));
    }
    keep("memory", epochSeconds(memoryLoader, r + 1, &n));
    keep("disk", epochSeconds(diskLoader, r + 1, &n));
  }
  report("uncached", 1, best["uncached1"], n);
  report("uncached", 2, best["uncached2"], n);
  report("memory", 2, best["memory"], n);
  report("disk", 2, best["disk"], n);
  std::size_t compact = 0;
  for (std::size_t i = 0; i < ds.size(); ++i)
    if (auto s = memory->get(i))
      for (const auto& f : s->fields) compact += f.values.storedSize() + f.ids.size() * sizeof(int64_t);
  std::cout << "{\"disk_cache_bytes\": " << disk->bytes() << ", \"compact_bytes\": " << compact
            << ", \"memory_cache_bytes\": " << memory->bytes() << ", \"samples\": " << ds.size() << "}\n";
  disk.reset();
  std::filesystem::remove_all(folder);
  return 0;
}
