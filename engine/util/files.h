#pragma once
// Whole-file reads and crash-safe writes, shared by everything that loads or saves a file.
#include <cstddef>
#include <optional>
#include <string>

namespace fusebench {

// Reads the whole file; false (with `error` = "cannot open '<path>'") when it cannot be opened.
bool readWholeFile(const std::string& path, std::string& text, std::string& error);

// Replaces `path` atomically: writes `path.tmp`, flushes it to disk (fsync), renames it over `path`.
// A crash at any moment leaves either the old file or the new one, never a torn one. On a full disk, an I/O
// error or a permission error: false, `error` = "cannot write '<path>': <the system's reason>", the temporary
// removed and the previous file untouched.
// `keepPreviousAs`: when not empty, the file being replaced is kept under this name (a fallback should the new
// one turn out unreadable), where the file system allows hard links.
bool writeFileAtomic(const std::string& path, const std::string& bytes, std::string& error,
                     const std::string& keepPreviousAs = {});

// Writes `path` in place, checking every write and the close: for the many small files an import or an example
// dataset generates, where an fsync and a rename each would cost more than the file. On failure: false, `error`
// as above, and the partial file removed (a later validation would otherwise find a torn image).
bool writeFile(const std::string& path, const std::string& bytes, std::string& error);

// True when the file system holding `path` (a file or folder) has no block left for us: for files that other
// programs wrote (espeak-ng's speech) and that are cut short without the program saying so.
bool noSpaceLeftAt(const std::string& path);

// The last two steps of writeFileAtomic, for files written by other means; removes `tmp` when it fails.
bool commitFile(const std::string& tmp, const std::string& path, std::string& error);

// Tests: writes to a path containing `path_contains` fail with `error` (ENOSPC, EIO, ...) once more than
// `after_bytes` bytes would have been written. std::nullopt turns it off.
struct WriteFault {
  std::string path_contains;
  std::size_t after_bytes = 0;
  int error = 0;
};
void setWriteFaultForTesting(std::optional<WriteFault> fault);

// For writers that do not go through writeFileAtomic (the disk cache's shards): the errno a write of `bytes`
// more bytes to `path`, `writtenSoFar` bytes in, must fail with under the test fault; 0 almost always.
int injectedWriteError(const std::string& path, std::size_t writtenSoFar, std::size_t bytes);

}  // namespace fusebench
