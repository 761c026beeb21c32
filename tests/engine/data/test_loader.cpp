// Pipeline and Loader: binding graph inputs to dataset columns, batches the compiled model accepts,
// exact skip accounting, determinism across thread counts, and the cache.
#include <gtest/gtest.h>

#include <atomic>

#include "data/disk_cache.h"
#include "data/loader.h"
#include "data/splits.h"
#include "fixtures.h"
#include "graph_builder.h"

namespace fusebench::data {
namespace {

using namespace fusebench::testing;

GraphSpec fixtureGraph() {
  return GraphBuilder()
      .node("image", "input.image", R"({"channels": 1, "height": 8, "width": 8})")
      .node("audio", "input.audio", R"({"sample_rate": 8000, "seconds": 0.25, "n_mels": 16, "hop_length": 80, "n_fft": 128})")
      .node("text", "input.text", R"({"field": "title", "max_length": 4, "vocab_size": 20})")
      .node("tab", "input.tabular")
      .node("ie", "image.small_cnn", R"({"depth": 1, "width": 4})")
      .node("ae", "audio.spectrogram_cnn", R"({"depth": 1, "width": 4})")
      .node("te", "text.bag_of_embeddings", R"({"dim": 4})")
      .node("tm", "tabular.mlp", R"({"hidden": [4]})")
      .node("fuse", "fusion.concat")
      .node("head", "head.classification", R"({"num_classes": 4})")
      .edge("image.out", "ie.in")
      .edge("audio.out", "ae.in")
      .edge("text.out", "te.in")
      .edge("tab.out", "tm.in")
      .edge("ie.features", "fuse.in0")
      .edge("ae.features", "fuse.in1")
      .edge("te.features", "fuse.in2")
      .edge("tm.features", "fuse.in3")
      .edge("fuse.out", "head.in")
      .build();
}

struct Fixture {
  Dataset ds;
  Pipeline pipeline;
};

Fixture load(const std::filesystem::path& dir, const std::vector<std::size_t>* train = nullptr) {
  auto opened = Dataset::open(dir.string());
  EXPECT_TRUE(opened.dataset);
  std::vector<std::size_t> all(opened.dataset->size());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
  auto created = Pipeline::create(*opened.dataset, fixtureGraph(), train ? *train : all);
  EXPECT_TRUE(created.pipeline) << (created.errors.empty() ? "" : created.errors[0].message);
  return Fixture{std::move(*opened.dataset), std::move(*created.pipeline)};
}

LoaderOptions opts(int64_t batch, int threads, int prefetch) {
  LoaderOptions o;
  o.batch_size = batch;
  o.threads = threads;
  o.prefetch_batches = prefetch;
  return o;
}

std::vector<std::size_t> range(std::size_t n) {
  std::vector<std::size_t> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = i;
  return v;
}

TEST(Pipeline, BatchesFeedTheCompiledModel) {
  auto f = load(writeCleanDataset("loader_shapes", 4));
  auto shapes = f.pipeline.datasetShapes();
  EXPECT_EQ(shapes.at("audio").dims, (std::vector<int64_t>{16, 26}));
  EXPECT_EQ(shapes.at("tabular").dims, (std::vector<int64_t>{1}));
  EXPECT_EQ(shapes.at("tabular").cardinalities, (std::vector<int64_t>{3}));  // red, blue + unknown
  auto compiled = compileGraph(fixtureGraph(), builtinRegistry(), &shapes);
  ASSERT_TRUE(compiled.ok()) << compiled.shapes.errors[0].format();
  Loader loader(f.ds, f.pipeline, mediaDecoders(), range(f.ds.size()), opts(5, 2, 2));
  loader.startEpoch(0);
  std::size_t batches = 0, samples = 0;
  while (auto b = loader.next()) {
    ++batches;
    samples += b->samples.size();
    EXPECT_EQ(b->inputs.at("image").sizes()[1], 1);
    EXPECT_EQ(b->inputs.at("title").dtype(), torch::kLong);
    EXPECT_EQ(b->inputs.at("tabular.categorical").sizes()[1], 1);
    EXPECT_TRUE(b->inputs.at("audio.present").all().item<bool>());
    EXPECT_EQ(b->target.dtype(), torch::kLong);
    compiled.model->eval();
    auto out = compiled.model->forward(b->inputs);
    EXPECT_EQ(out.prediction.size(0), static_cast<int64_t>(b->samples.size()));
  }
  EXPECT_EQ(batches, 3u);
  EXPECT_EQ(samples, 12u);
  EXPECT_EQ(loader.used(), 12u);
  EXPECT_TRUE(loader.skipped().empty());
}

TEST(Pipeline, MissingColumnsAreReportedByNode) {
  auto opened = Dataset::open(writeCleanDataset("loader_binding", 1).string());
  auto g = fixtureGraph();
  g.nodes[2].params["field"] = "caption";  // no such column; and the dataset has exactly one text column...
  auto ok = Pipeline::create(*opened.dataset, g, {0});
  EXPECT_TRUE(ok.pipeline);  // ...so the single text column is used
  g.nodes[0].params["field"] = "title";    // a column with another role
  auto bad = Pipeline::create(*opened.dataset, g, {0});
  ASSERT_FALSE(bad.pipeline);
  EXPECT_EQ(bad.errors[0].node, "image");
  EXPECT_NE(bad.errors[0].message.find("column 'title' has the role 'text', not 'image'"), std::string::npos)
      << bad.errors[0].message;
}

TEST(Loader, SkipPolicyCountsAreExactAndFailPolicyNamesTheSample) {
  std::vector<ExpectedProblem> expected;
  auto f = load(writeProblemDataset("loader_skip", &expected));
  LoaderOptions o = opts(4, 2, 2);
  o.policy = SamplePolicy::Skip;
  Loader loader(f.ds, f.pipeline, mediaDecoders(), range(f.ds.size()), o);
  loader.startEpoch(0);
  std::vector<std::size_t> used;
  while (auto b = loader.next()) used.insert(used.end(), b->samples.begin(), b->samples.end());
  std::vector<std::size_t> skippedRows;
  for (const auto& s : loader.skipped()) skippedRows.push_back(s.sample + 1);
  // Rows 13..25 are bad except row 24 (a duplicate id: reported by validate, but decodable and used).
  EXPECT_EQ(skippedRows, (std::vector<std::size_t>{13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 25}));
  EXPECT_EQ(loader.used(), 14u);
  EXPECT_EQ(used.size() + loader.skipped().size(), f.ds.size());
  EXPECT_NE(loader.skipped()[0].reason.find("file '"), std::string::npos);

  o.policy = SamplePolicy::Fail;
  Loader strict(f.ds, f.pipeline, mediaDecoders(), range(f.ds.size()), o);
  strict.startEpoch(0);
  try {
    while (strict.next()) {
    }
    FAIL() << "expected the first bad sample to stop the loader";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("bad sample: row 13 (id 'm1', line 14), column 'image', file '"),
              std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("missing file"), std::string::npos);
  }
}

bool sameBatches(Loader& a, Loader& b) {
  for (;;) {
    auto x = a.next();
    auto y = b.next();
    if (!x || !y) return !x && !y;
    if (x->samples != y->samples || !torch::equal(x->target, y->target)) return false;
    for (const auto& [k, t] : x->inputs)
      if (!torch::equal(t, y->inputs.at(k))) return false;
  }
}

TEST(Loader, ShuffleAndAugmentationDependOnSeedAndEpochNotThreads) {
  auto f = load(writeCleanDataset("loader_determinism", 6));
  LoaderOptions o = opts(4, 1, 2);
  o.shuffle = true;
  o.augment.enabled = true;
  o.seed = 11;
  LoaderOptions o2 = o;
  o2.threads = 2;
  o2.prefetch_batches = 1;
  Loader a(f.ds, f.pipeline, mediaDecoders(), range(f.ds.size()), o);
  Loader b(f.ds, f.pipeline, mediaDecoders(), range(f.ds.size()), o2);
  for (int epoch = 0; epoch < 2; ++epoch) {
    a.startEpoch(epoch);
    b.startEpoch(epoch);
    EXPECT_TRUE(sameBatches(a, b)) << "epoch " << epoch;
  }
  // A different epoch gives a different order.
  a.startEpoch(0);
  b.startEpoch(1);
  EXPECT_FALSE(sameBatches(a, b));
}

TEST(Loader, CacheMeansLaterEpochsDecodeNothing) {
  auto f = load(writeCleanDataset("loader_cache", 4));
  std::atomic<int> imageDecodes{0}, audioDecodes{0};
  Decoders counting{[&](const std::string& p, Image& out, std::string& e) {
                      ++imageDecodes;
                      return mediaDecoders().image(p, out, e);
                    },
                    [&](const std::string& p, int r, Audio& out, std::string& e) {
                      ++audioDecodes;
                      return mediaDecoders().audio(p, r, out, e);
                    }};
  auto cache = std::make_shared<SampleCache>(f.ds.size());
  Loader loader(f.ds, f.pipeline, counting, range(f.ds.size()), opts(5, 2, 2), cache);
  loader.startEpoch(0);
  while (loader.next()) {
  }
  EXPECT_EQ(imageDecodes.load(), 12);
  EXPECT_EQ(audioDecodes.load(), 12);
  EXPECT_EQ(cache->filled(), 12u);
  loader.startEpoch(1);
  while (loader.next()) {
  }
  EXPECT_EQ(imageDecodes.load(), 12);
  EXPECT_EQ(audioDecodes.load(), 12);
}

TEST(Loader, PrepareAllStopsTakingSamplesWhenCancelled) {
  auto f = load(writeCleanDataset("loader_cancel", 4));
  std::atomic<bool> cancel{false};
  std::atomic<int> images{0};
  Decoders cancelling{[&](const std::string& p, Image& out, std::string& e) {
                        if (++images == 5) cancel = true;  // while the fifth sample is being prepared
                        return mediaDecoders().image(p, out, e);
                      },
                      mediaDecoders().audio};
  SampleCache cache(f.ds.size());
  auto prepared = Loader::prepareAll(f.ds, f.pipeline, cancelling, range(f.ds.size()), 1, &cache, &cancel);
  ASSERT_EQ(prepared.size(), 12u);
  for (std::size_t i = 0; i < 5; ++i) EXPECT_TRUE(prepared[i]) << i;  // the sample in hand is finished
  for (std::size_t i = 5; i < 12; ++i) EXPECT_FALSE(prepared[i]) << i;
  EXPECT_EQ(cache.filled(), 5u);
  // With the flag down again everything is prepared (the first five from the cache).
  cancel = false;
  auto all = Loader::prepareAll(f.ds, f.pipeline, mediaDecoders(), range(f.ds.size()), 2, &cache, &cancel);
  EXPECT_EQ(std::count(all.begin(), all.end(), nullptr), 0);
}

TEST(DiskCache, RoundTripsAndIsInvalidatedByFileOrParameterChanges) {
  const auto dir = writeCleanDataset("disk_cache", 3);
  auto f = load(dir);
  const auto key = cacheKey(f.ds, f.pipeline);
  EXPECT_EQ(key, cacheKey(f.ds, f.pipeline));
  SampleCache cache(f.ds.size());
  Loader::prepareAll(f.ds, f.pipeline, mediaDecoders(), range(f.ds.size()), 2, &cache);
  std::string error;
  ASSERT_TRUE(saveDiskCache(f.ds, key, cache, &error)) << error;
  SampleCache reloaded(f.ds.size());
  EXPECT_EQ(loadDiskCache(f.ds, key, reloaded), f.ds.size());
  for (std::size_t i = 0; i < f.ds.size(); ++i) {
    auto a = cache.get(i), b = reloaded.get(i);
    ASSERT_TRUE(a && b);
    EXPECT_EQ(a->ok, b->ok);
    EXPECT_EQ(a->target, b->target);
    for (std::size_t k = 0; k < a->fields.size(); ++k) {
      EXPECT_EQ(a->fields[k].values, b->fields[k].values);
      EXPECT_EQ(a->fields[k].ids, b->fields[k].ids);
      EXPECT_EQ(a->fields[k].present, b->fields[k].present);
    }
  }
  // A preprocessing parameter changes the key.
  auto g = fixtureGraph();
  g.nodes[1].params["n_mels"] = 12;
  auto other = Pipeline::create(f.ds, g, range(f.ds.size()));
  ASSERT_TRUE(other.pipeline);
  EXPECT_NE(cacheKey(f.ds, *other.pipeline), key);
  // So does rewriting one image (new size / modification time); the stale file is not read under the new key.
  writeGrayPng(dir / "img" / "dog1.png", 30, 30, 7);
  const auto changed = cacheKey(f.ds, f.pipeline);
  EXPECT_NE(changed, key);
  SampleCache fresh(f.ds.size());
  EXPECT_EQ(loadDiskCache(f.ds, changed, fresh), 0u);
  // A damaged cache file is ignored, not trusted.
  truncateFile(cachePath(f.ds, key), 0.5);
  SampleCache damaged(f.ds.size());
  EXPECT_EQ(loadDiskCache(f.ds, key, damaged), 0u);
  EXPECT_EQ(damaged.filled(), 0u);
}

TEST(Pipeline, StatisticsComeFromTheTrainingSplitOnly) {
  // Train on cats and dogs only: "singing" (bird titles) is then unknown, and the size statistics ignore birds.
  std::vector<std::size_t> train = range(8);
  auto f = load(writeCleanDataset("loader_fit", 4), &train);
  auto bird = f.pipeline.prepare(f.ds, 8, mediaDecoders());
  ASSERT_TRUE(bird.ok) << bird.problem;
  const auto& titleIds = bird.fields[2].ids;
  EXPECT_EQ(titleIds[0], TextVocabulary::kUnknown);  // "small"
  auto cat = f.pipeline.prepare(f.ds, 0, mediaDecoders());
  EXPECT_GT(cat.fields[2].ids[0], 1);
  // size: cats 0.0..0.3, dogs 1.5..1.8 -> mean 0.9; standardized train values average 0.
  double sum = 0;
  for (auto i : train) sum += f.pipeline.prepare(f.ds, i, mediaDecoders()).fields[3].values[0];
  EXPECT_NEAR(sum / 8.0, 0.0, 1e-5);

  auto prepared = Loader::prepareAll(f.ds, f.pipeline, mediaDecoders(), train, 2, nullptr);
  std::vector<const PreparedSample*> ptrs;
  for (auto& p : prepared) ptrs.push_back(p.get());
  f.pipeline.fitImageStatistics(ptrs);
  double mean = 0, sq = 0, n = 0;
  for (auto& p : prepared) {
    PreparedSample s = *p;
    f.pipeline.normalize(s);
    for (float v : s.fields[0].values) {
      mean += v;
      sq += v * v;
      ++n;
    }
  }
  EXPECT_NEAR(mean / n, 0.0, 1e-4);
  EXPECT_NEAR(sq / n, 1.0, 1e-3);
  EXPECT_TRUE(f.pipeline.state()["bindings"][0].contains("image_mean"));
}

}  // namespace
}  // namespace fusebench::data
