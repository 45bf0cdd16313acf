#include "responsefiles/unit_args.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "responsefiles/response_file.h"

using namespace mhu::responsefiles;
using mhu::cabal::ComponentKind;
using mhu::cabal::ModuleReexport;
using mhu::cabal::Version;
using mhu::planner::Unit;
namespace fs = std::filesystem;
using Strings = std::vector<std::string>;

namespace {

const std::string kStoreDb = "/root/.local/state/cabal/store/ghc-9.10.3-inplace/package.db";
const std::string kBase = "base-4.20.2.0-inplace";

Unit make_unit(const std::string& pkg, const std::string& version, ComponentKind kind, const std::string& comp,
               const std::string& dir) {
  Unit u;
  u.package_name = pkg;
  Version v;
  for (size_t i = 0; i < version.size();) {
    size_t dot = version.find('.', i);
    if (dot == std::string::npos) dot = version.size();
    v.numbers.push_back(std::stoi(version.substr(i, dot - i)));
    i = dot + 1;
  }
  u.package_version = v;
  u.kind = kind;
  u.component_name = comp;
  u.id = mhu::planner::inplace_unit_id(pkg, v, kind, comp);
  u.package_dir = dir;
  u.cabal_file = dir + "/" + pkg + ".cabal";
  u.data.build_info.hs_source_dirs = {"."};
  return u;
}

SessionOptions ghc_9_10(Strings dbs = {}) {
  SessionOptions o;
  o.ghc_version = Version{{9, 10, 3}};
  o.package_dbs = std::move(dbs);
  return o;
}

Strings args_ok(const Unit& u, const Layout& l, const SessionOptions& o) {
  Strings args;
  std::string error;
  INFO(error);
  REQUIRE(unit_arguments(u, l, o, args, error));
  return args;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string value_after(const Strings& args, const std::string& flag) {
  for (size_t i = 0; i + 1 < args.size(); ++i)
    if (args[i] == flag) return args[i + 1];
  return "";
}

// The -package-db values of cabal's file, in order.
Strings package_dbs(const Strings& args) {
  Strings dbs;
  for (size_t i = 0; i + 1 < args.size(); ++i)
    if (args[i] == "-package-db") dbs.push_back(args[i + 1]);
  return dbs;
}

// Cabal's arguments with its dist-newstyle directories replaced by mhu's
// (Layout) and its package-wide global-autogen directory left out: the
// component's build directory (-odir), .hie directory, autogen directory
// (where cabal_macros.h is) and cabal's per-component buildDir (the parent of
// global-autogen) become output_dir, hie_dir, autogen_dir and unit_dir.
Strings cabal_to_mhu(const Strings& cabal, const Layout& l, const std::string& id) {
  std::string odir = value_after(cabal, "-odir");
  std::string hie = value_after(cabal, "-hiedir");
  std::string macros = value_after(cabal, "-optP-include").substr(5);  // after -optP
  std::string autogen = macros.substr(0, macros.rfind('/'));
  std::string build;
  for (const auto& a : cabal)
    if (a.size() > 2 && a.rfind("-i", 0) == 0 && a.ends_with("/global-autogen"))
      build = a.substr(2, a.size() - 2 - std::string("/global-autogen").size());
  REQUIRE_FALSE(odir.empty());
  REQUIRE_FALSE(build.empty());
  const std::pair<std::string, std::string> exact[] = {
      {macros, l.cabal_macros(id)}, {hie, l.hie_dir(id)}, {autogen, l.autogen_dir(id)}, {odir, l.output_dir(id)}};
  Strings out;
  for (const auto& a : cabal) {
    if (a == "-i" + build + "/global-autogen" || a == "-I" + build + "/global-autogen") continue;
    std::string mapped = a;
    for (const char* prefix : {"", "-i", "-I", "-optP"}) {
      std::string p = prefix;
      if (a.rfind(p, 0) != 0) continue;
      std::string rest = a.substr(p.size());
      bool done = false;
      for (const auto& [from, to] : exact)
        if (rest == from) mapped = p + to, done = true;
      if (!done && rest.rfind(build + "/", 0) == 0) mapped = p + l.unit_dir(id) + rest.substr(build.size());
      if (mapped != a) break;
    }
    out.push_back(mapped);
  }
  return out;
}

// Compare mhu's arguments for `u` with the captured cabal file, argument by argument.
void check_against_cabal(const std::string& file, const Unit& u, const std::string& root,
                         const SessionOptions& base = ghc_9_10()) {
  Strings cabal = parse_response_file(slurp(std::string(MHU_SOURCE_DIR) + "/fixtures/responsefiles/" + file));
  REQUIRE(value_after(cabal, "-this-unit-id") == u.id);
  Layout l = default_layout(root);
  SessionOptions o = base;
  o.package_dbs = package_dbs(cabal);  // the store's, then cabal's in-place ones
  Strings expected = cabal_to_mhu(cabal, l, u.id);
  Strings actual = args_ok(u, l, o);
  for (size_t i = 0; i < std::max(expected.size(), actual.size()); ++i) {
    INFO(file << " argument " << i + 1);
    REQUIRE(i < actual.size());
    REQUIRE(i < expected.size());
    CHECK(actual[i] == expected[i]);
  }
}

}  // namespace

TEST_CASE("unit_arguments matches cabal's response file: a library with cpp-options and hidden modules",
          "[responsefiles]") {
  Unit u = make_unit("conditionals", "1.2.3", ComponentKind::Library, "", "/tmp/mhu-fixture/conditionals");
  auto& bi = u.data.build_info;
  bi.hs_source_dirs = {"src"};
  bi.default_language = "Haskell2010";
  bi.other_extensions = {"CPP"};  // not passed: only default-extensions are
  bi.cpp_options = {"-DCOND_LINUX"};
  bi.ghc_options = {"-Wall"};
  bi.other_modules = {"Cond.Linux", "Cond.TextImpl", "Cond.Modern", "Cond.Arch64"};
  u.data.exposed_modules = {"Cond", "Cond.Slow"};
  u.hidden_modules = bi.other_modules;
  u.ghc_options = {"-Wall"};
  u.installed_deps = {kBase, "containers-0.7-inplace", "text-2.1.3-inplace"};
  check_against_cabal("conditionals-1.2.3-inplace", u, "/tmp/mhu-fixture/conditionals");
}

TEST_CASE("unit_arguments matches cabal's response file: a sub-library with default-extensions",
          "[responsefiles]") {
  Unit u = make_unit("conditionals", "1.2.3", ComponentKind::Library, "noprelude", "/tmp/mhu-fixture/conditionals");
  auto& bi = u.data.build_info;
  bi.hs_source_dirs = {"noprelude"};
  bi.default_language = "Haskell2010";
  bi.default_extensions = {"NoImplicitPrelude", "OverloadedStrings"};
  bi.ghc_options = {"-Wall"};
  u.data.exposed_modules = {"NoPre"};
  u.ghc_options = {"-Wall"};
  u.installed_deps = {kBase, "text-2.1.3-inplace"};
  check_against_cabal("conditionals-1.2.3-inplace-noprelude", u, "/tmp/mhu-fixture/conditionals");
}

TEST_CASE("unit_arguments matches cabal's response file: a public sub-library reexporting a module",
          "[responsefiles]") {
  Unit u = make_unit("core", "0.2.0", ComponentKind::Library, "pubsub", "/tmp/mhu-fixture/sublibs/core");
  auto& bi = u.data.build_info;
  bi.hs_source_dirs = {"pubsub"};
  bi.default_language = "Haskell2010";
  bi.other_modules = {"Internal.Util"};
  u.data.public_visibility = true;
  u.data.exposed_modules = {"Core.Pub", "Core.Pub.Types"};
  u.data.reexported_modules = {ModuleReexport{std::nullopt, "Data.Set", "Data.Set"}};
  u.hidden_modules = {"Internal.Util"};
  u.installed_deps = {kBase, "containers-0.7-inplace"};
  check_against_cabal("core-0.2.0-inplace-pubsub", u, "/tmp/mhu-fixture/sublibs");
}

TEST_CASE("unit_arguments matches cabal's response file: an executable with other-modules and Paths_",
          "[responsefiles]") {
  Unit u = make_unit("app", "0.0.1", ComponentKind::Executable, "app", "/tmp/mhu-fixture/sublibs/app");
  auto& bi = u.data.build_info;
  bi.hs_source_dirs = {"src"};
  bi.default_language = "Haskell2010";
  bi.other_modules = {"Internal.Util", "Paths_app"};
  bi.autogen_modules = {"Paths_app"};
  u.data.main_is = "Main.hs";
  u.hidden_modules = {"Internal.Util", "Paths_app"};
  u.home_deps = {"core-0.2.0-inplace", "core-0.2.0-inplace-pubsub", "util-1.0-inplace"};
  u.installed_deps = {kBase, "mtl-2.3.1-inplace"};
  check_against_cabal("app-0.0.1-inplace-app", u, "/tmp/mhu-fixture/sublibs");
}

TEST_CASE("unit_arguments matches cabal's response file: a test-suite with ghc-options", "[responsefiles]") {
  Unit u = make_unit("libandexe", "0.1.0.0", ComponentKind::TestSuite, "libandexe-test", "/tmp/mhu-fixture/libandexe");
  auto& bi = u.data.build_info;
  bi.hs_source_dirs = {"test"};
  bi.default_language = "Haskell2010";
  bi.ghc_options = {"-Wall"};
  u.data.main_is = "Main.hs";
  u.ghc_options = {"-Wall"};
  u.home_deps = {"libandexe-0.1.0.0-inplace"};
  u.installed_deps = {kBase};
  check_against_cabal("libandexe-0.1.0.0-inplace-libandexe-test", u, "/tmp/mhu-fixture/libandexe");
}

TEST_CASE("unit_arguments matches cabal's response file: the project's ghc-options come last", "[responsefiles]") {
  Unit u = make_unit("foo", "0.1", ComponentKind::Library, "", "/tmp/mhu-fixture/project-features/pkgs/foo");
  auto& bi = u.data.build_info;
  bi.hs_source_dirs = {"src"};
  bi.default_language = "Haskell2010";
  u.data.exposed_modules = {"Foo", "Foo.Bar"};
  u.ghc_options = {"-Wcompat", "-Wno-unused-imports"};  // `package *`, then `package foo`
  u.installed_deps = {kBase, "stm-2.5.3.1-inplace"};
  check_against_cabal("foo-0.1-inplace", u, "/tmp/mhu-fixture/project-features");
}

TEST_CASE("unit_arguments: renaming reexports need GHC 9.12", "[responsefiles]") {
  Unit u = make_unit("core", "0.2.0", ComponentKind::Library, "", "/tmp/mhu-fixture/sublibs/core");
  auto& bi = u.data.build_info;
  bi.hs_source_dirs = {"src"};
  bi.default_language = "Haskell2010";
  bi.other_modules = {"Internal.Util", "Paths_core"};
  bi.autogen_modules = {"Paths_core"};
  u.data.exposed_modules = {"Core"};
  u.data.reexported_modules = {ModuleReexport{"containers", "Data.Map.Strict", "Core.Map"},
                               ModuleReexport{std::nullopt, "Core.Pub.Types", "Core.Types"}};
  u.hidden_modules = {"Internal.Util", "Paths_core"};
  u.home_deps = {"core-0.2.0-inplace-privsub", "core-0.2.0-inplace-pubsub"};
  u.installed_deps = {kBase, "containers-0.7-inplace"};
  Layout l = default_layout("/tmp/mhu-fixture/sublibs");

  // cabal 3.12 passes the new names (Core.Map, Core.Types), which GHC 9.10
  // rejects when the session starts; mhu says why instead.
  Strings args;
  std::string error;
  CHECK_FALSE(unit_arguments(u, l, ghc_9_10(), args, error));
  CHECK(error.find("Data.Map.Strict as Core.Map") != std::string::npos);
  CHECK(error.find("core-0.2.0-inplace") != std::string::npos);
  CHECK(error.find("9.12") != std::string::npos);

  // From 9.12 on: `Orig as New`; otherwise as cabal.
  SessionOptions o = ghc_9_10();
  o.ghc_version = Version{{9, 12, 1}};
  Strings cabal = parse_response_file(slurp(std::string(MHU_SOURCE_DIR) + "/fixtures/responsefiles/core-0.2.0-inplace"));
  o.package_dbs = package_dbs(cabal);
  Strings expected = cabal_to_mhu(cabal, l, u.id);
  for (auto& a : expected) {
    if (a == "Core.Map") a = "Data.Map.Strict as Core.Map";
    if (a == "Core.Types") a = "Core.Pub.Types as Core.Types";
  }
  CHECK(args_ok(u, l, o) == expected);
}

TEST_CASE("unit_arguments: defaults and the order of every group of flags", "[responsefiles]") {
  Unit u = make_unit("p", "1", ComponentKind::Library, "", "/src/p");
  u.data.exposed_modules = {"A", "B"};
  u.data.signatures = {"Sig"};
  u.hidden_modules = {"C", "A"};  // a module listed twice is passed once
  u.home_deps = {"q-1-inplace"};
  u.installed_deps = {"base-4", "array-1"};
  auto& bi = u.data.build_info;
  bi.hs_source_dirs = {"src", "gen", "src"};
  bi.old_extensions = {"CPP"};
  bi.default_extensions = {"GADTs", "CPP", "NoFieldSelectors"};
  bi.include_dirs = {"include", "/abs/inc"};
  bi.cpp_options = {"-DX=1", "-DY"};
  bi.ld_options = {"-Wl,--as-needed"};
  bi.extra_libraries = {"z", "m"};
  bi.extra_lib_dirs = {"/", "/nonexistent-mhu-dir"};  // only existing ones are passed
  Layout l = default_layout("/proj");
  SessionOptions o = ghc_9_10({"/store/package.db", "/extra.db"});
  const std::string dir = "/proj/dist-mhu/build/p-1-inplace";
  const Strings expected = {
      "-this-package-name", "p", "-working-dir", "/src/p",
      "-hidden-module", "C", "-hidden-module", "A",
      "-fbuilding-cabal-package", "-O0",
      "-outputdir", dir + "/out", "-odir", dir + "/out", "-hidir", dir + "/out",
      "-hiedir", dir + "/hie", "-stubdir", dir + "/out",
      "-i", "-isrc", "-igen", "-i" + dir + "/out", "-i" + dir + "/autogen",
      "-I" + dir + "/autogen", "-I" + dir + "/out", "-Iinclude", "-I/abs/inc", "-I" + dir + "/include",
      "-optP-DX=1", "-optP-DY", "-optP-include", "-optP" + dir + "/autogen/cabal_macros.h",
      "-optl-Wl,--as-needed", "-lz", "-lm", "-L/",
      "-this-unit-id", "p-1-inplace", "-hide-all-packages", "-Wmissing-home-modules",
      "-no-user-package-db", "-package-db", "/store/package.db", "-package-db", "/extra.db",
      "-package-id", "array-1", "-package-id", "base-4", "-package-id", "q-1-inplace",
      "-XHaskell98", "-XCPP", "-XGADTs", "-XNoFieldSelectors",
      "A", "B", "C", "Sig",
      "-hide-all-packages"};
  CHECK(args_ok(u, l, o) == expected);
}

TEST_CASE("unit_arguments: ghc-options in the REPL and in builds", "[responsefiles]") {
  Unit u = make_unit("p", "1", ComponentKind::Executable, "e", "/nonexistent/p");
  u.data.main_is = "Main.hs";
  u.data.build_info.ghc_options = {"-O2", "-threaded", "-rtsopts", "-Wall", "-debug", "-prof", "-eventlog",
                                   "-ticky", "-unreg", "-Odph", "-optc-O3"};
  u.ghc_options = u.data.build_info.ghc_options;
  u.ghc_options.insert(u.ghc_options.end(), {"-O1", "-threaded"});  // the project's: as given
  Layout l = default_layout("/proj");
  auto tail = [](const Strings& args) {
    auto it = std::find(args.begin(), args.end(), "./Main.hs");
    REQUIRE(it != args.end());
    return Strings(it + 1, args.end());
  };

  SessionOptions o = ghc_9_10();
  o.extra_options = {"-fdefer-type-errors"};
  Strings repl = args_ok(u, l, o);
  CHECK(value_after(repl, "-fbuilding-cabal-package") == "-O0");
  CHECK(tail(repl) == Strings{"-rtsopts", "-Wall", "-optc-O3", "-fdefer-type-errors", "-hide-all-packages", "-O1",
                              "-threaded"});

  o.mode = SessionOptions::Mode::Build;
  Strings build = args_ok(u, l, o);
  CHECK(value_after(build, "-fbuilding-cabal-package") == "-O0");
  CHECK(tail(build) == Strings{"-threaded", "-rtsopts", "-Wall", "-debug", "-prof", "-eventlog", "-ticky", "-unreg",
                               "-optc-O3", "-fdefer-type-errors", "-hide-all-packages", "-O1", "-threaded"});

  o.final_options = {"-Wwarn", "-fno-break-on-exception"};  // after everything: they win
  CHECK(tail(args_ok(u, l, o)) == Strings{"-threaded", "-rtsopts", "-Wall", "-debug", "-prof", "-eventlog", "-ticky",
                                          "-unreg", "-optc-O3", "-fdefer-type-errors", "-hide-all-packages", "-O1",
                                          "-threaded", "-Wwarn", "-fno-break-on-exception"});
  o.final_options.clear();

  o.optimise = true;
  Strings optimised = args_ok(u, l, o);
  CHECK(value_after(optimised, "-fbuilding-cabal-package") == "-O");
  CHECK(tail(optimised)[0] == "-O2");
  CHECK(tail(optimised)[9] == "-Odph");

  CHECK(ghci_supported_option("-Wall"));
  CHECK_FALSE(ghci_supported_option("-O"));
  CHECK_FALSE(ghci_supported_option("-threaded"));
}

TEST_CASE("unit_arguments: where the main-is file is", "[responsefiles]") {
  char tmpl[] = "/tmp/mhu-unit-args.XXXXXX";
  REQUIRE(::mkdtemp(tmpl) != nullptr);
  std::string root = tmpl;
  fs::create_directories(root + "/pkg/app");
  fs::create_directories(root + "/pkg/exe/");
  fs::create_directories(root + "/pkg/gen");
  std::ofstream(root + "/pkg/exe/Main.hs") << "main = pure ()\n";
  std::ofstream(root + "/pkg/gen/Tool.hsc") << "main = pure ()\n";
  Layout l = default_layout(root);

  Unit u = make_unit("pkg", "1", ComponentKind::Executable, "e", root + "/pkg");
  u.data.main_is = "Main.hs";
  u.data.build_info.hs_source_dirs = {"app", "exe/"};
  CHECK(main_file_argument(u, l) == "exe/Main.hs");  // where it is, joined as FilePath's </>
  u.data.main_is = "Missing.hs";
  CHECK(main_file_argument(u, l) == "app/Missing.hs");  // nowhere: the first source dir
  u.data.build_info.hs_source_dirs = {"app", "gen"};
  u.data.main_is = "Tool.hs";  // made by hsc2hs: in the autogen directory
  CHECK(main_file_argument(u, l) == l.autogen_dir(u.id) + "/Tool.hs");
  u.data.main_is = "Tool.lhs";  // the preprocessor's output is Haskell
  CHECK(main_file_argument(u, l) == l.autogen_dir(u.id) + "/Tool.hs");
  u.data.main_is = "/abs/Main.hs";
  CHECK(main_file_argument(u, l) == "/abs/Main.hs");

  // A C main is not loaded; the other modules are.
  u.data.main_is = "main.c";
  u.hidden_modules = {"Helper"};
  Strings args = args_ok(u, l, ghc_9_10());
  CHECK(std::find(args.begin(), args.end(), "gen/main.c") == args.end());
  CHECK(std::find(args.begin(), args.end(), "app/main.c") == args.end());
  CHECK(args[args.size() - 2] == "Helper");

  // Compiled C sources come after the main-is file, before the modules.
  u.data.main_is = "Missing.hs";
  u.data.build_info.hs_source_dirs = {"app"};
  std::string error;
  REQUIRE(unit_arguments(u, l, ghc_9_10(), args, error, {"/o/a.o", "/o/b.o", "/o/a.o"}));
  CHECK(Strings(args.end() - 5, args.end()) == Strings{"app/Missing.hs", "/o/a.o", "/o/b.o", "Helper", "-hide-all-packages"});

  // Foreign libraries load their other-modules.
  Unit f = make_unit("pkg", "1", ComponentKind::ForeignLibrary, "f", root + "/pkg");
  f.hidden_modules = {"F.Exports"};
  Strings fargs = args_ok(f, l, ghc_9_10());
  CHECK(fargs[fargs.size() - 2] == "F.Exports");
  fs::remove_all(root);
}

TEST_CASE("unit_arguments: the rendered file reads back as the same arguments", "[responsefiles]") {
  Unit u = make_unit("my pkg", "1", ComponentKind::Library, "", "/home/user/My Projects/it's \"here\"");
  u.data.exposed_modules = {"A"};
  u.data.build_info.cpp_options = {"-DMSG=\"hello world\""};
  Layout l = default_layout("/home/user/My Projects/it's \"here\"");
  Strings args = args_ok(u, l, ghc_9_10());
  std::string text, error;
  REQUIRE(render_response_file(args, text, error));
  CHECK(parse_response_file(text) == args);
}
