#include "planner/targets.h"

#include <catch2/catch.hpp>

#include "planner/planner_test_support.h"

using namespace mhu::planner;
using mhu::planner::test::installed;
using mhu::planner::test::local_package;

namespace {

const char* kCore = R"(cabal-version: 3.0
name: core
version: 1
library
  exposed-modules: Core
  build-depends: base
library pub
  visibility: public
  build-depends: base
executable tool
  main-is: Main.hs
  build-depends: base, core
test-suite spec
  type: exitcode-stdio-1.0
  main-is: T.hs
  build-depends: base, core
benchmark speed
  type: exitcode-stdio-1.0
  main-is: B.hs
  build-depends: base
executable broken
  main-is: Main.hs
  buildable: False
)";

const char* kApp = R"(cabal-version: 3.0
name: app
version: 1
library
  build-depends: base, core:pub
executable app
  main-is: Main.hs
  build-depends: base, app
)";

struct Project {
  PackageDbStack db;
  InstalledIndex index;
  UnitGraph graph;
  Project() {
    db.packages = {installed("base", "4.20")};
    index = index_packages(db);
    mhu::cabal::Diagnostics d;
    REQUIRE(build_unit_graph({}, {local_package(kCore, "/p/core"), local_package(kApp, "/p/app")}, index, {}, graph, d));
  }
};

std::vector<std::string> select(const Project& p, std::vector<std::string> targets, bool close = false,
                                const std::string& cwd = "/") {
  Selection s;
  mhu::cabal::Diagnostics d;
  bool ok = select_targets(p.graph, targets, cwd, s, d) && (!close || close_selection(p.graph, s, d));
  INFO((d.first_error() ? d.first_error()->message : std::string()));
  REQUIRE(ok);
  return s.unit_ids;
}

std::string select_error(const Project& p, std::vector<std::string> targets) {
  Selection s;
  mhu::cabal::Diagnostics d;
  CHECK_FALSE(select_targets(p.graph, targets, "/", s, d));
  REQUIRE(d.first_error());
  return d.first_error()->message;
}

using Ids = std::vector<std::string>;

}  // namespace

TEST_CASE("all takes buildable components, tests and benchmarks only when enabled", "[planner]") {
  Project p;
  CHECK(select(p, {"all"}) == Ids{"core-1-inplace", "core-1-inplace-pub", "core-1-inplace-tool", "app-1-inplace",
                                  "app-1-inplace-app"});
}

TEST_CASE("cabal's component selectors", "[planner]") {
  Project p;
  CHECK(select(p, {"core"}) == Ids{"core-1-inplace", "core-1-inplace-pub", "core-1-inplace-tool"});
  CHECK(select(p, {"lib:core"}) == Ids{"core-1-inplace"});
  CHECK(select(p, {"lib:pub"}) == Ids{"core-1-inplace-pub"});
  CHECK(select(p, {"core:lib:pub"}) == Ids{"core-1-inplace-pub"});
  CHECK(select(p, {"exe:tool"}) == Ids{"core-1-inplace-tool"});
  CHECK(select(p, {"test:spec"}) == Ids{"core-1-inplace-spec"});
  CHECK(select(p, {"bench:speed"}) == Ids{"core-1-inplace-speed"});
  CHECK(select(p, {"core:tests"}) == Ids{"core-1-inplace-spec"});
  CHECK(select(p, {"all:exes"}) == Ids{"core-1-inplace-tool", "app-1-inplace-app"});
  CHECK(select(p, {"spec"}) == Ids{"core-1-inplace-spec"});
  CHECK(select(p, {"core:spec"}) == Ids{"core-1-inplace-spec"});
}

TEST_CASE("stack's target spellings", "[planner]") {
  Project p;
  CHECK(select(p, {"core:lib"}) == Ids{"core-1-inplace"});
  CHECK(select(p, {"core:exe:tool"}) == Ids{"core-1-inplace-tool"});
  CHECK(select(p, {"core:test:spec"}) == Ids{"core-1-inplace-spec"});
  CHECK(select(p, {"core:sub-lib:pub"}) == Ids{"core-1-inplace-pub"});
}

TEST_CASE("closing the selection adds the home units it depends on", "[planner]") {
  Project p;
  CHECK(select(p, {"app:exe:app"}, true) == Ids{"core-1-inplace-pub", "app-1-inplace", "app-1-inplace-app"});
}

TEST_CASE("an unknown target names the closest ones", "[planner]") {
  Project p;
  std::string e = select_error(p, {"exe:tol"});
  CHECK(e.find("unknown target 'exe:tol'") != std::string::npos);
  CHECK(e.find("exe:tool") != std::string::npos);
}

TEST_CASE("naming an unbuildable component is an error", "[planner]") {
  Project p;
  CHECK(select_error(p, {"exe:broken"}).find("not buildable") != std::string::npos);
}

TEST_CASE("home units depending on each other in a circle are an error naming the cycle", "[planner]") {
  PackageDbStack db;
  db.packages = {installed("base", "4.20")};
  InstalledIndex index = index_packages(db);
  UnitGraph g;
  mhu::cabal::Diagnostics d;
  REQUIRE(build_unit_graph({}, {local_package("cabal-version: 3.0\nname: x\nversion: 1\nlibrary\n  build-depends: y\n", "/p/x"),
                                local_package("cabal-version: 3.0\nname: y\nversion: 1\nlibrary\n  build-depends: x\n", "/p/y")},
                           index, {}, g, d));
  Selection s;
  REQUIRE(select_targets(g, {"x"}, "/", s, d));
  CHECK_FALSE(close_selection(g, s, d));
  REQUIRE(d.first_error());
  CHECK(d.first_error()->message == "home units depend on each other in a cycle: x-1-inplace -> y-1-inplace -> x-1-inplace");
}

TEST_CASE("all and the default target leave out stack extra-deps; naming one or needing it selects it", "[planner]") {
  PackageDbStack db;
  db.packages = {installed("base", "4.20")};
  InstalledIndex index = index_packages(db);
  auto core = local_package(kCore, "/p/core");
  core.extra_dep = true;
  UnitGraph g;
  mhu::cabal::Diagnostics d;
  REQUIRE(build_unit_graph({}, {core, local_package(kApp, "/p/app")}, index, {}, g, d));
  auto pick = [&](std::vector<std::string> targets, bool close, const std::string& cwd = "/") {
    Selection s;
    REQUIRE(select_targets(g, targets, cwd, s, d));
    if (close) REQUIRE(close_selection(g, s, d));
    return s.unit_ids;
  };
  CHECK(pick({"all"}, false) == Ids{"app-1-inplace", "app-1-inplace-app"});
  CHECK(pick({"all:exes"}, false) == Ids{"app-1-inplace-app"});
  CHECK(pick({}, false, "/p/core") == Ids{"app-1-inplace", "app-1-inplace-app"});
  CHECK(pick({"core:exe:tool"}, false) == Ids{"core-1-inplace-tool"});
  CHECK(pick({"all"}, true) == Ids{"core-1-inplace-pub", "app-1-inplace", "app-1-inplace-app"});
}
