#include <algorithm>

#include <catch2/catch.hpp>

#include "cabal/package_description.h"
#include "cabal/package_parser.h"

using namespace mhu::cabal;

namespace {

using Strings = std::vector<std::string>;
using StringList = Strings BuildInfo::*;

Dependency dep(std::string package, std::string_view range = ">=0", Strings libraries = {""}) {
  Dependency d;
  d.package = std::move(package);
  std::string error;
  REQUIRE(parse_version_range(range, kLatestCabalSpec, d.range, &error));
  d.libraries = std::move(libraries);
  return d;
}

std::vector<std::string> dep_strings(const std::vector<Dependency>& ds) {
  std::vector<std::string> out;
  for (const auto& d : ds) {
    std::string libs;
    for (const auto& l : d.libraries) libs += ":" + l;
    out.push_back(d.package + libs + " " + to_string(d.range));
  }
  return out;
}

}  // namespace

TEST_CASE("combineNub lists keep the first occurrence of each value, also within the first operand") {
  // Cabal's BuildInfo semigroup: `nub (a ++ b)` for these fields.
  const std::pair<const char*, StringList> nubbed[] = {
      {"frameworks", &BuildInfo::frameworks},
      {"extra-framework-dirs", &BuildInfo::extra_framework_dirs},
      {"asm-sources", &BuildInfo::asm_sources},
      {"cmm-sources", &BuildInfo::cmm_sources},
      {"c-sources", &BuildInfo::c_sources},
      {"cxx-sources", &BuildInfo::cxx_sources},
      {"js-sources", &BuildInfo::js_sources},
      {"hs-source-dirs", &BuildInfo::hs_source_dirs},
      {"other-modules", &BuildInfo::other_modules},
      {"virtual-modules", &BuildInfo::virtual_modules},
      {"autogen-modules", &BuildInfo::autogen_modules},
      {"other-languages", &BuildInfo::other_languages},
      {"default-extensions", &BuildInfo::default_extensions},
      {"other-extensions", &BuildInfo::other_extensions},
      {"extensions", &BuildInfo::old_extensions},
      {"extra-lib-dirs", &BuildInfo::extra_lib_dirs},
      {"extra-lib-dirs-static", &BuildInfo::extra_lib_dirs_static},
      {"include-dirs", &BuildInfo::include_dirs},
      {"includes", &BuildInfo::includes},
      {"autogen-includes", &BuildInfo::autogen_includes},
      {"install-includes", &BuildInfo::install_includes},
  };
  for (const auto& [name, member] : nubbed) {
    INFO(name);
    BuildInfo a, b;
    a.*member = {"x", "y", "x"};
    b.*member = {"z", "y", "w", "z"};
    append_build_info(a, b);
    CHECK(a.*member == Strings{"x", "y", "z", "w"});
    CHECK(b.*member == Strings{"z", "y", "w", "z"});  // b is not touched
  }
}

TEST_CASE("combine lists are plain appends: duplicates stay") {
  const std::pair<const char*, StringList> appended[] = {
      {"cpp-options", &BuildInfo::cpp_options},
      {"asm-options", &BuildInfo::asm_options},
      {"cmm-options", &BuildInfo::cmm_options},
      {"cc-options", &BuildInfo::cc_options},
      {"cxx-options", &BuildInfo::cxx_options},
      {"ld-options", &BuildInfo::ld_options},
      {"hsc2hs-options", &BuildInfo::hsc2hs_options},
      {"extra-libraries", &BuildInfo::extra_libraries},
      {"extra-libraries-static", &BuildInfo::extra_libraries_static},
      {"extra-ghci-libraries", &BuildInfo::extra_ghci_libraries},
      {"extra-bundled-libraries", &BuildInfo::extra_bundled_libraries},
      {"extra-library-flavours", &BuildInfo::extra_library_flavours},
      {"extra-dynamic-library-flavours", &BuildInfo::extra_dynamic_library_flavours},
      {"ghc-options", &BuildInfo::ghc_options},
      {"ghc-prof-options", &BuildInfo::ghc_prof_options},
      {"ghc-shared-options", &BuildInfo::ghc_shared_options},
      {"ghcjs-options", &BuildInfo::ghcjs_options},
      {"ghcjs-prof-options", &BuildInfo::ghcjs_prof_options},
      {"ghcjs-shared-options", &BuildInfo::ghcjs_shared_options},
  };
  for (const auto& [name, member] : appended) {
    INFO(name);
    BuildInfo a, b;
    a.*member = {"-x", "-x"};
    b.*member = {"-y", "-x"};
    append_build_info(a, b);
    CHECK(a.*member == Strings{"-x", "-x", "-y", "-x"});
  }
}

TEST_CASE("other list fields are appended too") {
  BuildInfo a, b;
  a.build_tools = {{"happy", VersionRange::any()}};
  b.build_tools = {{"happy", VersionRange::any()}};
  a.build_tool_depends = {{"alex", "alex", VersionRange::any()}};
  b.build_tool_depends = {{"alex", "alex", VersionRange::any()}};
  a.pkgconfig_depends = {{"zlib", "-any"}};
  b.pkgconfig_depends = {{"zlib", "-any"}};
  a.mixins = {Mixin{"base", "", {}, {}}};
  b.mixins = {Mixin{"base", "", {}, {}}};
  append_build_info(a, b);
  CHECK(a.build_tools.size() == 2);
  CHECK(a.build_tool_depends.size() == 2);
  CHECK(a.pkgconfig_depends.size() == 2);
  CHECK(a.mixins.size() == 2);
}

TEST_CASE("build-depends is a combineNub field: only equal dependencies are dropped") {
  BuildInfo a, b;
  a.build_depends = {dep("base", ">=4"), dep("text")};
  b.build_depends = {dep("base", ">=4"),            // equal: dropped
                     dep("base", "<5"),             // same package, other range: kept
                     dep("text", ">=0", {"", "x"}), // other libraries: kept
                     dep("text")};                  // equal: dropped
  append_build_info(a, b);
  CHECK(dep_strings(a.build_depends) ==
        Strings{"base: >=4", "text: >=0", "base: <5", "text::x >=0"});
}

TEST_CASE("default-language: the later one wins, an absent one changes nothing") {
  BuildInfo a, b, none;
  a.default_language = "Haskell98";
  b.default_language = "Haskell2010";
  append_build_info(a, none);
  CHECK(a.default_language == "Haskell98");
  append_build_info(a, b);
  CHECK(a.default_language == "Haskell2010");
  BuildInfo empty;
  append_build_info(empty, b);
  CHECK(empty.default_language == "Haskell2010");
}

TEST_CASE("buildable is the conjunction") {
  for (bool x : {false, true}) {
    for (bool y : {false, true}) {
      BuildInfo a, b;
      a.buildable = x;
      b.buildable = y;
      append_build_info(a, b);
      CHECK(a.buildable == (x && y));
    }
  }
}

TEST_CASE("component data: library fields") {
  ComponentData a, b;
  a.exposed_modules = {"A", "B"};
  b.exposed_modules = {"B", "C"};  // Library's combine: no nub
  a.signatures = {"S"};
  b.signatures = {"S"};
  a.build_info.other_modules = {"M"};
  b.build_info.other_modules = {"M"};
  append_component_data(a, b);
  CHECK(a.exposed_modules == Strings{"A", "B", "B", "C"});
  CHECK(a.signatures == Strings{"S", "S"});
  CHECK(a.build_info.other_modules == Strings{"M"});  // the BuildInfo rules apply inside

  // exposed: False propagates; visibility: public wins (LibraryVisibility's semigroup).
  for (bool x : {false, true}) {
    for (bool y : {false, true}) {
      ComponentData p, q;
      p.exposed = x;
      q.exposed = y;
      p.public_visibility = x;
      q.public_visibility = y;
      append_component_data(p, q);
      CHECK(p.exposed == (x && y));
      CHECK(p.public_visibility == (x || y));
    }
  }
}

TEST_CASE("component data: executables") {
  ComponentData a, b;
  b.main_is = "Main.hs";
  append_component_data(a, b);
  CHECK(a.main_is == "Main.hs");
  ComponentData c;
  append_component_data(a, c);  // an absent main-is does not clear it
  CHECK(a.main_is == "Main.hs");

  // scope: private wins (ExecutableScope's semigroup).
  for (bool x : {false, true}) {
    for (bool y : {false, true}) {
      ComponentData p, q;
      p.private_scope = x;
      q.private_scope = y;
      append_component_data(p, q);
      CHECK(p.private_scope == (x || y));
    }
  }
}

TEST_CASE("component data: test interfaces merge as TestSuiteInterface's semigroup") {
  using I = ComponentData::Interface;
  auto exe = [](std::string main_is) {
    ComponentData d;
    d.interface = I::ExeV10;
    d.main_is = std::move(main_is);
    return d;
  };
  auto lib = [](std::string module) {
    ComponentData d;
    d.interface = I::LibV09;
    d.test_module = std::move(module);
    return d;
  };
  ComponentData unsupported;
  unsupported.interface = I::Unsupported;
  unsupported.main_is = "Other.hs";

  SECTION("a supported interface replaces what came before") {
    auto a = exe("A.hs");
    append_component_data(a, lib("Tests"));
    CHECK(a.interface == I::LibV09);
    CHECK(a.test_module == "Tests");
    append_component_data(a, exe("B.hs"));
    CHECK(a.interface == I::ExeV10);
    CHECK(a.main_is == "B.hs");
    ComponentData none;
    append_component_data(none, exe("C.hs"));
    CHECK(none.interface == I::ExeV10);
    CHECK(none.main_is == "C.hs");
    auto u = unsupported;
    append_component_data(u, lib("T"));
    CHECK(u.interface == I::LibV09);
  }
  SECTION("an unsupported interface never replaces a supported one") {
    auto a = exe("A.hs");
    append_component_data(a, unsupported);
    CHECK(a.interface == I::ExeV10);
    CHECK(a.main_is == "A.hs");
    auto l = lib("Tests");
    append_component_data(l, unsupported);
    CHECK(l.interface == I::LibV09);
    CHECK(l.test_module == "Tests");
  }
  SECTION("no interface replaces nothing either") {
    auto a = lib("Tests");
    append_component_data(a, ComponentData{});
    CHECK(a.interface == I::LibV09);
    CHECK(a.test_module == "Tests");
  }
}

TEST_CASE("component data: code generators append, the first foreign-library type stays") {
  ComponentData a, b;
  a.code_generators = {"gen"};
  b.code_generators = {"gen", "other"};
  b.foreign_type = "native-static";
  append_component_data(a, b);
  CHECK(a.code_generators == Strings{"gen", "gen", "other"});
  CHECK(a.foreign_type == "native-static");
  ComponentData c;
  c.foreign_type = "native-shared";
  append_component_data(a, c);
  CHECK(a.foreign_type == "native-static");
}

TEST_CASE("merging in a parsed package: common stanza and branches nub source dirs, append options") {
  GenericPackageDescription gpd;
  Diagnostics d;
  REQUIRE(parse_package_description(R"(cabal-version: 3.0
name: p
version: 1
common shared
  hs-source-dirs: src
  ghc-options: -Wall
  default-language: Haskell2010
library
  import: shared
  hs-source-dirs: src lib
  ghc-options: -Wall
  if true
    hs-source-dirs: lib
    ghc-options: -Wall
    default-language: GHC2021
)", gpd, d));
  ComponentData merged = gpd.components.at(0).tree.data;
  for (const auto& b : gpd.components.at(0).tree.branches) append_component_data(merged, b.then_tree.at(0).data);
  CHECK(merged.build_info.hs_source_dirs == Strings{"src", "lib"});
  CHECK(merged.build_info.ghc_options == Strings{"-Wall", "-Wall", "-Wall"});
  CHECK(merged.build_info.default_language == "GHC2021");
}

TEST_CASE("a test suite or benchmark whose only interface is unsupported lacks a type") {
  // Cabal checks `testInterface (mempty <> node) /= mempty` on all branches;
  // `a <> Unsupported = a`, so an unsupported type never counts.
  auto first_error = [](std::string_view text) {
    GenericPackageDescription gpd;
    Diagnostics d;
    if (parse_package_description(text, gpd, d)) return std::string();
    return d.first_error() ? d.first_error()->message : std::string("?");
  };
  CHECK(first_error(R"(cabal-version: 2.2
name: p
version: 1
test-suite t
  type: exitcode-stdio-2.0
  main-is: T.hs
)").find("missing required field") != std::string::npos);
  CHECK(first_error(R"(cabal-version: 2.2
name: p
version: 1
benchmark b
  type: exitcode-stdio-2.0
  main-is: B.hs
)").find("missing required field") != std::string::npos);
  CHECK(first_error(R"(cabal-version: 2.2
name: p
version: 1
flag a
test-suite t
  if flag(a)
    type: exitcode-stdio-1.0
    main-is: T.hs
  else
    type: detailed-0.10
)").find("missing required field") != std::string::npos);
  // A supported type above an unsupported one is enough.
  CHECK(first_error(R"(cabal-version: 2.2
name: p
version: 1
test-suite t
  type: exitcode-stdio-1.0
  main-is: T.hs
  if true
    type: detailed-0.10
)") == "");
}

TEST_CASE("moving append gives what copying append gives, also for long lists") {
  auto make = [](int from, int count, int repeat_every) {
    BuildInfo b;
    for (int i = 0; i < count; ++i) {
      std::string m = "M" + std::to_string(from + (repeat_every ? i % repeat_every : i));
      b.other_modules.push_back(m);
      b.ghc_options.push_back("-f" + m);
    }
    b.build_depends = {dep("base", ">=4 && <5"), dep("text")};
    return b;
  };
  for (int n : {0, 1, 5, 40, 200}) {
    INFO(n);
    BuildInfo a1 = make(0, n, 7), a2 = make(0, n, 7);
    BuildInfo b = make(3, n + 3, 11);
    BuildInfo b_copy = b;
    append_build_info(a1, b);
    append_build_info(a2, std::move(b_copy));
    CHECK(a1.other_modules == a2.other_modules);
    CHECK(a1.ghc_options == a2.ghc_options);
    CHECK(dep_strings(a1.build_depends) == dep_strings(a2.build_depends));
    // nub keeps first occurrences in order
    Strings expected;
    for (const auto& m : make(0, n, 7).other_modules)
      if (std::find(expected.begin(), expected.end(), m) == expected.end()) expected.push_back(m);
    for (const auto& m : b.other_modules)
      if (std::find(expected.begin(), expected.end(), m) == expected.end()) expected.push_back(m);
    CHECK(a1.other_modules == expected);
  }
}

TEST_CASE("build-depends: equal means printed the same, for compound ranges too") {
  BuildInfo a, b;
  a.build_depends = {dep("base", ">=4 && <5"), dep("text", ">=1 || <0.5")};
  b.build_depends = {dep("base", "(>=4 && <5)"),    // the same range: dropped
                     dep("base", "(>=4) && (<5)"),  // the same too
                     dep("text", "<0.5 || >=1"),    // operands swapped: kept
                     dep("text", ">=1 || <0.5")};   // equal: dropped
  append_build_info(a, b);
  CHECK(dep_strings(a.build_depends) ==
        Strings{"base: >=4 && <5", "text: >=1 || <0.5", "text: <0.5 || >=1"});
}
