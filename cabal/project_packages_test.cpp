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
  bool read_ok = false;
  bool ok = false;
  std::vector<std::string> files;
  Diagnostics diags;
};

// Read `project` as <root>/cabal.project (or the implicit project when
// project_text is null), then find its packages.
Found packages(const TempDir& t, const char* project_text, const std::string& root_rel = "") {
  Found f;
  std::string root = root_rel.empty() ? t.str() : t.str() + "/" + root_rel;
  ProjectLocation loc{root, ""};
  if (project_text) {
    loc.project_file = root + "/cabal.project";
    fs::create_directories(root);
    std::ofstream(loc.project_file) << project_text;
  }
  ProjectConfig config;
  f.read_ok = read_project(loc, Platform{}, config, f.diags);
  if (!f.read_ok) return f;
  f.ok = find_project_packages(config, f.files, f.diags);
  return f;
}

std::vector<std::string> errors(const Found& f) {
  std::vector<std::string> out;
  for (const auto& d : f.diags.items)
    if (d.severity == Severity::Error) out.push_back(format_diagnostic("?", d));
  return out;
}

}  // namespace

TEST_CASE("project packages: directories and .cabal files, sorted and each once", "[project]") {
  TempDir t;
  t.file("b/b.cabal");
  t.file("a/a.cabal");
  t.file("a/README.md");
  t.file("c/sub/c.cabal");
  auto f = packages(t, "packages: b ./a/ c/sub/c.cabal a/a.cabal\n");
  REQUIRE(f.read_ok);
  REQUIRE(f.ok);
  CHECK(f.files == std::vector<std::string>{t.str() + "/a/a.cabal", t.str() + "/b/b.cabal",
                                            t.str() + "/c/sub/c.cabal"});
}

TEST_CASE("project packages: the root directory itself and parents", "[project]") {
  TempDir t;
  t.file("proj/top.cabal");
  t.file("other/other.cabal");
  auto f = packages(t, "packages: . ../other\n", "proj");
  REQUIRE(f.ok);
  CHECK(f.files == std::vector<std::string>{t.str() + "/other/other.cabal", t.str() + "/proj/top.cabal"});
}

TEST_CASE("project packages: globs of directories and of .cabal files", "[project]") {
  TempDir t;
  t.file("libs/x/x.cabal");
  t.file("libs/y/y.cabal");
  t.file("libs/notes.txt");
  t.dir("libs/empty");  // a glob's non-package matches are passed over when others match
  t.file("tools/t1/t1.cabal");
  t.file("tools/t2/t2.cabal");
  t.file("tools/t3/t3.cabal");
  auto f = packages(t, "packages: libs/*\n          tools/{t1,t3}/*.cabal\n");
  REQUIRE(f.ok);
  CHECK(f.files == std::vector<std::string>{t.str() + "/libs/x/x.cabal", t.str() + "/libs/y/y.cabal",
                                            t.str() + "/tools/t1/t1.cabal", t.str() + "/tools/t3/t3.cabal"});
}

TEST_CASE("project packages: an absolute entry", "[project]") {
  TempDir t;
  t.file("elsewhere/e.cabal");
  t.dir("proj");
  std::string text = "packages: " + t.str() + "/elsewhere\n";
  auto f = packages(t, text.c_str(), "proj");
  REQUIRE(f.ok);
  CHECK(f.files == std::vector<std::string>{t.str() + "/elsewhere/e.cabal"});
}

TEST_CASE("project packages: an entry matching nothing is an error at its line", "[project]") {
  TempDir t;
  t.file("a/a.cabal");
  auto f = packages(t, "packages: a\n          missing\n          nope/*.cabal\n");
  REQUIRE(f.read_ok);
  CHECK_FALSE(f.ok);
  std::string file = t.str() + "/cabal.project";
  CHECK(errors(f) == std::vector<std::string>{
                         file + ":2:11: error: 'missing' in packages matches no package directory or .cabal file",
                         file + ":3:11: error: 'nope/*.cabal' in packages matches no package directory or .cabal "
                                "file",
                     });
  // The entries that do match are still reported.
  CHECK(f.files == std::vector<std::string>{t.str() + "/a/a.cabal"});
}

TEST_CASE("project packages: optional entries may match nothing", "[project]") {
  TempDir t;
  t.file("a/a.cabal");
  t.file("vendor/v/v.cabal");
  t.dir("vendor/empty");
  auto f = packages(t, "packages: a\noptional-packages: vendor/*/ missing/ gone.cabal\n");
  REQUIRE(f.ok);
  CHECK(f.diags.items.empty());
  CHECK(f.files == std::vector<std::string>{t.str() + "/a/a.cabal", t.str() + "/vendor/v/v.cabal"});
}

TEST_CASE("project packages: a directory with no or several .cabal files", "[project]") {
  TempDir t;
  t.file("none/README");
  t.file("two/a.cabal");
  t.file("two/b.cabal");
  t.file("plain.txt");
  auto f = packages(t, "packages: none two\n  plain.txt\n");
  CHECK_FALSE(f.ok);
  std::string file = t.str() + "/cabal.project";
  CHECK(errors(f) == std::vector<std::string>{
                         file + ":1:11: error: 'none' in packages: package directory 'none' contains no .cabal file",
                         file + ":1:16: error: 'two' in packages: package directory 'two' contains several .cabal "
                                "files (a.cabal, b.cabal); a package directory must hold exactly one",
                         file + ":2:3: error: 'plain.txt' in packages: 'plain.txt' is neither a .cabal file nor a "
                                "package directory",
                     });
}

TEST_CASE("project packages: a glob matching only non-packages", "[project]") {
  TempDir t;
  t.dir("d/x");
  t.dir("d/y");
  auto f = packages(t, "packages: d/*/\n");
  CHECK_FALSE(f.ok);
  REQUIRE(errors(f).size() == 1);
  CHECK(errors(f)[0] == t.str() +
                            "/cabal.project:1:11: error: 'd/*/' in packages matches no package directory or .cabal "
                            "file: package directory 'd/x' contains no .cabal file; package directory 'd/y' "
                            "contains no .cabal file");
}

TEST_CASE("project packages: remote and tarball entries are errors", "[project]") {
  TempDir t;
  t.file("a/a.cabal");
  t.file("dist/p-1.0.tar.gz");
  auto f = packages(t,
                    "packages: a\n"
                    "  https://example.com/p-1.0.tar.gz\n"
                    "  git+https://github.com/x/y\n"
                    "  dist/p-1.0.tar.gz\n");
  CHECK_FALSE(f.ok);
  auto e = errors(f);
  REQUIRE(e.size() == 3);
  CHECK(e[0].find(":2:3: error: 'https://example.com/p-1.0.tar.gz' in packages: remote/tarball package entries "
                  "are not supported") != std::string::npos);
  CHECK(e[1].find(":3:3: error: 'git+https://github.com/x/y' in packages: remote/tarball") != std::string::npos);
  CHECK(e[2].find(":4:3: error: 'dist/p-1.0.tar.gz' in packages: remote/tarball") != std::string::npos);
  CHECK(f.files == std::vector<std::string>{t.str() + "/a/a.cabal"});
}

TEST_CASE("project packages: a file URI names a local path", "[project]") {
  TempDir t;
  t.file("a/a.cabal");
  std::string text = "packages: file://" + t.str() + "/a\n";
  auto f = packages(t, text.c_str());
  REQUIRE(f.ok);
  CHECK(f.files == std::vector<std::string>{t.str() + "/a/a.cabal"});
}

TEST_CASE("project packages: a path that is not a glob but exists", "[project]") {
  TempDir t;
  t.file("a,b/ab.cabal");  // a comma outside braces makes it no glob
  auto f = packages(t, "packages: \"a,b\"\n");
  REQUIRE(f.ok);
  CHECK(f.files == std::vector<std::string>{t.str() + "/a,b/ab.cabal"});

  // optional-packages take globs only: an existing path that is no glob is not looked at.
  auto o = packages(t, "optional-packages: \"a,b\"\n");
  CHECK_FALSE(o.ok);
  REQUIRE(errors(o).size() == 1);
  CHECK(errors(o)[0].find("'a,b' in optional-packages is not a valid package location") != std::string::npos);

  auto g = packages(t, "packages: \"x,y\"\n");
  CHECK_FALSE(g.ok);
  REQUIRE(errors(g).size() == 1);
  CHECK(errors(g)[0].find("'x,y' in packages is not a valid package location") != std::string::npos);
}

TEST_CASE("project packages: the implicit project takes ./*.cabal", "[project]") {
  TempDir t;
  t.file("pkg.cabal");
  t.file("sub/other.cabal");
  auto f = packages(t, nullptr);
  REQUIRE(f.ok);
  CHECK(f.files == std::vector<std::string>{t.str() + "/pkg.cabal"});
}

TEST_CASE("project packages: entries of imported files are relative to the project root", "[project]") {
  TempDir t;
  t.file("a/a.cabal");
  t.file("conf/pkgs.config", "packages: a\n");
  auto f = packages(t, "import: conf/pkgs.config\n");
  REQUIRE(f.ok);
  CHECK(f.files == std::vector<std::string>{t.str() + "/a/a.cabal"});
}

TEST_CASE("project packages: no entries, no packages", "[project]") {
  TempDir t;
  auto f = packages(t, "-- just a comment\n");
  REQUIRE(f.ok);
  CHECK(f.files.empty());
}
