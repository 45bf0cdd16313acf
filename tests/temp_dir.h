// A fresh directory under /tmp for one test, removed afterwards, with helpers
// to lay out project trees in it.
#pragma once

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace mhu::test {

struct TempDir {
  std::filesystem::path path;
  TempDir() {
    char tmpl[] = "/tmp/mhu_test_XXXXXX";
    path = std::filesystem::canonical(mkdtemp(tmpl));
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  // Write `text` to the file `rel` (creating its directories); its full path.
  std::string file(const std::string& rel, const std::string& text = "") {
    std::filesystem::create_directories((path / rel).parent_path());
    std::ofstream(path / rel) << text;
    return (path / rel).string();
  }
  std::string dir(const std::string& rel) {
    std::filesystem::create_directories(path / rel);
    return (path / rel).string();
  }
  std::string str() const { return path.string(); }
};

}  // namespace mhu::test
