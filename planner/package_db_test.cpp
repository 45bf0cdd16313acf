#include "planner/package_db.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "planner/cache_file.h"
#include "planner/process.h"
#include "tests/temp_dir.h"

#ifndef MHU_SOURCE_DIR
#define MHU_SOURCE_DIR "/work/main"
#endif

using namespace mhu::planner;
namespace fs = std::filesystem;

using mhu::test::TempDir;

namespace {

std::string fixture(const std::string& name) {
  std::string text;
  REQUIRE(read_whole_file(MHU_SOURCE_DIR "/fixtures/planner/" + name, text));
  return text;
}

std::vector<InstalledPackage> parse_ok(std::string_view text) {
  std::vector<InstalledPackage> pkgs;
  mhu::cabal::Diagnostics d;
  bool ok = parse_ghc_pkg_dump(text, pkgs, d);
  INFO((d.first_error() ? d.first_error()->message : std::string()));
  REQUIRE(ok);
  return pkgs;
}

const InstalledPackage& by_name(const std::vector<InstalledPackage>& pkgs,
                                const std::string& name) {
  auto it = std::find_if(pkgs.begin(), pkgs.end(), [&](const auto& p) { return p.name == name; });
  REQUIRE(it != pkgs.end());
  return *it;
}

bool has(const std::vector<std::string>& xs, const std::string& x) {
  return std::find(xs.begin(), xs.end(), x) != xs.end();
}

int count_lines(const fs::path& p) {
  std::ifstream in(p);
  int n = 0;
  for (std::string l; std::getline(in, l);) ++n;
  return n;
}

std::string first_line(const fs::path& p) {
  std::ifstream in(p);
  std::string l;
  std::getline(in, l);
  return l;
}

// A stand-in ghc-pkg: logs its arguments and prints a dump.
std::string fake_ghc_pkg(const fs::path& dir, const std::string& dump_file) {
  fs::path script = dir / "bin" / "ghc-pkg";
  fs::create_directories(script.parent_path());
  REQUIRE(write_file_atomic(
      script.string(),
      "#!/bin/sh\necho \"$@\" >> '" + (dir / "log").string() + "'\ncat '" + dump_file + "'\n"));
  fs::permissions(script, fs::perms::owner_all);
  return script.string();
}

}  // namespace

TEST_CASE("parse_ghc_pkg_dump reads real entries of GHC 9.10.3's global database", "[planner]") {
  auto pkgs = parse_ok(fixture("ghc-pkg-dump-global-trimmed.txt"));
  REQUIRE(pkgs.size() == 4);
  const auto& base = by_name(pkgs, "base");
  CHECK(base.id == "base-4.20.2.0-inplace");
  CHECK(mhu::cabal::to_string(base.version) == "4.20.2.0");
  CHECK(base.exposed);
  CHECK(base.visibility_public);
  CHECK(base.lib_name.empty());
  CHECK(has(base.exposed_modules, "Prelude"));
  CHECK(has(base.exposed_modules, "Data.List"));
  CHECK(has(base.depends, "ghc-internal-9.1003.0-inplace"));
  const auto& boot = by_name(pkgs, "ghc-boot");
  CHECK(has(boot.exposed_modules, "GHC.ForeignSrcLang.Type"));  // a reexport: `... from unit:Mod`
  CHECK(has(boot.exposed_modules, "GHC.Lexeme"));
  CHECK(has(boot.exposed_modules, "GHC.Version"));
  for (const auto& m : boot.exposed_modules) {
    CHECK(m != "from");
    CHECK(m.find(':') == std::string::npos);
    CHECK(m.find(',') == std::string::npos);
  }
  const auto& containers = by_name(pkgs, "containers");
  CHECK(mhu::cabal::to_string(containers.version) == "0.7");
  CHECK(containers.depends.size() == 4);
  CHECK(has(containers.hidden_modules, "Utils.Containers.Internal.State"));
  const auto& rts = by_name(pkgs, "rts");
  CHECK(rts.exposed_modules.empty());
}

TEST_CASE("parse_ghc_pkg_dump reads a real sub-library registered by cabal", "[planner]") {
  auto pkgs = parse_ok(fixture("ghc-pkg-dump-sublib.txt"));
  REQUIRE(pkgs.size() == 1);
  const auto& p = pkgs[0];
  CHECK(p.id == "demo-0.1.0-inplace-internal");
  CHECK(p.name == "demo");
  CHECK(p.lib_name == "internal");
  CHECK(p.visibility_public);
  CHECK_FALSE(p.exposed);  // cabal registers sub-libraries without `exposed: True`
  CHECK(p.exposed_modules == std::vector<std::string>{"Demo.Internal"});
  CHECK(p.hidden_modules == std::vector<std::string>{"Demo.Hidden"});
  CHECK(p.depends == std::vector<std::string>{"base-4.20.2.0-inplace"});
}

TEST_CASE("parse_ghc_pkg_dump: defaults, munged names, quoting and separators", "[planner]") {
  auto pkgs = parse_ok(
      "name: z-foo-zz-z-bar\nversion: \"1.0\"\nid: foo-1.0-bar\n"
      "exposed-modules: A,B C\n    D from x-1:E, F\nUnknown-Field: whatever\n"
      "---\n"
      "name: \"plain\"\nversion: 2\nid: plain-2\nexposed: False\nvisibility: private\n"
      "depends:\n    a-1, b-2\n    c-3\n"
      "---\n"
      "name: z-pkg-z-sub\npackage-name: pkg\nlib-name: sub\nversion: 3\nid: pkg-3-sub\n"
      "exposed: True\n---\n");
  REQUIRE(pkgs.size() == 3);
  CHECK(pkgs[0].name == "foo-z");
  CHECK(pkgs[0].lib_name == "bar");
  CHECK_FALSE(pkgs[0].visibility_public);  // a sub-library without `visibility: public`
  CHECK_FALSE(pkgs[0].exposed);
  CHECK(pkgs[0].exposed_modules == std::vector<std::string>{"A", "B", "C", "D", "F"});
  CHECK(pkgs[1].name == "plain");
  CHECK(pkgs[1].visibility_public);  // a main library is public whatever it says
  CHECK_FALSE(pkgs[1].exposed);
  CHECK(pkgs[1].depends == std::vector<std::string>{"a-1", "b-2", "c-3"});
  CHECK(pkgs[2].name == "pkg");
  CHECK(pkgs[2].lib_name == "sub");
  CHECK(pkgs[2].exposed);
  CHECK(parse_ok("").empty());
  CHECK(parse_ok("\n---\n\n").empty());
}

TEST_CASE("parse_ghc_pkg_dump reports errors with the dump's line numbers", "[planner]") {
  std::vector<InstalledPackage> pkgs;
  mhu::cabal::Diagnostics d;
  CHECK_FALSE(parse_ghc_pkg_dump(
      "name: a\nid: a-1\nversion: 1\n---\nname: b\nversion: x.y\nid: b\n", pkgs, d));
  REQUIRE(d.first_error());
  CHECK(d.first_error()->pos.line == 6);
  CHECK(pkgs.size() == 1);
  pkgs.clear();
  d = {};
  CHECK_FALSE(parse_ghc_pkg_dump("name: a\nversion: 1\n", pkgs, d));
  CHECK(d.first_error()->message.find("without an id") != std::string::npos);
  d = {};
  CHECK_FALSE(parse_ghc_pkg_dump("id: a\n---\nid: b\n: x\n", pkgs, d));
  REQUIRE(d.first_error());
  CHECK(d.first_error()->pos.line == 4);
}

TEST_CASE("parse_ghc_pkg_dump reads the live global database of the installed GHC", "[planner]") {
  const std::string ghc_pkg = "/var/cache/mhu/bin/ghc-pkg";
  if (!fs::exists(ghc_pkg)) {
    WARN("skipped: " << ghc_pkg << " does not exist");
    SUCCEED();
    return;
  }
  ProcessResult r;
  std::string error;
  REQUIRE(run_process({ghc_pkg, "dump", "--global"}, r, error));
  REQUIRE(r.exit_code == 0);
  auto pkgs = parse_ok(r.out);
  CHECK(pkgs.size() >= 30);
  CHECK(by_name(pkgs, "base").exposed);
  for (const auto& p : pkgs) {
    CHECK_FALSE(p.id.empty());
    CHECK_FALSE(p.version.numbers.empty());
  }
}

TEST_CASE("load_package_dbs caches each database until it changes", "[planner]") {
  TempDir t;
  fs::path db = t.path / "db";
  fs::create_directories(db);
  // A package.cache listing packages, no *.conf files: only ghc-pkg reads it.
  REQUIRE(write_file_atomic((db / "package.cache").string(), std::string(200, 'b')));
  std::string dump = MHU_SOURCE_DIR "/fixtures/planner/ghc-pkg-dump-global-trimmed.txt";
  CompilerInfo c;
  c.ghc = "ghc";
  c.ghc_pkg = fake_ghc_pkg(t.path, dump);
  c.global_db = (t.path / "global-not-here").string();
  std::string cache = (t.path / "cache").string();
  std::string missing = (t.path / "missing-db").string();

  PackageDbStack s;
  std::string error;
  REQUIRE(load_package_dbs(c, {db.string(), missing}, cache, s, error));
  CHECK(s.dbs == std::vector<std::string>{db.string()});  // a missing database is skipped
  REQUIRE(s.packages.size() == 4);
  CHECK(s.packages[0].db == db.string());
  CHECK(first_line(t.path / "log") == "dump --no-user-package-db --package-db=" + db.string());

  // Unchanged: read from the cache, ghc-pkg is not needed.
  CompilerInfo no_tool = c;
  no_tool.ghc_pkg = (t.path / "no-such-ghc-pkg").string();
  PackageDbStack again;
  REQUIRE(load_package_dbs(no_tool, {db.string()}, cache, again, error));
  CHECK(count_lines(t.path / "log") == 1);
  REQUIRE(again.packages.size() == s.packages.size());
  for (size_t i = 0; i < s.packages.size(); ++i) {
    const auto& a = s.packages[i];
    const auto& b = again.packages[i];
    CHECK(a.id == b.id);
    CHECK(a.name == b.name);
    CHECK(a.lib_name == b.lib_name);
    CHECK(a.version == b.version);
    CHECK(a.exposed == b.exposed);
    CHECK(a.visibility_public == b.visibility_public);
    CHECK(a.exposed_modules == b.exposed_modules);
    CHECK(a.hidden_modules == b.hidden_modules);
    CHECK(a.depends == b.depends);
    CHECK(a.db == b.db);
  }

  // package.cache changed: ghc-pkg is run again.
  fs::last_write_time(db / "package.cache",
                      fs::last_write_time(db / "package.cache") + std::chrono::seconds(2));
  CHECK_FALSE(load_package_dbs(no_tool, {db.string()}, cache, again, error));
  CHECK(error.find("no-such-ghc-pkg") != std::string::npos);
  REQUIRE(load_package_dbs(c, {db.string()}, cache, again, error));
  CHECK(count_lines(t.path / "log") == 2);

  // A corrupt cache file is ignored.
  for (auto& e : fs::directory_iterator(cache))
    REQUIRE(write_file_atomic(e.path().string(), "mhu-pkgdb 1\n"));
  REQUIRE(load_package_dbs(c, {db.string()}, cache, again, error));
  CHECK(count_lines(t.path / "log") == 3);
  CHECK(again.packages.size() == 4);
}

TEST_CASE("load_package_dbs reads the compiler's global database with --global", "[planner]") {
  TempDir t;
  std::string dump = MHU_SOURCE_DIR "/fixtures/planner/ghc-pkg-dump-sublib.txt";
  CompilerInfo c;
  c.ghc_pkg = fake_ghc_pkg(t.path, dump);
  c.global_db = "/nonexistent/ghc/lib/package.conf.d";  // e.g. seen only inside a chroot
  std::string cache = (t.path / "cache").string();
  PackageDbStack s;
  std::string error;
  REQUIRE(load_package_dbs(c, {c.global_db}, cache, s, error));
  CHECK(s.dbs == std::vector<std::string>{c.global_db});
  REQUIRE(s.packages.size() == 1);
  CHECK(s.packages[0].db == c.global_db);
  CHECK(first_line(t.path / "log") == "dump --no-user-package-db --global");
  REQUIRE(load_package_dbs(c, {c.global_db}, cache, s, error));
  CHECK(count_lines(t.path / "log") == 2);  // not visible here, so not cached

  c.ghc_pkg.clear();
  CHECK_FALSE(load_package_dbs(c, {c.global_db}, cache, s, error));
  CHECK_FALSE(error.empty());
}

TEST_CASE("load_package_dbs with the real ghc-pkg: global and a package db of our own",
          "[planner]") {
  const std::string ghc = "/var/cache/mhu/bin/ghc";
  if (!fs::exists(ghc)) {
    WARN("skipped: " << ghc << " does not exist");
    SUCCEED();
    return;
  }
  TempDir t;
  CompilerInfo c;
  std::string error;
  REQUIRE(query_compiler(ghc, "", c, error));
  std::string db = (t.path / "db").string();
  ProcessResult r;
  REQUIRE(run_process({c.ghc_pkg, "init", db}, r, error));
  REQUIRE(r.exit_code == 0);
  REQUIRE(run_process({c.ghc_pkg, "register", "--package-db=" + db, "--force",
                       MHU_SOURCE_DIR "/fixtures/planner/ghc-pkg-dump-sublib.txt"},
                      r, error));
  REQUIRE(r.exit_code == 0);

  std::string cache = (t.path / "cache").string();
  PackageDbStack s;
  REQUIRE(load_package_dbs(c, {c.global_db, db}, cache, s, error));
  CHECK(s.dbs.size() == 2);
  CHECK(s.packages.size() >= 31);
  CHECK(s.packages.back().name == "demo");
  CHECK(s.packages.back().lib_name == "internal");
  CHECK(s.packages.back().db == db);
  CHECK(by_name(s.packages, "base").db == c.global_db);

  CompilerInfo no_tool = c;
  no_tool.ghc_pkg = (t.path / "no-such-ghc-pkg").string();
  PackageDbStack again;
  if (fs::exists(c.global_db)) {
    REQUIRE(load_package_dbs(no_tool, {c.global_db, db}, cache, again, error));
    CHECK(again.packages.size() == s.packages.size());
  } else {  // a GHC in a chroot: only our own database is cached
    REQUIRE(load_package_dbs(no_tool, {db}, cache, again, error));
    CHECK(again.packages.size() == 1);
  }
}

namespace {

void write_conf(const fs::path& db, const std::string& file, const std::string& name, const std::string& version,
                const std::string& id) {
  REQUIRE(write_file_atomic((db / file).string(), "name: " + name + "\nversion: " + version + "\nid: " + id +
                                                      "\nexposed: True\nexposed-modules: A, B from x:C\n"));
}

}  // namespace

TEST_CASE("load_package_dbs reads a database's *.conf files without ghc-pkg", "[planner]") {
  TempDir t;
  fs::path db = t.path / "db";
  fs::create_directories(db);
  write_conf(db, "zz-1.0-b.conf", "zz", "1.0", "zz-1.0-b");
  write_conf(db, "aa-2.0-a.conf", "aa", "2.0", "aa-2.0-a");
  REQUIRE(write_file_atomic((db / "package.cache").string(), std::string(300, 'b')));
  CompilerInfo c;
  c.ghc_pkg = (t.path / "no-such-ghc-pkg").string();
  PackageDbStack s;
  std::string error;
  REQUIRE(load_package_dbs(c, {db.string()}, "", s, error));
  REQUIRE(s.packages.size() == 2);
  CHECK(s.packages[0].id == "aa-2.0-a");  // in file name order
  CHECK(s.packages[1].id == "zz-1.0-b");
  CHECK(s.packages[1].exposed);
  CHECK(s.packages[1].exposed_modules == std::vector<std::string>{"A", "B"});
  CHECK(s.packages[1].db == db.string());
}

TEST_CASE("load_package_dbs: an empty database needs no ghc-pkg; an ambiguous one does", "[planner]") {
  TempDir t;
  fs::path empty = t.path / "empty", bare = t.path / "bare", twice = t.path / "twice";
  for (const auto& d : {empty, bare, twice}) fs::create_directories(d);
  // GHC 9.10.3's package.cache of an empty database (ghc-pkg init).
  const char kEmpty[] = "\0ghcpkg\0\0\0\0\1\0\0\0\0\0\0\0\0\0\0\0\10\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0";
  REQUIRE(write_file_atomic((empty / "package.cache").string(), std::string_view(kEmpty, 40)));
  CompilerInfo c;
  c.ghc_pkg = (t.path / "no-such-ghc-pkg").string();
  PackageDbStack s;
  std::string error;
  REQUIRE(load_package_dbs(c, {empty.string(), bare.string()}, "", s, error));
  CHECK(s.dbs.size() == 2);
  CHECK(s.packages.empty());

  // Two registrations of one library and version: the dump's order decides
  // which one counts, so ghc-pkg is asked.
  write_conf(twice, "p-1.0-a.conf", "p", "1.0", "p-1.0-a");
  write_conf(twice, "p-1.0-b.conf", "p", "1.0", "p-1.0-b");
  CHECK_FALSE(load_package_dbs(c, {twice.string()}, "", s, error));
  CHECK(error.find("no-such-ghc-pkg") != std::string::npos);
  c.ghc_pkg = fake_ghc_pkg(t.path, MHU_SOURCE_DIR "/fixtures/planner/ghc-pkg-dump-sublib.txt");
  REQUIRE(load_package_dbs(c, {twice.string()}, "", s, error));
  CHECK(first_line(t.path / "log") == "dump --no-user-package-db --package-db=" + twice.string());

  // A *.conf that is not one entry: ghc-pkg is asked.
  fs::remove(twice / "p-1.0-b.conf");
  REQUIRE(write_file_atomic((twice / "p-1.0-b.conf").string(), "name: p\n"));
  REQUIRE(load_package_dbs(c, {twice.string()}, "", s, error));
  CHECK(count_lines(t.path / "log") == 2);
}

TEST_CASE("the *.conf files of the live global database read as ghc-pkg dump lists them", "[planner]") {
  const std::string ghc_pkg = "/var/cache/mhu/bin/ghc-pkg", root = "/var/cache/mhu/ghc-root";
  if (!fs::exists(ghc_pkg) || !fs::exists(root)) {
    WARN("skipped: " << ghc_pkg << " or " << root << " does not exist");
    SUCCEED();
    return;
  }
  CompilerInfo c;
  std::string error;
  REQUIRE(query_compiler("/var/cache/mhu/bin/ghc", "", c, error));
  c.sysroot = root;
  ProcessResult r;
  REQUIRE(run_process({ghc_pkg, "dump", "--global"}, r, error));
  REQUIRE(r.exit_code == 0);
  auto dumped = parse_ok(r.out);
  CompilerInfo no_tool = c;
  no_tool.ghc_pkg = "/nonexistent/ghc-pkg";
  PackageDbStack s;
  REQUIRE(load_package_dbs(no_tool, {c.global_db}, "", s, error));
  auto key = [](const InstalledPackage& p) { return p.id; };
  auto by_id = [&](std::vector<InstalledPackage> v) {
    std::sort(v.begin(), v.end(), [&](const auto& a, const auto& b) { return key(a) < key(b); });
    return v;
  };
  auto a = by_id(dumped), b = by_id(s.packages);
  REQUIRE(a.size() == b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    INFO(a[i].id);
    CHECK(a[i].id == b[i].id);
    CHECK(a[i].name == b[i].name);
    CHECK(a[i].lib_name == b[i].lib_name);
    CHECK(a[i].version == b[i].version);
    CHECK(a[i].exposed == b[i].exposed);
    CHECK(a[i].visibility_public == b[i].visibility_public);
    CHECK(a[i].exposed_modules == b[i].exposed_modules);
    CHECK(a[i].hidden_modules == b[i].hidden_modules);
    CHECK(a[i].depends == b[i].depends);
  }
}
