#include "planner/cache_file.h"

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include "cabal/file_io.h"

#if defined(__unix__) || defined(__APPLE__)
#include <signal.h>
#include <unistd.h>
#endif

namespace mhu::planner {

namespace fs = std::filesystem;

bool read_whole_file(const std::string& path, std::string& out) {
  std::string why;
  return cabal::read_regular_file(path, out, why);
}

namespace {

std::string temp_name(const std::string& path) {
  static std::atomic<unsigned> counter{0};
  long pid = 0;
#if defined(__unix__) || defined(__APPLE__)
  pid = static_cast<long>(getpid());
#endif
  return path + ".tmp" + std::to_string(pid) + "-" + std::to_string(counter++);
}

}  // namespace

bool write_file_atomic(const std::string& path, std::string_view text) {
  std::error_code ec;
  fs::path parent = fs::path(path).parent_path();
  if (!parent.empty()) fs::create_directories(parent, ec);
  std::string tmp = temp_name(path);
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return false;
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.close();
    if (!out) {
      fs::remove(tmp, ec);
      return false;
    }
  }
  fs::rename(tmp, path, ec);
  if (ec) {
    fs::remove(tmp, ec);
    return false;
  }
  return true;
}

int remove_dead_temp_files(const std::string& dir) {
  int removed = 0;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    size_t at = name.rfind(".tmp");
    if (at == std::string::npos) continue;
    std::string rest = name.substr(at + 4);
    size_t dash = rest.find('-');
    if (dash == 0 || dash == std::string::npos || rest.find_first_not_of("0123456789-") != std::string::npos) continue;
    long pid = std::atol(rest.substr(0, dash).c_str());
#if defined(__unix__) || defined(__APPLE__)
    if (pid <= 0 || (::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH)) {
#else
    if (pid <= 0) {
#endif
      std::error_code e;
      if (fs::remove(it->path(), e)) ++removed;
    }
  }
  return removed;
}

std::string hash_hex(std::string_view s) {
  std::uint64_t h = 14695981039346656037ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

std::string file_stamp(const std::string& path) {
  std::error_code ec;
  auto status = fs::status(path, ec);
  if (ec || !fs::exists(status)) return "";
  auto t = fs::last_write_time(path, ec);
  if (ec) return "";
  auto sys = std::chrono::file_clock::to_sys(t);  // nanoseconds since 1970
  auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(sys.time_since_epoch()).count();
  std::uintmax_t size = fs::is_regular_file(status) ? fs::file_size(path, ec) : 0;
  if (ec) size = 0;
  return std::to_string(ns) + ":" + std::to_string(size);
}

}  // namespace mhu::planner
