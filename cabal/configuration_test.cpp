#include "cabal/configuration.h"

#include <catch2/catch.hpp>

#include "cabal/package_parser.h"

using namespace mhu::cabal;

namespace {

GenericPackageDescription parse(std::string_view text) {
  GenericPackageDescription gpd;
  Diagnostics d;
  bool ok = parse_package_description(text, gpd, d);
  INFO((d.first_error() ? d.first_error()->message : std::string()));
  REQUIRE(ok);
  return gpd;
}

ResolvedPackage resolve(std::string_view text, const ResolveOptions& o = {}) {
  auto gpd = parse(text);
  ResolvedPackage p;
  Diagnostics d;
  bool ok = resolve_package(gpd, o, p, d);
  INFO((d.first_error() ? d.first_error()->message : std::string()));
  REQUIRE(ok);
  return p;
}

// The error of a package whose flags cannot be resolved.
std::string resolve_error(std::string_view text, const ResolveOptions& o) {
  auto gpd = parse(text);
  ResolvedPackage p;
  Diagnostics d;
  CHECK_FALSE(resolve_package(gpd, o, p, d));
  REQUIRE(d.first_error());
  return d.first_error()->message;
}

FlagAssignment flags(std::string_view text) {
  FlagAssignment out;
  std::string error;
  REQUIRE(parse_flag_assignment(text, out, error));
  return out;
}

// An index in which each listed package has the given versions (none: the
// package is missing); other packages have every version.
std::function<bool(const Dependency&)> index(std::vector<std::pair<std::string, std::vector<Version>>> pkgs) {
  return [pkgs](const Dependency& d) {
    for (const auto& [name, versions] : pkgs) {
      if (name != d.package) continue;
      for (const auto& v : versions)
        if (d.range.contains(v)) return true;
      return false;
    }
    return true;
  };
}

const ResolvedComponent& comp(const ResolvedPackage& p, std::string_view name) {
  for (auto& c : p.components)
    if (c.name == name) return c;
  FAIL("no component " << name);
  return p.components[0];
}

std::vector<std::string> dep_strings(const ResolvedComponent& c) {
  std::vector<std::string> out;
  for (const auto& d : c.build_depends) out.push_back(d.package + " " + to_string(d.range));
  return out;
}

using Flags = FlagAssignment;

const char* kFlagged = R"(cabal-version: 2.2
name: p
version: 1
flag fast
  default: False
flag dev
  manual: True
  default: True
library
  if flag(fast)
    ghc-options: -O2
  if flag(dev)
    ghc-options: -Wall
  else
    ghc-options: -Werror
)";

// One automatic flag choosing between two incompatible ranges of base.
const char* kNewBase = R"(cabal-version: 2.2
name: p
version: 1
flag new-base
  description: build with base 5
library
  build-depends: text
  if flag(new-base)
    build-depends: base >= 5
  else
    build-depends: base < 5
)";

}  // namespace

TEST_CASE("parse_flag_assignment: +, -, bare names, lower-cased, later wins") {
  CHECK(flags("foo -bar +Baz") == Flags{{"foo", true}, {"bar", false}, {"baz", true}});
  CHECK(flags("  -a,+b\t c ") == Flags{{"a", false}, {"b", true}, {"c", true}});
  CHECK(flags("foo -FOO") == Flags{{"foo", false}});
  CHECK(flags("") == Flags{});
  // Several calls accumulate into one assignment.
  FlagAssignment acc;
  std::string error;
  REQUIRE(parse_flag_assignment("+a -b", acc, error));
  REQUIRE(parse_flag_assignment("+b c", acc, error));
  CHECK(acc == Flags{{"a", true}, {"b", true}, {"c", true}});
  // A sign alone names no flag.
  FlagAssignment bad;
  CHECK_FALSE(parse_flag_assignment("foo -", bad, error));
  CHECK(error.find("empty flag name") != std::string::npos);
  CHECK_FALSE(parse_flag_assignment("+ foo", bad, error));
}

TEST_CASE("flag defaults, manual flags and user overrides") {
  SECTION("defaults; every declared flag reported in declaration order") {
    auto p = resolve(kFlagged);
    CHECK(p.flags == Flags{{"fast", false}, {"dev", true}});
    CHECK(comp(p, "").data.build_info.ghc_options == std::vector<std::string>{"-Wall"});
  }
  SECTION("the user's values win over defaults, manual or not") {
    ResolveOptions o;
    o.user_flags = flags("+FAST -dev");
    auto p = resolve(kFlagged, o);
    CHECK(p.flags == Flags{{"fast", true}, {"dev", false}});
    CHECK(comp(p, "").data.build_info.ghc_options == std::vector<std::string>{"-O2", "-Werror"});
  }
  SECTION("user flags the package does not declare are ignored") {
    ResolveOptions o;
    o.user_flags = flags("+nonexistent");
    auto p = resolve(kFlagged, o);
    CHECK(p.flags == Flags{{"fast", false}, {"dev", true}});
  }
}

TEST_CASE("an automatic flag flips when its default brings in an unavailable dependency") {
  ResolveOptions o;
  o.available = index({{"base", {Version{{4, 18}}}}});
  SECTION("flipped") {
    auto p = resolve(kNewBase, o);
    CHECK(p.flags == Flags{{"new-base", false}});
    CHECK(dep_strings(comp(p, "")) == std::vector<std::string>{"base <5", "text >=0"});
  }
  SECTION("not flipped when the default works") {
    o.available = index({{"base", {Version{{4, 18}}, Version{{5, 1}}}}});
    auto p = resolve(kNewBase, o);
    CHECK(p.flags == Flags{{"new-base", true}});
    CHECK(dep_strings(comp(p, "")) == std::vector<std::string>{"base >=5", "text >=0"});
  }
  SECTION("without an index every dependency counts as available: defaults") {
    auto p = resolve(kNewBase);
    CHECK(p.flags == Flags{{"new-base", true}});
  }
  SECTION("a user's choice is never flipped") {
    o.user_flags = flags("+new-base");
    auto e = resolve_error(kNewBase, o);
    CHECK(e.find("base >=5") != std::string::npos);
  }
  SECTION("a manual flag is never flipped") {
    std::string text = kNewBase;
    text.replace(text.find("  description"), 0, "  manual: True\n");
    auto e = resolve_error(text, o);
    CHECK(e.find("no choice of flags") != std::string::npos);
    CHECK(e.find("base") != std::string::npos);
  }
  SECTION("no assignment works") {
    o.available = index({{"base", {}}});
    auto e = resolve_error(kNewBase, o);
    CHECK(e.find("base") != std::string::npos);
  }
}

TEST_CASE("flag choices are explored depth-first in declaration order, defaults first") {
  ResolveOptions o;
  o.available = index({{"x", {}}, {"y", {}}});
  SECTION("the last flag varies first") {
    // (a, b) = (T, T) needs x; the next candidate is (T, F), not (F, T).
    auto p = resolve(R"(cabal-version: 2.2
name: p
version: 1
flag a
flag b
library
  if flag(a) && flag(b)
    build-depends: x
)", o);
    CHECK(p.flags == Flags{{"a", true}, {"b", false}});
  }
  SECTION("the first flag flips when no choice of the later ones helps") {
    const char* text = R"(cabal-version: 2.2
name: p
version: 1
flag a
flag b
library
  if flag(a)
    build-depends: x
  if !flag(b)
    build-depends: y
)";
    auto p = resolve(text, o);
    CHECK(p.flags == Flags{{"a", false}, {"b", true}});
    CHECK(comp(p, "").build_depends.empty());
  }
  SECTION("a flag's default of False is tried first, then True") {
    auto p = resolve(R"(cabal-version: 2.2
name: p
version: 1
flag a
  default: False
flag b
  default: False
library
  if !flag(a)
    build-depends: x
  if flag(b)
    build-depends: y
)", o);
    CHECK(p.flags == Flags{{"a", true}, {"b", false}});
  }
}

TEST_CASE("dependencies are checked package-wide: ranges intersected across components") {
  // Cabal's overallDependencies: the library's foo <2 and the executable's
  // foo >=2 (the default) together need a foo that cannot exist, though each
  // alone is satisfiable.
  const char* text = R"(cabal-version: 2.2
name: p
version: 1
flag new
library
  build-depends: foo < 2
executable e
  main-is: M.hs
  if flag(new)
    build-depends: foo >= 2
  else
    build-depends: foo < 2
)";
  ResolveOptions o;
  o.available = index({{"foo", {Version{{1, 5}}, Version{{2, 5}}}}});
  auto p = resolve(text, o);
  CHECK(p.flags == Flags{{"new", false}});
  CHECK(dep_strings(comp(p, "e")) == std::vector<std::string>{"foo <2"});

  o.user_flags = flags("+new");
  auto e = resolve_error(text, o);
  CHECK(e.find("foo <2 && >=2") != std::string::npos);
}

TEST_CASE("components come in Cabal's order whatever the file order") {
  auto p = resolve(R"(cabal-version: 3.0
name: p
version: 1
benchmark speed
  type: exitcode-stdio-1.0
  main-is: B.hs
test-suite spec
  type: exitcode-stdio-1.0
  main-is: T.hs
executable zed
  main-is: Z.hs
foreign-library ffi
  type: native-shared
executable app
  main-is: A.hs
library internal
test-suite doctest
  type: exitcode-stdio-1.0
  main-is: D.hs
library
  exposed-modules: P
library another
)");
  std::vector<std::pair<ComponentKind, std::string>> got;
  for (const auto& c : p.components) got.emplace_back(c.kind, c.name);
  using K = ComponentKind;
  CHECK(got == std::vector<std::pair<ComponentKind, std::string>>{
                   {K::Library, ""},
                   {K::Library, "internal"},
                   {K::Library, "another"},
                   {K::ForeignLibrary, "ffi"},
                   {K::Executable, "zed"},
                   {K::Executable, "app"},
                   {K::TestSuite, "spec"},
                   {K::TestSuite, "doctest"},
                   {K::Benchmark, "speed"},
               });
  // Cabal's biFillInDefaults: no hs-source-dirs means ".".
  CHECK(comp(p, "app").data.build_info.hs_source_dirs == std::vector<std::string>{"."});
}

TEST_CASE("disabled tests and unbuildable components do not force a flip") {
  const char* text = R"(cabal-version: 2.2
name: p
version: 1
flag t
library
test-suite u
  type: exitcode-stdio-1.0
  main-is: T.hs
  if flag(t)
    build-depends: x
executable e
  main-is: M.hs
  buildable: False
  build-depends: y
)";
  ResolveOptions o;
  o.available = index({{"x", {}}, {"y", {}}});
  SECTION("tests enabled: the flag flips") {
    auto p = resolve(text, o);
    CHECK(p.flags == Flags{{"t", false}});
  }
  SECTION("tests disabled: the default stays, and the test is still described") {
    o.enable_tests = false;
    auto p = resolve(text, o);
    CHECK(p.flags == Flags{{"t", true}});
    CHECK(dep_strings(comp(p, "u")) == std::vector<std::string>{"x >=0"});
  }
  SECTION("an unbuildable component has no dependencies") {
    auto p = resolve(text, o);
    CHECK(comp(p, "e").build_depends.empty());
    CHECK_FALSE(comp(p, "e").data.build_info.buildable);
  }
  SECTION("benchmarks likewise") {
    std::string bench = text;
    bench.replace(bench.find("test-suite u"), 12, "benchmark u");
    o.enable_benchmarks = false;
    auto p = resolve(bench, o);
    CHECK(p.flags == Flags{{"t", true}});
    o.enable_benchmarks = true;
    CHECK(resolve(bench, o).flags == Flags{{"t", false}});
  }
}

TEST_CASE("resolved build-depends: one per package, sorted, ranges intersected, libraries united") {
  auto p = resolve(R"(cabal-version: 3.0
name: p
version: 1
library
  build-depends: text >= 1, base, containers, p:sub
  if true
    build-depends: text < 3, p:other
library sub
library other
)");
  const auto& deps = comp(p, "").build_depends;
  REQUIRE(deps.size() == 4);
  CHECK(deps[0].package == "base");
  CHECK(deps[1].package == "containers");
  CHECK(deps[2].package == "p");
  CHECK(is_any_version(deps[2].range));
  CHECK(deps[2].libraries == std::vector<std::string>{"other", "sub"});
  CHECK(deps[3].package == "text");
  CHECK(to_string(deps[3].range) == ">=1 && <3");
}

TEST_CASE("duplicate component names are an error") {
  const char* text = R"(cabal-version: 2.2
name: p
version: 1
executable foo
  main-is: M.hs
test-suite foo
  type: exitcode-stdio-1.0
  main-is: T.hs
)";
  auto e = resolve_error(text, {});
  CHECK(e.find("several components with the same name: 'foo'") != std::string::npos);
  // A sub-library may share the package's name; the main library has none.
  auto p = resolve(R"(cabal-version: 3.0
name: p
version: 1
library
library p
)");
  CHECK(p.components.size() == 2);
}

TEST_CASE("resolving a consumed description gives the same package, its dependencies only resolved") {
  const char* text =
      "cabal-version: 2.4\nname: p\nversion: 1\n"
      "flag fast\n  default: False\n  manual: True\n"
      "common deps\n  build-depends: base >=4, text\n"
      "library\n  import: deps\n  exposed-modules: A\n  build-depends: base <5, containers\n"
      "  if flag(fast)\n    ghc-options: -O2\n    build-depends: vector\n  else\n    other-modules: B B\n    build-depends: base, text >=2\n"
      "  if os(windows)\n    build-depends: Win32\n"
      "executable e\n  main-is: Main.hs\n  build-depends: p, base\n  buildable: False\n";
  for (const char* f : {"", "+fast"}) {
    ResolveOptions o;
    o.user_flags = flags(f);
    ResolvedPackage copied = resolve(text, o);
    auto gpd = parse(text);
    ResolvedPackage moved;
    Diagnostics d;
    REQUIRE(resolve_package(std::move(gpd), o, moved, d));
    CHECK(moved.name == copied.name);
    CHECK(moved.version == copied.version);
    CHECK(moved.flags == copied.flags);
    REQUIRE(moved.components.size() == copied.components.size());
    for (size_t i = 0; i < moved.components.size(); ++i) {
      const auto& m = moved.components[i];
      const auto& c = copied.components[i];
      CHECK(m.name == c.name);
      REQUIRE(m.build_depends.size() == c.build_depends.size());
      for (size_t k = 0; k < m.build_depends.size(); ++k) {
        CHECK(m.build_depends[k].package == c.build_depends[k].package);
        CHECK(to_string(m.build_depends[k].range) == to_string(c.build_depends[k].range));
        CHECK(m.build_depends[k].libraries == c.build_depends[k].libraries);
      }
      CHECK(m.data.build_info.build_depends.empty());
      CHECK(m.data.build_info.other_modules == c.data.build_info.other_modules);
      CHECK(m.data.build_info.ghc_options == c.data.build_info.ghc_options);
      CHECK(m.data.build_info.hs_source_dirs == c.data.build_info.hs_source_dirs);
      CHECK(m.data.build_info.buildable == c.data.build_info.buildable);
      CHECK(m.data.exposed_modules == c.data.exposed_modules);
      CHECK(m.data.main_is == c.data.main_is);
    }
  }
}
