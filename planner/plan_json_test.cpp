#include "planner/plan_json.h"

#include <algorithm>
#include <catch2/catch.hpp>

#include "planner/cache_file.h"

#ifndef MHU_SOURCE_DIR
#define MHU_SOURCE_DIR "/work/main"
#endif

using namespace mhu::planner;

namespace {

Plan parse_ok(const std::string& text) {
  Plan p;
  std::string error;
  INFO(error);
  REQUIRE(parse_plan_json(text, p, error));
  return p;
}

const PlanUnit& unit(const Plan& p, const std::string& id, const std::string& component) {
  auto it = std::find_if(p.units.begin(), p.units.end(),
                         [&](const auto& u) { return u.id == id && u.component == component; });
  REQUIRE(it != p.units.end());
  return *it;
}

}  // namespace

TEST_CASE("parse_plan_json reads a real plan.json of cabal 3.12", "[planner]") {
  std::string text;
  REQUIRE(read_whole_file(MHU_SOURCE_DIR "/fixtures/planner/plan.json", text));
  Plan p = parse_ok(text);
  CHECK(p.cabal_version == "3.12.1.0");
  CHECK(p.compiler_id == "ghc-9.10.3");
  CHECK(p.os == "linux");
  CHECK(p.arch == "x86_64");

  const auto& containers = unit(p, "containers-0.7-inplace", "");
  CHECK(containers.type == "pre-existing");
  CHECK(containers.pkg_name == "containers");
  CHECK(containers.pkg_version == "0.7");
  CHECK(containers.style.empty());
  CHECK(containers.depends.size() == 4);

  const auto& lib = unit(p, "demo-0.1.0-inplace", "lib");
  CHECK(lib.type == "configured");
  CHECK(lib.style == "local");
  CHECK(lib.flags == std::vector<std::pair<std::string, bool>>{{"fast", true}});
  CHECK(lib.depends == std::vector<std::string>{"base-4.20.2.0-inplace", "containers-0.7-inplace",
                                                "demo-0.1.0-inplace-internal"});
  CHECK(lib.pkg_src_path == "/tmp/mhu-plan-demo/.");
  CHECK(lib.dist_dir.find("/demo-0.1.0") != std::string::npos);

  const auto& sub = unit(p, "demo-0.1.0-inplace-internal", "lib:internal");
  CHECK(sub.depends == std::vector<std::string>{"base-4.20.2.0-inplace"});
  const auto& exe = unit(p, "demo-0.1.0-inplace-demo-exe", "exe:demo-exe");
  CHECK(exe.bin_file.find("/demo-exe") != std::string::npos);
  CHECK(std::find(exe.depends.begin(), exe.depends.end(), "legacy-1.2-inplace") !=
        exe.depends.end());

  // A package built as a whole (build-type: Custom): one unit per component, same id.
  const auto& legacy_lib = unit(p, "legacy-1.2-inplace", "lib");
  CHECK(legacy_lib.pkg_name == "legacy");
  CHECK(legacy_lib.flags.empty());
  CHECK(legacy_lib.depends == std::vector<std::string>{"base-4.20.2.0-inplace"});
  const auto& legacy_exe = unit(p, "legacy-1.2-inplace", "exe:legacy-tool");
  CHECK(legacy_exe.bin_file.find("legacy-tool") != std::string::npos);
  CHECK(legacy_exe.style == "local");
  const auto& setup = unit(p, "legacy-1.2-inplace", "setup");
  CHECK(setup.depends.size() == 2);
  CHECK(std::count_if(p.units.begin(), p.units.end(),
                      [](const auto& u) { return u.id == "legacy-1.2-inplace"; }) == 3);
}

TEST_CASE("parse_plan_json decodes string escapes and ignores unknown members", "[planner]") {
  Plan p = parse_ok(R"( {"compiler-id":"ghc-9.8.2","extra":[1,-2.5e3,null,true,{"a":[]}],
    "install-plan":[{"type":"configured","id":"a\"b\\c\/d\u00e9\ud83d\ude00\n","pkg-name":"x",
      "flags":{"f":false,"g":true},"exe-depends":["hs\tc"],"component-name":"test:t"}]} )");
  REQUIRE(p.units.size() == 1);
  CHECK(p.units[0].id == "a\"b\\c/d\xC3\xA9\xF0\x9F\x98\x80\n");
  CHECK(p.units[0].flags == std::vector<std::pair<std::string, bool>>{{"f", false}, {"g", true}});
  CHECK(p.units[0].exe_depends == std::vector<std::string>{"hs\tc"});
  CHECK(p.units[0].component == "test:t");
  CHECK(p.units[0].depends.empty());
}

TEST_CASE("parse_plan_json rejects invalid JSON and a missing install-plan", "[planner]") {
  Plan p;
  std::string error;
  CHECK_FALSE(parse_plan_json("", p, error));
  CHECK_FALSE(parse_plan_json("{\"install-plan\":[}", p, error));
  CHECK_FALSE(parse_plan_json("{\"install-plan\":[]} x", p, error));
  CHECK_FALSE(parse_plan_json("{\"install-plan\":[\"\\q\"]}", p, error));
  CHECK_FALSE(parse_plan_json("{\"install-plan\":[\"abc]}", p, error));
  CHECK_FALSE(parse_plan_json("{\"compiler-id\":\"ghc\"}", p, error));
  CHECK(error.find("install-plan") != std::string::npos);
  CHECK_FALSE(parse_plan_json("[]", p, error));
  CHECK(parse_plan_json("{\"install-plan\":[]}", p, error));
  CHECK(p.units.empty());
}
