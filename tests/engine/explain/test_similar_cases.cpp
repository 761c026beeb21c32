// Similar cases: the index answers as a brute-force cosine search does, survives a round trip to disk and
// is rebuilt when stale or damaged; on a trained model the nearest training samples share the class.
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <numeric>

#include "data/dataset.h"
#include "data/splits.h"
#include "explain/explainer.h"
#include "explain/similar_cases.h"
#include "graph_builder.h"
#include "planted_dataset.h"
#include "project/project_file.h"
#include "train/trainer.h"

namespace fusebench::explain {
namespace {

namespace fs = std::filesystem;

TEST(CaseIndex, AnswersAsABruteForceCosineSearch) {
  torch::manual_seed(3);
  const int64_t n = 2000, d = 24;
  auto e = torch::randn({n, d});
  std::vector<int64_t> rows(n), labels(n);
  std::iota(rows.begin(), rows.end(), 100);  // dataset rows need not be 0..n-1
  for (int64_t i = 0; i < n; ++i) labels[static_cast<std::size_t>(i)] = i % 7;
  CaseIndex index(e, rows, labels);
  for (int q = 0; q < 5; ++q) {
    auto query = torch::randn({d});
    // The reference: every cosine in double precision, sorted.
    auto ed = e.to(torch::kDouble), qd = query.to(torch::kDouble);
    std::vector<std::pair<double, int64_t>> all;
    for (int64_t i = 0; i < n; ++i)
      all.emplace_back((ed[i] * qd).sum().item<double>() / (ed[i].norm().item<double>() * qd.norm().item<double>()), i);
    std::sort(all.rbegin(), all.rend());
    const auto hits = index.query(query, 5, /*exclude=*/rows[static_cast<std::size_t>(all[1].second)]);  // leave out the 2nd
    ASSERT_EQ(hits.size(), 5u);
    const int64_t expected[] = {all[0].second, all[2].second, all[3].second, all[4].second, all[5].second};
    for (int j = 0; j < 5; ++j) {
      EXPECT_EQ(hits[static_cast<std::size_t>(j)].row, rows[static_cast<std::size_t>(expected[j])]);
      EXPECT_EQ(hits[static_cast<std::size_t>(j)].label, expected[j] % 7);
      EXPECT_NEAR(hits[static_cast<std::size_t>(j)].similarity, all[static_cast<std::size_t>(j == 0 ? 0 : j + 1)].first, 1e-5);
    }
  }
  EXPECT_TRUE(index.query(torch::randn({d + 1}), 5).empty());  // another model's representation
}

TEST(CaseIndex, RoundTripsToDiskAndRefusesStaleOrDamagedFiles) {
  const fs::path dir = fs::temp_directory_path() / ("fusebench_case_index_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  auto e = torch::randn({50, 8});
  std::vector<int64_t> rows(50), labels(50, 1);
  std::iota(rows.begin(), rows.end(), 0);
  CaseIndex index(e, rows, labels);
  std::string error;
  const std::string file = (dir / "cases.index").string();
  ASSERT_TRUE(index.save(file, "stamp-1", error)) << error;
  auto loaded = CaseIndex::load(file, "stamp-1");
  ASSERT_TRUE(loaded);
  EXPECT_EQ(loaded->size(), 50u);
  const auto q = torch::randn({8});
  const auto a = index.query(q, 3), b = loaded->query(q, 3);
  ASSERT_EQ(b.size(), 3u);
  for (int j = 0; j < 3; ++j) EXPECT_EQ(a[static_cast<std::size_t>(j)].row, b[static_cast<std::size_t>(j)].row);
  EXPECT_FALSE(CaseIndex::load(file, "stamp-2"));  // the weights or the manifest changed
  {  // a header claiming a billion rows: refused by the file's size, nothing allocated
    std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
    std::string magicAndStamp;
    std::getline(f, magicAndStamp);
    std::getline(f, magicAndStamp);
    const int64_t huge = int64_t{1} << 30;
    f.seekp(f.tellg());
    f.write(reinterpret_cast<const char*>(&huge), sizeof huge);
  }
  EXPECT_FALSE(CaseIndex::load(file, "stamp-1"));
  ASSERT_TRUE(index.save(file, "stamp-1", error)) << error;
  fs::resize_file(file, fs::file_size(file) - 7);
  EXPECT_FALSE(CaseIndex::load(file, "stamp-1"));  // cut short
  fs::remove_all(dir);
}

TEST(SimilarCases, NeighboursOfATrainedModelShareTheClassAndTheIndexIsCached) {
  using testing::GraphBuilder;
  const fs::path root = fs::temp_directory_path() / ("fusebench_similar_" + std::to_string(::getpid()));
  fs::remove_all(root);
  const auto truth = testing::writePlantedDataset(root / "data", 300, {"tabular"}, 5);
  ProjectFile p;
  p.name = "similar";
  p.dataset_path = (root / "data").string();
  p.graph = GraphBuilder()
                .node("title", "input.text", R"({"field": "title", "max_length": 8, "vocab_size": 64})")
                .node("tab", "input.tabular")
                .node("te", "text.bag_of_embeddings", R"({"dim": 8})")
                .node("tm", "tabular.mlp", R"({"hidden": [8]})")
                .node("fuse", "fusion.concat")
                .node("head", "head.classification", R"({"num_classes": 2})")
                .edge("title.out", "te.in")
                .edge("tab.out", "tm.in")
                .edge("te.features", "fuse.in0")
                .edge("tm.features", "fuse.in1")
                .edge("fuse.out", "head.in")
                .build();
  train::TrainConfig c;
  c.epochs = 15, c.batch_size = 16, c.lr = 0.01, c.threads = 1, c.seed = 2;
  const std::string run = (root / "run").string();
  auto r = train::trainProject(p, "", c, run);
  ASSERT_TRUE(r.ok) << r.error;
  ASSERT_GE(r.test.value("accuracy", 0.0), 0.9);
  auto ds = data::Dataset::open((root / "data").string());
  const auto splits = data::assignSplits(*ds.dataset, {c.val_fraction, c.test_fraction, c.seed});

  // Training indexed the training split already: explanations find the index ready.
  EXPECT_TRUE(fs::exists(fs::path(run) / "model" / "cases.index"));
  {
    std::ifstream log(fs::path(run) / "log.txt");
    const std::string text((std::istreambuf_iterator<char>(log)), {});
    EXPECT_NE(text.find("similar cases: indexed"), std::string::npos) << text;
  }
  std::string error;
  auto x = Explainer::open(run, error);
  ASSERT_TRUE(x) << error;
  ExplainOptions o;
  o.methods = {kOcclusion};  // the cheap one: similar cases are what is tested
  int agree = 0, n = 0;
  for (std::size_t row = 0; row < ds.dataset->size(); ++row) {
    if (splits.split[row] != "test") continue;
    SampleInput in;
    in.row = static_cast<int64_t>(row);
    const auto e = x->explain(in, o);
    ASSERT_TRUE(e.ok) << e.error;
    ASSERT_EQ(e.similar_cases.size(), 5u);
    EXPECT_TRUE(e.index_note.empty()) << e.index_note;  // read, not built
    int same = 0;
    for (const auto& s : e.similar_cases) {
      EXPECT_NE(splits.split[static_cast<std::size_t>(s.row)], "test");
      EXPECT_EQ(splits.split[static_cast<std::size_t>(s.row)], "train");
      same += s.label == (truth[row].label ? "high" : "low");
      EXPECT_GE(s.similarity, -1.0 - 1e-6);
      EXPECT_LE(s.similarity, 1.0 + 1e-6);
    }
    EXPECT_GE(e.similar_cases.front().similarity, e.similar_cases.back().similarity);
    agree += same >= 3;
    ++n;
  }
  EXPECT_GE(agree, 0.9 * n) << agree << " of " << n;

  // Without the file (a bundle from before), the first explanation builds it, says so and writes it; a
  // training row is not its own similar case.
  fs::remove(fs::path(run) / "model" / "cases.index");
  std::size_t trainRow = 0;
  while (splits.split[trainRow] != "train") ++trainRow;
  auto again = Explainer::open(run, error);
  SampleInput in;
  in.row = static_cast<int64_t>(trainRow);
  const auto e = again->explain(in, o);
  ASSERT_TRUE(e.ok) << e.error;
  ASSERT_EQ(e.similar_cases.size(), 5u);
  for (const auto& s : e.similar_cases) EXPECT_NE(s.row, in.row);
  EXPECT_NE(e.index_note.find("similar cases: indexed"), std::string::npos) << e.index_note;
  EXPECT_TRUE(fs::exists(fs::path(run) / "model" / "cases.index"));

  // An ensemble of the model with itself agrees completely; a member that cannot be opened is named and left out.
  ExplainOptions withEnsemble = o;
  withEnsemble.ensemble = {run, (root / "no_such_run").string()};
  const auto ens = again->explain(in, withEnsemble);
  ASSERT_TRUE(ens.ok) << ens.error;
  const auto spread = std::find_if(ens.spreads.begin(), ens.spreads.end(), [](const auto& s) { return s.kind == "ensemble"; });
  ASSERT_NE(spread, ens.spreads.end());
  EXPECT_EQ(spread->members, 2);
  EXPECT_EQ(spread->agree, 2);
  EXPECT_NEAR(spread->stddev[0], 0, 1e-6);
  EXPECT_TRUE(std::any_of(ens.notes.begin(), ens.notes.end(), [](const std::string& n) {
    return n.find("ensemble: ") != std::string::npos && n.find("no_such_run left out") != std::string::npos;
  }));
  EXPECT_TRUE(toJson(ens)["uncertainty"].contains("ensemble"));
  fs::remove_all(root);
}

}  // namespace
}  // namespace fusebench::explain
