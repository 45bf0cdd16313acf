#include "responsefiles/preprocess.h"

#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cabal/package_parser.h"
#include "planner/process.h"
#include "responsefiles/autogen.h"

using namespace mhu;
using namespace mhu::responsefiles;
namespace fs = std::filesystem;
using Strings = std::vector<std::string>;

namespace {

const std::string kFixtures = std::string(MHU_SOURCE_DIR) + "/fixtures/autogen";
const std::string kBin = "/var/cache/mhu/bin";  // tests/e2e/provision-ghc's wrappers

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  INFO(path);
  REQUIRE(in);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void spit(const std::string& path, const std::string& text) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

void replace_all(std::string& s, const std::string& from, const std::string& to) {
  for (size_t i = 0; (i = s.find(from, i)) != std::string::npos; i += to.size()) s.replace(i, from.size(), to);
}

planner::CompilerInfo ghc_9_10_3() {
  planner::CompilerInfo c;
  std::string error;
  REQUIRE(planner::parse_ghc_info(slurp(std::string(MHU_SOURCE_DIR) + "/fixtures/planner/ghc-info-9.10.3.txt"), c,
                                  error));
  c.ghc = "ghc";
  return c;
}

struct TempDir {
  std::string path;
  TempDir() {
    char tmpl[] = "/tmp/mhu-pp-test.XXXXXX";
    REQUIRE(::mkdtemp(tmpl) != nullptr);
    path = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

// The library (or the executable) of the pp-demo fixture in `dir` as a unit.
planner::Unit pp_demo_unit(const std::string& dir, cabal::ComponentKind kind = cabal::ComponentKind::Library) {
  cabal::GenericPackageDescription gpd;
  cabal::Diagnostics d;
  REQUIRE(cabal::parse_package_description(slurp(dir + "/pp-demo.cabal"), gpd, d));
  planner::Unit u;
  u.package_name = gpd.name;
  u.package_version = gpd.version;
  u.kind = kind;
  for (const auto& c : gpd.components)
    if (c.kind == kind) {
      u.component_name = c.name;
      u.data = c.tree.data;
    }
  u.id = planner::inplace_unit_id(u.package_name, u.package_version, kind, u.component_name);
  u.package_dir = dir;
  u.installed_deps = {"array-0.5.8.0-inplace", "base-4.20.2.0-inplace", "containers-0.7-inplace"};
  u.dep_packages = {{"array", {{0, 5, 8, 0}}}, {"base", {{4, 20, 2, 0}}}, {"containers", {{0, 7}}}};
  return u;
}

planner::Unit bare_unit(const std::string& dir, Strings source_dirs, Strings modules) {
  planner::Unit u;
  u.package_name = "p";
  u.package_version = {{1}};
  u.id = "p-1-inplace";
  u.package_dir = dir;
  u.data.build_info.hs_source_dirs = std::move(source_dirs);
  u.data.exposed_modules = std::move(modules);
  return u;
}

Strings modules_of(const std::vector<PreprocessorInput>& ins) {
  Strings out;
  for (const auto& i : ins) out.push_back(i.module + ":" + i.suffix);
  return out;
}

bool have_tools() {
  for (const char* t : {"ghc", "alex", "happy", "hsc2hs"})
    if (::access((kBin + "/" + t).c_str(), X_OK) != 0) return false;
  return true;
}

void set_mtime_ahead(const std::string& path, int seconds) {
  fs::last_write_time(path, fs::file_time_type::clock::now() + std::chrono::seconds(seconds));
}

}  // namespace

TEST_CASE("find_preprocessor_inputs: the fixture's .x, .y and .hsc modules", "[autogen]") {
  std::string dir = kFixtures + "/pp-demo";
  auto u = pp_demo_unit(dir);
  Layout layout = default_layout("/w");
  auto ins = find_preprocessor_inputs(u, layout);
  REQUIRE(modules_of(ins) == Strings{"Lang.Lexer:x", "Lang.Parser:y", "Sys.Info:hsc"});
  CHECK(ins[0].source == dir + "/src/Lang/Lexer.x");
  CHECK(ins[0].tool == "alex");
  CHECK(ins[0].output == layout.autogen_dir(u.id) + "/Lang/Lexer.hs");
  CHECK(ins[1].tool == "happy");
  CHECK(ins[2].tool == "hsc2hs");
  CHECK(ins[2].output == layout.autogen_dir(u.id) + "/Sys/Info.hs");
}

TEST_CASE("find_preprocessor_inputs: Cabal's search order; plain sources win", "[autogen]") {
  TempDir tmp;
  std::string d = tmp.path;
  spit(d + "/a/M.x", "");
  spit(d + "/b/M.y", "");        // a comes first
  spit(d + "/a/N.x", "");
  spit(d + "/a/N.hsc", "");      // hsc before x
  spit(d + "/b/P.ly", "");
  spit(d + "/a/Q.x", "");
  spit(d + "/b/Q.hs", "");       // a plain source anywhere: nothing to do
  spit(d + "/a/R/S.chs", "");
  spit(d + "/a/T.cpphs", "");
  spit(d + "/a/U.gc", "");
  spit(d + "/a/V.y", "");
  spit(d + "/a/V.lhs", "");
  auto u = bare_unit(d, {"a", "./b/"}, {"M", "N", "P", "Q", "R.S", "T", "U", "V", "Missing"});
  u.data.build_info.other_modules = {"M", "Paths_p"};
  u.data.build_info.autogen_modules = {"Paths_p"};
  auto ins = find_preprocessor_inputs(u, default_layout("/w"));
  CHECK(modules_of(ins) == Strings{"M:x", "N:hsc", "P:ly", "R.S:chs", "T:cpphs", "U:gc"});
  CHECK(ins[0].source == d + "/a/M.x");
  CHECK(ins[2].source == d + "/b/P.ly");
  CHECK(ins[3].output == default_layout("/w").autogen_dir("p-1-inplace") + "/R/S.hs");
}

TEST_CASE("find_preprocessor_inputs: no hs-source-dirs is the package directory; main-is", "[autogen]") {
  TempDir tmp;
  std::string d = tmp.path;
  spit(d + "/Lib.x", "");
  spit(d + "/app/Main.y", "");
  spit(d + "/app/Other.hsc", "");
  auto u = bare_unit(d, {}, {"Lib"});
  CHECK(modules_of(find_preprocessor_inputs(u, default_layout("/w"))) == Strings{"Lib:x"});
  auto e = bare_unit(d, {"app"}, {});
  e.kind = cabal::ComponentKind::Executable;
  e.id = "p-1-inplace-e";
  e.data.main_is = "Main.hs";
  e.data.build_info.other_modules = {"Other"};
  auto ins = find_preprocessor_inputs(e, default_layout("/w"));
  REQUIRE(modules_of(ins) == Strings{"Other:hsc", ":y"});
  CHECK(ins[1].source == d + "/app/Main.y");
  CHECK(ins[1].output == default_layout("/w").autogen_dir("p-1-inplace-e") + "/Main.hs");
  spit(d + "/app/Main.hs", "");
  CHECK(modules_of(find_preprocessor_inputs(e, default_layout("/w"))) == Strings{"Other:hsc"});
}

TEST_CASE("platform_defines as Cabal's platformDefines", "[autogen]") {
  auto c = ghc_9_10_3();
  CHECK(platform_defines(c) == Strings{"-D__GLASGOW_HASKELL__=910", "-Dlinux_BUILD_OS=1", "-Dx86_64_BUILD_ARCH=1",
                                       "-Dlinux_HOST_OS=1", "-Dx86_64_HOST_ARCH=1"});
  c.version = {{8, 6, 5}};
  c.target_os = "osx";
  c.target_arch = "aarch64";
  CHECK(platform_defines(c) == Strings{"-D__GLASGOW_HASKELL__=806", "-Ddarwin_BUILD_OS=1", "-Daarch64_BUILD_ARCH=1",
                                       "-Ddarwin_HOST_OS=1", "-Daarch64_HOST_ARCH=1"});
  c.target_os = "windows";
  c.target_arch = "ppc64";
  CHECK(platform_defines(c)[1] == "-Dmingw32_BUILD_OS=1");
  CHECK(platform_defines(c)[2] == "-Dpowerpc64_BUILD_ARCH=1");
}

TEST_CASE("preprocessor_command: Cabal's arguments for alex, happy, greencard, cpphs", "[autogen]") {
  auto c = ghc_9_10_3();
  auto u = bare_unit("/w/p", {"src"}, {});
  u.data.build_info.cpp_options = {"-DX=1"};
  u.data.build_info.include_dirs = {"inc"};
  u.data.build_info.cc_options = {"-O3", "-DCC", "-Ifoo"};
  Layout layout = default_layout("/w");
  PreprocessOptions o;
  o.programs["alex"] = "/opt/alex";
  CHECK(preprocessor_command({"A", "/w/p/src/A.x", "x", "alex", "/o/A.hs"}, u, layout, c, o) ==
        Strings{"/opt/alex", "-g", "-o", "/o/A.hs", "/w/p/src/A.x"});
  CHECK(preprocessor_command({"A", "/w/p/src/A.ly", "ly", "happy", "/o/A.hs"}, u, layout, c, o) ==
        Strings{"happy", "-agc", "-o", "/o/A.hs", "/w/p/src/A.ly"});
  CHECK(preprocessor_command({"A", "/w/p/src/A.gc", "gc", "greencard", "/o/A.hs"}, u, layout, c, o) ==
        Strings{"greencard", "-tffi", "-o/o/A.hs", "/w/p/src/A.gc"});
  std::string macros = layout.cabal_macros(u.id);
  CHECK(preprocessor_command({"A", "/w/p/src/A.cpphs", "cpphs", "ghc", "/o/A.hs"}, u, layout, c, o) ==
        Strings{"ghc", "-E", "-cpp", "-x", "hs", "-optP-include", "-optP" + macros, "-o", "/o/A.hs",
                "/w/p/src/A.cpphs", "-D__GLASGOW_HASKELL__=910", "-Dlinux_BUILD_OS=1", "-Dx86_64_BUILD_ARCH=1",
                "-Dlinux_HOST_OS=1", "-Dx86_64_HOST_ARCH=1", "-DX=1", "-I/w/p/inc", "-DCC", "-Ifoo"});
}

TEST_CASE("preprocessor_command: hsc2hs gets Cabal's flags", "[autogen]") {
  auto c = ghc_9_10_3();
  auto u = bare_unit("/w/p", {"src"}, {});
  auto& bi = u.data.build_info;
  bi.include_dirs = {"include"};
  bi.cc_options = {"-DADD_EXTRA=0"};
  bi.cpp_options = {"-DPP_DEMO=1"};
  bi.extra_lib_dirs = {"lib"};
  bi.extra_libraries = {"z"};
  bi.ld_options = {"-Wl,-zfoo"};
  bi.hsc2hs_options = {"--verbose"};
  Layout layout = default_layout("/w");
  PreprocessOptions o;
  o.dep_include_dirs = Strings{"/usr/lib/ghc/lib/../lib/x86_64-linux-ghc-9.10.3/rts-1.0.2/include"};
  o.programs["hsc2hs"] = "hsc2hs";
  std::string autogen = layout.autogen_dir(u.id);
  CHECK(preprocessor_command({"Sys.Info", "/w/p/src/Sys/Info.hsc", "hsc", "hsc2hs", autogen + "/Sys/Info.hs"}, u,
                             layout, c, o) ==
        Strings{"hsc2hs",
                "--cflag=-Wl,--no-as-needed",
                "--lflag=-Wl,--no-as-needed",
                "--cflag=-D__GLASGOW_HASKELL__=910",
                "--cflag=-Dlinux_BUILD_OS=1",
                "--cflag=-Dx86_64_BUILD_ARCH=1",
                "--cflag=-Dlinux_HOST_OS=1",
                "--cflag=-Dx86_64_HOST_ARCH=1",
                "--cflag=-I/w/p/include",
                "--cflag=-DADD_EXTRA=0",
                "--cflag=-DPP_DEMO=1",
                "--cflag=-I" + autogen,
                "--cflag=-include",
                "--cflag=" + autogen + "/cabal_macros.h",
                "--lflag=-L/w/p/lib",
                "--lflag=-Wl,-R,/w/p/lib",
                "--lflag=-lz",
                "--lflag=-Wl,-zfoo",
                "--cflag=-I/usr/lib/ghc/lib/../lib/x86_64-linux-ghc-9.10.3/rts-1.0.2/include",
                "--cc=x86_64-linux-gnu-gcc",
                "--ld=x86_64-linux-gnu-gcc",
                "--verbose",
                "-o",
                autogen + "/Sys/Info.hs",
                "/w/p/src/Sys/Info.hsc"});
}

TEST_CASE("preprocessor_command: c2hs", "[autogen]") {
  auto c = ghc_9_10_3();
  auto u = bare_unit("/w/p", {"src"}, {});
  u.data.build_info.cpp_options = {"-DX"};
  Layout layout = default_layout("/w");
  PreprocessOptions o;
  o.dep_include_dirs = Strings{"/inc"};
  std::string autogen = layout.autogen_dir(u.id);
  CHECK(preprocessor_command({"A.B", "/w/p/src/A/B.chs", "chs", "c2hs", autogen + "/A/B.hs"}, u, layout, c, o) ==
        Strings{"c2hs", "--cpp=x86_64-linux-gnu-gcc", "--cppopts=-E", "--cppopts=-D__GLASGOW_HASKELL__=910",
                "--cppopts=-Dlinux_BUILD_OS=1", "--cppopts=-Dx86_64_BUILD_ARCH=1", "--cppopts=-Dlinux_HOST_OS=1",
                "--cppopts=-Dx86_64_HOST_ARCH=1", "--cppopts=-DX", "--cppopts=-include" + autogen + "/cabal_macros.h",
                "--include=" + autogen, "--cppopts=-I/inc", "--output-dir=" + autogen, "--output=A/B.hs",
                "/w/p/src/A/B.chs"});
}

TEST_CASE("tool_program: tools beside the compiler, as Cabal looks for hsc2hs", "[autogen]") {
  TempDir tmp;
  auto exe = [&](const std::string& name) {
    spit(tmp.path + "/" + name, "#!/bin/sh\n");
    ::chmod((tmp.path + "/" + name).c_str(), 0755);
  };
  exe("ghc");
  auto c = ghc_9_10_3();
  c.ghc = tmp.path + "/ghc";
  CHECK(tool_program("hsc2hs", c) == "hsc2hs");
  exe("hsc2hs");
  CHECK(tool_program("hsc2hs", c) == tmp.path + "/hsc2hs");
  exe("hsc2hs-9.10.3");
  CHECK(tool_program("hsc2hs", c) == tmp.path + "/hsc2hs-9.10.3");
  exe("hsc2hs-ghc-9.10.3");
  CHECK(tool_program("hsc2hs", c) == tmp.path + "/hsc2hs-ghc-9.10.3");
  CHECK(tool_program("alex", c) == "alex");
  spit(tmp.path + "/alex", "not executable");
  CHECK(tool_program("alex", c) == "alex");
  exe("alex");
  CHECK(tool_program("alex", c) == tmp.path + "/alex");
  CHECK(tool_program("ghc", c) == tmp.path + "/ghc");
  CHECK(tool_program("hsc2hs", c, {{"hsc2hs", "/x/hsc2hs"}}) == "/x/hsc2hs");
  // The real path's directory comes first.
  fs::create_directories(tmp.path + "/real");
  spit(tmp.path + "/real/ghc-9.10.3", "#!/bin/sh\n");
  spit(tmp.path + "/real/alex", "#!/bin/sh\n");
  ::chmod((tmp.path + "/real/alex").c_str(), 0755);
  fs::create_symlink(tmp.path + "/real/ghc-9.10.3", tmp.path + "/ghc-link");
  c.ghc = tmp.path + "/ghc-link";
  CHECK(tool_program("alex", c) == tmp.path + "/real/alex");
  CHECK(tool_program("hsc2hs", c) == tmp.path + "/hsc2hs-ghc-9.10.3");
}

TEST_CASE("unit_macro_tools finds the tools Cabal found, beside the compiler", "[autogen]") {
  if (!have_tools()) {
    WARN("skipped: alex, happy, hsc2hs or ghc missing in " << kBin);
    return;
  }
  auto u = pp_demo_unit(kFixtures + "/pp-demo");
  auto c = ghc_9_10_3();
  c.ghc = kBin + "/ghc";
  Strings got;
  for (const auto& t : unit_macro_tools(u, c)) got.push_back(t.name + "-" + cabal::to_string(t.version));
  // The fixture's cabal_macros.h lists these (and gcc, haddock, hpc, strip).
  CHECK(got == Strings{"alex-3.5.4.0", "ghc-9.10.3", "ghc-pkg-9.10.3", "happy-2.1.7", "hsc2hs-0.68.10",
                       "runghc-9.10.3"});
}

TEST_CASE("compiler_include_dirs: base, ghc-internal and rts include dirs under the libdir", "[autogen]") {
  TempDir tmp;
  std::string plat = tmp.path + "/lib/x86_64-linux-ghc-9.10.3";
  for (const char* p : {"rts-1.0.2/include", "ghc-internal-9.1003.0-inplace/include", "base-4.20.2.0-inplace/include",
                        "containers-0.7-inplace/include", "ghc-prim-0.12.0-inplace"})
    fs::create_directories(plat + "/" + p);
  planner::CompilerInfo c;
  c.libdir = tmp.path + "/lib";
  CHECK(compiler_include_dirs(c) == Strings{plat + "/base-4.20.2.0-inplace/include",
                                            plat + "/ghc-internal-9.1003.0-inplace/include",
                                            plat + "/rts-1.0.2/include"});
  // Seen through a sysroot, named as the compiler sees them.
  planner::CompilerInfo s;
  s.sysroot = tmp.path;
  s.libdir = "/lib";
  CHECK(compiler_include_dirs(s) == Strings{"/lib/x86_64-linux-ghc-9.10.3/base-4.20.2.0-inplace/include",
                                            "/lib/x86_64-linux-ghc-9.10.3/ghc-internal-9.1003.0-inplace/include",
                                            "/lib/x86_64-linux-ghc-9.10.3/rts-1.0.2/include"});
  planner::CompilerInfo none;
  CHECK(compiler_include_dirs(none).empty());
}

TEST_CASE("c_object_path keeps sources apart under the output dir", "[autogen]") {
  auto u = bare_unit("/w/p", {}, {});
  Layout layout = default_layout("/w");
  std::string out = layout.output_dir(u.id);
  CHECK(c_object_path(u, layout, "cbits/add.c") == out + "/cbits/add.o");
  CHECK(c_object_path(u, layout, "./cbits/x.cpp") == out + "/cbits/x.o");
  CHECK(c_object_path(u, layout, "../shared/y.c") == out + "/__/shared/y.o");
  CHECK(c_object_path(u, layout, "/w/p/cbits/add.c") == out + "/cbits/add.o");
  CHECK(c_object_path(u, layout, "/elsewhere/z.c") == out + "/__abs/elsewhere/z.o");
}

TEST_CASE("c_compile_command: Cabal's ghc -c for C and C++ sources", "[autogen]") {
  auto c = ghc_9_10_3();
  auto u = bare_unit("/w/p", {}, {});
  u.data.build_info.include_dirs = {"include"};
  u.data.build_info.cc_options = {"-DADD_EXTRA=0"};
  u.data.build_info.cxx_options = {"-std=c++17"};
  u.installed_deps = {"base-4.20.2.0-inplace"};
  u.ghc_options = {"-Wall"};
  Layout layout = default_layout("/w");
  std::string autogen = layout.autogen_dir(u.id), out = layout.output_dir(u.id);
  PreprocessOptions o;
  CHECK(c_compile_command(u, layout, c, o, "/w/p/cbits/add.c", out + "/cbits/add.o") ==
        Strings{"ghc", "-c", "-dynamic", "-fPIC", "-I" + autogen, "-I" + out, "-I/w/p/include", "-optc-O2",
                "-optc-DADD_EXTRA=0", "-pgmc", "x86_64-linux-gnu-gcc", "-hide-all-packages", "/w/p/cbits/add.c", "-o",
                out + "/cbits/add.o", "-Wall"});
  o.package_dbs = {"/store/package.db"};
  o.extra_include_dirs = {"/w/q/include"};
  CHECK(c_compile_command(u, layout, c, o, "/w/p/cbits/x.cpp", out + "/cbits/x.o") ==
        Strings{"ghc", "-c", "-dynamic", "-fPIC", "-I" + autogen, "-I" + out, "-I/w/p/include", "-I/w/q/include",
                "-optcxx-O2", "-optcxx-std=c++17", "-hide-all-packages", "-no-user-package-db", "-package-db",
                "/store/package.db", "-package-id", "base-4.20.2.0-inplace", "/w/p/cbits/x.cpp", "-o",
                out + "/cbits/x.o", "-Wall"});
}

TEST_CASE("preprocess_unit and compile_c_sources with the real tools", "[autogen]") {
  if (!have_tools()) {
    WARN("skipped: alex, happy, hsc2hs or ghc missing in " << kBin);
    return;
  }
  TempDir tmp;
  std::string pkg = tmp.path + "/pp-demo";
  fs::copy(kFixtures + "/pp-demo", pkg, fs::copy_options::recursive);
  auto u = pp_demo_unit(pkg);
  auto c = ghc_9_10_3();
  c.ghc = kBin + "/ghc";  // hsc2hs is found beside it
  if (fs::is_directory("/var/cache/mhu/ghc-root")) c.sysroot = "/var/cache/mhu/ghc-root";
  Layout layout = default_layout(tmp.path);
  std::string error;
  cabal::GenericPackageDescription gpd;
  gpd.name = u.package_name;
  gpd.version = u.package_version;
  REQUIRE(write_autogen_files(u, gpd, layout, c, macro_tools(c, {}), error));
  PreprocessOptions o;
  o.programs = {{"alex", kBin + "/alex"}, {"happy", kBin + "/happy"}};
  PreprocessResult r;
  bool ok = preprocess_unit(u, layout, c, o, r, error);
  INFO(error);
  REQUIRE(ok);
  CHECK(r.ran == 3);
  CHECK(r.c_sources.empty());
  std::string autogen = layout.autogen_dir(u.id);
  // The outputs are cabal's but for the input's path.
  std::string info = slurp(autogen + "/Sys/Info.hs");
  replace_all(info, pkg + "/src/Sys/Info.hsc", "src/Sys/Info.hsc");
  CHECK(info == slurp(kFixtures + "/cabal-3.12/pp-demo/Sys.Info.hs"));
  std::string lexer = slurp(autogen + "/Lang/Lexer.hs");
  replace_all(lexer, pkg + "/src/Lang/Lexer.x", "src/Lang/Lexer.x");
  CHECK(lexer == slurp(kFixtures + "/cabal-3.12/pp-demo/Lang.Lexer.hs"));
  CHECK(slurp(autogen + "/Lang/Parser.hs") == slurp(kFixtures + "/cabal-3.12/pp-demo/Lang.Parser.hs"));

  // Up to date: nothing runs; an input touched: only it runs again.
  PreprocessResult again;
  REQUIRE(preprocess_unit(u, layout, c, o, again, error));
  CHECK(again.ran == 0);
  set_mtime_ahead(pkg + "/src/Lang/Parser.y", 5);
  REQUIRE(preprocess_unit(u, layout, c, o, again, error));
  CHECK(again.ran == 1);

  // c-sources: compiled once; again when the options change.
  std::vector<std::string> objects;
  int compiled = -1;
  ok = compile_c_sources(u, layout, c, o, r.c_sources, objects, error, &compiled);
  INFO(error);
  REQUIRE(ok);
  CHECK(compiled == 1);
  REQUIRE(objects == Strings{layout.output_dir(u.id) + "/cbits/add.o"});
  CHECK(fs::is_regular_file(objects[0]));
  REQUIRE(compile_c_sources(u, layout, c, o, r.c_sources, objects, error, &compiled));
  CHECK(compiled == 0);
  u.data.build_info.cc_options = {"-DADD_EXTRA=100"};
  REQUIRE(compile_c_sources(u, layout, c, o, r.c_sources, objects, error, &compiled));
  CHECK(compiled == 1);

  // The whole library, interpreted, with the object loaded as a session would.
  planner::ProcessResult p;
  REQUIRE(planner::run_process({kBin + "/ghc", "-v0", "-i" + pkg + "/src", "-i" + autogen, "-I" + pkg + "/include",
                                "-optP-include", "-optP" + layout.cabal_macros(u.id), "-optP-DPP_DEMO=1",
                                "-package", "array", objects[0], "-e",
                                "print (Calc.add 1 2, Sys.Info.magic, Sys.Info.ppDemo, Sys.Info.baseOk, "
                                "Lang.Parser.parseExpr (Lang.Lexer.alexScanTokens \"1 + 2 + 39\"))",
                                pkg + "/src/Calc.hs", autogen + "/Sys/Info.hs", autogen + "/Lang/Lexer.hs",
                                autogen + "/Lang/Parser.hs"},
                               p, error));
  INFO(p.err);
  CHECK(p.exit_code == 0);
  CHECK(p.out == "(103,42,1,True,42)\n");
}

TEST_CASE("preprocess_unit keeps hs-boot files and removes outputs of inputs that are gone", "[autogen]") {
  TempDir tmp;
  std::string fake = tmp.path + "/fake-alex";  // alex -g -o OUT IN: copies IN to OUT
  spit(fake, "#!/bin/sh\necho run >> \"$0.log\"\ncp \"$4\" \"$3\"\n");
  ::chmod(fake.c_str(), 0755);
  std::string d = tmp.path + "/p";
  spit(d + "/src/A.x", "module A where\n");
  spit(d + "/src/A.hs-boot", "module A where\n");
  auto u = bare_unit(d, {"src"}, {"A"});
  auto c = ghc_9_10_3();
  Layout layout = default_layout(tmp.path);
  PreprocessOptions o;
  o.programs["alex"] = fake;
  std::string autogen = layout.autogen_dir(u.id), error;
  PreprocessResult r;
  REQUIRE(preprocess_unit(u, layout, c, o, r, error));
  CHECK(r.ran == 1);
  CHECK(slurp(autogen + "/A.hs") == "module A where\n");
  CHECK(fs::is_regular_file(autogen + "/A.hs-boot"));
  CHECK(slurp(autogen + "/.mhu-preprocessed") == autogen + "/A.hs\n");
  fs::remove(d + "/src/A.hs-boot");
  REQUIRE(preprocess_unit(u, layout, c, o, r, error));
  CHECK(r.ran == 0);
  CHECK_FALSE(fs::exists(autogen + "/A.hs-boot"));
  fs::rename(d + "/src/A.x", d + "/src/A.hs");
  REQUIRE(preprocess_unit(u, layout, c, o, r, error));
  CHECK(r.inputs.empty());
  CHECK_FALSE(fs::exists(autogen + "/A.hs"));
  CHECK(slurp(autogen + "/.mhu-preprocessed").empty());
  CHECK(slurp(fake + ".log") == "run\n");
}

TEST_CASE("preprocess_unit reports a failing tool with its output", "[autogen]") {
  if (!have_tools()) {
    WARN("skipped: alex, happy, hsc2hs or ghc missing in " << kBin);
    return;
  }
  TempDir tmp;
  spit(tmp.path + "/src/Bad.y", "{\nmodule Bad where\n}\n%%%% this is not happy\n");
  spit(tmp.path + "/src/Good.x", "{\nmodule Good where\n}\n%wrapper \"basic\"\ntokens :-\n  . ;\n");
  auto u = bare_unit(tmp.path, {"src"}, {"Bad", "Good"});
  auto c = ghc_9_10_3();
  Layout layout = default_layout(tmp.path);
  PreprocessOptions o;
  o.programs = {{"alex", kBin + "/alex"}, {"happy", kBin + "/happy"}};
  PreprocessResult r;
  std::string error;
  CHECK_FALSE(preprocess_unit(u, layout, c, o, r, error));
  CHECK(error.find("happy failed (exit code") != std::string::npos);
  CHECK(error.find(tmp.path + "/src/Bad.y") != std::string::npos);
  CHECK(r.ran == 1);  // Good.x still made
  CHECK(fs::is_regular_file(layout.autogen_dir(u.id) + "/Good.hs"));
  CHECK_FALSE(fs::exists(layout.autogen_dir(u.id) + "/Bad.hs"));

  // A tool that cannot be started.
  o.programs["happy"] = tmp.path + "/no-such-happy";
  error.clear();
  CHECK_FALSE(preprocess_unit(u, layout, c, o, r, error));
  CHECK(error.find("no-such-happy") != std::string::npos);
}

TEST_CASE("preprocess_unit runs a tool again when the last run was killed mid-write", "[autogen]") {
  // A killed run leaves a partial output newer than its source; only the
  // command file, written after the tool succeeded, makes an output trusted.
  TempDir tmp;
  std::string fake = tmp.path + "/fake-alex";  // alex -g -o OUT IN: copies IN to OUT
  spit(fake, "#!/bin/sh\necho run >> \"$0.log\"\ncp \"$4\" \"$3\"\n");
  ::chmod(fake.c_str(), 0755);
  std::string d = tmp.path + "/p";
  spit(d + "/src/A.x", "module A where\nx = 1\n");
  auto u = bare_unit(d, {"src"}, {"A"});
  auto c = ghc_9_10_3();
  Layout layout = default_layout(tmp.path);
  PreprocessOptions o;
  o.programs["alex"] = fake;
  std::string out = layout.autogen_dir(u.id) + "/A.hs", error;
  PreprocessResult r;
  REQUIRE(preprocess_unit(u, layout, c, o, r, error));
  CHECK(r.ran == 1);
  CHECK(fs::is_regular_file(out + ".cmd"));
  REQUIRE(preprocess_unit(u, layout, c, o, r, error));
  CHECK(r.ran == 0);

  // As a kill leaves it: the command file removed before the tool started,
  // the output half-written (and newer than the source).
  fs::remove(out + ".cmd");
  spit(out, "module A wh");
  REQUIRE(preprocess_unit(u, layout, c, o, r, error));
  CHECK(r.ran == 1);
  CHECK(slurp(out) == "module A where\nx = 1\n");

  // Another command (another alex) makes the output again too.
  std::string other = tmp.path + "/other-alex";
  fs::copy_file(fake, other);
  o.programs["alex"] = other;
  REQUIRE(preprocess_unit(u, layout, c, o, r, error));
  CHECK(r.ran == 1);
}
