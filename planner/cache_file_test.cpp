#include "planner/cache_file.h"
#include "tests/temp_dir.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

using namespace mhu::planner;
namespace fs = std::filesystem;

using mhu::test::TempDir;


TEST_CASE("write_file_atomic creates directories and replaces files", "[planner]") {
  TempDir t;
  std::string file = (t.path / "sub" / "dir" / "f.txt").string();
  REQUIRE(write_file_atomic(file, "one"));
  std::string text;
  REQUIRE(read_whole_file(file, text));
  CHECK(text == "one");
  REQUIRE(write_file_atomic(file, std::string("two\0three", 9)));
  REQUIRE(read_whole_file(file, text));
  CHECK(text == std::string("two\0three", 9));
  int files = 0;
  for (auto& e : fs::directory_iterator(t.path / "sub" / "dir")) files += e.is_regular_file();
  CHECK(files == 1);  // no temporary left behind
}

TEST_CASE("write_file_atomic fails where it cannot write", "[planner]") {
  TempDir t;
  write_file_atomic((t.path / "plain").string(), "x");
  CHECK_FALSE(write_file_atomic((t.path / "plain" / "f.txt").string(), "y"));
  std::string text;
  CHECK_FALSE(read_whole_file((t.path / "missing").string(), text));
}

TEST_CASE("hash_hex is FNV-1a 64 in 16 hex digits", "[planner]") {
  CHECK(hash_hex("") == "cbf29ce484222325");
  CHECK(hash_hex("a") == "af63dc4c8601ec8c");
  CHECK(hash_hex("/usr/bin/ghc") != hash_hex("/usr/bin/ghc2"));
}

TEST_CASE("file_stamp changes with the file and is empty for a missing one", "[planner]") {
  TempDir t;
  std::string f = (t.path / "f").string();
  CHECK(file_stamp(f).empty());
  write_file_atomic(f, "abc");
  std::string s1 = file_stamp(f);
  CHECK(s1.size() > 4);
  CHECK(s1.substr(s1.size() - 2) == ":3");
  fs::last_write_time(f, fs::last_write_time(f) + std::chrono::seconds(5));
  CHECK(file_stamp(f) != s1);
  CHECK_FALSE(file_stamp(t.path.string()).empty());
}

TEST_CASE("remove_dead_temp_files removes what killed writers left, not live writers' files", "[planner]") {
  TempDir t;
  std::string dir = t.path.string();
  REQUIRE(write_file_atomic(dir + "/ghc-info-1.txt", "x"));
  // A PID above the kernel's maximum (4194304) is no running process.
  std::ofstream(dir + "/ghc-info-1.txt.tmp99999999-0") << "half";
  std::string live = dir + "/ghc-info-1.txt.tmp" + std::to_string(::getpid()) + "-1";
  std::ofstream(live) << "being written";
  CHECK(remove_dead_temp_files(dir) == 1);
  CHECK(fs::exists(dir + "/ghc-info-1.txt"));
  CHECK(fs::exists(live));
  CHECK_FALSE(fs::exists(dir + "/ghc-info-1.txt.tmp99999999-0"));
}
