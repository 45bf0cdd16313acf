// One writer at a time in a project's dist-mhu/: two mhu runs started together
// in one project (two editors, `mhu repl` in two terminals) would otherwise
// run the same preprocessor into the same output or remove each other's files.
// An advisory lock (flock) on dist-mhu/.lock, held only while files are
// generated, never while GHC runs, so a long GHCi session blocks no one.
// The kernel drops it when the holder dies, however it dies.
//
// A run killed while writing leaves dist-mhu/.writing behind: the next run
// that takes the lock sees it and removes the temporary files the killed run
// left (write_if_changed's NAME.tmp-PID-N).
#pragma once

#include <string>

namespace mhu::responsefiles {

class DistLock {
 public:
  DistLock() = default;
  DistLock(const DistLock&) = delete;
  DistLock& operator=(const DistLock&) = delete;
  ~DistLock() { release(); }

  // Lock `dist_dir` (created when missing), waiting while another process
  // holds it; `waited` tells whether it had to. False, with `error` naming
  // the file and the OS error, when the lock file cannot be made.
  bool acquire(const std::string& dist_dir, std::string& error, bool* waited = nullptr);
  // Whether the last writer in dist_dir was killed before it finished (then
  // the caller cleans up, see remove_temp_files). Valid after acquire.
  bool previous_run_interrupted() const { return interrupted_; }
  // The writes are done: clear the marker and unlock.
  void release();

 private:
  int fd_ = -1;
  bool interrupted_ = false;
  std::string marker_;
};

}  // namespace mhu::responsefiles
