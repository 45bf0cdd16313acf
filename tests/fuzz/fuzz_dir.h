// A private scratch directory for fuzz targets whose reader takes a path
// (project files, package.yaml's package directory): created once per
// process, removed at exit.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <string>

#include <unistd.h>

namespace mhu::fuzz {

inline const std::string& scratch_dir() {
  // Never destroyed: the exit handler that removes the directory runs after
  // static destructors would have.
  static const std::string* dir = [] {
    auto* d = new std::string((std::filesystem::temp_directory_path() / "mhu-fuzz-XXXXXX").string());
    if (!::mkdtemp(d->data())) std::abort();
    std::atexit([] { std::error_code ec; std::filesystem::remove_all(*dir, ec); });
    return d;
  }();
  return *dir;
}

}  // namespace mhu::fuzz
