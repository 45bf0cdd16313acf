#include "planner/solver.h"

#include <catch2/catch.hpp>

#include "planner/planner_test_support.h"

using namespace mhu::planner;
using mhu::planner::test::installed;
using mhu::planner::test::version_range;

namespace {

Requirement req(const std::string& pkg, const std::string& r, const std::string& by, bool enabled = true) {
  return {pkg, version_range(r), {""}, by, enabled};
}

std::string chosen(const InstalledChoice& c, const std::string& pkg) {
  auto it = c.versions.find(pkg);
  return it == c.versions.end() ? "" : mhu::cabal::to_string(it->second);
}

}  // namespace

TEST_CASE("the solver takes the newest installed version every range admits", "[planner]") {
  PackageDbStack s;
  s.packages = {installed("text", "1.2.5"), installed("text", "2.1.3"), installed("text", "2.0")};
  InstalledIndex idx = index_packages(s);
  auto c = choose_installed({req("text", ">=1.2", "u1"), req("text", "<2.1", "u2")}, {}, idx, {});
  CHECK(chosen(c, "text") == "2.0");
  CHECK(c.missing.empty());
}

TEST_CASE("project constraints narrow the choice", "[planner]") {
  PackageDbStack s;
  s.packages = {installed("text", "1.2.5"), installed("text", "2.1.3")};
  InstalledIndex idx = index_packages(s);
  mhu::cabal::UserConstraint c;
  c.package = "text";
  c.range = version_range("<2");
  auto choice = choose_installed({req("text", "-any", "u1")}, {c}, idx, {});
  CHECK(chosen(choice, "text") == "1.2.5");
}

TEST_CASE("a package nothing installed meets is missing, with who needs it", "[planner]") {
  PackageDbStack s;
  s.packages = {installed("text", "1.2.5")};
  InstalledIndex idx = index_packages(s);
  auto c = choose_installed({req("text", ">=2", "u1"), req("aeson", ">=2", "u2")}, {}, idx, {});
  REQUIRE(c.missing.size() == 2);
  CHECK(c.missing[0].package == "aeson");
  CHECK(c.missing[0].installed.empty());
  CHECK(c.missing[1].package == "text");
  CHECK(c.missing[1].requirements[0].needed_by == "u1");
  CHECK(c.missing[1].installed.size() == 1);
}

TEST_CASE("requirements of disabled tests do not constrain enabled units", "[planner]") {
  PackageDbStack s;
  s.packages = {installed("text", "1.2.5"), installed("text", "2.1.3")};
  InstalledIndex idx = index_packages(s);
  auto c = choose_installed({req("text", ">=2", "lib"), req("text", "<2", "test", false)}, {}, idx, {});
  CHECK(chosen(c, "text") == "2.1.3");
  REQUIRE(c.missing.size() == 1);
  CHECK(c.missing[0].requirements[0].needed_by == "test");
}

TEST_CASE("plan.json's choice wins when it meets the ranges", "[planner]") {
  PackageDbStack s;
  s.packages = {installed("text", "1.2.5"), installed("text", "2.1.3")};
  InstalledIndex idx = index_packages(s);
  auto c = choose_installed({req("text", "-any", "u")}, {}, idx, {{"text", "text-1.2.5-abc"}});
  CHECK(chosen(c, "text") == "1.2.5");
}

TEST_CASE("choices follow what installed packages were built against", "[planner]") {
  PackageDbStack s;
  s.packages = {installed("containers", "0.6"), installed("containers", "0.7"),
                installed("graphs", "1.0", {"containers-0.6-abc"})};
  InstalledIndex idx = index_packages(s);
  auto c = choose_installed({req("containers", "-any", "u"), req("graphs", "-any", "u")}, {}, idx, {});
  CHECK(chosen(c, "containers") == "0.6");
}

TEST_CASE("a sub-library requirement needs that sub-library at the chosen version", "[planner]") {
  PackageDbStack s;
  s.packages = {installed("foo", "1.0"), installed("foo", "2.0"), installed("foo", "1.0", {}, "internal")};
  InstalledIndex idx = index_packages(s);
  Requirement r = req("foo", "-any", "u");
  r.libraries = {"internal"};
  auto c = choose_installed({r}, {}, idx, {});
  CHECK(chosen(c, "foo") == "1.0");
}
