#include "planner/unit.h"

#include <catch2/catch.hpp>

using namespace mhu::planner;
using mhu::cabal::ComponentKind;

namespace {

Unit unit(const std::string& pkg, ComponentKind k, const std::string& name) {
  Unit u;
  u.package_name = pkg;
  u.kind = k;
  u.component_name = name;
  return u;
}

}  // namespace

TEST_CASE("in-place unit ids follow cabal's scheme", "[planner]") {
  mhu::cabal::Version v{{0, 1, 0}};
  CHECK(inplace_unit_id("a", v, ComponentKind::Library, "") == "a-0.1.0-inplace");
  CHECK(inplace_unit_id("a", v, ComponentKind::Library, "pub") == "a-0.1.0-inplace-pub");
  CHECK(inplace_unit_id("a", v, ComponentKind::Executable, "a") == "a-0.1.0-inplace-a");
  CHECK(inplace_unit_id("a", v, ComponentKind::TestSuite, "spec") == "a-0.1.0-inplace-spec");
}

TEST_CASE("component selectors and stack targets", "[planner]") {
  CHECK(component_selector(unit("a", ComponentKind::Library, "")) == "lib");
  CHECK(component_selector(unit("a", ComponentKind::Library, "x")) == "lib:x");
  CHECK(component_selector(unit("a", ComponentKind::ForeignLibrary, "f")) == "flib:f");
  CHECK(component_selector(unit("a", ComponentKind::Benchmark, "b")) == "bench:b");
  CHECK(stack_target(unit("a", ComponentKind::Library, "")) == "a:lib");
  CHECK(stack_target(unit("a", ComponentKind::Library, "x")) == "a:sub-lib:x");
  CHECK(stack_target(unit("a", ComponentKind::TestSuite, "t")) == "a:test:t");
}

TEST_CASE("stack orders packages by name, then library, sub-libraries, flibs, exes, tests, benchmarks", "[planner]") {
  std::vector<Unit> us = {unit("b", ComponentKind::Library, ""), unit("a", ComponentKind::Benchmark, "z"),
                          unit("a", ComponentKind::TestSuite, "t"), unit("a", ComponentKind::Executable, "b"),
                          unit("a", ComponentKind::Executable, "a"), unit("a", ComponentKind::Library, "s"),
                          unit("a", ComponentKind::ForeignLibrary, "f"), unit("a", ComponentKind::Library, "")};
  std::sort(us.begin(), us.end(), stack_order_less);
  std::vector<std::string> got;
  for (const auto& u : us) got.push_back(stack_target(u));
  CHECK(got == std::vector<std::string>{"a:lib", "a:sub-lib:s", "a:flib:f", "a:exe:a", "a:exe:b", "a:test:t",
                                        "a:bench:z", "b:lib"});
}
