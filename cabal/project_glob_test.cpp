#include "cabal/project_glob.h"
#include "tests/temp_dir.h"

#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

using namespace mhu::cabal::project_detail;
namespace fs = std::filesystem;

using mhu::test::TempDir;

namespace {

GlobPieces pieces(std::string_view component) {
  RootedGlob g;
  REQUIRE(parse_glob(component, g));
  REQUIRE(g.components.size() == 1);
  return g.components[0];
}

std::vector<std::string> sorted_matches(const std::string& glob, const std::string& root) {
  RootedGlob g;
  REQUIRE(parse_glob(glob, g));
  auto m = match_glob(g, root, "/nonexistent-home");
  std::sort(m.begin(), m.end());
  return m;
}

}  // namespace

TEST_CASE("glob syntax: components, trailing slash, roots", "[project]") {
  RootedGlob g;
  REQUIRE(parse_glob("pkgs/*/foo.cabal", g));
  CHECK(g.root == RootedGlob::Root::Relative);
  CHECK(g.components.size() == 3);
  CHECK_FALSE(g.trailing_dir);
  CHECK_FALSE(is_trivial_glob(g));

  REQUIRE(parse_glob("foo/", g));
  CHECK(g.components.size() == 1);
  CHECK(g.trailing_dir);
  CHECK(is_trivial_glob(g));

  REQUIRE(parse_glob("/abs/dir", g));
  CHECK(g.root == RootedGlob::Root::Absolute);
  CHECK(is_trivial_glob(g));

  REQUIRE(parse_glob("~/src/x", g));
  CHECK(g.root == RootedGlob::Root::Home);
  CHECK_FALSE(is_trivial_glob(g));

  REQUIRE(parse_glob(".", g));
  CHECK(is_trivial_glob(g));
  REQUIRE(parse_glob("../other", g));
  CHECK(is_trivial_glob(g));
  REQUIRE(parse_glob("a\\*b", g));  // an escaped star is literal
  CHECK(is_trivial_glob(g));
  REQUIRE(parse_glob("a\\b", g));  // a backslash not before a special char separates
  CHECK(g.components.size() == 2);
}

TEST_CASE("glob syntax: what is not a glob", "[project]") {
  RootedGlob g;
  CHECK_FALSE(parse_glob("", g));
  CHECK_FALSE(parse_glob("a//b", g));
  CHECK_FALSE(parse_glob("{a,b", g));
  CHECK_FALSE(parse_glob("{,a}", g));
  CHECK_FALSE(parse_glob("a,b", g));
  CHECK_FALSE(parse_glob("a}", g));
}

TEST_CASE("glob pieces: wildcards, unions, dot files", "[project]") {
  CHECK(match_glob_pieces(pieces("*.cabal"), "foo.cabal"));
  CHECK_FALSE(match_glob_pieces(pieces("*.cabal"), ".foo.cabal"));
  CHECK_FALSE(match_glob_pieces(pieces("*.cabal"), ".cabal"));
  CHECK_FALSE(match_glob_pieces(pieces("*.cabal"), "foo.cabal.orig"));
  CHECK(match_glob_pieces(pieces("*"), "anything"));
  CHECK_FALSE(match_glob_pieces(pieces("*"), "."));
  CHECK_FALSE(match_glob_pieces(pieces("*"), ".."));
  CHECK(match_glob_pieces(pieces("{a,b}x"), "bx"));
  CHECK_FALSE(match_glob_pieces(pieces("{a,b}x"), "cx"));
  CHECK(match_glob_pieces(pieces("p-{*,core}"), "p-extra"));
  CHECK(match_glob_pieces(pieces("a*b*c"), "aXXbYc"));
  CHECK_FALSE(match_glob_pieces(pieces("a*b*c"), "aXXbY"));
  CHECK(match_glob_pieces(pieces("?"), "?"));  // no '?' wildcard in cabal's globs
  CHECK_FALSE(match_glob_pieces(pieces("?"), "x"));
}

TEST_CASE("glob matching on a directory tree", "[project]") {
  TempDir t;
  t.file("a/a.cabal");
  t.file("b/b.cabal");
  t.file("b/README");
  t.dir("c");
  t.file(".hidden/h.cabal");
  t.file("top.cabal");
  std::string root = t.path.string();

  CHECK(sorted_matches("*/", root) == std::vector<std::string>{"a", "b", "c"});
  CHECK(sorted_matches("*/*.cabal", root) == std::vector<std::string>{"a/a.cabal", "b/b.cabal"});
  CHECK(sorted_matches("{a,c}", root) == std::vector<std::string>{"a", "c"});
  CHECK(sorted_matches("*.cabal", root) == std::vector<std::string>{"top.cabal"});
  CHECK(sorted_matches(".", root) == std::vector<std::string>{"."});
  CHECK(sorted_matches("./a", root) == std::vector<std::string>{"./a"});
  CHECK(sorted_matches("a/", root) == std::vector<std::string>{"a"});
  CHECK(sorted_matches("nope/*.cabal", root).empty());
  CHECK(sorted_matches("nope", root).empty());
  CHECK(sorted_matches(".hidden/*.cabal", root) == std::vector<std::string>{".hidden/h.cabal"});
  // Absolute globs give absolute paths.
  CHECK(sorted_matches(root + "/*/a.cabal", root) == std::vector<std::string>{root + "/a/a.cabal"});
}

TEST_CASE("glob matching is polynomial; huge or deeply nested globs are not globs", "[project]") {
  // Plain backtracking takes C(200, 40) steps here.
  std::string many = "a";
  for (int i = 0; i < 40; ++i) many += "*a";
  CHECK_FALSE(match_glob_pieces(pieces(many + "b"), std::string(200, 'a')));
  CHECK(match_glob_pieces(pieces(many), std::string(200, 'a')));
  CHECK(match_glob_pieces(pieces("p***********************ackstan"), "packstan"));
  CHECK_FALSE(match_glob_pieces(pieces("{a,b}*{c,*d}"), ".bd"));
  CHECK(match_glob_pieces(pieces("{a,b}*{c,*d}"), "bxd"));
  RootedGlob g;
  CHECK(parse_glob(std::string(32, '{') + "a" + std::string(32, '}'), g));
  CHECK_FALSE(parse_glob(std::string(33, '{') + "a" + std::string(33, '}'), g));
  std::string long_glob;
  for (int i = 0; i < 600; ++i) long_glob += "a*";
  CHECK_FALSE(parse_glob(long_glob, g));
}
