// Compact prepared samples, the memory cache's budget, the sharded disk cache (round trip, truncated and
// corrupted shards, two processes filling it at once), identical batches in every cache mode, and a
// file that changes or breaks between epochs.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cmath>
#include <fstream>

#include "data/compact_values.h"
#include "data/disk_cache.h"
#include "data/loader.h"
#include "data/sample_record.h"
#include "util/files.h"
#include "loader_fixture.h"

namespace fusebench::data {
namespace {

using namespace fusebench::testing;
using namespace fusebench::data::loader_testing;
namespace fs = std::filesystem;

std::string recordOf(const PreparedSample& s) {
  std::string r;
  writeSampleRecord(s, r);
  return r;
}

std::vector<fs::path> shardsIn(const std::string& folder) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(folder))
    if (e.path().extension() == ".fbs") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

bool anyContains(const std::vector<std::string>& messages, const std::string& part) {
  for (const auto& m : messages)
    if (m.find(part) != std::string::npos) return true;
  return false;
}

TEST(CompactValues, EachTypeRoundTripsWithinItsPrecision) {
  const std::vector<float> unit = {0.0f, 1.0f / 255, 0.5f, 200.0f / 255, 1.0f, 1.7f, -0.2f};
  const auto u8 = CompactValues::encode(unit, ValueType::UInt8);
  EXPECT_EQ(u8.storedSize(), unit.size());
  const auto back = u8.toFloat();
  EXPECT_FLOAT_EQ(back[1], 1.0f / 255);
  EXPECT_FLOAT_EQ(back[3], 200.0f / 255);
  EXPECT_FLOAT_EQ(back[5], 1.0f);  // clamped
  EXPECT_FLOAT_EQ(back[6], 0.0f);
  const auto u16 = CompactValues::encode(unit, ValueType::UInt16);
  EXPECT_EQ(u16.storedSize(), 2 * unit.size());
  EXPECT_NEAR(u16.at(2), 0.5f, 0.5f / 65535);
  const std::vector<float> wave = {-1.0f, -0.25f, 0.0f, 0.3f, 1.0f};
  const auto i16 = CompactValues::encode(wave, ValueType::Int16);
  for (std::size_t i = 0; i < wave.size(); ++i) EXPECT_NEAR(i16.at(i), wave[i], 0.5 / 32767) << i;
  // The affine map of decode is how collation normalizes: x * scale + shift.
  float out[2];
  u8.decode(out, 2, 2, 2.0f, -1.0f);
  EXPECT_NEAR(out[0], 2.0f * (128.0f / 255) - 1.0f, 1e-6);
}

TEST(CompactValues, HalfFloatsRoundToNearestEven) {
  EXPECT_EQ(floatToHalf(1.0f), 0x3C00);
  EXPECT_EQ(floatToHalf(-2.0f), 0xC000);
  EXPECT_EQ(floatToHalf(65504.0f), 0x7BFF);
  EXPECT_EQ(floatToHalf(65520.0f), 0x7C00);                 // rounds up to infinity
  EXPECT_EQ(floatToHalf(std::ldexp(1.0f, -24)), 0x0001);    // the smallest subnormal
  EXPECT_EQ(floatToHalf(std::ldexp(1.0f, -26)), 0x0000);
  EXPECT_EQ(floatToHalf(1.0f + std::ldexp(1.0f, -11)), 0x3C00);      // a tie goes to the even neighbour
  EXPECT_EQ(floatToHalf(1.0f + 3 * std::ldexp(1.0f, -11)), 0x3C02);  // and here up
  EXPECT_TRUE(std::isnan(halfToFloat(floatToHalf(std::nanf("")))));
  for (float x = -13.8f; x < 12.0f; x += 0.37f) {  // the range of log-mel values
    const float y = halfToFloat(floatToHalf(x));
    EXPECT_LE(std::abs(y - x), std::abs(x) * std::ldexp(1.0f, -11) + 1e-7f) << x;
  }
  for (uint32_t h = 0; h < 0x7C00; h += 7) EXPECT_EQ(floatToHalf(halfToFloat(static_cast<uint16_t>(h))), h);
}

TEST(PreparedSample, KeepsEachModalityInItsCompactType) {
  auto f = load(writeCleanDataset("compact_types", 2));
  const auto s = f.pipeline.prepare(f.ds, 0, mediaDecoders());
  ASSERT_TRUE(s.ok) << s.problem;
  EXPECT_EQ(s.fields[0].values.type(), ValueType::UInt8);  // 8-bit PNG
  EXPECT_EQ(s.fields[0].values.storedSize(), 8u * 8u);      // one byte a pixel, not four
  EXPECT_EQ(s.fields[1].values.type(), ValueType::Float16);  // log-mel
  EXPECT_EQ(s.fields[3].values.type(), ValueType::Float32);  // tabular
  EXPECT_EQ(s.sources.size(), 2u);                            // the image and the clip
  EXPECT_GT(s.sources[0].size, 0);
  // A 16-bit image keeps 16 bits.
  writeGrayPng(f.ds.dir() + "/img/cat0.png", 12, 10, 30000, /*sixteenBit=*/true);
  const auto deep = f.pipeline.prepare(f.ds, 0, mediaDecoders());
  ASSERT_TRUE(deep.ok) << deep.problem;
  EXPECT_EQ(deep.fields[0].values.type(), ValueType::UInt16);
}

TEST(SampleCache, HonoursItsByteBudget) {
  auto f = load(writeCleanDataset("memory_budget", 4));
  const auto one = std::make_shared<const PreparedSample>(f.pipeline.prepare(f.ds, 0, mediaDecoders()));
  const std::size_t budget = 3 * one->byteSize() + one->byteSize() / 2;
  auto cache = std::make_shared<SampleCache>(f.ds.size(), budget);
  Loader loader(f.ds, f.pipeline, mediaDecoders(), range(f.ds.size()), opts(4, 2, 2), cache);
  while (loader.next()) {
  }
  EXPECT_LE(cache->bytes(), budget);
  EXPECT_EQ(cache->filled(), 3u);
  EXPECT_EQ(cache->refused(), f.ds.size() - 3);
}

TEST(DiskCache, ShardsRoundTripAndAreReadByANewProcess) {
  auto f = load(writeCleanDataset("disk_shards", 4));
  const auto key = cacheKey(f.ds, f.pipeline);
  EXPECT_EQ(key, cacheKey(f.ds, f.pipeline));
  std::string error;
  auto disk = DiskCache::open(cacheFolder(f.ds, key), key, f.ds.size(), error);
  ASSERT_TRUE(disk) << error;
  disk->setShardBytes(3000);  // several shards
  std::vector<std::string> records;
  for (std::size_t i = 0; i < f.ds.size(); ++i) {
    const auto s = f.pipeline.prepare(f.ds, i, mediaDecoders());
    records.push_back(recordOf(s));
    disk->put(i, s);
  }
  disk->flush();
  EXPECT_GE(disk->shards(), 2u);
  const uint64_t onDisk = disk->bytes();
  disk.reset();
  auto again = DiskCache::open(cacheFolder(f.ds, key), key, f.ds.size(), error);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->stored(), f.ds.size());
  EXPECT_EQ(again->bytes(), onDisk);
  uint64_t compact = 0;
  for (std::size_t i = 0; i < f.ds.size(); ++i) {
    auto s = again->get(i);
    ASSERT_TRUE(s) << i;
    EXPECT_EQ(recordOf(*s), records[i]) << i;
    compact += records[i].size();
  }
  EXPECT_LE(static_cast<double>(onDisk), 1.1 * static_cast<double>(compact));  // index and headers are small
  EXPECT_TRUE(again->takeMessages().empty());
  // A preprocessing parameter changes the key.
  auto g = fixtureGraph();
  g.nodes[1].params["n_mels"] = 12;
  auto other = Pipeline::create(f.ds, g, range(f.ds.size()));
  ASSERT_TRUE(other.pipeline);
  EXPECT_NE(cacheKey(f.ds, *other.pipeline), key);
}

TEST(DiskCache, TruncatedOrCorruptedShardsAreReportedIgnoredAndRebuilt) {
  auto f = load(writeCleanDataset("disk_damage", 4));
  const auto key = cacheKey(f.ds, f.pipeline);
  const auto folder = cacheFolder(f.ds, key);
  std::string error;
  {
    auto disk = DiskCache::open(folder, key, f.ds.size(), error);
    ASSERT_TRUE(disk) << error;
    disk->setShardBytes(3000);
    Loader loader(f.ds, f.pipeline, mediaDecoders(), range(f.ds.size()), opts(4, 2, 2), nullptr, disk);
    while (loader.next()) {
    }
    EXPECT_EQ(disk->stored(), f.ds.size());
  }
  auto shards = shardsIn(folder);
  ASSERT_GE(shards.size(), 2u);
  truncateFile(shards[0], 0.6);
  {  // one byte flipped in the middle of a record of the second shard
    std::fstream io(shards[1], std::ios::in | std::ios::out | std::ios::binary);
    io.seekg(200);
    char c = 0;
    io.read(&c, 1);
    io.seekp(200);
    c = static_cast<char>(c ^ 0x5A);
    io.write(&c, 1);
  }
  auto disk = DiskCache::open(folder, key, f.ds.size(), error);
  ASSERT_TRUE(disk);
  auto messages = disk->takeMessages();
  EXPECT_TRUE(anyContains(messages, "is truncated")) << (messages.empty() ? "" : messages[0]);
  EXPECT_FALSE(fs::exists(shards[0]));
  const std::size_t readable = disk->stored();
  EXPECT_LT(readable, f.ds.size());
  std::size_t served = 0;
  for (std::size_t i = 0; i < f.ds.size(); ++i) served += disk->get(i) ? 1 : 0;
  messages = disk->takeMessages();
  EXPECT_TRUE(anyContains(messages, "fails its checksum"));
  EXPECT_FALSE(fs::exists(shards[1]));
  EXPECT_LT(served, readable);
  // A loader prepares what is missing again and writes it back: the next process finds everything.
  Loader loader(f.ds, f.pipeline, mediaDecoders(), range(f.ds.size()), opts(4, 2, 2), nullptr, disk);
  while (loader.next()) {
  }
  disk.reset();
  auto rebuilt = DiskCache::open(folder, key, f.ds.size(), error);
  EXPECT_EQ(rebuilt->stored(), f.ds.size());
  EXPECT_TRUE(rebuilt->takeMessages().empty());
}

// Synthetic samples: the child process below must not touch torch (its thread pools do not survive fork).
PreparedSample syntheticSample(std::size_t i) {
  PreparedSample s;
  s.ok = true;
  s.target = {static_cast<float>(i % 3)};
  s.sources = {FileStamp{static_cast<int64_t>(1000 + i), 42}};
  PreparedField f;
  std::vector<float> v(3000);
  for (std::size_t j = 0; j < v.size(); ++j) v[j] = static_cast<float>((i * 31 + j) % 256) / 255.0f;
  f.values = CompactValues::encode(v, ValueType::UInt8);
  f.ids = {static_cast<int64_t>(i), 7};
  f.present = true;
  s.fields.push_back(f);
  return s;
}

TEST(DiskCache, TwoProcessesFillingOneCacheLeaveValidShards) {
  const auto folder = (freshDir("disk_two_processes") / "cache").string();
  const std::size_t n = 400;
  const std::string key = "0123456789abcdef";
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  const std::size_t first = child == 0 ? 0 : 1;  // the child writes even samples, this process odd ones
  {
    std::string error;
    auto disk = DiskCache::open(folder, key, n, error);
    if (!disk) {
      if (child == 0) _exit(2);
      FAIL() << error;
    }
    disk->setShardBytes(64 * 1024);
    for (std::size_t i = first; i < n; i += 2) disk->put(i, syntheticSample(i));
  }  // flushed on destruction
  if (child == 0) _exit(0);
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  std::string error;
  auto disk = DiskCache::open(folder, key, n, error);
  ASSERT_TRUE(disk) << error;
  EXPECT_TRUE(disk->takeMessages().empty());
  EXPECT_EQ(disk->stored(), n);
  for (std::size_t i = 0; i < n; ++i) {
    auto s = disk->get(i);
    ASSERT_TRUE(s) << i;
    EXPECT_EQ(recordOf(*s), recordOf(syntheticSample(i))) << i;
  }
  for (const auto& e : fs::directory_iterator(folder)) EXPECT_EQ(e.path().extension(), ".fbs") << e.path();  // no temporaries
}

// A full disk while a shard is written: the cache says so once, stops writing, leaves no partial shard and
// keeps serving what it completed before; training goes on without it (the loader prepares the rest).
TEST(DiskCache, AFullDiskStopsWritingSaysSoAndLeavesNoPartialShard) {
  const auto folder = (freshDir("disk_full") / "cache").string();
  const std::size_t n = 60;
  const std::string key = "fedcba9876543210";
  std::string error;
  auto disk = DiskCache::open(folder, key, n, error);
  ASSERT_TRUE(disk) << error;
  disk->setShardBytes(32 * 1024);  // about ten samples a shard
  for (std::size_t i = 0; i < 20; ++i) disk->put(i, syntheticSample(i));
  disk->flush();
  const std::size_t before = disk->stored();
  ASSERT_EQ(before, 20u);
  setWriteFaultForTesting(WriteFault{".part", 10000, ENOSPC});
  for (std::size_t i = 20; i < n; ++i) disk->put(i, syntheticSample(i));
  disk->flush();
  setWriteFaultForTesting(std::nullopt);
  const auto messages = disk->takeMessages();
  ASSERT_EQ(messages.size(), 1u);  // said once, not once a sample
  EXPECT_NE(messages[0].find("No space left on device; samples are no longer written to it"), std::string::npos)
      << messages[0];
  EXPECT_NE(messages[0].find(folder), std::string::npos) << messages[0];
  EXPECT_EQ(disk->stored(), before);
  for (std::size_t i = 0; i < before; ++i) EXPECT_TRUE(disk->get(i)) << i;
  for (const auto& e : fs::directory_iterator(folder)) EXPECT_EQ(e.path().extension(), ".fbs") << e.path();
  // The next process, with room again, completes the cache.
  disk.reset();
  auto next = DiskCache::open(folder, key, n, error);
  ASSERT_TRUE(next) << error;
  for (std::size_t i = before; i < n; ++i) next->put(i, syntheticSample(i));
  next->flush();
  EXPECT_EQ(next->stored(), n);
  EXPECT_TRUE(next->takeMessages().empty());
}

TEST(Loader, BatchesAreIdenticalInEveryCacheMode) {
  auto f = load(writeCleanDataset("cache_modes", 5));
  LoaderOptions o = opts(4, 2, 2);
  o.shuffle = true;
  o.augment.enabled = true;
  o.seed = 5;
  const auto key = cacheKey(f.ds, f.pipeline);
  std::string error;
  auto disk = DiskCache::open(cacheFolder(f.ds, key), key, f.ds.size(), error);
  ASSERT_TRUE(disk) << error;
  const auto one = f.pipeline.prepare(f.ds, 0, mediaDecoders()).byteSize();
  Loader none(f.ds, f.pipeline, mediaDecoders(), range(f.ds.size()), o);
  Loader memory(f.ds, f.pipeline, mediaDecoders(), range(f.ds.size()), o, std::make_shared<SampleCache>(f.ds.size()));
  Loader onDisk(f.ds, f.pipeline, mediaDecoders(), range(f.ds.size()), o, nullptr, disk);
  Loader tooSmall(f.ds, f.pipeline, mediaDecoders(), range(f.ds.size()), o, std::make_shared<SampleCache>(f.ds.size(), 2 * one), disk);
  for (int epoch = 0; epoch < 3; ++epoch) {  // epoch 0 fills the caches, later ones read them
    none.startEpoch(epoch);
    memory.startEpoch(epoch);
    EXPECT_TRUE(sameBatches(none, memory)) << "memory, epoch " << epoch;
    none.startEpoch(epoch);
    onDisk.startEpoch(epoch);
    EXPECT_TRUE(sameBatches(none, onDisk)) << "disk, epoch " << epoch;
    none.startEpoch(epoch);
    tooSmall.startEpoch(epoch);
    EXPECT_TRUE(sameBatches(none, tooSmall)) << "memory too small + disk, epoch " << epoch;
  }
  EXPECT_EQ(disk->stored(), f.ds.size());
}

TEST(Loader, AFileThatChangesOrBreaksBetweenEpochsFollowsTheSamplePolicy) {
  const auto dir = writeCleanDataset("changed_file", 3);
  auto f = load(dir);
  auto cache = std::make_shared<SampleCache>(f.ds.size());
  const auto key = cacheKey(f.ds, f.pipeline);
  std::string error;
  auto disk = DiskCache::open(cacheFolder(f.ds, key), key, f.ds.size(), error);
  ASSERT_TRUE(disk) << error;
  Loader loader(f.ds, f.pipeline, mediaDecoders(), {0, 1, 2}, opts(3, 1, 1), cache, disk);
  auto first = loader.next();
  ASSERT_TRUE(first);
  const float before = first->inputs.at("image")[0].mean().item<float>();
  while (loader.next()) {
  }
  // Rewritten with other pixels (and a later modification time): prepared again, not served stale.
  writeGrayPng(dir / "img" / "cat0.png", 12, 10, 250);
  fs::last_write_time(dir / "img" / "cat0.png", fs::last_write_time(dir / "img" / "cat0.png") + std::chrono::seconds(2));
  loader.startEpoch(1);
  auto second = loader.next();
  ASSERT_TRUE(second);
  EXPECT_GT(second->inputs.at("image")[0].mean().item<float>(), before + 0.1f);
  EXPECT_EQ(loader.changed(), std::vector<std::size_t>{0});
  while (loader.next()) {
  }
  {  // the disk cache now serves the new version, also to a new process
    auto reopened = DiskCache::open(cacheFolder(f.ds, key), key, f.ds.size(), error);
    auto fresh = reopened->get(0);
    ASSERT_TRUE(fresh);
    EXPECT_EQ(fresh->sources, f.pipeline.prepare(f.ds, 0, mediaDecoders()).sources);
  }
  // Broken between epochs: the fail policy names row, column, file and reason ...
  truncateFile(dir / "img" / "cat1.png", 0.4);
  loader.startEpoch(2);
  try {
    while (loader.next()) {
    }
    ADD_FAILURE() << "a broken file was served from the cache";
  } catch (const std::runtime_error& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("row 2"), std::string::npos) << what;
    EXPECT_NE(what.find("column 'image'"), std::string::npos) << what;
    EXPECT_NE(what.find("cat1.png"), std::string::npos) << what;
  }
  // ... and the skip policy counts it.
  LoaderOptions skip = opts(3, 1, 1);
  skip.policy = SamplePolicy::Skip;
  Loader skipping(f.ds, f.pipeline, mediaDecoders(), {0, 1, 2}, skip, cache, disk);
  std::size_t used = 0;
  while (auto b = skipping.next()) used += b->samples.size();
  EXPECT_EQ(used, 2u);
  ASSERT_EQ(skipping.skipped().size(), 1u);
  EXPECT_EQ(skipping.skipped()[0].sample, 1u);
}

TEST(Loader, FirstPassStopsTakingSamplesWhenCancelled) {
  auto f = load(writeCleanDataset("visit_cancel", 4));
  std::atomic<bool> cancel{false};
  std::atomic<int> images{0};
  Decoders cancelling{[&](const std::string& p, Image& out, std::string& e) {
                        if (++images == 5) cancel = true;  // while the fifth sample is being prepared
                        return mediaDecoders().image(p, out, e);
                      },
                      mediaDecoders().audio, {}, {}};
  auto cache = std::make_shared<SampleCache>(f.ds.size());
  SampleSource source(f.ds, f.pipeline, cancelling, cache, nullptr);
  std::vector<std::size_t> seen;
  const auto visited = visitInOrder(source, range(f.ds.size()), 1, [&](std::size_t k, const PreparedSample&) { seen.push_back(k); },
                                    &cancel);
  EXPECT_EQ(visited, 5u);  // the sample in hand is finished
  EXPECT_EQ(seen, (std::vector<std::size_t>{0, 1, 2, 3, 4}));
  EXPECT_EQ(cache->filled(), 5u);
  cancel = false;
  EXPECT_EQ(visitInOrder(source, range(f.ds.size()), 2, [](std::size_t, const PreparedSample&) {}, &cancel), f.ds.size());
}

}  // namespace
}  // namespace fusebench::data
