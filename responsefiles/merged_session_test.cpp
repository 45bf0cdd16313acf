#include "responsefiles/merged_session.h"

#include <catch2/catch.hpp>

#include "planner/planner_test_support.h"
#include "tests/temp_dir.h"

using namespace mhu::responsefiles;
using mhu::cabal::Version;
using mhu::planner::InstalledIndex;
using mhu::planner::LocalPackage;
using mhu::planner::PackageDbStack;
using mhu::planner::Unit;
using mhu::planner::UnitGraph;
using mhu::planner::test::installed;
using mhu::planner::test::local_package;
using Strings = std::vector<std::string>;

namespace {

struct Graph {
  UnitGraph graph;
  explicit Graph(const std::vector<LocalPackage>& pkgs) {
    PackageDbStack db;
    db.packages = {installed("base", "4.15.1.0"), installed("containers", "0.6.5.1", {"base-4.15.1.0-abc"}),
                   installed("text", "1.2.5.0", {"base-4.15.1.0-abc"})};
    InstalledIndex index = mhu::planner::index_packages(db);
    mhu::cabal::Diagnostics d;
    bool ok = build_unit_graph({}, pkgs, index, {}, graph, d);
    INFO((d.first_error() ? d.first_error()->message : std::string()));
    REQUIRE(ok);
  }
  const Unit* operator[](const std::string& id) const {
    const Unit* u = mhu::planner::find_unit(graph, id);
    INFO(id);
    REQUIRE(u);
    return u;
  }
  std::vector<const Unit*> units(const Strings& ids) const {
    std::vector<const Unit*> out;
    for (const auto& id : ids) out.push_back((*this)[id]);
    return out;
  }
};

SessionOptions ghc_9_0(SessionOptions::Mode mode = SessionOptions::Mode::Repl) {
  SessionOptions o;
  o.mode = mode;
  o.ghc_version = Version{{9, 0, 2}};
  o.package_dbs = {"/db/store"};
  return o;
}

struct Merged {
  Strings args, warnings;
};

Merged merged_ok(const std::vector<const Unit*>& units, const Layout& l, const SessionOptions& o,
                 const Strings& objects = {}) {
  Merged m;
  std::string error;
  bool ok = merged_arguments(units, l, o, m.args, m.warnings, error, objects);
  INFO(error);
  REQUIRE(ok);
  return m;
}

std::string merged_error(const std::vector<const Unit*>& units, const Layout& l) {
  Strings args, warnings;
  std::string error;
  REQUIRE_FALSE(merged_arguments(units, l, ghc_9_0(), args, warnings, error));
  return error;
}

bool has(const Strings& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }

size_t index_of(const Strings& v, const std::string& s) {
  auto it = std::find(v.begin(), v.end(), s);
  INFO(s);
  REQUIRE(it != v.end());
  return static_cast<size_t>(it - v.begin());
}

const char* kCore = R"(cabal-version: 3.0
name: core
version: 0.1.0
library
  exposed-modules: Core
  other-modules: Core.Internal, Paths_core
  autogen-modules: Paths_core
  hs-source-dirs: src
  build-depends: base, containers
  default-language: Haskell2010
  ghc-options: -Wall
executable core-exe
  main-is: Main.hs
  other-modules: Paths_core
  autogen-modules: Paths_core
  hs-source-dirs: exe
  build-depends: base, core
  default-language: Haskell2010
  ghc-options: -Wall -threaded
)";

const char* kApp = R"(cabal-version: 3.0
name: app
version: 2
executable app
  main-is: Main.hs
  other-modules: App.Cli, Paths_app
  autogen-modules: Paths_app
  hs-source-dirs: app, .
  build-depends: base, core, text
  default-language: Haskell2010
  ghc-options: -Wall
)";

const std::string kCoreLib = "core-0.1.0-inplace", kCoreExe = "core-0.1.0-inplace-core-exe", kApp_ = "app-2-inplace-app";

}  // namespace

TEST_CASE("merged_arguments: one argument list for every unit, in cabal's order", "[responsefiles]") {
  Graph g({local_package(kCore, "/p/core"), local_package(kApp, "/p/app")});
  Layout l = default_layout("/p");
  Merged m = merged_ok(g.units({kCoreLib, kApp_}), l, ghc_9_0(), {"/p/dist-mhu/build/x/out/cbits/a.o"});
  const std::string out = "/p/dist-mhu/merged/out";
  Strings expected = {
      "-fbuilding-cabal-package", "-O0",
      "-outputdir", out, "-odir", out, "-hidir", out, "-hiedir", "/p/dist-mhu/merged/hie", "-stubdir", out,
      "-i",
      "-i/p/core/src", "-i" + l.output_dir(kCoreLib), "-i" + l.autogen_dir(kCoreLib),
      "-i/p/app/app", "-i/p/app", "-i" + l.output_dir(kApp_), "-i" + l.autogen_dir(kApp_),
      "-I" + l.autogen_dir(kCoreLib), "-I" + l.output_dir(kCoreLib),
      "-I" + l.autogen_dir(kApp_), "-I" + l.output_dir(kApp_),
      "-optP-include", "-optP" + l.cabal_macros(kApp_),
      "-hide-all-packages", "-Wmissing-home-modules", "-no-user-package-db",
      "-package-db", "/db/store",
      // installed dependencies only: core is in the session as source
      "-package-id", "base-4.15.1.0-abc", "-package-id", "containers-0.6.5.1-abc", "-package-id", "text-1.2.5.0-abc",
      "-XHaskell2010",
      "/p/app/app/Main.hs", "/p/dist-mhu/build/x/out/cbits/a.o",
      "Core", "Core.Internal", "Paths_core", "App.Cli", "Paths_app",
      "-Wall", "-hide-all-packages"};
  CHECK(m.args == expected);
  // No -working-dir, -this-unit-id, -this-package-name, -hidden-module: GHC 9.0 has no home units.
  for (const char* flag : {"-working-dir", "-this-unit-id", "-this-package-name", "-hidden-module", "-unit"})
    CHECK_FALSE(has(m.args, flag));
  CHECK(m.warnings == Strings{
      "-hidden-module Core.Internal, Paths_core of unit core-0.1.0-inplace: every module is visible in a merged session",
      "-hidden-module App.Cli, Paths_app of unit app-2-inplace-app: every module is visible in a merged session",
      "cabal_macros.h of the active unit app-2-inplace-app only: the VERSION_, MIN_VERSION_ and CURRENT_PACKAGE_ macros "
      "of unit core-0.1.0-inplace are the active unit's (macros of packages only they use are undefined)"});
}

TEST_CASE("merged_arguments: one Main, the active unit's; the others' main-is and -main-is left out",
          "[responsefiles]") {
  Graph g({local_package(std::string(kCore) + R"(executable other
  main-is: Other.hs
  hs-source-dirs: other
  build-depends: base
  ghc-options: -main-is Other
)", "/p/core"),
           local_package(kApp, "/p/app")});
  Layout l = default_layout("/p");

  SECTION("an executable is active") {
    Merged m = merged_ok(g.units({kCoreLib, "core-0.1.0-inplace-other", kApp_}), l, ghc_9_0());
    CHECK(has(m.args, "/p/app/app/Main.hs"));
    CHECK_FALSE(has(m.args, "/p/core/other/Other.hs"));
    CHECK_FALSE(has(m.args, "-main-is"));
    CHECK(has(m.warnings, "main-is Other.hs of unit core-0.1.0-inplace-other left out: a merged session loads one "
                          "Main module (the active unit app-2-inplace-app's)"));
    CHECK(has(m.warnings, "ghc-option -main-is Other of unit core-0.1.0-inplace-other left out: its main-is is not loaded"));
  }
  SECTION("a library is active") {
    Merged m = merged_ok(g.units({kApp_, kCoreLib}), l, ghc_9_0());
    CHECK_FALSE(has(m.args, "/p/app/app/Main.hs"));
    CHECK(has(m.warnings, "main-is Main.hs of unit app-2-inplace-app left out: a merged session loads one Main module "
                          "(the active unit core-0.1.0-inplace has none)"));
  }
  SECTION("the active executable's own -main-is stays") {
    Merged m = merged_ok(g.units({kCoreLib, "core-0.1.0-inplace-other"}), l, ghc_9_0());
    size_t at = index_of(m.args, "-main-is");
    CHECK(m.args[at + 1] == "Other");
    CHECK(has(m.args, "/p/core/other/Other.hs"));
  }
}

TEST_CASE("merged_arguments: build mode links the active executable with -o", "[responsefiles]") {
  Graph g({local_package(kCore, "/p/core"), local_package(kApp, "/p/app")});
  Layout l = default_layout("/p");
  SessionOptions o = ghc_9_0(SessionOptions::Mode::Build);

  Merged m = merged_ok(g.units({kCoreLib, kCoreExe}), l, o);
  CHECK(m.args[1] == "-O0");
  REQUIRE(m.args.size() >= 2);
  CHECK(m.args[m.args.size() - 2] == "-o");
  CHECK(m.args.back() == "/p/dist-mhu/bin/core-exe");
  CHECK(has(m.args, "-threaded"));  // kept when building (GHCi drops it)

  o.optimise = true;
  CHECK(merged_ok(g.units({kCoreLib, kCoreExe}), l, o).args[1] == "-O");
  // A library active: nothing to link.
  CHECK_FALSE(has(merged_ok(g.units({kCoreExe, kCoreLib}), l, o).args, "-o"));
  // The REPL: no -o, and GHCi's unsupported -threaded dropped.
  Merged repl = merged_ok(g.units({kCoreLib, kCoreExe}), l, ghc_9_0());
  CHECK_FALSE(has(repl.args, "-o"));
  CHECK_FALSE(has(repl.args, "-threaded"));
}

TEST_CASE("merged_arguments: the union of extensions, with a warning for each one not in every unit",
          "[responsefiles]") {
  const char* bare = R"(cabal-version: 3.0
name: bare
version: 0.1.0.0
library
  exposed-modules: Bare.Nat
  build-depends: base
  hs-source-dirs: src
  default-language: Haskell2010
  default-extensions: NoImplicitPrelude, LambdaCase
)";
  const char* plain = R"(cabal-version: 3.0
name: plain
version: 0.1.0.0
library
  exposed-modules: Plain.Util
  build-depends: base, bare
  hs-source-dirs: src
  default-language: Haskell2010
  default-extensions: LambdaCase, OverloadedStrings
executable demo
  main-is: Main.hs
  build-depends: base, plain
  hs-source-dirs: app
  default-language: Haskell2010
)";
  Graph g({local_package(bare, "/q/bare"), local_package(plain, "/q/plain")});
  Merged m = merged_ok(g.units({"bare-0.1.0.0-inplace", "plain-0.1.0.0-inplace", "plain-0.1.0.0-inplace-demo"}),
                       default_layout("/q"), ghc_9_0());
  size_t lang = index_of(m.args, "-XHaskell2010");
  CHECK(m.args[lang + 1] == "-XNoImplicitPrelude");
  CHECK(m.args[lang + 2] == "-XLambdaCase");
  CHECK(m.args[lang + 3] == "-XOverloadedStrings");
  CHECK(m.warnings == Strings{
      "extension NoImplicitPrelude (unit bare-0.1.0.0-inplace) now applies to every unit, also to "
      "plain-0.1.0.0-inplace, plain-0.1.0.0-inplace-demo",
      "extension LambdaCase (units bare-0.1.0.0-inplace, plain-0.1.0.0-inplace) now applies to every unit, also to "
      "plain-0.1.0.0-inplace-demo",
      "extension OverloadedStrings (unit plain-0.1.0.0-inplace) now applies to every unit, also to "
      "bare-0.1.0.0-inplace, plain-0.1.0.0-inplace-demo",
      "cabal_macros.h of the active unit plain-0.1.0.0-inplace-demo only: the VERSION_, MIN_VERSION_ and "
      "CURRENT_PACKAGE_ macros of unit bare-0.1.0.0-inplace are the active unit's (macros of packages only they use "
      "are undefined)"});
}

TEST_CASE("merged_arguments: one language, the active unit's; a warning for each other", "[responsefiles]") {
  const char* pkg = R"(cabal-version: 3.0
name: langs
version: 1
library
  exposed-modules: A
  build-depends: base
library two
  exposed-modules: B
  build-depends: base
  default-language: GHC2021
library three
  exposed-modules: C
  build-depends: base
  default-language: Haskell2010
)";
  Graph g({local_package(pkg, "/l")});
  Merged m = merged_ok(g.units({"langs-1-inplace", "langs-1-inplace-two", "langs-1-inplace-three"}),
                       default_layout("/l"), ghc_9_0());
  CHECK(has(m.args, "-XHaskell2010"));
  CHECK_FALSE(has(m.args, "-XHaskell98"));
  CHECK_FALSE(has(m.args, "-XGHC2021"));
  CHECK(m.warnings == Strings{
      "default-language Haskell98 of unit langs-1-inplace is not used: a merged session has one language, "
      "Haskell2010 (the active unit langs-1-inplace-three's)",
      "default-language GHC2021 of unit langs-1-inplace-two is not used: a merged session has one language, "
      "Haskell2010 (the active unit langs-1-inplace-three's)"});
}

TEST_CASE("merged_arguments: the union of ghc-options and cpp-options, with warnings", "[responsefiles]") {
  const char* pkg = R"(cabal-version: 3.0
name: opts
version: 1
library
  exposed-modules: A
  build-depends: base
  default-language: Haskell2010
  ghc-options: -Wall -package containers -fno-warn-orphans
  cpp-options: -DFAST
executable e
  main-is: Main.hs
  build-depends: base, opts
  default-language: Haskell2010
  ghc-options: -Wall -package text -O2
)";
  Graph g({local_package(pkg, "/o")});
  SessionOptions o = ghc_9_0();
  o.extra_options = {"-fdefer-type-errors"};
  Merged m = merged_ok(g.units({"opts-1-inplace", "opts-1-inplace-e"}), default_layout("/o"), o);
  size_t wall = index_of(m.args, "-Wall");
  Strings tail(m.args.begin() + static_cast<std::ptrdiff_t>(wall), m.args.end());
  // A flag and its value count as one option; GHCi's unsupported -O2 dropped.
  CHECK(tail == Strings{"-Wall", "-package", "containers", "-fno-warn-orphans", "-package", "text",
                        "-fdefer-type-errors", "-hide-all-packages"});
  CHECK(has(m.args, "-optP-DFAST"));
  CHECK(index_of(m.args, "-optP-DFAST") < index_of(m.args, "-optP-include"));
  CHECK(m.warnings == Strings{
      "ghc-option -package containers (unit opts-1-inplace) now applies to every unit, also to opts-1-inplace-e",
      "ghc-option -fno-warn-orphans (unit opts-1-inplace) now applies to every unit, also to opts-1-inplace-e",
      "ghc-option -package text (unit opts-1-inplace-e) now applies to every unit, also to opts-1-inplace",
      "cpp-option -DFAST (unit opts-1-inplace) now applies to every unit, also to opts-1-inplace-e"});
}

TEST_CASE("merged_arguments: a module in two units is an error, unless it is one file or a package's Paths_",
          "[responsefiles]") {
  mhu::test::TempDir t;
  const std::string root = t.str();
  const char* shared = R"(cabal-version: 3.0
name: shared
version: 1
library
  exposed-modules: Lib
  other-modules: Util, Paths_shared
  autogen-modules: Paths_shared
  hs-source-dirs: src
  build-depends: base
executable tool
  main-is: Main.hs
  other-modules: Util, Paths_shared
  autogen-modules: Paths_shared
  hs-source-dirs: app, src
  build-depends: base, shared
)";
  const char* other = R"(cabal-version: 3.0
name: other
version: 1
library
  exposed-modules: Other
  other-modules: Util, Paths_other
  autogen-modules: Paths_other
  hs-source-dirs: src
  build-depends: base
)";
  t.file("shared/src/Util.hs", "module Util where\n");
  t.file("other/src/Util.hs", "module Util where\n");
  Graph g({local_package(shared, root + "/shared"), local_package(other, root + "/other")});
  Layout l = default_layout(root);

  // Util of the library and of the executable is one file; Paths_shared is the package's.
  Merged m = merged_ok(g.units({"shared-1-inplace", "shared-1-inplace-tool"}), l, ghc_9_0());
  CHECK(std::count(m.args.begin(), m.args.end(), "Util") == 1);
  CHECK(std::count(m.args.begin(), m.args.end(), "Paths_shared") == 1);

  CHECK(merged_error(g.units({"shared-1-inplace", "other-1-inplace"}), l) ==
        "module Util is in both shared-1-inplace and other-1-inplace; a merged session cannot load both");
}

TEST_CASE("merged_arguments: Paths_ modules of two packages are both loaded", "[responsefiles]") {
  Graph g({local_package(kCore, "/p/core"), local_package(kApp, "/p/app")});
  Merged m = merged_ok(g.units({kCoreLib, kCoreExe, kApp_}), default_layout("/p"), ghc_9_0());
  CHECK(has(m.args, "Paths_core"));
  CHECK(has(m.args, "Paths_app"));
  CHECK(std::count(m.args.begin(), m.args.end(), "Paths_core") == 1);
}

TEST_CASE("merged_arguments: PackageImports, reexports and hidden modules are warned about", "[responsefiles]") {
  mhu::test::TempDir t;
  const std::string root = t.str();
  const char* a = R"(cabal-version: 3.0
name: pkg-a
version: 1
library
  exposed-modules: A.Pub
  other-modules: A.Hidden
  reexported-modules: Data.Map as A.Map, Data.Set
  hs-source-dirs: src
  build-depends: base, containers
)";
  const char* b = R"(cabal-version: 3.0
name: pkg-b
version: 1
library
  exposed-modules: B.Use
  hs-source-dirs: src
  build-depends: base, pkg-a
)";
  t.file("pkg-a/src/A/Pub.hs", "module A.Pub where\n");
  std::string use = t.file("pkg-b/src/B/Use.hs", "module B.Use where\nimport A.Pub\n");
  Graph g({local_package(a, root + "/pkg-a"), local_package(b, root + "/pkg-b")});
  Layout l = default_layout(root);
  auto units = g.units({"pkg-a-1-inplace", "pkg-b-1-inplace"});
  const std::string pi_warning = "PackageImports (unit pkg-b-1-inplace): an import naming a home package (\"pkg-a\", "
                                 "\"pkg-b\") does not resolve, a merged session has no -this-unit-id or "
                                 "-this-package-name";

  Merged m = merged_ok(units, l, ghc_9_0());
  CHECK(m.warnings == Strings{
      "-hidden-module A.Hidden of unit pkg-a-1-inplace: every module is visible in a merged session",
      "-reexported-module Data.Map as A.Map of unit pkg-a-1-inplace: a merged session cannot rename modules; "
      "imports of A.Map do not resolve",
      "cabal_macros.h of the active unit pkg-b-1-inplace only: the VERSION_, MIN_VERSION_ and CURRENT_PACKAGE_ "
      "macros of unit pkg-a-1-inplace are the active unit's (macros of packages only they use are undefined)"});
  CHECK_FALSE(has(m.args, "-reexported-module"));

  // A LANGUAGE pragma turns it on.
  t.file("pkg-b/src/B/Use.hs", "{-# LANGUAGE PackageImports #-}\nmodule B.Use where\nimport \"pkg-a\" A.Pub\n");
  CHECK(has(merged_ok(units, l, ghc_9_0()).warnings, pi_warning));

  // So does a .cabal field.
  t.file("pkg-b/src/B/Use.hs", "module B.Use where\n");
  Graph g2({local_package(a, root + "/pkg-a"),
            local_package(std::string(b) + "  default-extensions: PackageImports\n", root + "/pkg-b")});
  CHECK(has(merged_ok(g2.units({"pkg-a-1-inplace", "pkg-b-1-inplace"}), l, ghc_9_0()).warnings, pi_warning));

  // One unit: its hidden modules hide nothing from anyone.
  CHECK(merged_ok(g.units({"pkg-a-1-inplace"}), l, ghc_9_0()).warnings ==
        Strings{"-reexported-module Data.Map as A.Map of unit pkg-a-1-inplace: a merged session cannot rename "
                "modules; imports of A.Map do not resolve"});
}

TEST_CASE("merged_arguments: errors and determinism", "[responsefiles]") {
  Graph g({local_package(kCore, "/p/core"), local_package(kApp, "/p/app")});
  Layout l = default_layout("/p");
  CHECK(merged_error(g.units({kApp_}), l) ==
        "unit app-2-inplace-app needs home unit core-0.1.0-inplace, which is not in the session");
  CHECK(merged_error({}, l) == "a merged session needs at least one unit");

  Merged one = merged_ok(g.units({kCoreLib, kCoreExe, kApp_}), l, ghc_9_0());
  Merged two = merged_ok(g.units({kCoreLib, kCoreExe, kApp_}), l, ghc_9_0());
  CHECK(one.args == two.args);
  CHECK(one.warnings == two.warnings);

  // -hiedir only from GHC 8.8 on.
  SessionOptions old = ghc_9_0();
  old.ghc_version = Version{{8, 6, 5}};
  CHECK_FALSE(has(merged_ok(g.units({kCoreLib}), l, old).args, "-hiedir"));
  CHECK(merged_session_notice(Version{{9, 0, 2}}) ==
        "GHC 9.0.2 has no multiple home units (9.4 or later); loading one merged session like stack's");
}
