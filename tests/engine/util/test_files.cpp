// Crash-safe writes on a full disk, an I/O error and a missing folder, with the tests' fault-injecting writer
// (util/files.h); the same faults on a real full file system are in tests/reliability.
#include <gtest/gtest.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "util/files.h"
#include "util/sha256.h"

namespace fusebench {
namespace {

namespace fs = std::filesystem;

fs::path freshDir(const std::string& name) {
  const auto d = fs::temp_directory_path() / ("fusebench_files_" + name);
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

std::string contents(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

bool anyTemporaryIn(const fs::path& dir) {
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".tmp") return true;
  return false;
}

// Turns the fault off however the test ends.
struct FaultScope {
  explicit FaultScope(WriteFault f) { setWriteFaultForTesting(std::move(f)); }
  ~FaultScope() { setWriteFaultForTesting(std::nullopt); }
};

TEST(WriteFileAtomic, AFullDiskOrAnIoErrorKeepsThePreviousFileAndNamesTheReason) {
  const auto dir = freshDir("atomic");
  const std::string path = (dir / "state.json").string();
  std::string error;
  ASSERT_TRUE(writeFileAtomic(path, "old contents", error)) << error;
  for (const auto& [code, reason] : {std::pair{ENOSPC, "No space left on device"}, std::pair{EIO, "Input/output error"}}) {
    FaultScope fault(WriteFault{"state.json", 4, code});
    EXPECT_FALSE(writeFileAtomic(path, std::string(100, 'n'), error));
    EXPECT_EQ(error, "cannot write '" + path + "': " + reason);
    EXPECT_EQ(contents(path), "old contents");
    EXPECT_FALSE(anyTemporaryIn(dir));
  }
  // A write that fits below the fault's threshold is not affected; the fault is per path.
  {
    FaultScope fault(WriteFault{"state.json", 1000, ENOSPC});
    EXPECT_TRUE(writeFileAtomic(path, "short", error)) << error;
    EXPECT_TRUE(writeFileAtomic((dir / "other.json").string(), std::string(5000, 'o'), error)) << error;
  }
  EXPECT_EQ(contents(path), "short");
}

TEST(WriteFileAtomic, KeepsThePreviousVersionOnlyOnceTheNewOneIsWritten) {
  const auto dir = freshDir("keep");
  const std::string path = (dir / "last.pt").string(), previous = path + ".previous";
  std::string error;
  ASSERT_TRUE(writeFileAtomic(path, "one", error, previous));
  EXPECT_FALSE(fs::exists(previous));  // nothing to keep yet
  ASSERT_TRUE(writeFileAtomic(path, "two", error, previous));
  EXPECT_EQ(contents(previous), "one");
  {
    FaultScope fault(WriteFault{"last.pt", 0, ENOSPC});
    EXPECT_FALSE(writeFileAtomic(path, "three", error, previous));
  }
  EXPECT_EQ(contents(path), "two");      // untouched
  EXPECT_EQ(contents(previous), "one");  // and the fallback not replaced by a failed write
}

TEST(WriteFileAtomic, AMissingFolderOrAFileInTheWayIsNamed) {
  const auto dir = freshDir("missing");
  std::string error;
  EXPECT_FALSE(writeFileAtomic((dir / "no_such_folder" / "x.json").string(), "x", error));
  EXPECT_NE(error.find("no_such_folder/x.json': No such file or directory"), std::string::npos) << error;
  std::ofstream(dir / "plain_file") << "x";
  EXPECT_FALSE(writeFileAtomic((dir / "plain_file" / "x.json").string(), "x", error));
  EXPECT_NE(error.find("plain_file/x.json': Not a directory"), std::string::npos) << error;
}

TEST(WriteFile, AFailedWriteLeavesNoPartialFile) {
  const auto dir = freshDir("plain");
  const std::string path = (dir / "img.png").string();
  std::string error;
  ASSERT_TRUE(writeFile(path, "complete", error)) << error;
  EXPECT_EQ(contents(path), "complete");
  FaultScope fault(WriteFault{"img.png", 3, ENOSPC});
  EXPECT_FALSE(writeFile(path, "a longer image", error));
  EXPECT_EQ(error, "cannot write '" + path + "': No space left on device");
  EXPECT_FALSE(fs::exists(path));  // in place, so a failure cannot keep the old file: it removes the torn one
}

TEST(InjectedWriteError, MatchesOnlyItsPathAndOnlyPastItsThreshold) {
  EXPECT_EQ(injectedWriteError("a/shard.part", 0, 1 << 20), 0);  // no fault set
  FaultScope fault(WriteFault{".part", 100, EIO});
  EXPECT_EQ(injectedWriteError("a/shard.part", 0, 100), 0);
  EXPECT_EQ(injectedWriteError("a/shard.part", 50, 51), EIO);
  EXPECT_EQ(injectedWriteError("a/other.bin", 50, 51), 0);
}

// FIPS 180-4's examples, a message that spans the padding boundary, and a file read in chunks (sha256sum's digest).
TEST(Sha256, MatchesTheStandardsExamples) {
  EXPECT_EQ(sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  Sha256 pieces;  // fed in odd pieces, a million 'a's
  const std::string chunk(997, 'a');
  std::size_t left = 1000000;
  while (left > 0) {
    const std::size_t n = std::min(left, chunk.size());
    pieces.update(chunk.data(), n);
    left -= n;
  }
  EXPECT_EQ(pieces.hexDigest(), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256, OfAFileEqualsOfItsBytes) {
  const auto path = std::filesystem::temp_directory_path() / "fusebench_sha256_test.bin";
  std::string bytes;
  for (int i = 0; i < 200000; ++i) bytes += static_cast<char>(i * 7 % 251);
  { std::ofstream(path, std::ios::binary) << bytes; }
  std::string hex, error;
  ASSERT_TRUE(sha256File(path.string(), hex, error)) << error;
  EXPECT_EQ(hex, sha256Hex(bytes));
  std::filesystem::remove(path);
  EXPECT_FALSE(sha256File(path.string(), hex, error));
  EXPECT_NE(error.find("cannot read"), std::string::npos) << error;
}

}  // namespace
}  // namespace fusebench
