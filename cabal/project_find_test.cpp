#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "cabal/project.h"
#include "tests/temp_dir.h"

using namespace mhu::cabal;
namespace fs = std::filesystem;

using mhu::test::TempDir;

namespace {

struct Found {
  bool ok;
  ProjectLocation loc;
  Diagnostics diags;
};

Found find(const std::string& start, const std::string& explicit_file = "", const std::string& home = "") {
  Found f;
  f.ok = find_project(start, explicit_file, home, f.loc, f.diags);
  return f;
}

std::string error_text(const Found& f) {
  auto* e = f.diags.first_error();
  return e ? e->message : "";
}

}  // namespace

TEST_CASE("find_project: cabal.project in the start directory", "[project]") {
  TempDir t;
  t.file("cabal.project", "packages: .\n");
  auto f = find(t.str());
  REQUIRE(f.ok);
  CHECK(f.loc.root_dir == t.str());
  CHECK(f.loc.project_file == t.str() + "/cabal.project");
}

TEST_CASE("find_project: the nearest parent's cabal.project wins", "[project]") {
  TempDir t;
  t.file("cabal.project");
  t.file("sub/cabal.project");
  t.file("sub/pkg/pkg.cabal");
  std::string start = t.dir("sub/pkg/src/deep");
  auto f = find(start);
  REQUIRE(f.ok);
  CHECK(f.loc.root_dir == t.str() + "/sub");
  CHECK(f.loc.project_file == t.str() + "/sub/cabal.project");
}

TEST_CASE("find_project: a relative start directory and trailing slashes", "[project]") {
  TempDir t;
  t.file("cabal.project");
  t.dir("a/b");
  auto f = find(t.str() + "/a/b/../b/");
  REQUIRE(f.ok);
  CHECK(f.loc.root_dir == t.str());
}

TEST_CASE("find_project: an explicit relative project file is looked for upwards", "[project]") {
  TempDir t;
  t.file("cabal.project");
  t.file("ci.project");
  std::string start = t.dir("x/y");
  auto f = find(start, "ci.project");
  REQUIRE(f.ok);
  CHECK(f.loc.root_dir == t.str());
  CHECK(f.loc.project_file == t.str() + "/ci.project");

  // With a directory part the root is where it was found, not the file's directory.
  t.file("x/conf/other.project");
  auto g = find(start, "conf/other.project");
  REQUIRE(g.ok);
  CHECK(g.loc.root_dir == t.str() + "/x");
  CHECK(g.loc.project_file == t.str() + "/x/conf/other.project");
}

TEST_CASE("find_project: an explicit absolute project file", "[project]") {
  TempDir t;
  std::string file = t.file("conf/my.project");
  auto f = find(t.dir("elsewhere"), file);
  REQUIRE(f.ok);
  CHECK(f.loc.root_dir == t.str() + "/conf");
  CHECK(f.loc.project_file == file);
}

TEST_CASE("find_project: a missing explicit project file is an error", "[project]") {
  TempDir t;
  t.file("cabal.project");
  auto f = find(t.str(), "missing.project");
  CHECK_FALSE(f.ok);
  CHECK(error_text(f) == "the given project file 'missing.project' was not found in " + t.str() + " or its parents");

  auto g = find(t.str(), t.str() + "/missing.project");
  CHECK_FALSE(g.ok);
  CHECK(error_text(g) == "the given project file '" + t.str() + "/missing.project' does not exist");
}

TEST_CASE("find_project: the implicit project of the nearest package", "[project]") {
  TempDir t;
  t.file("pkg/pkg.cabal");
  std::string start = t.dir("pkg/src/Data");
  auto f = find(start);
  REQUIRE(f.ok);
  CHECK(f.loc.root_dir == t.str() + "/pkg");
  CHECK(f.loc.project_file.empty());

  auto g = find(t.str() + "/pkg");
  REQUIRE(g.ok);
  CHECK(g.loc.root_dir == t.str() + "/pkg");
}

TEST_CASE("find_project: a dot file or a directory named .cabal is not a package", "[project]") {
  TempDir t;
  t.file("p/.cabal");
  t.dir("p/x.cabal");
  auto f = find(t.str() + "/p", "", t.str());
  CHECK_FALSE(f.ok);
}

TEST_CASE("find_project: nothing found is an error naming the directory", "[project]") {
  TempDir t;
  std::string start = t.dir("empty/deeper");
  // The home directory bounds the search, so nothing above the temporary tree is seen.
  auto f = find(start, "", t.str());
  CHECK_FALSE(f.ok);
  CHECK(error_text(f) == "no cabal.project file or .cabal file found in " + start + " or its parents");
  REQUIRE(f.diags.first_error()->file == start);
}

TEST_CASE("find_project: the search stops below the home directory", "[project]") {
  TempDir t;
  t.file("cabal.project");  // in "home": not seen, as cabal does not look there
  t.file("home.cabal");
  std::string start = t.dir("work/proj");
  auto f = find(start, "", t.str());
  CHECK_FALSE(f.ok);

  // Starting in the home directory itself, its .cabal file still makes a package.
  auto g = find(t.str(), "", t.str());
  REQUIRE(g.ok);
  CHECK(g.loc.project_file.empty());
  CHECK(g.loc.root_dir == t.str());
}

TEST_CASE("find_project: a start directory that does not exist", "[project]") {
  TempDir t;
  auto f = find(t.str() + "/nope");
  CHECK_FALSE(f.ok);
  CHECK(error_text(f).find("does not exist") != std::string::npos);
}
