// Loader throughput on a dataset: decode + preprocess + collate, samples per second, with 1 and 2
// threads uncached, and a cached epoch. Run by hand (tests/bench/run_loader_bench.sh runs it next to
// the equivalent PyTorch DataLoader); not a test.
//   bench_loader [PROJECT.fbproj] [--repeat N]
#include <chrono>
#include <cstring>
#include <iostream>

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
  const auto& pipeline = *created.pipeline;
  std::vector<std::size_t> all(ds.size());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
  at::set_num_threads(1);  // the loader's own threads are the parallelism measured here

  auto report = [&](const char* mode, int threads, double best, std::size_t n) {
    std::cout << "{\"pipeline\": \"fusebench\", \"mode\": \"" << mode << "\", \"threads\": " << threads
              << ", \"samples\": " << n << ", \"seconds\": " << best << ", \"samples_per_s\": " << n / best << "}\n";
  };
  for (int threads : {1, 2}) {
    double best = 1e30;
    std::size_t n = 0;
    for (int r = 0; r < repeat; ++r) {
      data::LoaderOptions o;
      o.batch_size = 64;
      o.threads = threads;
      data::Loader loader(ds, pipeline, data::mediaDecoders(), all, o);  // no cache: decode every sample
      best = std::min(best, epochSeconds(loader, r, &n));
    }
    report("uncached", threads, best, n);
  }
  {
    data::LoaderOptions o;
    o.batch_size = 64;
    o.threads = 2;
    auto cache = std::make_shared<data::SampleCache>(ds.size());
    data::Loader loader(ds, pipeline, data::mediaDecoders(), all, o, cache);
    std::size_t n = 0;
    epochSeconds(loader, 0, &n);  // fills the cache
    double best = 1e30;
    for (int r = 1; r <= repeat; ++r) best = std::min(best, epochSeconds(loader, r, &n));
    report("cached", 2, best, n);
  }
  return 0;
}
