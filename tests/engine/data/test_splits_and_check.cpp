#include <gtest/gtest.h>

#include <fstream>

#include "data/dataset_check.h"
#include "data/splits.h"
#include "fixtures.h"

namespace fusebench::data {
namespace {

using namespace fusebench::testing;

Dataset openOk(const std::filesystem::path& dir) {
  auto r = Dataset::open(dir.string());
  EXPECT_TRUE(r.dataset) << (r.errors.empty() ? "" : r.errors[0].message);
  return std::move(*r.dataset);
}

TEST(Splits, SameSeedSameSplitAndStratified) {
  auto ds = openOk(writeCleanDataset("splits", 20));
  auto a = assignSplits(ds, {0.1, 0.2, 99});
  auto b = assignSplits(ds, {0.1, 0.2, 99});
  auto c = assignSplits(ds, {0.1, 0.2, 100});
  EXPECT_EQ(a.split, b.split);
  EXPECT_NE(a.split, c.split);
  EXPECT_FALSE(a.from_column);
  // 20 per class: 4 test, 2 val, 14 train in every class.
  for (const char* cls : {"cat", "dog", "bird"}) {
    std::map<std::string, int> n;
    for (std::size_t i = 0; i < ds.size(); ++i)
      if (ds.cell(i, "label").text == cls) n[a.split[i]]++;
    EXPECT_EQ(n["test"], 4) << cls;
    EXPECT_EQ(n["val"], 2) << cls;
    EXPECT_EQ(n["train"], 14) << cls;
  }
}

TEST(Splits, SeededShuffleIsFixedAcrossPlatforms) {
  std::vector<std::size_t> v{0, 1, 2, 3, 4, 5, 6, 7};
  seededShuffle(v, 1);
  // Pinned: mt19937_64 is specified by the standard, and the draw is our own rejection sampling.
  EXPECT_EQ(v, (std::vector<std::size_t>{4, 6, 3, 5, 1, 7, 2, 0}));
}

TEST(Splits, FromColumnWithCanonicalNames) {
  auto ds = openOk(writeCleanDataset("split_col", 4, /*with_split_column=*/true));
  auto a = assignSplits(ds, {});
  EXPECT_TRUE(a.from_column);
  EXPECT_EQ(a.indices("test").size(), 3u);
  EXPECT_EQ(a.indices("val").size(), 3u);
  EXPECT_EQ(a.indices("train").size(), 6u);
  EXPECT_EQ(canonicalSplit("Validation"), "val");
  EXPECT_EQ(canonicalSplit("TRAINING"), "train");
  EXPECT_EQ(canonicalSplit("holdout"), "");
}

TEST(DatasetCheck, ReportsEveryKindOfBadSampleWithRowColumnPathAndReason) {
  std::vector<ExpectedProblem> expected;
  auto ds = openOk(writeProblemDataset("problems", &expected));
  auto report = checkDataset(ds, mediaDecoders(), makeCheckOptions(2));
  std::string all;
  for (const auto& p : report.problems) all += p.format() + "\n";
  for (const auto& e : expected) {
    bool found = false;
    for (const auto& p : report.problems)
      found = found || (p.row == e.row && p.column == e.column && p.reason.find(e.reason) != std::string::npos);
    EXPECT_TRUE(found) << "row " << e.row << " column '" << e.column << "' reason '" << e.reason << "' not reported in:\n" << all;
  }
  EXPECT_EQ(report.problems.size(), expected.size()) << all;
  // File problems name the file.
  for (const auto& p : report.problems)
    if (p.column == "image" || p.column == "audio") {
      EXPECT_FALSE(p.path.empty()) << p.format();
    }
  EXPECT_EQ(report.badSamples(), expected.size() - 1);  // the one-sample class is a dataset-level problem
  EXPECT_EQ(report.samples, 26u);
}

TEST(DatasetCheck, CleanDatasetSummaryCountsAndStatistics) {
  auto ds = openOk(writeCleanDataset("clean_summary", 5));
  auto report = checkDataset(ds, mediaDecoders(), makeCheckOptions(1));
  EXPECT_TRUE(report.problems.empty());
  EXPECT_EQ(report.present.at("image"), 15u);
  EXPECT_EQ(report.image_sizes.at("12x10x1"), 6u);  // widths 12, 13, 14 cycle over k
  EXPECT_NEAR(report.audio_seconds.mean(), 0.25, 1e-6);
  EXPECT_EQ(report.text_tokens.max, 3);
  EXPECT_EQ(report.vocabulary, 9u);
  std::size_t total = 0;
  for (const auto& [split, counts] : report.class_counts)
    for (const auto& [c, n] : counts) total += n;
  EXPECT_EQ(total, 15u);
  const auto text = report.summaryText(ds);
  EXPECT_NE(text.find("15 samples, 0 with problems"), std::string::npos) << text;
  EXPECT_EQ(report.toJson()["bad_samples"], 0);
}

TEST(Dataset, UnreadableDatasetsSayWhere) {
  auto missing = Dataset::open("/nonexistent/dataset");
  ASSERT_FALSE(missing.dataset);
  EXPECT_NE(missing.errors[0].message.find("is not a dataset folder"), std::string::npos);
  const auto dir = writeCleanDataset("unreadable", 1);
  writeText(dir / "manifest.csv", "id,image\n1,a.png\n");  // the declared columns are not there
  auto r = Dataset::open(dir.string());
  ASSERT_FALSE(r.dataset);
  EXPECT_NE(r.errors[0].message.find("column 'audio' (audio) is declared in dataset.json but missing from the manifest header"),
            std::string::npos) << r.errors[0].message;
  writeText(dir / "dataset.json", "{ not json");
  auto bad = Dataset::open(dir.string());
  ASSERT_FALSE(bad.dataset);
  EXPECT_NE(bad.errors[0].message.find("dataset.json: invalid JSON"), std::string::npos) << bad.errors[0].message;
}

// A manifest travels between people: its paths stay inside the dataset folder unless dataset.json allows more.
TEST(Dataset, PathsThatLeaveTheFolderAreRefusedUnlessAllowed) {
  const auto dir = writeCleanDataset("outside_paths", 1);
  const auto outside = dir.parent_path() / "outside_paths_secret.png";
  writeGrayPng(outside, 4, 4, 10);
  std::string manifest = "id,image,audio,title,size,colour,label\n";
  manifest += "a,../outside_paths_secret.png,snd/cat0.wav,soft purring whiskers,1,red,cat\n";
  manifest += "b," + outside.string() + ",snd/cat0.wav,soft purring whiskers,1,red,cat\n";
  manifest += "c,img/../img/cat0.png,snd/cat0.wav,soft purring whiskers,1,red,cat\n";
  writeText(dir / "manifest.csv", manifest);
  auto ds = openOk(dir);
  std::string problem;
  EXPECT_TRUE(ds.readablePath(0, "image", problem).empty());
  EXPECT_NE(problem.find("path '../outside_paths_secret.png' leaves the dataset folder"), std::string::npos) << problem;
  EXPECT_NE(problem.find("\"allow_outside_paths\": true"), std::string::npos) << problem;
  EXPECT_TRUE(ds.readablePath(1, "image", problem).empty());
  EXPECT_NE(problem.find("absolute path"), std::string::npos) << problem;
  EXPECT_EQ(ds.readablePath(2, "image", problem), (dir / "img" / "cat0.png").string());
  EXPECT_TRUE(problem.empty());
  EXPECT_FALSE(ds.outsideProblem(outside.string()).empty());
  EXPECT_TRUE(ds.outsideProblem((dir / "img" / "cat0.png").string()).empty());
  const auto report = checkDataset(ds, mediaDecoders(), makeCheckOptions(1));
  std::size_t refused = 0;
  for (const auto& p : report.problems) refused += p.column == "image" && p.reason.find("dataset folder") != std::string::npos;
  EXPECT_EQ(refused, 2u);

  std::string desc;
  {
    std::ifstream in(dir / "dataset.json");
    desc.assign(std::istreambuf_iterator<char>(in), {});
  }
  writeText(dir / "dataset.json", desc.replace(desc.find('{'), 1, "{\"allow_outside_paths\": true, "));
  auto allowed = openOk(dir);
  EXPECT_EQ(allowed.readablePath(0, "image", problem), outside.string());
  EXPECT_EQ(allowed.readablePath(1, "image", problem), outside.string());
  EXPECT_TRUE(allowed.outsideProblem(outside.string()).empty());
}

TEST(Dataset, AManifestOutsideTheFolderIsRefused) {
  const auto dir = writeCleanDataset("outside_manifest", 1);
  std::string desc;
  {
    std::ifstream in(dir / "dataset.json");
    desc.assign(std::istreambuf_iterator<char>(in), {});
  }
  const auto at = desc.find("\"manifest.csv\"");
  ASSERT_NE(at, std::string::npos) << desc;
  writeText(dir / "dataset.json", desc.replace(at, 14, "\"../elsewhere.csv\""));
  auto r = Dataset::open(dir.string());
  ASSERT_FALSE(r.dataset);
  EXPECT_NE(r.errors[0].message.find("manifest: '../elsewhere.csv' leaves the dataset folder"), std::string::npos)
      << r.errors[0].message;
}

// Numbers out of range (1e309) and values of the wrong type are messages naming the file, not a crash.
TEST(Dataset, OutOfRangeNumbersAndWrongTypesInDatasetJsonAreMessages) {
  const auto dir = writeCleanDataset("json_range", 1);
  for (const std::string& text : {std::string(R"({"format": "fusebench-dataset", "version": 1e309})"),
                                 std::string(R"({"format": "fusebench-dataset", "version": "one"})"),
                                 std::string(R"({"format": "fusebench-dataset", "version": 1, "sample_rate": 1e400})")}) {
    writeText(dir / "dataset.json", text);
    auto r = Dataset::open(dir.string());
    ASSERT_FALSE(r.dataset) << text;
    ASSERT_FALSE(r.errors.empty());
    EXPECT_NE(r.errors[0].message.find("dataset.json: "), std::string::npos) << r.errors[0].message;
    EXPECT_EQ(r.errors[0].message.find("[json.exception"), std::string::npos) << r.errors[0].message;
  }
}

TEST(Utf8, Validation) {
  EXPECT_TRUE(isValidUtf8("plain ascii"));
  EXPECT_TRUE(isValidUtf8("\xc3\xa9t\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80"));
  EXPECT_FALSE(isValidUtf8("\xff\xfe"));
  EXPECT_FALSE(isValidUtf8("\xc3"));       // cut sequence
  EXPECT_FALSE(isValidUtf8("\xc0\xaf"));   // overlong
  EXPECT_FALSE(isValidUtf8("\xe2\x28\xa1"));
}

}  // namespace
}  // namespace fusebench::data
