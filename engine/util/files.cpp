#include "util/files.h"

#include <fcntl.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>

namespace fusebench {

namespace {

std::mutex faultMutex;
std::optional<WriteFault> fault;  // tests only: see setWriteFaultForTesting
std::atomic<bool> faultSet{false};  // lets every write outside tests skip the lock

std::string reason(int error) { return std::strerror(error); }

// Writes every byte (retrying short writes and EINTR); 0 or the errno that stopped it.
int writeAll(int fd, const std::string& path, const char* data, std::size_t size) {
  std::size_t done = 0;
  while (done < size) {
    const std::size_t chunk = std::min<std::size_t>(size - done, std::size_t{1} << 24);
    if (const int injected = injectedWriteError(path, done, chunk)) return injected;
    const ssize_t n = ::write(fd, data + done, chunk);
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    if (n == 0) return EIO;
    done += static_cast<std::size_t>(n);
  }
  return 0;
}

// Creates `file` and writes every byte of `bytes` into it, flushed to disk when `durable`; 0 or the errno that
// stopped it (the file is left for the caller to remove). The shared first steps of writeFile and
// writeFileAtomic.
int createAndWrite(const std::string& file, const std::string& bytes, bool durable) {
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return errno;
  int failed = writeAll(fd, file, bytes.data(), bytes.size());
  if (!failed && durable && ::fsync(fd) != 0) failed = errno;  // a full disk may only show here (delayed allocation)
  if (::close(fd) != 0 && !failed) failed = errno;
  return failed;
}

// Makes the rename itself durable: a crash after commit must not bring the old file back.
void syncFolderOf(const std::string& path) {
  const std::string dir = std::filesystem::path(path).parent_path().string();
  const int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) return;
  ::fsync(fd);  // best effort: some file systems refuse fsync on folders
  ::close(fd);
}

}  // namespace

void setWriteFaultForTesting(std::optional<WriteFault> f) {
  std::lock_guard lock(faultMutex);
  fault = std::move(f);
  faultSet = fault.has_value();
}

int injectedWriteError(const std::string& path, std::size_t writtenSoFar, std::size_t bytes) {
  if (!faultSet.load(std::memory_order_relaxed)) return 0;
  std::lock_guard lock(faultMutex);
  if (!fault || path.find(fault->path_contains) == std::string::npos) return 0;
  return writtenSoFar + bytes > fault->after_bytes ? fault->error : 0;
}

bool readWholeFile(const std::string& path, std::string& text, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "cannot open '" + path + "'";
    return false;
  }
  // Sized once and read in place: a 90 MB manifest costs 90 MB here, not the two or three copies a
  // stringstream makes. Files whose size is unknown (pipes) are read in chunks.
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  in.seekg(0, std::ios::beg);
  text.clear();
  if (size > 0) {
    text.resize(static_cast<std::size_t>(size));
    in.read(text.data(), size);
    text.resize(static_cast<std::size_t>(std::max<std::streamsize>(0, in.gcount())));
  } else {
    in.clear();
    std::ostringstream buf;
    buf << in.rdbuf();
    text = buf.str();
  }
  if (in.bad()) {
    error = "cannot read '" + path + "'";
    return false;
  }
  return true;
}

bool commitFile(const std::string& tmp, const std::string& path, std::string& error) {
  const int fd = ::open(tmp.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    error = "cannot write '" + path + "': " + reason(errno);
    std::remove(tmp.c_str());
    return false;
  }
  int failed = ::fsync(fd) == 0 ? 0 : errno;
  ::close(fd);
  if (!failed && std::rename(tmp.c_str(), path.c_str()) != 0) failed = errno;
  if (failed) {
    error = "cannot write '" + path + "': " + reason(failed);
    std::remove(tmp.c_str());
    return false;
  }
  syncFolderOf(path);
  return true;
}

bool noSpaceLeftAt(const std::string& path) {
  struct statvfs s {};
  return ::statvfs(path.c_str(), &s) == 0 && s.f_bavail == 0;
}

bool writeFile(const std::string& path, const std::string& bytes, std::string& error) {
  if (const int failed = createAndWrite(path, bytes, /*durable=*/false)) {
    std::remove(path.c_str());
    error = "cannot write '" + path + "': " + reason(failed);
    return false;
  }
  return true;
}

bool writeFileAtomic(const std::string& path, const std::string& bytes, std::string& error,
                     const std::string& keepPreviousAs) {
  const std::string tmp = path + ".tmp";
  int failed = createAndWrite(tmp, bytes, /*durable=*/true);
  // The old file becomes the fallback only once the new one is safely on disk. A hard link, so that `path`
  // exists at every moment; renaming the temporary over it then replaces it atomically.
  // Best effort: on a file system without hard links the new file is still written, only without a fallback.
  if (!failed && !keepPreviousAs.empty() && ::access(path.c_str(), F_OK) == 0) {
    std::remove(keepPreviousAs.c_str());
    (void)::link(path.c_str(), keepPreviousAs.c_str());
  }
  if (!failed && std::rename(tmp.c_str(), path.c_str()) != 0) failed = errno;
  if (failed) {
    std::remove(tmp.c_str());  // the previous file, if any, is untouched
    error = "cannot write '" + path + "': " + reason(failed);
    return false;
  }
  syncFolderOf(path);
  return true;
}

}  // namespace fusebench
