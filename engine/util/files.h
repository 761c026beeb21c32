#pragma once
// Whole-file reads and crash-safe writes, shared by everything that loads or saves a file.
#include <string>

namespace fusebench {

// Reads the whole file; false (with `error` = "cannot open '<path>'") when it cannot be opened.
bool readWholeFile(const std::string& path, std::string& text, std::string& error);

// Replaces `path` atomically: writes `path.tmp`, flushes it to disk (fsync), renames it over `path`.
// A crash at any moment leaves either the old file or the new one, never a torn one.
bool writeFileAtomic(const std::string& path, const std::string& text, std::string& error);

// The last two steps of writeFileAtomic, for files written by other means (e.g. torch archives).
bool commitFile(const std::string& tmp, const std::string& path, std::string& error);

}  // namespace fusebench
