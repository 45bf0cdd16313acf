#include "responsefiles/dist_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace mhu::responsefiles {

namespace fs = std::filesystem;

bool DistLock::acquire(const std::string& dist_dir, std::string& error, bool* waited) {
  release();
  if (waited) *waited = false;
  std::error_code ec;
  fs::create_directories(dist_dir, ec);
  if (ec) return error = "cannot create the directory " + dist_dir + ": " + ec.message(), false;
  std::string path = dist_dir + "/.lock";
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0666);
  if (fd < 0) return error = "cannot open " + path + ": " + std::strerror(errno), false;
  int r = ::flock(fd, LOCK_EX | LOCK_NB);
  if (r != 0 && errno == EWOULDBLOCK) {
    if (waited) *waited = true;
    do r = ::flock(fd, LOCK_EX);
    while (r != 0 && errno == EINTR);
  }
  // A file system without flock (some network mounts): go on unlocked rather
  // than refuse to work; the writes themselves are still atomic.
  if (r != 0 && errno != ENOLCK && errno != EOPNOTSUPP) {
    int e = errno;
    ::close(fd);
    return error = "cannot lock " + path + ": " + std::strerror(e), false;
  }
  fd_ = fd;
  marker_ = dist_dir + "/.writing";
  interrupted_ = fs::exists(marker_, ec);
  if (!interrupted_) {
    int m = ::open(marker_.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0666);
    if (m >= 0) ::close(m);
  }
  return true;
}

void DistLock::release() {
  if (fd_ < 0) return;
  ::unlink(marker_.c_str());
  ::close(fd_);  // drops the lock
  fd_ = -1;
  interrupted_ = false;
}

}  // namespace mhu::responsefiles
