// The example projects' datasets, made from Debian's packages: which folder has which recipe, a clear
// refusal for the ones a script makes, and a small fashion_trimodal made with a progress count that ends
// at its total.
#include <gtest/gtest.h>

#include <filesystem>

#include "data/column_guess.h"
#include "data/dataset.h"
#include "data/example_data.h"
#include "fixtures.h"

namespace fusebench::data {
namespace {

TEST(ExampleData, EachExampleFolderHasARecipeOrNone) {
  ASSERT_NE(findExampleData("fashion_trimodal"), nullptr);
  EXPECT_TRUE(findExampleData("fashion_trimodal")->makeable);
  ASSERT_NE(findExampleData("fashion_mnist"), nullptr);
  EXPECT_TRUE(findExampleData("fashion_mnist")->makeable);
  ASSERT_NE(findExampleData("fashion_pretrain"), nullptr);
  EXPECT_FALSE(findExampleData("fashion_pretrain")->makeable);
  EXPECT_EQ(findExampleData("my_own_data"), nullptr);
}

TEST(ExampleData, FoldersItCannotMakeAreRefusedWithTheWayToMakeThem) {
  const auto dir = testing::freshDir("example_data_refused");
  const ExampleDataResult unknown = makeExampleData("my_own_data", (dir / "a").string());
  EXPECT_FALSE(unknown.ok);
  EXPECT_NE(unknown.error.find("my_own_data"), std::string::npos) << unknown.error;
  const ExampleDataResult script = makeExampleData("fashion_pretrain", (dir / "b").string());
  EXPECT_FALSE(script.ok);
  EXPECT_NE(script.error.find("make_pretrain_dataset.py"), std::string::npos) << script.error;
  EXPECT_FALSE(std::filesystem::exists(dir / "b"));
}

TEST(ExampleData, ASmallTrimodalDatasetIsMadeWithProgressToItsTotal) {
  const auto dir = testing::freshDir("example_data_trimodal");
  std::size_t last = 0, total = 0, calls = 0;
  bool monotone = true;
  const ExampleDataResult r = makeExampleData(
      "fashion_trimodal", (dir / "data").string(),
      [&](const std::string& step, std::size_t done, std::size_t all) {
        EXPECT_FALSE(step.empty());
        if (all == 0) return;  // the amount of work is not known yet
        monotone = monotone && done >= last;
        last = done;
        total = all;
        ++calls;
      },
      40);
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.samples, 40u);  // 30 / 5 / 5
  EXPECT_TRUE(monotone);
  EXPECT_GT(calls, 10u);
  EXPECT_EQ(last, total);
  auto opened = Dataset::open((dir / "data").string());
  ASSERT_TRUE(opened.dataset);
  EXPECT_EQ(opened.dataset->size(), 40u);

  // New Project from Dataset on real files (Fashion-MNIST PNGs, FLAC speech): without its dataset.json, the
  // roles proposed are the generator's own; its provenance column, a different value on every row, is an id.
  const DatasetDescription written = opened.dataset->description();
  std::filesystem::remove(dir / "data" / "dataset.json");
  const TableProposal p = proposeColumns((dir / "data").string());
  ASSERT_TRUE(p.errors.empty());
  ASSERT_EQ(p.columns.size(), written.columns.size());
  for (std::size_t i = 0; i < p.columns.size(); ++i) {
    const ColumnRole expected = written.columns[i].name == "source" ? ColumnRole::Id : written.columns[i].role;
    EXPECT_EQ(roleName(p.columns[i].spec.role), std::string(roleName(expected))) << written.columns[i].name << ": " << p.columns[i].reason;
  }
}

}  // namespace
}  // namespace fusebench::data
