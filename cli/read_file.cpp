#include <cerrno>
#include <cstdio>
#include <cstring>

#include "cli/commands.h"

namespace mhu::cli {

bool read_file(const std::string& path, std::string& out, std::string& error) {
  FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) {
    error = path + ": error: cannot open: " + std::strerror(errno);
    return false;
  }
  out.clear();
  char buf[65536];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
  bool bad = std::ferror(f);
  int e = errno;
  std::fclose(f);
  if (bad) {
    error = path + ": error: cannot read: " + std::strerror(e);
    return false;
  }
  return true;
}

}  // namespace mhu::cli
