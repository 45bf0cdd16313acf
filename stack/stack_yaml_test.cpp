#include "stack/stack_yaml.h"

#include <catch2/catch.hpp>

#include "tests/temp_dir.h"

using namespace mhu::stack;
using mhu::cabal::Diagnostics;
using mhu::cabal::Position;
using mhu::cabal::Severity;
using mhu::test::TempDir;

namespace {

struct Parsed {
  bool ok;
  StackYaml y;
  Diagnostics d;
};

Parsed parse(const std::string& text, const std::string& file = "/proj/stack.yaml") {
  Parsed p;
  p.ok = parse_stack_yaml(text, file, p.y, p.d);
  return p;
}

const mhu::cabal::Diagnostic* first(const Parsed& p, Severity s) {
  for (const auto& d : p.d.items)
    if (d.severity == s) return &d;
  return nullptr;
}

using Words = std::vector<std::string>;

Words split(const std::string& s) {
  Words w;
  std::string e;
  REQUIRE(split_ghc_options(s, w, e));
  return w;
}

}  // namespace

TEST_CASE("stack.yaml: packages default to the project directory", "[stack]") {
  auto p = parse("snapshot: lts-22.43\n");
  REQUIRE(p.ok);
  CHECK(p.d.items.empty());
  REQUIRE(p.y.packages.size() == 1);
  CHECK(p.y.packages[0].dir == "/proj");
  CHECK(p.y.root_dir == "/proj");
  CHECK(p.y.snapshot == "lts-22.43");
  CHECK(p.y.apply_ghc_options == ApplyGhcOptions::Locals);
  // null is the default too
  auto q = parse("snapshot: lts-22.43\npackages:\n");
  REQUIRE(q.ok);
  REQUIRE(q.y.packages.size() == 1);
}

TEST_CASE("stack.yaml: package directories relative to the file, with positions", "[stack]") {
  auto p = parse("resolver: ghc-9.10.3\npackages:\n- a\n- ./libs/b/\n- /abs/c\n");
  REQUIRE(p.ok);
  REQUIRE(p.y.packages.size() == 3);
  CHECK(p.y.packages[0].dir == "/proj/a");
  CHECK(p.y.packages[0].path == "a");
  CHECK(p.y.packages[0].pos == Position{3, 3});
  CHECK(p.y.packages[1].dir == "/proj/libs/b");
  CHECK(p.y.packages[2].dir == "/abs/c");
  CHECK(p.y.snapshot == "ghc-9.10.3");
}

TEST_CASE("stack.yaml: extra-deps are classified as pantry does", "[stack]") {
  auto p = parse(R"(snapshot: lts-22.43
extra-deps:
- ./vendor/foo
- vendor/bar
- acme-missiles-0.3
- text-2.1.1@sha256:abcd,1234
- aeson-2.2.3.0@rev:1
- https://example.com/pkg-1.0.tar.gz
- archives/pkg-1.0.zip
- git: https://github.com/o/r
  commit: deadbeef
- github: o/r
  commit: deadbeef
- hackage: mtl-2.3.1
- foo
- archive: ../pkg-2.0.tar.gz
  sha256: abcd
  size: 10
- location: https://example.com/old-1.0.tar.gz
)");
  REQUIRE(p.ok);
  const auto& d = p.y.extra_deps;
  REQUIRE(d.size() == 13);
  // pantry's parseArchiveLocationObject also takes `archive` and the legacy `location`.
  CHECK(d[11].kind == ExtraDep::Kind::Archive);
  CHECK(d[11].text == "../pkg-2.0.tar.gz");
  CHECK(d[12].kind == ExtraDep::Kind::Archive);
  CHECK(d[12].text == "https://example.com/old-1.0.tar.gz");
  CHECK(d[0].kind == ExtraDep::Kind::LocalDir);
  CHECK(d[0].dir == "/proj/vendor/foo");
  CHECK(d[1].kind == ExtraDep::Kind::LocalDir);
  CHECK(d[1].dir == "/proj/vendor/bar");
  CHECK(d[2].kind == ExtraDep::Kind::Hackage);
  CHECK(d[2].package == "acme-missiles");
  CHECK(d[2].version == mhu::cabal::Version{{0, 3}});
  CHECK(d[3].kind == ExtraDep::Kind::Hackage);
  CHECK(d[3].package == "text");
  CHECK(d[4].kind == ExtraDep::Kind::Hackage);
  CHECK(d[4].version == mhu::cabal::Version{{2, 2, 3, 0}});
  CHECK(d[5].kind == ExtraDep::Kind::Archive);
  CHECK(d[6].kind == ExtraDep::Kind::Archive);
  CHECK(d[7].kind == ExtraDep::Kind::Repo);
  CHECK(d[7].text == "https://github.com/o/r@deadbeef");
  CHECK(d[8].kind == ExtraDep::Kind::Archive);
  CHECK(d[9].kind == ExtraDep::Kind::Hackage);
  CHECK(d[9].package == "mtl");
  CHECK(d[10].kind == ExtraDep::Kind::LocalDir);  // a bare name is a directory
  CHECK(d[10].dir == "/proj/foo");
}

TEST_CASE("stack.yaml: flags by package, names lower-cased, YAML booleans", "[stack]") {
  auto p = parse("snapshot: lts-22.43\nflags:\n  foo:\n    Dev: true\n    fast: no\n  bar:\n    x: On\n");
  REQUIRE(p.ok);
  REQUIRE(p.y.flags.size() == 2);
  CHECK(p.y.flags[0].package == "foo");
  CHECK(p.y.flags[0].flags == mhu::cabal::FlagAssignment{{"dev", true}, {"fast", false}});
  CHECK(p.y.flags[1].flags == mhu::cabal::FlagAssignment{{"x", true}});
}

TEST_CASE("stack.yaml: a flag value that is not a boolean is an error at the value", "[stack]") {
  auto p = parse("snapshot: lts-22.43\nflags:\n  foo:\n    dev: maybe\n");
  CHECK_FALSE(p.ok);
  auto* e = first(p, Severity::Error);
  REQUIRE(e);
  CHECK(e->pos == Position{4, 10});
  CHECK(e->message.find("flags.foo.dev") != std::string::npos);
  CHECK(e->message.find("true or false") != std::string::npos);
  // A quoted "true" is a string, as Data.Yaml reads it.
  CHECK_FALSE(parse("snapshot: lts-22.43\nflags:\n  foo:\n    dev: \"true\"\n").ok);
}

TEST_CASE("stack.yaml: ghc-options by category and package, split as stack splits them", "[stack]") {
  auto p = parse(R"(snapshot: lts-22.43
ghc-options:
  "$everything": -O0
  "$locals": -Wall -Wcompat
  "$targets": -Werror
  foo: -DX="a b" -fno-code
apply-ghc-options: everything
)");
  REQUIRE(p.ok);
  CHECK(p.y.ghc_options.everything == Words{"-O0"});
  CHECK(p.y.ghc_options.locals == Words{"-Wall", "-Wcompat"});
  CHECK(p.y.ghc_options.targets == Words{"-Werror"});
  REQUIRE(p.y.ghc_options.by_package.size() == 1);
  CHECK(p.y.ghc_options.by_package[0].first == "foo");
  CHECK(p.y.ghc_options.by_package[0].second == Words{"-DX=", "a b", "-fno-code"});
  CHECK(p.y.apply_ghc_options == ApplyGhcOptions::Everything);
}

TEST_CASE("stack.yaml: the legacy * ghc-options key warns; with $everything it is an error", "[stack]") {
  auto p = parse("snapshot: lts-22.43\nghc-options:\n  \"*\": -Wall\n");
  REQUIRE(p.ok);
  CHECK(p.y.ghc_options.everything == Words{"-Wall"});
  REQUIRE(first(p, Severity::Warning));
  CHECK(first(p, Severity::Warning)->message.find("not recommended") != std::string::npos);
  CHECK_FALSE(parse("snapshot: lts-22.43\nghc-options:\n  \"*\": -Wall\n  $everything: -O0\n").ok);
}

TEST_CASE("stack.yaml: ghc-options must be a string; a list is an error", "[stack]") {
  auto p = parse("snapshot: lts-22.43\nghc-options:\n  foo: [-Wall]\n");
  CHECK_FALSE(p.ok);
  REQUIRE(first(p, Severity::Error));
  CHECK(first(p, Severity::Error)->pos == Position{3, 8});
  CHECK(first(p, Severity::Error)->message.find("ghc-options.foo") != std::string::npos);
  CHECK_FALSE(parse("snapshot: lts-22.43\napply-ghc-options: some\n").ok);
}

TEST_CASE("split_ghc_options: words, quotes, escapes, unterminated strings", "[stack]") {
  CHECK(split("") == Words{});
  CHECK(split("  -Wall   -O2 ") == Words{"-Wall", "-O2"});
  CHECK(split("\"a b\" c") == Words{"a b", "c"});
  CHECK(split("\"a \\\" b\"") == Words{"a \" b"});
  CHECK(split("\"\"") == Words{""});
  CHECK(split("-optP\"-DX\"") == Words{"-optP", "-DX"});
  CHECK(split("a\tb") == Words{"a\tb"});  // only ' ' ends an unquoted word
  Words w;
  std::string e;
  CHECK_FALSE(split_ghc_options("\"abc", w, e));
  CHECK(e == "unterminated string");
}

TEST_CASE("stack.yaml: snapshot wins over resolver; compiler; a snapshot object", "[stack]") {
  auto p = parse("resolver: lts-21.0\nsnapshot: lts-22.43\ncompiler: ghc-9.8.4\n");
  REQUIRE(p.ok);
  CHECK(p.y.snapshot == "lts-22.43");
  CHECK(p.y.compiler == "ghc-9.8.4");
  CHECK(first(p, Severity::Warning));
  auto q = parse("snapshot:\n  compiler: ghc-9.10.3\n");
  REQUIRE(q.ok);
  CHECK(q.y.snapshot == "ghc-9.10.3");
}

TEST_CASE("stack.yaml: a missing snapshot is an error", "[stack]") {
  auto p = parse("packages: [.]\n");
  CHECK_FALSE(p.ok);
  REQUIRE(first(p, Severity::Error));
  CHECK(first(p, Severity::Error)->message.find("snapshot") != std::string::npos);
  CHECK_FALSE(parse("").ok);
}

TEST_CASE("stack.yaml: directories and databases are absolute; drop-packages kept", "[stack]") {
  auto p = parse(R"(snapshot: lts-22.43
extra-include-dirs: [include, /usr/local/include]
extra-lib-dirs:
- lib
extra-package-dbs: [db/pkgdb]
drop-packages: [foo]
system-ghc: true
install-ghc: false
)");
  REQUIRE(p.ok);
  CHECK(p.d.items.empty());
  CHECK(p.y.extra_include_dirs == Words{"/proj/include", "/usr/local/include"});
  CHECK(p.y.extra_lib_dirs == Words{"/proj/lib"});
  CHECK(p.y.extra_package_dbs == Words{"/proj/db/pkgdb"});
  CHECK(p.y.drop_packages == Words{"foo"});
}

TEST_CASE("stack.yaml: unknown fields are warnings at the field", "[stack]") {
  auto p = parse("snapshot: lts-22.43\npackagez: [a]\n");
  REQUIRE(p.ok);
  auto* w = first(p, Severity::Warning);
  REQUIRE(w);
  CHECK(w->pos == Position{2, 1});
  CHECK(w->message.find("packagez") != std::string::npos);
}

TEST_CASE("stack.yaml: wrong shapes are errors naming the field and what was expected", "[stack]") {
  auto p = parse("snapshot: lts-22.43\npackages: a\n");
  CHECK_FALSE(p.ok);
  REQUIRE(first(p, Severity::Error));
  CHECK(first(p, Severity::Error)->pos == Position{2, 11});
  CHECK(first(p, Severity::Error)->message == "`packages`: expected a list of package directories, found a single value");
  auto q = parse("snapshot: lts-22.43\npackages:\n- location: ./a\n");
  CHECK_FALSE(q.ok);
  CHECK_FALSE(parse("snapshot: lts-22.43\nflags: [a]\n").ok);
  CHECK_FALSE(parse("snapshot: lts-22.43\nflags:\n  \"not a name!\":\n    x: true\n").ok);
  CHECK_FALSE(parse("- a\n- b\n").ok);
}

TEST_CASE("stack.yaml: invalid YAML is an error at yaml-cpp's mark", "[stack]") {
  auto p = parse("snapshot: lts-22.43\npackages: [a, b\n");
  CHECK_FALSE(p.ok);
  auto* e = first(p, Severity::Error);
  REQUIRE(e);
  CHECK(e->message.find("invalid YAML") == 0);
  CHECK(e->pos.line >= 2);
}

TEST_CASE("wanted_ghc_version: compiler, then a compiler snapshot; lts is unknown", "[stack]") {
  CHECK(wanted_ghc_version(parse("snapshot: ghc-9.10.3\n").y) == mhu::cabal::Version{{9, 10, 3}});
  CHECK(wanted_ghc_version(parse("snapshot: lts-22.43\ncompiler: ghc-9.8.4\n").y) == mhu::cabal::Version{{9, 8, 4}});
  CHECK_FALSE(wanted_ghc_version(parse("snapshot: lts-22.43\n").y));
  CHECK_FALSE(parse_wanted_ghc("ghcjs-0.2.0_ghc-7.10.2"));
  CHECK_FALSE(parse_wanted_ghc("ghc-git-abc-quick"));
}

TEST_CASE("find_stack_yaml: --stack-yaml, then $STACK_YAML, then here or above", "[stack]") {
  TempDir t;
  std::string top = t.file("stack.yaml", "snapshot: lts-22.43\n");
  std::string other = t.file("other/stack-9.8.yaml", "snapshot: lts-22.43\n");
  std::string deep = t.dir("a/b/c");
  std::string out;
  Diagnostics d;
  REQUIRE(find_stack_yaml(deep, "", std::nullopt, out, d));
  CHECK(out == top);
  REQUIRE(find_stack_yaml(t.str(), "other/stack-9.8.yaml", std::string("stack.yaml"), out, d));
  CHECK(out == other);
  REQUIRE(find_stack_yaml(t.str(), "", std::string("other/stack-9.8.yaml"), out, d));
  CHECK(out == other);
  CHECK_FALSE(find_stack_yaml(t.str(), "missing.yaml", std::nullopt, out, d));
  REQUIRE(d.first_error());
  CHECK(d.first_error()->message.find("--stack-yaml") != std::string::npos);
  CHECK(find_stack_yaml_upwards(t.str() + "/other") == top);
}

TEST_CASE("find_stack_yaml: none is an error", "[stack]") {
  TempDir t;
  // /tmp has no stack.yaml above it in a test environment; skip when it does.
  if (!find_stack_yaml_upwards(t.str()).empty()) return;
  std::string out;
  Diagnostics d;
  CHECK_FALSE(find_stack_yaml(t.str(), "", std::nullopt, out, d));
  REQUIRE(d.first_error());
  CHECK(d.first_error()->message.find("no stack.yaml") == 0);
}

TEST_CASE("read_stack_yaml reads the file and resolves against its directory", "[stack]") {
  TempDir t;
  std::string f = t.file("stack.yaml", "snapshot: ghc-9.10.3\npackages: [pkg]\n");
  StackYaml y;
  Diagnostics d;
  REQUIRE(read_stack_yaml(f, y, d));
  CHECK(y.file == f);
  REQUIRE(y.packages.size() == 1);
  CHECK(y.packages[0].dir == t.str() + "/pkg");
  CHECK_FALSE(read_stack_yaml(t.str() + "/missing.yaml", y, d));
}

TEST_CASE("stack.yaml: a stray ',' and nesting past yaml-cpp's limit are errors at their place", "[stack]") {
  auto comma = parse("# a comment\n\n  , snapshot: lts-22.43\n");
  CHECK_FALSE(comma.ok);
  REQUIRE(comma.d.first_error());
  CHECK(comma.d.first_error()->pos == Position{3, 3});
  CHECK(comma.d.first_error()->message ==
        "invalid YAML: unexpected ',' outside a flow collection ([...] or {...})");
  auto deep = parse("snapshot: lts-22.43\nx: " + std::string(10000, '[') + std::string(10000, ']') + "\n");
  CHECK_FALSE(deep.ok);
  REQUIRE(deep.d.first_error());
  CHECK(deep.d.first_error()->pos.line == 2);
  CHECK(deep.d.first_error()->message == "invalid YAML: YAML nested too deeply (yaml-cpp reads at most 499 levels)");
}

TEST_CASE("stack.yaml: `!include` and `<<` merge keys, as Data.Yaml.Include reads them", "[stack]") {
  TempDir t;
  t.file("p/flags.yaml", "flags:\n  core:\n    fast: true\nghc-options:\n  \"$locals\": -DINCLUDED\n");
  t.file("p/more/deps.yaml", "- acme-missiles-0.3\n- !include ../leaf.yaml\n");
  t.file("p/leaf.yaml", "text-2.1.1\n");
  std::string file = t.file("p/stack.yaml",
                            "snapshot: ghc-9.10.3\n"
                            "ghc-options:\n  \"$locals\": -DGIVEN_BEFORE\n"
                            "<<: !include flags.yaml\n"
                            "packages: [core]\n"
                            "extra-deps: !include more/deps.yaml\n");
  StackYaml y;
  Diagnostics d;
  REQUIRE(read_stack_yaml(file, y, d));
  REQUIRE(y.flags.size() == 1);
  CHECK(y.flags[0].package == "core");
  // A key given before `<<` is kept; the merged mapping adds only the others.
  CHECK(y.ghc_options.locals == Words{"-DGIVEN_BEFORE"});
  REQUIRE(y.extra_deps.size() == 2);
  CHECK(y.extra_deps[1].package == "text");
  CHECK(y.included_files ==
        std::vector<std::string>{t.str() + "/p/flags.yaml", t.str() + "/p/more/deps.yaml", t.str() + "/p/leaf.yaml"});
  // The document as stack sees it, for the probe.
  CHECK(y.text.find("!include") == std::string::npos);
  CHECK(y.text.find("fast") != std::string::npos);

  // A key after `<<` replaces the merged one.
  std::string after = t.file("q/stack.yaml", "snapshot: ghc-9.10.3\n<<: {snapshot: lts-22.43, compiler: ghc-9.8.4}\ncompiler: ghc-9.10.3\n");
  StackYaml a;
  REQUIRE(read_stack_yaml(after, a, d));
  CHECK(a.snapshot == "ghc-9.10.3");
  CHECK(a.compiler == "ghc-9.10.3");
}

TEST_CASE("stack.yaml: a missing or cyclic `!include` is an error at the tag", "[stack]") {
  TempDir t;
  std::string missing = t.file("m/stack.yaml", "snapshot: ghc-9.10.3\n<<: !include nowhere.yaml\n");
  StackYaml y;
  Diagnostics d;
  CHECK_FALSE(read_stack_yaml(missing, y, d));
  REQUIRE(d.has_error());
  CHECK(d.items[0].pos.line == 2);
  CHECK(d.items[0].message.find("`!include nowhere.yaml`: cannot read " + t.str() + "/m/nowhere.yaml") == 0);

  t.file("c/a.yaml", "<<: !include b.yaml\n");
  t.file("c/b.yaml", "<<: !include a.yaml\n");
  std::string cyclic = t.file("c/stack.yaml", "snapshot: ghc-9.10.3\n<<: !include a.yaml\n");
  Diagnostics dc;
  CHECK_FALSE(read_stack_yaml(cyclic, y, dc));
  REQUIRE(dc.has_error());
  CHECK(dc.items[0].message.find("includes itself (a cycle)") != std::string::npos);

  // Invalid YAML in an included file (a leading ',' too) names that file, line and column.
  t.file("b/bad.yaml", ", x\n");
  std::string bad = t.file("b/stack.yaml", "snapshot: ghc-9.10.3\n<<: !include bad.yaml\n");
  Diagnostics db;
  CHECK_FALSE(read_stack_yaml(bad, y, db));
  REQUIRE(db.has_error());
  CHECK(db.items[0].message == "`!include bad.yaml`: " + t.str() +
                                   "/b/bad.yaml:1:1: invalid YAML: unexpected ',' outside a flow collection ([...] or {...})");
}

TEST_CASE("stack.yaml: a null snapshot is absent, so resolver counts", "[stack]") {
  auto p = parse("snapshot:\nresolver: lts-22.43\n");
  REQUIRE(p.ok);
  CHECK(p.y.snapshot == "lts-22.43");
  CHECK(!first(p, Severity::Warning));
  auto q = parse("resolver: lts-21.1\nsnapshot: lts-22.43\n");
  REQUIRE(q.ok);
  CHECK(q.y.snapshot == "lts-22.43");
  REQUIRE(first(q, Severity::Warning));
}

TEST_CASE("stack.yaml: an empty snapshot is an error", "[stack]") {
  auto p = parse("snapshot: \"\"\n");
  CHECK_FALSE(p.ok);
  REQUIRE(first(p, Severity::Error));
  CHECK(first(p, Severity::Error)->message.find("`snapshot`: expected a snapshot") == 0);
}
