#include "stack/package_yaml.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cabal/configuration.h"
#include "tests/temp_dir.h"

using namespace mhu::stack;
using namespace mhu::cabal;

namespace {

struct Read {
  GenericPackageDescription gpd;
  Diagnostics diags;
  bool ok = false;
  Read(const std::string& dir, std::string_view yaml, PackageYamlOptions options = {}) {
    ok = parse_package_yaml(yaml, dir, gpd, diags, options);
  }
  Read(mhu::test::TempDir& dir, std::string_view yaml, PackageYamlOptions options = {})
      : Read(dir.str(), yaml, std::move(options)) {}
  const Diagnostic* error() const { return diags.first_error(); }
  std::string error_message() const { return error() ? error()->message : ""; }
  const Diagnostic* find(std::string_view needle) const {
    for (const auto& d : diags.items)
      if (d.message.find(needle) != std::string::npos) return &d;
    return nullptr;
  }
  const Component& component(ComponentKind kind, std::string_view name = "") const {
    for (const auto& c : gpd.components)
      if (c.kind == kind && c.name == name) return c;
    FAIL("no component " << name);
    return gpd.components.front();
  }
};

std::string render(mhu::test::TempDir& dir, std::string_view yaml) {
  RenderedCabal r;
  Diagnostics d;
  REQUIRE(render_package_yaml(yaml, dir.str(), r, d));
  return r.text;
}

std::vector<std::string> ranges(const std::vector<Dependency>& deps) {
  std::vector<std::string> out;
  for (const auto& d : deps) out.push_back(d.package + " " + to_string(d.range));
  return out;
}

}  // namespace

TEST_CASE("package.yaml: a library with inferred modules", "[package-yaml]") {
  mhu::test::TempDir tmp;
  tmp.file("src/Foo.hs");
  tmp.file("src/Foo/Bar.hs");
  tmp.file("src/notamodule.hs");
  Read r(tmp, "name: foo\nversion: 1.2\ndependencies: base >= 4 && < 5\nlibrary:\n  source-dirs: src\n");
  REQUIRE(r.ok);
  CHECK(r.gpd.name == "foo");
  CHECK(to_string(r.gpd.version) == "1.2");
  CHECK(r.gpd.spec == CabalSpec::V1_12);
  CHECK(r.gpd.build_type == "Simple");
  const auto& lib = r.component(ComponentKind::Library).tree.data;
  CHECK(lib.exposed_modules == std::vector<std::string>{"Foo", "Foo.Bar"});
  CHECK(lib.build_info.other_modules == std::vector<std::string>{"Paths_foo"});
  CHECK(lib.build_info.hs_source_dirs == std::vector<std::string>{"src"});
  CHECK(lib.build_info.default_language == std::optional<std::string>("Haskell2010"));
  // hpack writes `base ==4.*`; Cabal reads that as >=4 && <5.
  CHECK(ranges(lib.build_info.build_depends) == std::vector<std::string>{"base >=4 && <5"});
}

TEST_CASE("package.yaml: dependency forms and hpack's version constraints", "[package-yaml]") {
  mhu::test::TempDir tmp;
  Read r(tmp, R"(name: deps
library:
  dependencies:
    - text ^>= 2.0
    - name: containers
      version: ">= 0.6"
      mixin: (Data.Map as Map)
    - other:{a, b}
executables:
  e:
    main: Main.hs
    dependencies:
      base: 4.18
      deps: null
      vector: "0.13.*"
      aeson: {version: "^>= 2.1.0.0"}
)");
  REQUIRE(r.ok);
  // mixins and sub-library dependencies make it cabal-version 3.0.
  CHECK(r.gpd.spec == CabalSpec::V3_0);
  const auto& lib = r.component(ComponentKind::Library).tree.data.build_info;
  CHECK(ranges(lib.build_depends) == std::vector<std::string>{"containers >=0.6", "other >=0", "text >=2.0 && <2.1"});
  REQUIRE(lib.build_depends[1].libraries == std::vector<std::string>{"a", "b"});
  REQUIRE(lib.mixins.size() == 1);
  CHECK(to_string(lib.mixins[0]) == "containers (Data.Map as Map)");
  const auto& exe = r.component(ComponentKind::Executable, "e").tree.data.build_info;
  CHECK(ranges(exe.build_depends) ==
        std::vector<std::string>{"aeson >=2.1.0.0 && <2.2", "base ==4.18", "deps >=0", "vector >=0.13 && <0.14"});
}

TEST_CASE("package.yaml: common fields go into every section, the section's last", "[package-yaml]") {
  mhu::test::TempDir tmp;
  Read r(tmp, R"(name: common
ghc-options: -Wall
dependencies: [base, text >= 1]
language: GHC2021
library:
  ghc-options: -O2
  dependencies: text >= 2
executables:
  e:
    main: Main.hs
    language: Haskell98
)");
  REQUIRE(r.ok);
  const auto& lib = r.component(ComponentKind::Library).tree.data.build_info;
  CHECK(lib.ghc_options == std::vector<std::string>{"-Wall", "-O2"});
  CHECK(ranges(lib.build_depends) == std::vector<std::string>{"base >=0", "text >=2"});
  CHECK(lib.default_language == std::optional<std::string>("GHC2021"));
  const auto& exe = r.component(ComponentKind::Executable, "e").tree.data;
  CHECK(exe.build_info.ghc_options == std::vector<std::string>{"-Wall"});
  CHECK(exe.build_info.default_language == std::optional<std::string>("Haskell98"));
  CHECK(exe.main_is == "Main.hs");
}

TEST_CASE("package.yaml: when, flat and with then/else, nested", "[package-yaml]") {
  mhu::test::TempDir tmp;
  Read r(tmp, R"(name: conds
flags:
  fast: {manual: true, default: false}
library:
  when:
    - condition: flag(fast)
      ghc-options: -O2
    - condition: os(windows)
      then:
        cpp-options: -DWIN
        when:
          condition: arch(x86_64)
          cc-options: -m64
      else:
        cpp-options: -DPOSIX
    - condition: false
      ghc-options: -never
)");
  REQUIRE(r.ok);
  REQUIRE(r.gpd.flags.size() == 1);
  CHECK(r.gpd.flags[0].name == "fast");
  CHECK(r.gpd.flags[0].manual);
  CHECK_FALSE(r.gpd.flags[0].default_value);
  const auto& tree = r.component(ComponentKind::Library).tree;
  // `condition: false` at the top is dropped, as hpack does.
  REQUIRE(tree.branches.size() == 2);
  CHECK(tree.branches[0].condition.kind == Condition::Kind::Flag);
  CHECK(tree.branches[0].then_tree[0].data.build_info.ghc_options == std::vector<std::string>{"-O2"});
  CHECK(tree.branches[0].else_tree.empty());
  const auto& win = tree.branches[1];
  CHECK(win.condition.kind == Condition::Kind::Os);
  CHECK(win.condition.name == "windows");
  CHECK(win.then_tree[0].data.build_info.cpp_options == std::vector<std::string>{"-DWIN"});
  REQUIRE(win.then_tree[0].branches.size() == 1);
  CHECK(win.then_tree[0].branches[0].condition.kind == Condition::Kind::Arch);
  REQUIRE(win.else_tree.size() == 1);
  CHECK(win.else_tree[0].data.build_info.cpp_options == std::vector<std::string>{"-DPOSIX"});
}

TEST_CASE("package.yaml: main as a module or a function", "[package-yaml]") {
  mhu::test::TempDir tmp;
  Read r(tmp, R"(name: mains
executables:
  by-module:
    main: App.Main
  by-function:
    main: App.Main.run
  by-file:
    main: Main.lhs
)");
  REQUIRE(r.ok);
  const auto& m = r.component(ComponentKind::Executable, "by-module").tree.data;
  CHECK(m.main_is == "App/Main.hs");
  CHECK(m.build_info.ghc_options == std::vector<std::string>{"-main-is", "App.Main"});
  const auto& f = r.component(ComponentKind::Executable, "by-function").tree.data;
  CHECK(f.main_is == "App/Main.hs");
  CHECK(f.build_info.ghc_options == std::vector<std::string>{"-main-is", "App.Main.run"});
  const auto& l = r.component(ComponentKind::Executable, "by-file").tree.data;
  CHECK(l.main_is == "Main.lhs");
  CHECK(l.build_info.ghc_options.empty());
}

TEST_CASE("package.yaml: tests, benchmarks and the executable section", "[package-yaml]") {
  mhu::test::TempDir tmp;
  tmp.file("test/Spec.hs");
  tmp.file("test/FooSpec.hs");
  Read r(tmp, R"(name: t
executable:
  main: Main.hs
tests:
  spec:
    main: Spec.hs
    source-dirs: test
benchmarks:
  bench:
    main: Bench.hs
)");
  REQUIRE(r.ok);
  CHECK(r.component(ComponentKind::Executable, "t").tree.data.main_is == "Main.hs");
  const auto& spec = r.component(ComponentKind::TestSuite, "spec").tree.data;
  CHECK(spec.interface == ComponentData::Interface::ExeV10);
  CHECK(spec.build_info.other_modules == std::vector<std::string>{"FooSpec", "Paths_t"});
  CHECK(r.component(ComponentKind::Benchmark, "bench").tree.data.interface == ComponentData::Interface::ExeV10);
}

TEST_CASE("package.yaml: generated modules, spec-version and Paths_", "[package-yaml]") {
  mhu::test::TempDir tmp;
  tmp.file("src/Lib.hs");
  Read r(tmp, R"(name: gen-mods
library:
  source-dirs: src
  generated-other-modules: Build
)");
  REQUIRE(r.ok);
  CHECK(r.gpd.spec == CabalSpec::V2_0);
  const auto& lib = r.component(ComponentKind::Library).tree.data;
  CHECK(lib.build_info.other_modules == std::vector<std::string>{"Paths_gen_mods", "Build"});
  CHECK(lib.build_info.autogen_modules == std::vector<std::string>{"Paths_gen_mods", "Build"});

  Read no_paths(tmp, "spec-version: 0.36.0\nname: p\nlibrary:\n  source-dirs: src\n");
  REQUIRE(no_paths.ok);
  CHECK(no_paths.component(ComponentKind::Library).tree.data.build_info.other_modules.empty());
}

TEST_CASE("package.yaml: the cabal-version hpack infers", "[package-yaml]") {
  mhu::test::TempDir tmp;
  auto spec = [&](std::string_view yaml) {
    Read r(tmp, yaml);
    INFO(r.error_message());
    REQUIRE(r.ok);
    return r.gpd.spec;
  };
  CHECK(spec("name: a\nlibrary: {}\n") == CabalSpec::V1_12);
  CHECK(spec("name: a\nextra-doc-files: README.md\nlibrary: {}\n") == CabalSpec::V1_18);
  CHECK(spec("name: a\ncustom-setup: {dependencies: base}\nlibrary: {}\n") == CabalSpec::V1_24);
  CHECK(spec("name: a\nlibrary: {reexported-modules: Data.Map}\n") == CabalSpec::V1_22);
  CHECK(spec("name: a\nlicense: BSD-3-Clause\nlibrary: {}\n") == CabalSpec::V2_2);
  CHECK(spec("name: a\nlibrary: {cxx-options: -O2}\n") == CabalSpec::V2_2);
  CHECK(spec("name: a\nlibrary: {asm-options: -g}\n") == CabalSpec::V3_0);
  CHECK(spec("name: a\ninternal-libraries: {b: {}}\n") == CabalSpec::V2_0);
  CHECK(spec("name: a\ninternal-libraries: {b: {visibility: public}}\n") == CabalSpec::V3_0);
  CHECK(spec("name: a\nlibrary: {system-build-tools: hpc}\n") == CabalSpec::V1_12);  // 1.14 reads as 1.12
  CHECK(spec("name: a\nverbatim: {cabal-version: 2.4}\nlibrary: {}\n") == CabalSpec::V2_4);
  CHECK(spec("name: a\nlibrary:\n  when: {condition: flag(x), dependencies: b:c}\nflags: {x: {manual: true, default: true}}\n") ==
        CabalSpec::V3_0);
}

TEST_CASE("package.yaml: build tools by cabal-version", "[package-yaml]") {
  mhu::test::TempDir tmp;
  std::string old = render(tmp, "name: a\nlibrary:\n  build-tools: [alex, hspec-discover, a:gen]\nexecutables: {gen: {main: M.hs}}\n");
  CHECK(old.find("  build-tools:\n      alex\n    , gen\n") != std::string::npos);
  CHECK(old.find("  build-tool-depends:\n      hspec-discover:hspec-discover\n") != std::string::npos);
  std::string v2 = render(tmp, "name: a\nlibrary:\n  generated-other-modules: G\n  build-tools: [alex]\n");
  CHECK(v2.find("  build-tool-depends:\n      alex:alex\n") != std::string::npos);
}

TEST_CASE("package.yaml: verbatim fields replace hpack's", "[package-yaml]") {
  mhu::test::TempDir tmp;
  Read r(tmp, R"(name: verb
synopsis: from hpack
verbatim:
  synopsis: from verbatim
library:
  ghc-options: -Wall
  verbatim:
    ghc-options: -Werror
)");
  REQUIRE(r.ok);
  CHECK(r.gpd.synopsis == "from verbatim");
  CHECK(r.component(ComponentKind::Library).tree.data.build_info.ghc_options == std::vector<std::string>{"-Werror"});
}

TEST_CASE("package.yaml: defaults from a local file and from the github cache", "[package-yaml]") {
  mhu::test::TempDir tmp;
  tmp.file("defaults/base.yaml", "ghc-options: -Wall\nunknown-key: 1\n");
  tmp.file("cache/owner/repo/v1/.hpack/defaults.yaml", "dependencies: base\n");
  PackageYamlOptions o;
  o.defaults_cache_dir = tmp.str() + "/cache";
  Read r(tmp, "name: d\ndefaults: [{local: defaults/base.yaml}, owner/repo@v1]\nlibrary:\n  ghc-options: -O2\n", o);
  REQUIRE(r.ok);
  const auto& lib = r.component(ComponentKind::Library).tree.data.build_info;
  CHECK(lib.ghc_options == std::vector<std::string>{"-Wall", "-O2"});
  CHECK(ranges(lib.build_depends) == std::vector<std::string>{"base >=0"});
  // The defaults file's own warning names that file.
  const Diagnostic* w = r.find("Ignoring unrecognized field $.unknown-key");
  REQUIRE(w);
  CHECK(w->file.find("defaults/base.yaml") != std::string::npos);
  CHECK(w->pos == Position{2, 1});

  Read missing(tmp, "name: d\ndefaults: owner/repo@v2\nlibrary: {}\n", o);
  CHECK_FALSE(missing.ok);
  CHECK(missing.error_message().find("not in hpack's defaults cache") != std::string::npos);
  CHECK(missing.error_message().find("owner/repo/v2/.hpack/defaults.yaml") != std::string::npos);
  CHECK(missing.error()->pos == Position{2, 11});

  tmp.file("defaults/loop.yaml", "defaults: {local: loop.yaml}\n");
  Read loop(tmp, "name: d\ndefaults: {local: defaults/loop.yaml}\nlibrary: {}\n", o);
  CHECK_FALSE(loop.ok);
  CHECK(loop.error_message().find("cycle in defaults") != std::string::npos);
}

TEST_CASE("package.yaml: errors point into package.yaml", "[package-yaml]") {
  mhu::test::TempDir tmp;
  Read type(tmp, "name: 123\nlibrary: {}\n");
  CHECK_FALSE(type.ok);
  CHECK(type.error_message() == "Error while parsing $.name - expected String, but encountered Number");
  CHECK(type.error()->pos == Position{1, 7});

  Read dep(tmp, "name: a\nlibrary:\n  dependencies:\n    - base\n    - foo bar\n");
  CHECK_FALSE(dep.ok);
  CHECK(dep.error_message().rfind("Error while parsing $.library.dependencies[1] - invalid dependency \"foo bar\"", 0) == 0);
  CHECK(dep.error()->pos == Position{5, 7});

  Read constraint(tmp, "name: a\nlibrary:\n  dependencies:\n    base: -any\n");
  CHECK_FALSE(constraint.ok);
  CHECK(constraint.error_message() == "Error while parsing $.library.dependencies.base - invalid constraint \"-any\"");

  Read missing_key(tmp, "name: a\nlibrary:\n  when:\n    condition: os(linux)\n    then: {ghc-options: -O}\n");
  CHECK_FALSE(missing_key.ok);
  CHECK(missing_key.error_message() == "Error while parsing $.library.when - key \"else\" not present");

  Read empty_then(tmp, "name: a\nlibrary:\n  when:\n    condition: os(linux)\n    then: {}\n    else: {ghc-options: -O}\n");
  CHECK_FALSE(empty_then.ok);
  CHECK(empty_then.error_message().find("an empty \"then\" section is not allowed") != std::string::npos);

  Read flag(tmp, "name: a\nflags:\n  x: {default: true}\nlibrary: {}\n");
  CHECK_FALSE(flag.ok);
  CHECK(flag.error_message() == "Error while parsing $.flags.x - key \"manual\" not present");

  Read too_new(tmp, "spec-version: 0.99\nname: a\n");
  CHECK_FALSE(too_new.ok);
  CHECK(too_new.error_message().find("requires version 0.99 of the Hpack package specification") != std::string::npos);

  // Errors the .cabal grammar finds are mapped back too: the condition's
  // syntax is Cabal's, checked where it is written.
  Read cond(tmp, "name: a\nlibrary:\n  when:\n    condition: os(linux) &&\n    ghc-options: -O\n");
  CHECK_FALSE(cond.ok);
  REQUIRE(cond.error());
  CHECK(cond.error()->pos.line == 4);
  CHECK(cond.error()->file.empty());
}

TEST_CASE("package.yaml: hpack's warnings", "[package-yaml]") {
  mhu::test::TempDir tmp;
  Read r(tmp.dir("inferred-name"), R"(library:
  hs-source-dirs: nowhere
  exposed-module: Typo
  build-tools: [ghc]
)");
  REQUIRE(r.ok);
  CHECK(r.gpd.name == "inferred-name");
  CHECK(r.find("Package name not specified, inferred"));
  const Diagnostic* deprecated = r.find("$.library.hs-source-dirs is deprecated, use $.library.source-dirs instead");
  REQUIRE(deprecated);
  CHECK(deprecated->pos == Position{2, 3});
  const Diagnostic* unknown = r.find("Ignoring unrecognized field $.library.exposed-module");
  REQUIRE(unknown);
  CHECK(unknown->pos == Position{3, 3});
  CHECK(r.find("Specified source-dir \"nowhere\" does not exist"));
  CHECK(r.find("Listing \"ghc\" under build-tools is deperecated!"));
}

TEST_CASE("package.yaml: which files describe reads as package.yaml", "[package-yaml]") {
  CHECK(is_package_yaml_path("package.yaml"));
  CHECK(is_package_yaml_path("dir/package.yaml"));
  CHECK(is_package_yaml_path("other.yml"));
  CHECK_FALSE(is_package_yaml_path("foo.cabal"));
  CHECK_FALSE(is_package_yaml_path("package.yaml.bak"));
}

TEST_CASE("package.yaml: rendered lines map back to package.yaml", "[package-yaml]") {
  mhu::test::TempDir tmp;
  RenderedCabal r;
  Diagnostics d;
  REQUIRE(render_package_yaml("name: m\nlibrary:\n  ghc-options: [-Wall, -O2]\n", tmp.str(), r, d));
  // ... "  ghc-options: -Wall -O2": -O2 starts at column 22.
  size_t line = 0;
  std::istringstream in(r.text);
  std::string l;
  for (size_t i = 1; std::getline(in, l); ++i)
    if (l.find("ghc-options") != std::string::npos) line = i;
  REQUIRE(line > 0);
  SourceSegment s = r.locate({static_cast<int>(line), 22});
  CHECK(s.file == 0);
  CHECK(s.at == Position{3, 24});
  // A field's name maps to its first value.
  SourceSegment name = r.locate({static_cast<int>(line), 3});
  CHECK(name.at == Position{3, 17});
}

// Every fixture of fixtures/package-yaml rendered as hpack 0.38.3 renders it:
// expected.cabal.txt is the file hpack wrote (checked against the real hpack by
// tests/e2e/package-yaml-vs-hpack), less its four comment lines.
TEST_CASE("package.yaml fixtures render as hpack's .cabal files", "[package-yaml]") {
  namespace fs = std::filesystem;
  fs::path root = fs::path(MHU_SOURCE_DIR) / "fixtures" / "package-yaml";
  std::vector<fs::path> dirs;
  for (const auto& e : fs::directory_iterator(root))
    if (e.is_directory()) dirs.push_back(e.path());
  std::sort(dirs.begin(), dirs.end());
  REQUIRE(dirs.size() >= 50);
  auto slurp = [](const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
  };
  for (const auto& dir : dirs) {
    INFO(dir.filename().string());
    REQUIRE(fs::exists(dir / "expected.cabal.txt"));
    std::string expected = slurp(dir / "expected.cabal.txt");
    // Drop hpack's comment header (lines 3 to 6).
    size_t start = 0;
    for (int i = 0; i < 2; ++i) start = expected.find('\n', start) + 1;
    size_t end = start;
    for (int i = 0; i < 4; ++i) end = expected.find('\n', end) + 1;
    expected.erase(start, end - start);
    PackageYamlOptions o;
    o.defaults_cache_dir = (dir / ".hpack-home" / ".hpack" / "defaults").string();
    RenderedCabal r;
    Diagnostics d;
    bool ok = render_package_yaml(slurp(dir / "package.yaml"), dir.string(), r, d, o);
    INFO((d.first_error() ? d.first_error()->message : std::string()));
    REQUIRE(ok);
    CHECK(r.text == expected);
    GenericPackageDescription gpd;
    Diagnostics pd;
    bool parsed = parse_package_yaml(slurp(dir / "package.yaml"), dir.string(), gpd, pd, o);
    CHECK(parsed == (dir.filename().string().rfind("error-", 0) != 0));
  }
}

TEST_CASE("package.yaml: a leading ',' (yaml-cpp 0.7 loops on it) and deep nesting are errors", "[package-yaml]") {
  mhu::test::TempDir dir;
  Read comma(dir, ",ame: minimal\nversion: 0.1.0\n");
  CHECK_FALSE(comma.ok);
  REQUIRE(comma.error());
  CHECK(comma.error()->pos == Position{1, 1});
  CHECK(comma.error_message() == "unexpected ',' outside a flow collection ([...] or {...})");
  Read deep(dir, "name: foo\nlibrary: " + std::string(5000, '[') + std::string(5000, ']') + "\n");
  CHECK_FALSE(deep.ok);
  CHECK(deep.error_message() == "YAML nested too deeply (yaml-cpp reads at most 499 levels)");
}
