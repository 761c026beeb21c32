#pragma once
// The dataset, graph and loader helpers the loader and cache tests share.
#include <gtest/gtest.h>

#include "data/loader.h"
#include "fixtures.h"
#include "graph_builder.h"

namespace fusebench::data::loader_testing {

using namespace fusebench::testing;

inline GraphSpec fixtureGraph() {
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

inline Fixture load(const std::filesystem::path& dir, const std::vector<std::size_t>* train = nullptr) {
  auto opened = Dataset::open(dir.string());
  EXPECT_TRUE(opened.dataset);
  std::vector<std::size_t> all(opened.dataset->size());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
  auto created = Pipeline::create(*opened.dataset, fixtureGraph(), train ? *train : all);
  EXPECT_TRUE(created.pipeline) << (created.errors.empty() ? "" : created.errors[0].message);
  return Fixture{std::move(*opened.dataset), std::move(*created.pipeline)};
}

inline LoaderOptions opts(int64_t batch, int threads, int prefetch) {
  LoaderOptions o;
  o.batch_size = batch;
  o.threads = threads;
  o.prefetch_batches = prefetch;
  return o;
}

inline std::vector<std::size_t> range(std::size_t n) {
  std::vector<std::size_t> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = i;
  return v;
}

inline bool sameBatches(Loader& a, Loader& b) {
  for (;;) {
    auto x = a.next();
    auto y = b.next();
    if (!x || !y) return !x && !y;
    if (x->samples != y->samples || !torch::equal(x->target, y->target)) return false;
    for (const auto& [k, t] : x->inputs)
      if (!torch::equal(t, y->inputs.at(k))) return false;
  }
}

}  // namespace fusebench::data::loader_testing
