#include <gtest/gtest.h>
#include <zlib.h>

#include <cerrno>
#include <filesystem>
#include <fstream>

#include "data/dataset_check.h"
#include "data/example_dataset.h"
#include "data/idx_file.h"
#include "data/importers.h"
#include "util/files.h"
#include "fixtures.h"

namespace fusebench::data {
namespace {

namespace fs = std::filesystem;
using namespace fusebench::testing;

void writeIdx(const fs::path& p, const std::vector<int32_t>& dims, const std::vector<uint8_t>& data, bool gz) {
  std::string bytes = {0, 0, 8, static_cast<char>(dims.size())};
  for (auto d : dims)
    for (int s = 24; s >= 0; s -= 8) bytes += static_cast<char>((d >> s) & 0xFF);
  bytes.append(data.begin(), data.end());
  if (gz) {
    gzFile f = gzopen(p.string().c_str(), "wb");
    gzwrite(f, bytes.data(), static_cast<unsigned>(bytes.size()));
    gzclose(f);
  } else {
    std::ofstream(p, std::ios::binary) << bytes;
  }
}

TEST(Idx, ReadsPlainAndGzipAndRejectsBadFiles) {
  const auto dir = freshDir("idx_read");
  std::vector<uint8_t> pixels(2 * 3 * 4);
  for (std::size_t i = 0; i < pixels.size(); ++i) pixels[i] = static_cast<uint8_t>(i * 10);
  writeIdx(dir / "a.idx", {2, 3, 4}, pixels, false);
  writeIdx(dir / "a.idx.gz", {2, 3, 4}, pixels, true);
  for (const char* f : {"a.idx", "a.idx.gz"}) {
    std::string error;
    auto a = readIdx((dir / f).string(), error);
    ASSERT_TRUE(a) << error;
    EXPECT_EQ(a->dims, (std::vector<int32_t>{2, 3, 4}));
    EXPECT_EQ(a->itemSize(), 12u);
    EXPECT_EQ(a->data, pixels);
  }
  writeText(dir / "bad.idx", "hello world");
  std::string error;
  EXPECT_FALSE(readIdx((dir / "bad.idx").string(), error));
  EXPECT_NE(error.find("bad magic number"), std::string::npos);
  writeIdx(dir / "short.idx", {5, 3, 4}, pixels, false);
  EXPECT_FALSE(readIdx((dir / "short.idx").string(), error));
  EXPECT_NE(error.find("truncated data"), std::string::npos);
}

TEST(ImportIdx, WritesAValidDatasetWithClassNamesAndSplits) {
  const auto dir = freshDir("idx_import");
  std::vector<uint8_t> pixels(6 * 4 * 4, 7), labels{0, 1, 2, 0, 1, 2};
  writeIdx(dir / "img.gz", {6, 4, 4}, pixels, true);
  writeIdx(dir / "lab.gz", {6}, labels, true);
  writeIdx(dir / "timg", {2, 4, 4}, std::vector<uint8_t>(32, 200), false);
  writeIdx(dir / "tlab", {2}, {2, 1}, false);
  IdxImportOptions o;
  o.images = (dir / "img.gz").string();
  o.labels = (dir / "lab.gz").string();
  o.test_images = (dir / "timg").string();
  o.test_labels = (dir / "tlab").string();
  o.class_names = {"zero", "one", "two"};
  o.out = (dir / "out").string();
  auto r = importIdx(o);
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.written, 8u);
  auto ds = Dataset::open(o.out);
  ASSERT_TRUE(ds.dataset);
  auto report = checkDataset(*ds.dataset, mediaDecoders());
  EXPECT_TRUE(report.problems.empty());
  EXPECT_EQ(report.class_counts.at("test").at("two"), 1u);
  EXPECT_EQ(report.class_counts.at("train").at("zero"), 2u);
  o.class_names = {"only"};
  auto tooFew = importIdx(o);
  EXPECT_FALSE(tooFew.ok);
  EXPECT_NE(tooFew.error.find("--class-names lists 1 names but the labels go up to 2"), std::string::npos);

  // The last training images as the validation split, the test pair untouched; without a test pair too.
  o.class_names = {"zero", "one", "two"};
  o.val_count = 2;
  o.out = (dir / "with_val").string();
  ASSERT_TRUE(importIdx(o).ok);
  auto withVal = Dataset::open(o.out);
  const auto counts = checkDataset(*withVal.dataset, mediaDecoders()).class_counts;
  EXPECT_EQ(counts.at("val").at("one"), 1u);  // training images 5 and 6: labels 1 and 2
  EXPECT_EQ(counts.at("val").at("two"), 1u);
  EXPECT_EQ(counts.at("test").at("two"), 1u);
  EXPECT_EQ(counts.at("train").at("zero"), 2u);
  o.test_images.clear(), o.test_labels.clear();
  o.out = (dir / "val_only").string();
  ASSERT_TRUE(importIdx(o).ok);
  EXPECT_EQ(checkDataset(*Dataset::open(o.out).dataset, mediaDecoders()).class_counts.at("val").size(), 2u);
  o.val_count = 6;
  const auto all = importIdx(o);
  EXPECT_FALSE(all.ok);
  EXPECT_NE(all.error.find("--val 6 leaves no training image"), std::string::npos) << all.error;
}

// A full disk during an import: the message names the file and the reason, and no torn file is left (a
// short PNG would otherwise be found later as a damaged image).
TEST(ImportIdx, AFullDiskIsNamedAndLeavesNoTornImageOrManifest) {
  const auto dir = freshDir("idx_full_disk");
  std::vector<uint8_t> pixels(6 * 4 * 4, 7), labels{0, 1, 2, 0, 1, 2};
  writeIdx(dir / "img", {6, 4, 4}, pixels, false);
  writeIdx(dir / "lab", {6}, labels, false);
  IdxImportOptions o;
  o.images = (dir / "img").string();
  o.labels = (dir / "lab").string();
  o.out = (dir / "out").string();
  for (const std::string& where : {std::string("000004.png"), std::string("manifest.csv")}) {
    setWriteFaultForTesting(WriteFault{where, 0, ENOSPC});
    auto r = importIdx(o);
    setWriteFaultForTesting(std::nullopt);
    EXPECT_FALSE(r.ok) << where;
    EXPECT_NE(r.error.find(where + "': No space left on device"), std::string::npos) << r.error;
    for (const auto& e : fs::recursive_directory_iterator(o.out)) {
      EXPECT_NE(e.path().filename(), where) << "torn " << e.path();
      EXPECT_NE(e.path().extension(), ".tmp") << e.path();
    }
  }
}

TEST(ImportIdx, RealFashionMnistTestFileWhenPresent) {
  const std::string images = "/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz";
  if (!fs::exists(images)) GTEST_SKIP() << "dataset-fashion-mnist is not installed";
  std::string error;
  auto a = readIdx(images, error);
  ASSERT_TRUE(a) << error;
  EXPECT_EQ(a->dims, (std::vector<int32_t>{10000, 28, 28}));
  auto l = readIdx("/usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz", error);
  ASSERT_TRUE(l);
  std::vector<int> perClass(10, 0);
  for (auto v : l->data) perClass[v]++;
  for (int n : perClass) EXPECT_EQ(n, 1000);
}

TEST(ImportFolders, ClassFoldersBecomeLabelsAndJunkIsSkippedAndCounted) {
  const auto dir = freshDir("folders");
  writeGrayPng(dir / "src" / "apple" / "a1.png", 6, 6, 10);
  writeGrayPng(dir / "src" / "apple" / "sub" / "a2.png", 6, 6, 20);
  writeColorImage(dir / "src" / "pear" / "p1.jpg", 6, 6);
  writeGrayPng(dir / "src" / "pear" / "p2.png", 6, 6, 90);
  writeText(dir / "src" / "pear" / "notes.txt", "not an image");
  auto r = importFolders((dir / "src").string(), (dir / "out").string());
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.written, 4u);
  EXPECT_EQ(r.skipped, 1u);
  ASSERT_EQ(r.skipped_files.size(), 1u);
  EXPECT_NE(r.skipped_files[0].find("notes.txt"), std::string::npos);
  auto ds = Dataset::open((dir / "out").string());
  ASSERT_TRUE(ds.dataset);
  EXPECT_EQ(ds.dataset->description().target()->classes, (std::vector<std::string>{"apple", "pear"}));
  EXPECT_TRUE(checkDataset(*ds.dataset, mediaDecoders()).problems.empty());
  EXPECT_FALSE(importFolders((dir / "nothing").string(), (dir / "out2").string()).ok);
}

TEST(ExampleDataset, SmallGenerationIsValidSeededAndReused) {
  if (!fs::exists("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz"))
    GTEST_SKIP() << "dataset-fashion-mnist is not installed";
  const auto dir = freshDir("example");
  ExampleDatasetOptions o;
  o.out = (dir / "a").string();
  o.train = 30;
  o.val = 10;
  o.test = 10;
  auto r = makeExampleDataset(o);
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_FALSE(r.reused);
  EXPECT_EQ(r.samples, 50u);
  auto again = makeExampleDataset(o);
  EXPECT_TRUE(again.reused);
  auto ds = Dataset::open(o.out);
  ASSERT_TRUE(ds.dataset);
  auto report = checkDataset(*ds.dataset, mediaDecoders());
  std::string all;
  for (const auto& p : report.problems) all += p.format() + "\n";
  EXPECT_TRUE(report.problems.empty()) << all;
  EXPECT_EQ(report.class_counts.at("train").size(), 10u);
  EXPECT_EQ(report.class_counts.at("train").at("Bag"), 3u);
  // Same seed, same manifest.
  o.out = (dir / "b").string();
  ASSERT_TRUE(makeExampleDataset(o).ok);
  std::ifstream ma((dir / "a" / "manifest.csv").string()), mb((dir / "b" / "manifest.csv").string());
  std::string ta((std::istreambuf_iterator<char>(ma)), {}), tb((std::istreambuf_iterator<char>(mb)), {});
  EXPECT_EQ(ta, tb);
}

}  // namespace
}  // namespace fusebench::data
