#include "cli/hie_bios.h"
#include "cli/output.h"

#include <catch2/catch.hpp>

#include "tests/temp_dir.h"

using namespace mhu;
using namespace mhu::cli::hie_bios;
using mhu::cli::shell_quote;
using mhu::test::TempDir;
using Words = std::vector<std::string>;

namespace {

planner::Unit unit(const std::string& id, cabal::ComponentKind kind, const std::string& dir, Words src_dirs,
                   Words modules, const std::string& main_is = "") {
  planner::Unit u;
  u.id = id;
  u.kind = kind;
  u.package_dir = dir;
  u.data.build_info.hs_source_dirs = std::move(src_dirs);
  u.data.exposed_modules = std::move(modules);
  u.data.main_is = main_is;
  return u;
}

}  // namespace

TEST_CASE("owning_units: modules in source dirs, main-is, boot and preprocessor files", "[hie-bios]") {
  TempDir t;
  std::string pkg = (t.path / "pkg").string();
  planner::UnitGraph g;
  g.units.push_back(unit("exe", cabal::ComponentKind::Executable, pkg, {"app", "src"}, {}, "Main.hs"));
  g.units.push_back(unit("lib", cabal::ComponentKind::Library, pkg, {"src"}, {"Data.Thing"}));
  g.units.back().data.build_info.other_modules = {"Internal.Lexer"};
  g.units.push_back(unit("test", cabal::ComponentKind::TestSuite, pkg, {}, {}, "test/Spec.hs"));
  std::string hint, dist = (t.path / "dist-mhu").string();

  // A library's module comes first even when an executable shares its source dir.
  g.units[0].data.build_info.other_modules = {"Data.Thing"};
  CHECK(owning_units(g, dist, pkg + "/src/Data/Thing.hs", hint) == Words{"lib", "exe"});
  CHECK(owning_units(g, dist, pkg + "/src/Data/Thing.hs-boot", hint) == Words{"lib", "exe"});
  CHECK(owning_units(g, dist, pkg + "/src/Internal/Lexer.x", hint) == Words{"lib"});
  CHECK(owning_units(g, dist, pkg + "/app/Main.hs", hint) == Words{"exe"});
  // No hs-source-dirs: the package directory; main-is with a directory.
  CHECK(owning_units(g, dist, pkg + "/test/Spec.hs", hint) == Words{"test"});
  CHECK(hint.empty());

  // Under a source directory but not listed: no owner, the hint names the unit.
  CHECK(owning_units(g, dist, pkg + "/src/Data/Other.hs", hint).empty());
  CHECK(hint == "exe");
  CHECK(owning_units(g, dist, t.path.string() + "/elsewhere/Main.hs", hint).empty());
  CHECK(hint.empty());

  // What mhu generated for a unit: its own.
  CHECK(owning_units(g, dist, dist + "/build/test/autogen/Paths_pkg.hs", hint) == Words{"test"});
  CHECK(owning_units(g, dist, dist + "/build/gone/autogen/Paths_pkg.hs", hint).empty());

  // Unbuildable units own nothing.
  g.units[1].buildable = false;
  CHECK(owning_units(g, dist, pkg + "/src/Internal/Lexer.x", hint).empty());
}

TEST_CASE("split_multi_arg: NUL-separated file names", "[hie-bios]") {
  CHECK(split_multi_arg("") == Words{});
  CHECK(split_multi_arg("/a/B.hs") == Words{"/a/B.hs"});
  CHECK(split_multi_arg(std::string("/a/B.hs\0/c d/E.hs", 17)) == Words{"/a/B.hs", "/c d/E.hs"});
}

TEST_CASE("bios_output: global options, then the first units, then the others, one per line", "[hie-bios]") {
  std::vector<std::pair<std::string, std::string>> files = {{"a", "/p/dist-mhu/units/a"},
                                                            {"b", "/p/dist-mhu/units/b"},
                                                            {"c", "/p/dist-mhu/units/c"}};
  std::string out, error;
  REQUIRE(bios_output({"-package-env", "-"}, files, {"c", "a"}, out, error));
  CHECK(out ==
        "-package-env\n-\n"
        "-unit\n@/p/dist-mhu/units/c\n-unit\n@/p/dist-mhu/units/a\n-unit\n@/p/dist-mhu/units/b\n");
  CHECK_FALSE(bios_output({}, {{"a", "/p/line\nbreak"}}, {}, out, error));
  CHECK(error.find("line break") != std::string::npos);
}

TEST_CASE("cradle_dependencies: project files, then package files, each once", "[hie-bios]") {
  cli::LoadedProject p;
  p.config.files = {"/p/cabal.project", "/p/cabal.project.local"};
  p.packages.resize(2);
  p.packages[0].cabal_file = "/p/a/a.cabal";
  p.packages[1].cabal_file = "/p/b/package.yaml";
  CHECK(cradle_dependencies(p) ==
        Words{"/p/cabal.project", "/p/cabal.project.local", "/p/a/a.cabal", "/p/b/package.yaml"});
}

TEST_CASE("shell_quote and hie_yaml", "[hie-bios]") {
  CHECK(shell_quote("mhu") == "mhu");
  CHECK(shell_quote("/usr/local/bin/mhu") == "/usr/local/bin/mhu");
  CHECK(shell_quote("") == "''");
  CHECK(shell_quote("a b") == "'a b'");
  CHECK(shell_quote("it's") == "'it'\\''s'");
  CHECK(hie_yaml("mhu", {}).find("\n    shell: 'mhu hie-bios \"$HIE_BIOS_ARG\"'\n") != std::string::npos);
  // Shell quotes doubled inside YAML's single quotes.
  CHECK(hie_yaml("/opt/my mhu", {"--stack", "-f", "+a -b"})
            .find("    shell: '''/opt/my mhu'' hie-bios --stack -f ''+a -b'' \"$HIE_BIOS_ARG\"'\n") !=
        std::string::npos);
}
