#include "cabal/file_io.h"

#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "tests/temp_dir.h"

using namespace mhu::cabal;
using mhu::test::TempDir;

TEST_CASE("read_regular_file reads files and refuses what is not one, without waiting", "[cabal]") {
  TempDir t;
  std::string text, error;
  std::string f = t.file("a.cabal", "name: a\n");
  REQUIRE(read_regular_file(f, text, error));
  CHECK(text == "name: a\n");
  REQUIRE(read_regular_file(f, text, error, 4));
  CHECK(text == "name");
  CHECK(why_not_a_file(f).empty());

  CHECK_FALSE(read_regular_file(t.str(), text, error));
  CHECK(error == "it is a directory");
  CHECK(why_not_a_file(t.str()) == "is a directory");

  std::string fifo = t.str() + "/pipe.cabal";
  REQUIRE(::mkfifo(fifo.c_str(), 0644) == 0);
  CHECK_FALSE(read_regular_file(fifo, text, error));  // returns at once: no writer is waited for
  CHECK(error == "it is not a regular file");
  CHECK(why_not_a_file(fifo) == "is not a regular file");

  CHECK_FALSE(read_regular_file(t.str() + "/missing", text, error));
  CHECK(error == "No such file or directory");
  CHECK(why_not_a_file(t.str() + "/missing") == "does not exist");
}
