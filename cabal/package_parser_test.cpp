#include "cabal/package_parser.h"

#include <catch2/catch.hpp>

#include "cabal/configuration.h"

using namespace mhu::cabal;

namespace {

ResolvedPackage resolve(std::string_view text, ResolveOptions o = {}) {
  GenericPackageDescription gpd;
  Diagnostics d;
  bool ok = parse_package_description(text, gpd, d);
  INFO((d.first_error() ? d.first_error()->message : std::string()));
  REQUIRE(ok);
  ResolvedPackage p;
  REQUIRE(resolve_package(gpd, o, p, d));
  return p;
}

std::string first_error(std::string_view text) {
  GenericPackageDescription gpd;
  Diagnostics d;
  if (parse_package_description(text, gpd, d)) return "";
  return d.first_error() ? d.first_error()->message : "?";
}

bool has_warning(std::string_view text, std::string_view needle) {
  GenericPackageDescription gpd;
  Diagnostics d;
  parse_package_description(text, gpd, d);
  for (auto& x : d.items)
    if (x.severity == Severity::Warning && x.message.find(needle) != std::string::npos) return true;
  return false;
}

const ResolvedComponent& comp(const ResolvedPackage& p, std::string_view name) {
  for (auto& c : p.components)
    if (c.name == name) return c;
  FAIL("no component " << name);
  return p.components[0];
}

}  // namespace

TEST_CASE("common stanzas: imported fields come first, nested imports, imports in if bodies from 3.0") {
  auto p = resolve(R"(cabal-version: 3.0
name: p
version: 1
common base
  build-depends: base
  ghc-options: -Wall
common more
  import: base
  default-extensions: OverloadedStrings
library
  import: more
  exposed-modules: A
  ghc-options: -O2
  if true
    import: base
    ghc-options: -Wextra
)");
  const auto& lib = comp(p, "");
  CHECK(lib.data.build_info.ghc_options == std::vector<std::string>{"-Wall", "-O2", "-Wall", "-Wextra"});
  CHECK(lib.data.build_info.default_extensions == std::vector<std::string>{"OverloadedStrings"});
  REQUIRE(lib.build_depends.size() == 1);
  CHECK(lib.build_depends[0].package == "base");
}

TEST_CASE("common stanza must be defined before use") {
  CHECK(first_error("cabal-version: 2.2\nname: p\nversion: 1\nlibrary\n  import: later\ncommon later\n")
            .find("Undefined common stanza imported: later") != std::string::npos);
}

TEST_CASE("conditionals: flags, os, arch, impl, elif and else; lists outer then inner") {
  const char* text = R"(cabal-version: 2.2
name: p
version: 1
flag fast
  default: False
library
  ghc-options: -a
  if flag(fast)
    ghc-options: -fast
  elif os(windows) || arch(i386)
    ghc-options: -win
  else
    ghc-options: -other
  if impl(ghc >= 9.8 && < 9.12)
    ghc-options: -new
  if !impl(ghc >= 9.12)
    ghc-options: -not912
)";
  auto p = resolve(text);
  CHECK(comp(p, "").data.build_info.ghc_options == std::vector<std::string>{"-a", "-other", "-new", "-not912"});
  ResolveOptions o;
  o.user_flags = {{"fast", true}};
  CHECK(comp(resolve(text, o), "").data.build_info.ghc_options ==
        std::vector<std::string>{"-a", "-fast", "-new", "-not912"});
  ResolveOptions w;
  w.platform.os = "windows";
  CHECK(comp(resolve(text, w), "").data.build_info.ghc_options[1] == "-win");
  CHECK(resolve(text).flags == FlagAssignment{{"fast", false}});
}

TEST_CASE("undefined flags are an error") {
  CHECK(first_error("name: p\nversion: 1\ncabal-version: >=1.10\nlibrary\n  if flag(nope)\n    buildable: False\n")
            .find("nope") != std::string::npos);
  CHECK(first_error("name: p\nversion: 1\ncabal-version: >=1.10\nlibrary\n  if flag(b) || flag(a)\n    buildable: False\n") ==
        "These flags are used without having been defined: a, b, expected a 'flag a' section (and one for each of the "
        "others)");
}

TEST_CASE("build-depends are merged per package: ranges intersected, libraries united, sorted") {
  auto p = resolve(R"(cabal-version: 3.0
name: p
version: 1
library
  build-depends: text >=1, base <5, text <3, other:{a}
  if true
    build-depends: other:{b}, base >=4
)");
  const auto& deps = comp(p, "").build_depends;
  REQUIRE(deps.size() == 3);
  CHECK(deps[0].package == "base");
  CHECK(deps[0].range.contains(Version{{4, 5}}));
  CHECK_FALSE(deps[0].range.contains(Version{{5}}));
  CHECK(deps[1].package == "other");
  CHECK(deps[1].libraries == std::vector<std::string>{"a", "b"});
  CHECK(deps[2].package == "text");
  CHECK_FALSE(deps[2].range.contains(Version{{3}}));
}

TEST_CASE("a component that is not buildable keeps its fields but loses its dependencies") {
  auto p = resolve("cabal-version: 2.2\nname: p\nversion: 1\nexecutable e\n  main-is: M.hs\n  build-depends: base\n  if os(linux)\n    buildable: False\n");
  const auto& e = comp(p, "e");
  CHECK_FALSE(e.data.build_info.buildable);
  CHECK(e.build_depends.empty());
  CHECK(e.data.main_is == "M.hs");
}

TEST_CASE("hs-source-dirs defaults to . and merging drops duplicates") {
  auto p = resolve("cabal-version: 2.2\nname: p\nversion: 1\nlibrary\n  exposed-modules: A\nexecutable e\n  main-is: M.hs\n  hs-source-dirs: src app\n  if true\n    hs-source-dirs: src\n");
  CHECK(comp(p, "").data.build_info.hs_source_dirs == std::vector<std::string>{"."});
  CHECK(comp(p, "e").data.build_info.hs_source_dirs == std::vector<std::string>{"src", "app"});
}

TEST_CASE("old-style files: library fields and executables become sections") {
  auto p = resolve("name: old\nversion: 1.0\nbuild-depends: base\nexposed-modules: A\nexecutable: tool\nmain-is: Main.hs\n");
  REQUIRE(p.components.size() == 2);
  CHECK(p.components[0].kind == ComponentKind::Library);
  CHECK(p.components[1].name == "tool");
  CHECK(p.components[1].build_depends.at(0).package == "base");
}

TEST_CASE("cabal-version rules") {
  CHECK(first_error("name: p\nversion: 1\ncabal-version: 3.0\n").find("beginning of the file") != std::string::npos);
  CHECK(first_error("cabal-version: 99.0\nname: p\nversion: 1\n").find("99.0") != std::string::npos);
  CHECK(first_error("cabal-version: >=2.2\nname: p\nversion: 1\n") != "");
  auto p = resolve("cabal-version: >=1.8\nname: p\nversion: 1\nlibrary\n  exposed-modules: A\n");
  CHECK(p.spec == CabalSpec::V1_8);
}

TEST_CASE("test suites need a type (before 3.8) or main-is (from 3.8) on every branch") {
  CHECK(first_error("cabal-version: 2.2\nname: p\nversion: 1\ntest-suite t\n  main-is: T.hs\n").find("type") != std::string::npos);
  auto p = resolve("cabal-version: 3.8\nname: p\nversion: 1\ntest-suite t\n  main-is: T.hs\n");
  CHECK(comp(p, "t").data.interface == ComponentData::Interface::ExeV10);
  CHECK(first_error("cabal-version: 2.2\nname: p\nversion: 1\ntest-suite t\n  type: exitcode-stdio-1.0\n").find("main-is") != std::string::npos);
}

TEST_CASE("before 3.4 a dependency naming a sub-library means it (mixins too)") {
  GenericPackageDescription gpd;
  Diagnostics d;
  REQUIRE(parse_package_description("cabal-version: 2.0\nname: p\nversion: 1\nbuild-type: Simple\nlibrary\n  build-depends: helper\n  mixins: helper\nlibrary helper\n", gpd, d));
  const auto& bi = gpd.components[0].tree.data.build_info;
  CHECK(bi.build_depends.at(0).package == "p");
  CHECK(bi.build_depends.at(0).libraries == std::vector<std::string>{"helper"});
  CHECK(bi.mixins.at(0).package == "p");
  CHECK(bi.mixins.at(0).library == "helper");
}

TEST_CASE("warnings: unknown fields, unknown sections, fields available only later") {
  CHECK(has_warning("cabal-version: 2.2\nname: p\nversion: 1\nlibrary\n  frobnicate: yes\n", "Unknown field"));
  CHECK(has_warning("cabal-version: 2.2\nname: p\nversion: 1\nwidget w\n", "Ignoring section"));
  CHECK(has_warning("cabal-version: 1.12\nname: p\nversion: 1\nlibrary\n  mixins: base\n", "available only since"));
  CHECK_FALSE(has_warning("cabal-version: 2.2\nname: p\nversion: 1\nlibrary\n  x-custom: yes\n", "Unknown field"));
}

TEST_CASE("removed fields are errors") {
  CHECK(first_error("cabal-version: 3.0\nname: p\nversion: 1\nlibrary\n  build-tools: alex\n").find("removed") != std::string::npos);
}

TEST_CASE("sub-library visibility: private unless set public, from 3.0") {
  auto p = resolve("cabal-version: 3.0\nname: p\nversion: 1\nlibrary a\n  visibility: public\nlibrary b\n");
  CHECK(comp(p, "a").data.public_visibility);
  CHECK_FALSE(comp(p, "b").data.public_visibility);
}

namespace {
// Every diagnostic as "L:C: severity: message".
std::vector<std::string> diagnostics(std::string_view text, bool* ok = nullptr) {
  GenericPackageDescription gpd;
  Diagnostics d;
  bool r = parse_package_description(text, gpd, d);
  if (ok) *ok = r;
  std::vector<std::string> out;
  for (const auto& x : d.items) out.push_back(format_diagnostic("", x).substr(1));
  return out;
}
}  // namespace

TEST_CASE("cabal-version is read again by the package grammar, with its warnings") {
  bool ok;
  // Scanned from the first line: the field still warns, after its value.
  CHECK(diagnostics("cabal-version: 1.10\nname: p\nversion: 1\nlibrary\n", &ok) ==
        std::vector<std::string>{"1:20: warning: With 1.10 or earlier, the 'cabal-version' field must use range syntax "
                                 "rather than a simple version number. Use 'cabal-version: >= 1.10'."});
  CHECK(ok);
  CHECK(diagnostics("name: p\nversion: 1\ncabal-version: >=1.8 && <2\nlibrary\n", &ok) ==
        std::vector<std::string>{"3:27: warning: It is recommended that the 'cabal-version' field only specify a version "
                                 "range of the form '>= x.y' for older cabal versions. Use 'cabal-version: >= 1.8'. "
                                 "Tools based on Cabal 1.10 and later will ignore upper bounds."});
  // Read with the spec version it declares: `&&` before 1.8 warns.
  auto ws = diagnostics("name: p\nversion: 1\ncabal-version: >=1.2 && <2\nlibrary\n", &ok);
  CHECK(ok);
  REQUIRE(ws.size() == 2);
  CHECK(ws[0].rfind("3:24: warning: version operators used", 0) == 0);
  // A second, different cabal-version field.
  ws = diagnostics("cabal-version: 2.2\nname: p\nversion: 1\ncabal-version: 3.0\nlibrary\n", &ok);
  CHECK_FALSE(ok);
  CHECK(ws.back().rfind(" error: Scanned and parsed cabal-versions don't match: 2.2 /= 3.0", 0) == 0);
  // The first line names a version Cabal 3.12 does not know: the file as a whole.
  ws = diagnostics("cabal-version: 4.2\nname: p\n", &ok);
  CHECK_FALSE(ok);
  REQUIRE(ws.size() == 1);
  CHECK(ws[0].rfind(" error: Unsupported cabal format version in cabal-version field: 4.2, expected", 0) == 0);
}

TEST_CASE("a repeated singular field: only the occurrences after the first are read") {
  bool ok;
  auto ws = diagnostics("cabal-version: 2.2\nname: p\nversion: 1.x\nversion: 1.0\nlibrary\n  buildable: maybe\n  buildable: True\n", &ok);
  CHECK(ok);
  CHECK(ws == std::vector<std::string>{"3:1: warning: The field \"version\" is specified more than once at positions 3:1, 4:1",
                                       "6:3: warning: The field \"buildable\" is specified more than once at positions 6:3, 7:3"});
  CHECK(first_error("cabal-version: 2.2\nname: p\nversion: 1.0\nversion: 1.x\n").find("'x'") != std::string::npos);
}

TEST_CASE("without build-type the build type is Custom before 2.2, which needs custom-setup from 1.24") {
  CHECK(first_error("cabal-version: 2.0\nname: p\nversion: 1\nlibrary\n").find("custom-setup") != std::string::npos);
  CHECK(first_error("name: p\nversion: 1\ncabal-version: >=1.24\nlibrary\n").find("custom-setup") != std::string::npos);
  CHECK(first_error("cabal-version: 2.0\nname: p\nversion: 1\nbuild-type: Simple\nlibrary\n") == "");
  CHECK(first_error("cabal-version: 2.0\nname: p\nversion: 1\ncustom-setup\n  setup-depends: base\nlibrary\n") == "");
  CHECK(first_error("name: p\nversion: 1\ncabal-version: >=1.22\nlibrary\n") == "");
  CHECK(first_error("cabal-version: 2.2\nname: p\nversion: 1\nlibrary\n") == "");
  CHECK(first_error("cabal-version: 2.2\nname: p\nversion: 1\nbuild-type: Custom\nlibrary\n").find("custom-setup") !=
        std::string::npos);
}

TEST_CASE("an empty quoted data-dir is accepted with a warning after it") {
  bool ok;
  CHECK(diagnostics("cabal-version: 2.2\nname: p\nversion: 1\ndata-dir: \"\"\nlibrary\n", &ok) ==
        std::vector<std::string>{"4:13: warning: empty FilePath (\"\"), the package directory is used"});
  CHECK(ok);
}
