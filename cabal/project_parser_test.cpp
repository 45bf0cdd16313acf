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

struct Read {
  bool ok;
  ProjectConfig config;
  Diagnostics diags;
};

Read read(const TempDir& t, const std::string& project_file = "cabal.project", const Platform& p = {}) {
  Read r;
  ProjectLocation loc{t.str(), project_file.empty() ? "" : t.str() + "/" + project_file};
  r.ok = read_project(loc, p, r.config, r.diags);
  return r;
}

// Every diagnostic as the CLI prints it.
std::vector<std::string> shown(const Read& r) {
  std::vector<std::string> out;
  for (const auto& d : r.diags.items) out.push_back(format_diagnostic("?", d));
  return out;
}

std::vector<std::string> patterns(const ProjectConfig& c) {
  std::vector<std::string> out;
  for (const auto& e : c.packages) out.push_back(e.pattern + (e.optional ? " (optional)" : ""));
  return out;
}

}  // namespace

TEST_CASE("read_project: packages, optional packages and their positions", "[project]") {
  TempDir t;
  std::string f = t.file("cabal.project",
                         "packages: a\n"
                         "          b/*.cabal, \"c d\"\n"
                         "optional-packages: vendor/*/\n"
                         "packages:\n"
                         "  e\n");
  auto r = read(t);
  REQUIRE(r.ok);
  CHECK(r.diags.items.empty());
  CHECK(patterns(r.config) ==
        std::vector<std::string>{"a", "b/*.cabal", "c d", "e", "vendor/*/ (optional)"});
  const auto& p = r.config.packages;
  CHECK(p[0].file == f);
  CHECK(p[0].pos == Position{1, 11});
  CHECK(p[1].pos == Position{2, 11});
  CHECK(p[2].pos == Position{2, 22});
  CHECK(p[3].pos == Position{5, 3});
  CHECK(p[4].pos == Position{3, 20});
  CHECK(r.config.files == std::vector<std::string>{f});
  CHECK(r.config.location.project_file == f);
}

TEST_CASE("read_project: scalar and boolean fields", "[project]") {
  TempDir t;
  t.file("cabal.project",
         "packages: .\n"
         "with-compiler: ghc-9.10.3\n"
         "with-hc-pkg: ghc-pkg-9.10.3\n"
         "tests: true\n"
         "benchmarks: False\n");
  auto r = read(t);
  REQUIRE(r.ok);
  CHECK(r.config.with_compiler == "ghc-9.10.3");
  CHECK(r.config.with_hc_pkg == "ghc-pkg-9.10.3");
  CHECK(r.config.tests == true);
  CHECK(r.config.benchmarks == false);
  CHECK(r.config.local_packages.tests == true);
}

TEST_CASE("read_project: a bad boolean is an error at its value", "[project]") {
  TempDir t;
  t.file("cabal.project", "tests: maybe\n");
  auto r = read(t);
  CHECK_FALSE(r.ok);
  CHECK(shown(r) == std::vector<std::string>{t.str() +
                                             "/cabal.project:1:8: error: field 'tests': expecting True or False, "
                                             "found 'maybe'"});
}

TEST_CASE("read_project: constraints with qualifiers; setup constraints dropped", "[project]") {
  TempDir t;
  t.file("cabal.project",
         "constraints: foo ==1.2.*, any.bar +x -y,\n"
         "             setup.Cabal >=3, baz:setup.qux installed,\n"
         "             quux installed\n");
  auto r = read(t);
  REQUIRE(r.ok);
  const auto& c = r.config.constraints;
  REQUIRE(c.size() == 3);
  CHECK(c[0].package == "foo");
  CHECK(c[0].kind == UserConstraint::Kind::Range);
  CHECK(c[0].pos == Position{1, 14});
  CHECK(c[1].package == "bar");
  CHECK(c[1].kind == UserConstraint::Kind::Flags);
  CHECK(c[1].flags == FlagAssignment{{"x", true}, {"y", false}});
  CHECK(c[1].pos == Position{1, 27});
  CHECK(c[2].package == "quux");
  CHECK(c[2].kind == UserConstraint::Kind::Installed);
  CHECK(c[2].pos == Position{3, 14});
  CHECK(c[2].file == t.str() + "/cabal.project");
}

TEST_CASE("read_project: a bad constraint is an error at its position", "[project]") {
  TempDir t;
  t.file("cabal.project", "constraints: foo ==1,\n  bar.baz ==2\n");
  auto r = read(t);
  CHECK_FALSE(r.ok);
  REQUIRE(r.diags.first_error());
  CHECK(r.diags.first_error()->pos == Position{2, 3});
  CHECK(r.diags.first_error()->message.find("unknown constraint qualifier 'bar.'") != std::string::npos);
}

TEST_CASE("read_project: package-dbs keeps paths; clear drops earlier ones", "[project]") {
  TempDir t;
  t.file("cabal.project", "package-dbs: /old/db, clear, global, user, /a/db,\n  rel/db\n");
  auto r = read(t);
  REQUIRE(r.ok);
  CHECK(r.config.package_dbs == std::vector<std::string>{"/a/db", "rel/db"});
}

TEST_CASE("read_project: package sections, package * and program-options", "[project]") {
  TempDir t;
  t.file("cabal.project",
         "flags: +dev\n"
         "package *\n"
         "  ghc-options: -O0\n"
         "  flags: -dev\n"
         "program-options\n"
         "  ghc-options: -Wall \"-with-rtsopts=-N -A1m\"\n"
         "  happy-options: -g\n"
         "package foo\n"
         "  flags: +a -B\n"
         "  ghc-options: -Werror\n"
         "  tests: True\n"
         "  optimization: 2\n"
         "  cpp-options: -DX\n"
         "package foo\n"
         "  flags: -a\n"
         "  benchmarks: false\n");
  auto r = read(t);
  REQUIRE(r.ok);
  CHECK(r.config.all_packages.ghc_options ==
        std::vector<std::string>{"-O0", "-Wall", "-with-rtsopts=-N -A1m"});
  CHECK(r.config.all_packages.flags == FlagAssignment{{"dev", false}});
  CHECK(r.config.local_packages.flags == FlagAssignment{{"dev", true}});
  REQUIRE(r.config.packages_settings.count("foo"));
  const auto& foo = r.config.packages_settings.at("foo");
  CHECK(foo.flags == FlagAssignment{{"a", false}, {"b", false}});
  CHECK(foo.ghc_options == std::vector<std::string>{"-Werror"});
  CHECK(foo.tests == true);
  CHECK(foo.benchmarks == false);
  // cpp-options is not a cabal.project field (cabal warns too).
  CHECK(shown(r) == std::vector<std::string>{t.str() + "/cabal.project:13:3: warning: unrecognized field "
                                                       "'cpp-options' in a 'package' section"});

  auto s = package_settings(r.config, "foo");
  CHECK(s.flags == FlagAssignment{{"dev", true}, {"a", false}, {"b", false}});
  CHECK(s.ghc_options == std::vector<std::string>{"-O0", "-Wall", "-with-rtsopts=-N -A1m", "-Werror"});
  CHECK(s.tests == true);
  auto other = package_settings(r.config, "other");
  CHECK(other.flags == FlagAssignment{{"dev", true}});
  CHECK_FALSE(other.tests.has_value());
}

TEST_CASE("read_project: a package section needs a package name", "[project]") {
  TempDir t;
  t.file("cabal.project", "package foo bar\n  flags: +x\n");
  auto r = read(t);
  CHECK_FALSE(r.ok);
  CHECK(shown(r) == std::vector<std::string>{t.str() +
                                             "/cabal.project:1:1: error: a 'package' section requires a package "
                                             "name or '*' as its argument, found 'foo bar'"});
}

TEST_CASE("read_project: top-level ghc-options is ignored with a warning, as cabal does", "[project]") {
  TempDir t;
  t.file("cabal.project", "packages: .\nghc-options: -Werror\n");
  auto r = read(t);
  REQUIRE(r.ok);
  CHECK(r.config.all_packages.ghc_options.empty());
  REQUIRE(r.diags.items.size() == 1);
  CHECK(r.diags.items[0].severity == Severity::Warning);
  CHECK(r.diags.items[0].pos == Position{2, 1});
  CHECK(r.diags.items[0].message.find("'program-options' or 'package *'") != std::string::npos);
}

TEST_CASE("read_project: unknown fields and sections warn; known cabal fields are silent", "[project]") {
  TempDir t;
  t.file("cabal.project",
         "packages: .\n"
         "optimization: False\n"
         "jobs: $ncpus\n"
         "index-state: 2024-01-01T00:00:00Z\n"
         "allow-newer: base\n"
         "allow-older: all\n"
         "documentation: True\n"
         "haddock-hyperlink-source: True\n"
         "active-repositories: :rest\n"
         "preferences: foo <2\n"
         "profiling: True\n"
         "test-show-details: direct\n"
         "write-ghc-environment-files: always\n"
         "repository my-repo\n"
         "  url: http://example.com\n"
         "frobnicate: yes\n"
         "weird-section\n"
         "  x: 1\n");
  auto r = read(t);
  REQUIRE(r.ok);
  CHECK(shown(r) == std::vector<std::string>{
                        t.str() + "/cabal.project:16:1: warning: unrecognized field 'frobnicate'",
                        t.str() + "/cabal.project:17:1: warning: unrecognized section 'weird-section'",
                    });
}

TEST_CASE("read_project: extra-packages is ignored with a warning", "[project]") {
  TempDir t;
  t.file("cabal.project", "packages: .\nextra-packages: lens\n");
  auto r = read(t);
  REQUIRE(r.ok);
  REQUIRE(r.diags.items.size() == 1);
  CHECK(r.diags.items[0].severity == Severity::Warning);
  CHECK(r.diags.items[0].message.find("'extra-packages' is ignored") != std::string::npos);
}

TEST_CASE("read_project: source-repository-package is an error at its line", "[project]") {
  TempDir t;
  t.file("cabal.project",
         "packages: .\n"
         "\n"
         "source-repository-package\n"
         "  type: git\n"
         "  location: https://example.com/x.git\n");
  auto r = read(t);
  CHECK_FALSE(r.ok);
  CHECK(shown(r) == std::vector<std::string>{t.str() +
                                             "/cabal.project:3:1: error: source-repository-package is not "
                                             "supported: mhu reads local packages only"});
}

TEST_CASE("read_project: empty files, comments only, syntax errors", "[project]") {
  TempDir t;
  t.file("cabal.project", "");
  auto r = read(t);
  CHECK(r.ok);
  CHECK(r.config.packages.empty());

  t.file("cabal.project", "-- nothing here\n   -- nor here\n\n");
  auto c = read(t);
  CHECK(c.ok);
  CHECK(c.diags.items.empty());

  t.file("cabal.project", "packages: .\nif os(linux\n  packages: x\n");
  auto e = read(t);
  CHECK_FALSE(e.ok);
  REQUIRE(e.diags.first_error());
  CHECK(e.diags.first_error()->file == t.str() + "/cabal.project");
}

TEST_CASE("read_project: a missing project file is an error", "[project]") {
  TempDir t;
  auto r = read(t, "nope.project");
  CHECK_FALSE(r.ok);
  REQUIRE(r.diags.first_error());
  CHECK(r.diags.first_error()->message.find("cannot read the project file") != std::string::npos);
}

TEST_CASE("read_project: imports are relative to the importing file", "[project]") {
  TempDir t;
  std::string root = t.file("cabal.project", "packages: a\nimport: conf/one.config\npackages: z\n");
  std::string one = t.file("conf/one.config", "packages: b\nimport: sub/two.config\n");
  std::string two = t.file("conf/sub/two.config", "packages: c\nimport: ../../top.config\n");
  std::string top = t.file("top.config", "with-compiler: ghc-9.8\n");
  auto r = read(t);
  REQUIRE(r.ok);
  CHECK(patterns(r.config) == std::vector<std::string>{"a", "b", "c", "z"});
  CHECK(r.config.packages[1].file == one);
  CHECK(r.config.packages[2].file == two);
  CHECK(r.config.with_compiler == "ghc-9.8");
  CHECK(r.config.files == std::vector<std::string>{root, one, two, top});
}

TEST_CASE("read_project: the same file imported twice is not a cycle", "[project]") {
  TempDir t;
  t.file("cabal.project", "import: a.config\nimport: b.config\n");
  t.file("a.config", "import: common.config\n");
  t.file("b.config", "import: common.config\n");
  t.file("common.config", "packages: p\n");
  auto r = read(t);
  REQUIRE(r.ok);
  CHECK(patterns(r.config) == std::vector<std::string>{"p", "p"});
  CHECK(r.config.files.size() == 4);
}

TEST_CASE("read_project: a cyclical import is an error naming the cycle", "[project]") {
  TempDir t;
  t.file("cabal.project", "packages: .\nimport: a.config\n");
  t.file("a.config", "import: sub/b.config\n");
  t.file("sub/b.config", "\n  import: ../a.config\n");
  auto r = read(t);
  CHECK_FALSE(r.ok);
  CHECK(shown(r) == std::vector<std::string>{t.str() +
                                             "/sub/b.config:2:3: error: cyclical import of 'a.config': a.config "
                                             "-> sub/b.config -> a.config"});
}

TEST_CASE("read_project: importing the project file itself is a cycle", "[project]") {
  TempDir t;
  t.file("cabal.project", "import: ./cabal.project\n");
  auto r = read(t);
  CHECK_FALSE(r.ok);
  REQUIRE(r.diags.first_error());
  CHECK(r.diags.first_error()->message ==
        "cyclical import of 'cabal.project': cabal.project -> cabal.project");
}

TEST_CASE("read_project: imports nest at most 100 deep, with conditionals 1000; at most 10000 imports", "[project]") {
  TempDir t;
  t.file("cabal.project", "packages: .\nimport: c0.config\n");
  for (int i = 0; i < 200; ++i)
    t.file("c" + std::to_string(i) + ".config", "if os(linux)\n  import: c" + std::to_string(i + 1) + ".config\n");
  t.file("c200.config", "tests: True\n");
  auto r = read(t);
  CHECK_FALSE(r.ok);
  REQUIRE(r.diags.first_error());
  CHECK(r.diags.first_error()->message == "imports nested too deeply (more than 100 levels)");
  CHECK(r.diags.first_error()->file == t.str() + "/c99.config");
  CHECK(r.diags.first_error()->pos == Position{2, 3});

  // Files of 50 nested conditionals, each importing the next inside them.
  TempDir n;
  n.file("cabal.project", "packages: .\nimport: n0.config\n");
  for (int i = 0; i < 25; ++i) {
    std::string text;
    for (int k = 0; k < 50; ++k) text += "if os(linux) {\n";
    text += "import: n" + std::to_string(i + 1) + ".config\n";
    for (int k = 0; k < 50; ++k) text += "}\n";
    n.file("n" + std::to_string(i) + ".config", text);
  }
  n.file("n25.config", "tests: True\n");
  auto m = read(n);
  CHECK_FALSE(m.ok);
  REQUIRE(m.diags.first_error());
  CHECK(m.diags.first_error()->message == "conditionals and imports nested too deeply (more than 1000 levels)");
  CHECK(m.diags.first_error()->file == n.str() + "/n19.config");

  TempDir d;
  d.file("cabal.project", "packages: .\nimport: d0.config\n");
  for (int i = 0; i < 20; ++i)
    d.file("d" + std::to_string(i) + ".config",
           "import: d" + std::to_string(i + 1) + ".config\nimport: d" + std::to_string(i + 1) + ".config\n");
  d.file("d20.config", "tests: True\n");
  auto s = read(d);
  CHECK_FALSE(s.ok);
  REQUIRE(s.diags.first_error());
  CHECK(s.diags.first_error()->message == "more than 10000 imports in all (a file imported over and over?)");
}

TEST_CASE("read_project: a missing import is an error at the import line", "[project]") {
  TempDir t;
  t.file("cabal.project", "packages: .\n\nimport: missing.config\n");
  auto r = read(t);
  CHECK_FALSE(r.ok);
  CHECK(shown(r) == std::vector<std::string>{t.str() + "/cabal.project:3:1: error: imported file "
                                                       "'missing.config' does not exist (" +
                                             t.str() + "/missing.config)"});
}

TEST_CASE("read_project: importing from a URL is not supported", "[project]") {
  TempDir t;
  t.file("cabal.project", "import: https://www.stackage.org/lts-22.0/cabal.config\n");
  auto r = read(t);
  CHECK_FALSE(r.ok);
  REQUIRE(r.diags.first_error());
  CHECK(r.diags.first_error()->message.find("from a URL is not supported") != std::string::npos);
}

TEST_CASE("read_project: conditionals on os, arch and impl", "[project]") {
  TempDir t;
  t.file("cabal.project",
         "packages: common\n"
         "if os(windows)\n"
         "  packages: win\n"
         "elif os(darwin)\n"
         "  packages: mac\n"
         "elif arch(aarch64) && !os(linux)\n"
         "  packages: arm\n"
         "else\n"
         "  packages: other\n"
         "if impl(ghc >= 9.8)\n"
         "  constraints: base >=4.19\n"
         "  import: new.config\n"
         "else\n"
         "  import: old.config\n"
         "if true\n"
         "  tests: True\n");
  t.file("new.config", "packages: new\n");
  t.file("old.config", "packages: old\n");

  Platform linux;  // linux, x86_64, ghc 9.10.3
  auto r = read(t, "cabal.project", linux);
  REQUIRE(r.ok);
  CHECK(patterns(r.config) == std::vector<std::string>{"common", "other", "new"});
  CHECK(r.config.constraints.size() == 1);
  CHECK(r.config.tests == true);

  Platform mac;
  mac.os = "osx";
  mac.compiler_version = Version{{9, 6, 5}};
  auto m = read(t, "cabal.project", mac);
  REQUIRE(m.ok);
  CHECK(patterns(m.config) == std::vector<std::string>{"common", "mac", "old"});
  CHECK(m.config.constraints.empty());

  Platform arm;
  arm.os = "freebsd";
  arm.arch = "aarch64";
  auto a = read(t, "cabal.project", arm);
  REQUIRE(a.ok);
  CHECK(patterns(a.config)[1] == "arm");

  // Files of branches not taken are read too (cabal parses every branch).
  CHECK(r.config.files.size() == 3);
}

TEST_CASE("read_project: errors and warnings in branches not taken still count", "[project]") {
  TempDir t;
  t.file("cabal.project", "if os(windows)\n  bogus: 1\n  import: nope.config\n");
  auto r = read(t);
  CHECK_FALSE(r.ok);
  CHECK(r.diags.items.size() == 2);
  CHECK(r.config.packages.empty());
}

TEST_CASE("read_project: flag() is not allowed in a project's conditions", "[project]") {
  TempDir t;
  t.file("cabal.project", "packages: .\nif flag(dev)\n  tests: True\n");
  auto r = read(t);
  CHECK_FALSE(r.ok);
  CHECK(shown(r) == std::vector<std::string>{t.str() + "/cabal.project:2:1: error: flag(dev) in a condition of a "
                                                       "project file: projects can only test os(), arch(), impl(), "
                                                       "true and false"});
}

TEST_CASE("read_project: a bad condition is an error", "[project]") {
  TempDir t;
  t.file("cabal.project", "if os(linux) &&\n  tests: True\n");
  auto r = read(t);
  CHECK_FALSE(r.ok);
  REQUIRE(r.diags.first_error());
  CHECK(r.diags.first_error()->file == t.str() + "/cabal.project");
  CHECK(r.diags.first_error()->pos.line == 1);
}

TEST_CASE("read_project: the compiler cannot be set in a conditional", "[project]") {
  TempDir t;
  t.file("cabal.project", "if os(linux)\n  with-compiler: ghc-9.8\n");
  auto r = read(t);
  CHECK_FALSE(r.ok);
  CHECK(shown(r) == std::vector<std::string>{t.str() + "/cabal.project:2:3: error: field 'with-compiler' in a "
                                                       "conditional: cabal cannot set the compiler in a conditional "
                                                       "clause of a project file"});

  // Not even through an import inside a conditional.
  t.file("cabal.project", "if os(windows)\n  import: compiler.config\n");
  t.file("compiler.config", "with-compiler: ghc-9.8\n");
  auto i = read(t);
  CHECK_FALSE(i.ok);
  REQUIRE(i.diags.first_error());
  CHECK(i.diags.first_error()->file == t.str() + "/compiler.config");
}

TEST_CASE("read_project: else without if warns", "[project]") {
  TempDir t;
  t.file("cabal.project", "packages: .\nelse\n  packages: x\n");
  auto r = read(t);
  REQUIRE(r.ok);
  CHECK(patterns(r.config) == std::vector<std::string>{"."});
  REQUIRE(r.diags.items.size() == 1);
  CHECK(r.diags.items[0].severity == Severity::Warning);
}

TEST_CASE("read_project: freeze and local files, in that order", "[project]") {
  TempDir t;
  std::string p = t.file("cabal.project",
                         "packages: a\nwith-compiler: ghc-9.6\ntests: False\nconstraints: x ==1\n"
                         "package foo\n  ghc-options: -O1\n");
  std::string fr = t.file("cabal.project.freeze", "constraints: y ==2\nwith-compiler: ghc-9.8\n");
  std::string lo = t.file("cabal.project.local",
                          "packages: b\nwith-compiler: ghc-9.10\ntests: True\npackage foo\n  ghc-options: -O2\n");
  auto r = read(t);
  REQUIRE(r.ok);
  CHECK(r.config.files == std::vector<std::string>{p, fr, lo});
  CHECK(patterns(r.config) == std::vector<std::string>{"a", "b"});
  CHECK(r.config.with_compiler == "ghc-9.10");
  CHECK(r.config.tests == true);
  REQUIRE(r.config.constraints.size() == 2);
  CHECK(r.config.constraints[0].package == "x");
  CHECK(r.config.constraints[1].package == "y");
  CHECK(r.config.constraints[1].file == fr);
  CHECK(r.config.packages_settings.at("foo").ghc_options == std::vector<std::string>{"-O1", "-O2"});
}

TEST_CASE("read_project: freeze and local files follow an explicit project file's name", "[project]") {
  TempDir t;
  t.file("ci.project", "packages: a\n");
  t.file("ci.project.local", "packages: b\n");
  t.file("cabal.project.local", "packages: wrong\n");
  auto r = read(t, "ci.project");
  REQUIRE(r.ok);
  CHECK(patterns(r.config) == std::vector<std::string>{"a", "b"});
}

TEST_CASE("read_project: the implicit project", "[project]") {
  TempDir t;
  t.file("pkg.cabal", "name: pkg\n");
  auto r = read(t, "");
  REQUIRE(r.ok);
  REQUIRE(r.config.packages.size() == 1);
  CHECK(r.config.packages[0].pattern == "./*.cabal");
  CHECK_FALSE(r.config.packages[0].optional);
  CHECK(r.config.packages[0].file == t.str());
  CHECK(r.config.files.empty());

  // cabal reads cabal.project.local (written by `cabal configure`) there too.
  std::string lo = t.file("cabal.project.local", "tests: True\n");
  auto l = read(t, "");
  REQUIRE(l.ok);
  CHECK(l.config.tests == true);
  CHECK(l.config.files == std::vector<std::string>{lo});
}

TEST_CASE("read_project: cycles are found through symbolic links", "[project]") {
  TempDir t;
  t.file("real/cabal.project", "import: ../link/cabal.project\n");
  fs::create_directory_symlink(t.path / "real", t.path / "link");
  Read r;
  ProjectLocation loc{t.str() + "/link", t.str() + "/link/cabal.project"};
  r.ok = read_project(loc, Platform{}, r.config, r.diags);
  CHECK_FALSE(r.ok);
  REQUIRE(r.diags.first_error());
  CHECK(r.diags.first_error()->message.find("cyclical import of") != std::string::npos);
  CHECK(r.config.files.size() == 1);
}

TEST_CASE("read_project: lexer warnings name their file", "[project]") {
  TempDir t;
  t.file("cabal.project", "packages: .\n");
  std::string imp = t.file("more.config", "packages:\n\ta\n");
  t.file("cabal.project", "packages: .\nimport: more.config\n");
  auto r = read(t);
  REQUIRE(r.ok);
  REQUIRE_FALSE(r.diags.items.empty());
  for (const auto& d : r.diags.items) CHECK(d.file == imp);
}

TEST_CASE("read_project: an import of a directory", "[project]") {
  TempDir t;
  t.file("conf/x.config");
  t.file("cabal.project", "import: conf\n");
  auto r = read(t);
  CHECK_FALSE(r.ok);
  REQUIRE(r.diags.first_error());
  CHECK(r.diags.first_error()->message.find("imported path 'conf' is not a file") != std::string::npos);
}
