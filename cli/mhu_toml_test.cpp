#include "cli/mhu_toml.h"

#include <catch2/catch.hpp>

#include "tests/temp_dir.h"

using namespace mhu::cli;
using mhu::cabal::Diagnostics;
using mhu::cabal::Severity;

namespace {

// Every diagnostic as "LINE:COL: error|warning: message".
std::vector<std::string> lines(const Diagnostics& d) {
  std::vector<std::string> out;
  for (const auto& i : d.items)
    out.push_back(std::to_string(i.pos.line) + ":" + std::to_string(i.pos.col) + ": " +
                  (i.severity == Severity::Error ? "error: " : "warning: ") + i.message);
  return out;
}

}  // namespace

TEST_CASE("mhu.toml: every key", "[mhu_toml]") {
  const char* text = R"(
ghc = "/opt/ghc/9.10/bin/ghc"
front-end = "stack"
targets = ["all", "foo:exe:bar"]
dist-dir = "out/mhu"
ghc-options = ["-Wall", "-Wno-name-shadowing"]
ghci-options = ["-fno-break-on-exception"]

[package.foo]
ghc-options = ["-Werror"]
ghci-options = ["-fdefer-type-errors"]

[unit."foo:exe:bar"]
ghc-options = ["-threaded"]

[package.baz]
ghci-options = []
)";
  MhuToml t;
  Diagnostics d;
  REQUIRE(parse_mhu_toml(text, "/p/mhu.toml", t, d));
  CHECK(d.items.empty());
  CHECK(t.file == "/p/mhu.toml");
  CHECK(t.ghc == "/opt/ghc/9.10/bin/ghc");
  CHECK(t.front_end == "stack");
  CHECK(t.targets == std::vector<std::string>{"all", "foo:exe:bar"});
  CHECK(t.dist_dir == "out/mhu");
  CHECK(t.all.ghc_options == std::vector<std::string>{"-Wall", "-Wno-name-shadowing"});
  CHECK(t.all.ghci_options == std::vector<std::string>{"-fno-break-on-exception"});
  REQUIRE(t.packages.size() == 2);
  CHECK(t.packages["foo"].ghc_options == std::vector<std::string>{"-Werror"});
  CHECK(t.packages["foo"].ghci_options == std::vector<std::string>{"-fdefer-type-errors"});
  CHECK(t.packages["foo"].pos.line == 9);
  CHECK(t.packages["baz"].ghci_options.empty());
  REQUIRE(t.units.size() == 1);
  CHECK(t.units["foo:exe:bar"].ghc_options == std::vector<std::string>{"-threaded"});
  CHECK(t.units["foo:exe:bar"].pos.line == 13);
}

TEST_CASE("mhu.toml: empty file and dotted keys", "[mhu_toml]") {
  MhuToml t;
  Diagnostics d;
  REQUIRE(parse_mhu_toml("", "mhu.toml", t, d));
  CHECK(d.items.empty());
  CHECK(t.ghc.empty());
  CHECK(t.targets.empty());
  REQUIRE(parse_mhu_toml("package.foo.ghc-options = [\"-O2\"]\n", "mhu.toml", t, d));
  CHECK(t.packages["foo"].ghc_options == std::vector<std::string>{"-O2"});
}

TEST_CASE("mhu.toml: unknown keys are warnings at their line", "[mhu_toml]") {
  MhuToml t;
  Diagnostics d;
  REQUIRE(parse_mhu_toml("ghc = \"ghc-9.10\"\nghc-option = [\"-Wall\"]\n\n[package.foo]\nghc-opts = []\n"
                         "[unit.\"foo:lib\"]\nflags = \"+dev\"\n",
                         "mhu.toml", t, d));
  auto l = lines(d);
  REQUIRE(l.size() == 3);
  CHECK(l[0].rfind("2:1: warning: unknown key `ghc-option`", 0) == 0);
  CHECK(l[1].rfind("5:1: warning: unknown key `package.foo.ghc-opts` (known: ghc-options, ghci-options)", 0) == 0);
  CHECK(l[2].rfind("7:1: warning: unknown key `unit.foo:lib.flags`", 0) == 0);
  CHECK(t.ghc == "ghc-9.10");
}

TEST_CASE("mhu.toml: values of the wrong type are errors at their line", "[mhu_toml]") {
  struct Case {
    const char* text;
    const char* expected;
  } cases[] = {
      {"ghc = 9\n", "1:7: error: `ghc` must be a string, not an integer"},
      {"ghc = \"\"\n", "1:7: error: `ghc` must not be empty"},
      {"\nfront-end = \"nix\"\n", "2:13: error: `front-end` must be \"cabal\" or \"stack\", not \"nix\""},
      {"front-end = true\n", "1:13: error: `front-end` must be a string, not a boolean"},
      {"targets = \"all\"\n", "1:11: error: `targets` must be an array of strings, not a string"},
      {"targets = [\"all\", 3]\n", "1:19: error: `targets` must be an array of strings; this element is an integer"},
      {"targets = [\"\"]\n", "1:11: error: `targets` must not contain an empty string"},
      {"dist-dir = [\"x\"]\n", "1:12: error: `dist-dir` must be a string, not an array"},
      {"ghc-options = \"-Wall\"\n", "1:15: error: `ghc-options` must be an array of strings, not a string"},
      {"ghci-options = [1.5]\n", "1:17: error: `ghci-options` must be an array of strings; this element is a number"},
      {"package = 1\n", "1:11: error: `package` must be a table of tables, not an integer"},
      {"[package]\nfoo = \"-Wall\"\n", "2:7: error: `package.foo` must be a table (with ghc-options, ghci-options), not a string"},
      {"[package.foo]\n\nghc-options = [\"-Wall\", {}]\n",
       "3:25: error: `package.foo.ghc-options` must be an array of strings; this element is a table"},
      {"[unit.\"foo:exe:bar\"]\nghci-options = false\n",
       "2:16: error: `unit.foo:exe:bar.ghci-options` must be an array of strings, not a boolean"},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    MhuToml t;
    Diagnostics d;
    CHECK_FALSE(parse_mhu_toml(c.text, "mhu.toml", t, d));
    auto l = lines(d);
    REQUIRE(l.size() == 1);
    CHECK(l[0] == c.expected);
  }
}

TEST_CASE("mhu.toml: TOML syntax errors are errors at their line", "[mhu_toml]") {
  const char* bad[] = {"ghc = \n", "ghc = \"a\"\nghc = \"b\"\n", "[package.foo\n", "targets = [\"a\",\n\n",
                       "\n\nx = 'unterminated\n"};
  for (const char* text : bad) {
    INFO(text);
    MhuToml t;
    Diagnostics d;
    CHECK_FALSE(parse_mhu_toml(text, "mhu.toml", t, d));
    REQUIRE(d.items.size() == 1);
    CHECK(d.items[0].severity == Severity::Error);
    CHECK(d.items[0].pos.line >= 1);
    CHECK(d.items[0].message.rfind("TOML syntax: ", 0) == 0);
  }
  MhuToml t;
  Diagnostics d;
  CHECK_FALSE(parse_mhu_toml("ghc = \"a\"\nghc = \"b\"\n", "mhu.toml", t, d));
  CHECK(d.items[0].pos.line == 2);
}

TEST_CASE("mhu.toml: read from a directory, absent is fine", "[mhu_toml]") {
  mhu::test::TempDir dir;
  MhuToml t;
  Diagnostics d;
  REQUIRE(read_mhu_toml(dir.str(), t, d));
  CHECK(t.file.empty());
  dir.file("mhu.toml", "dist-dir = \"d\"\n");
  REQUIRE(read_mhu_toml(dir.str(), t, d));
  CHECK(t.file == dir.str() + "/mhu.toml");
  CHECK(t.dist_dir == "d");
  std::filesystem::create_directory(dir.path / "sub");
  std::filesystem::create_directory(dir.path / "sub" / "mhu.toml");  // a directory: cannot be read
  MhuToml u;
  CHECK_FALSE(read_mhu_toml(dir.str() + "/sub", u, d));
}
