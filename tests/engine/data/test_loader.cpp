// Pipeline and Loader: binding graph inputs to dataset columns, batches the compiled model accepts,
// exact skip accounting, determinism across thread counts, and the cache.
#include <gtest/gtest.h>

#include <atomic>

#include "data/disk_cache.h"
#include "data/loader.h"
#include "data/splits.h"
#include "fixtures.h"
#include "graph_builder.h"
#include "loader_fixture.h"

namespace fusebench::data {
namespace {

using namespace fusebench::testing;
using namespace fusebench::data::loader_testing;

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
                    }, {}, {}};
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
  for (auto i : train) sum += f.pipeline.prepare(f.ds, i, mediaDecoders()).fields[3].values.at(0);
  EXPECT_NEAR(sum / 8.0, 0.0, 1e-5);

  // Image statistics are added up one sample at a time (the trainer's first pass); a loader then
  // normalizes as it collates: the training images come out with mean 0 and variance 1.
  ImageMoments moments;
  SampleSource source(f.ds, f.pipeline, mediaDecoders(), nullptr, nullptr);
  std::size_t visited = 0;
  visitInOrder(source, train, 2, [&](std::size_t k, const PreparedSample& s) {
    EXPECT_EQ(k, visited++);  // in order, whatever thread prepared it
    f.pipeline.addImageMoments(moments, s);
  });
  EXPECT_EQ(visited, train.size());
  f.pipeline.fitImageStatistics(moments);
  Loader loader(f.ds, f.pipeline, mediaDecoders(), train, opts(3, 2, 2));
  double mean = 0, sq = 0, n = 0;
  while (auto b = loader.next()) {
    const auto x = b->inputs.at("image");
    mean += x.sum().item<double>();
    sq += x.pow(2).sum().item<double>();
    n += static_cast<double>(x.numel());
  }
  EXPECT_NEAR(mean / n, 0.0, 1e-4);
  EXPECT_NEAR(sq / n, 1.0, 1e-3);
  EXPECT_TRUE(f.pipeline.state()["bindings"][0].contains("image_mean"));
}

}  // namespace
}  // namespace fusebench::data
