#include "util/files.h"

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>

namespace fusebench {

bool readWholeFile(const std::string& path, std::string& text, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "cannot open '" + path + "'";
    return false;
  }
  std::ostringstream buf;
  buf << in.rdbuf();
  text = buf.str();
  return true;
}

bool commitFile(const std::string& tmp, const std::string& path, std::string& error) {
  const int fd = ::open(tmp.c_str(), O_RDONLY);
  if (fd < 0) {
    error = "cannot open '" + tmp + "'";
    return false;
  }
  const bool synced = ::fsync(fd) == 0;
  ::close(fd);
  if (!synced || std::rename(tmp.c_str(), path.c_str()) != 0) {
    error = "cannot replace '" + path + "'";
    std::remove(tmp.c_str());
    return false;
  }
  return true;
}

bool writeFileAtomic(const std::string& path, const std::string& text, std::string& error) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) {
      error = "cannot write '" + tmp + "'";
      return false;
    }
    out << text;
    out.flush();
    if (!out) {
      error = "writing '" + tmp + "' failed";
      return false;
    }
  }
  return commitFile(tmp, path, error);
}

}  // namespace fusebench
