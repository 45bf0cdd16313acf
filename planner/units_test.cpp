#include "planner/units.h"

#include <catch2/catch.hpp>

#include "planner/planner_test_support.h"

using namespace mhu::planner;
using mhu::planner::test::installed;
using mhu::planner::test::local_package;

namespace {

const char* kCore = R"(cabal-version: 3.0
name: core
version: 0.1.0
flag fast
  default: False
  manual: True
library
  exposed-modules: Core
  other-modules: Core.Internal, Paths_core
  autogen-modules: Paths_core
  build-depends: base, containers >=0.6
  if flag(fast)
    ghc-options: -O2
library pub
  visibility: public
  exposed-modules: Core.Pub
  reexported-modules: Data.Map as Core.Map
  build-depends: base, containers
library priv
  exposed-modules: Core.Priv
  build-depends: base
executable core-exe
  main-is: Main.hs
  build-depends: base, core, core:priv
test-suite core-test
  type: exitcode-stdio-1.0
  main-is: T.hs
  build-depends: base, core
)";

const char* kApp = R"(cabal-version: 3.0
name: app
version: 2
executable app
  main-is: Main.hs
  build-depends: base, core:{core, pub}
)";

PackageDbStack global_db() {
  PackageDbStack s;
  s.packages = {installed("base", "4.20.2.0"), installed("containers", "0.7", {"base-4.20.2.0-abc"})};
  return s;
}

struct Built {
  PackageDbStack db = global_db();
  InstalledIndex index = index_packages(db);
  UnitGraph graph;
  mhu::cabal::Diagnostics diags;
  bool ok = false;
};

void build(Built& b, std::vector<LocalPackage> pkgs, const mhu::cabal::ProjectConfig& project = {},
           const PlanOptions& options = {}) {
  b.ok = build_unit_graph(project, pkgs, b.index, options, b.graph, b.diags);
}

const Unit& unit(const Built& b, const std::string& id) {
  const Unit* u = find_unit(b.graph, id);
  INFO(id);
  REQUIRE(u);
  return *u;
}

}  // namespace

TEST_CASE("every component becomes a unit with cabal's in-place id", "[planner]") {
  Built b;
  build(b, {local_package(kCore, "/p/core"), local_package(kApp, "/p/app")});
  REQUIRE(b.ok);
  std::vector<std::string> ids;
  for (const auto& u : b.graph.units) ids.push_back(u.id);
  CHECK(ids == std::vector<std::string>{"core-0.1.0-inplace", "core-0.1.0-inplace-pub", "core-0.1.0-inplace-priv",
                                        "core-0.1.0-inplace-core-exe", "core-0.1.0-inplace-core-test",
                                        "app-2-inplace-app"});
  CHECK_FALSE(unit(b, "core-0.1.0-inplace-core-test").enabled);
  CHECK(unit(b, "app-2-inplace-app").package_dir == "/p/app");
}

TEST_CASE("dependencies split into home units and installed units", "[planner]") {
  Built b;
  build(b, {local_package(kCore, "/p/core"), local_package(kApp, "/p/app")});
  REQUIRE(b.ok);
  CHECK(unit(b, "core-0.1.0-inplace").installed_deps ==
        std::vector<std::string>{"base-4.20.2.0-abc", "containers-0.7-abc"});
  CHECK(unit(b, "core-0.1.0-inplace-core-exe").home_deps ==
        std::vector<std::string>{"core-0.1.0-inplace", "core-0.1.0-inplace-priv"});
  CHECK(unit(b, "app-2-inplace-app").home_deps ==
        std::vector<std::string>{"core-0.1.0-inplace", "core-0.1.0-inplace-pub"});
  CHECK(unit(b, "app-2-inplace-app").installed_deps == std::vector<std::string>{"base-4.20.2.0-abc"});
  using Packages = std::vector<std::pair<std::string, mhu::cabal::Version>>;
  CHECK(unit(b, "app-2-inplace-app").dep_packages ==
        Packages{{"base", mhu::cabal::Version{{4, 20, 2, 0}}}, {"core", mhu::cabal::Version{{0, 1, 0}}}});
}

TEST_CASE("other-modules and autogen-modules are hidden", "[planner]") {
  Built b;
  build(b, {local_package(kCore, "/p/core")});
  REQUIRE(b.ok);
  CHECK(unit(b, "core-0.1.0-inplace").hidden_modules == std::vector<std::string>{"Core.Internal", "Paths_core"});
  REQUIRE(unit(b, "core-0.1.0-inplace-pub").data.reexported_modules.size() == 1);
}

TEST_CASE("project flags and ghc-options reach the package", "[planner]") {
  Built b;
  mhu::cabal::ProjectConfig project;
  project.packages_settings["core"].flags = {{"fast", true}};
  project.all_packages.ghc_options = {"-Wall"};
  build(b, {local_package(kCore, "/p/core")}, project);
  REQUIRE(b.ok);
  CHECK(unit(b, "core-0.1.0-inplace").ghc_options == std::vector<std::string>{"-O2", "-Wall"});
  CHECK(b.graph.flags["core"] == mhu::cabal::FlagAssignment{{"fast", true}});
}

TEST_CASE("a stack extra-dep gets $everything and its own options, not the local packages' or the command line's", "[planner]") {
  Built b;
  mhu::cabal::ProjectConfig project;
  project.all_packages.ghc_options = {"-Weverything"};
  project.local_packages.ghc_options = {"-Wlocals"};
  project.packages_settings["core"].ghc_options = {"-Wcore"};
  PlanOptions o;
  o.enable_tests = true;
  auto core = local_package(kCore, "/p/core");
  core.extra_dep = true;
  build(b, {core}, project, o);
  REQUIRE(b.ok);
  const auto& u = unit(b, "core-0.1.0-inplace");
  CHECK(u.extra_dep);
  CHECK(u.ghc_options == std::vector<std::string>{"-Weverything", "-Wcore"});
  CHECK_FALSE(unit(b, "core-0.1.0-inplace-core-test").enabled);
}

TEST_CASE("tests are enabled by the project or the command line", "[planner]") {
  Built b;
  PlanOptions o;
  o.enable_tests = true;
  build(b, {local_package(kCore, "/p/core")}, {}, o);
  REQUIRE(b.ok);
  CHECK(unit(b, "core-0.1.0-inplace-core-test").enabled);
}

TEST_CASE("a private sub-library of another package is an error", "[planner]") {
  Built b;
  build(b, {local_package(kCore, "/p/core"), local_package(R"(cabal-version: 3.0
name: bad
version: 1
library
  build-depends: core:priv
)", "/p/bad")});
  CHECK_FALSE(b.ok);
  REQUIRE(b.diags.first_error());
  CHECK(b.diags.first_error()->message.find("library 'priv' of package 'core', which is private") != std::string::npos);
  CHECK(b.diags.first_error()->file == "/p/bad/bad.cabal");
}

TEST_CASE("a missing installed package is listed with the units that need it", "[planner]") {
  Built b;
  build(b, {local_package(R"(cabal-version: 3.0
name: needy
version: 1
library
  build-depends: base, aeson >=2
)", "/p/needy")});
  REQUIRE(b.ok);
  REQUIRE(b.graph.missing.size() == 1);
  CHECK(b.graph.missing[0].package == "aeson");
  CHECK(b.graph.missing[0].requirements[0].needed_by == "needy-1-inplace");
}

TEST_CASE("automatic flags flip when the default needs what is not installed", "[planner]") {
  Built b;
  build(b, {local_package(R"(cabal-version: 3.0
name: flippy
version: 1
flag new-text
  default: True
library
  build-depends: base
  if flag(new-text)
    build-depends: text >=2
)", "/p/flippy")});
  REQUIRE(b.ok);
  CHECK(b.graph.flags["flippy"] == mhu::cabal::FlagAssignment{{"new-text", false}});
  CHECK(b.graph.missing.empty());
}

TEST_CASE("two packages of one name are an error", "[planner]") {
  Built b;
  build(b, {local_package(kApp, "/p/app"), local_package(kApp, "/p/app2")});
  CHECK_FALSE(b.ok);
}
