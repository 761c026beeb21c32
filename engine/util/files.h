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

}  // namespace fusebench
