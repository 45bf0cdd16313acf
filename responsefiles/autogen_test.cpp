#include "responsefiles/autogen.h"

#include "cabal/pretty.h"

#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cabal/package_parser.h"
#include "planner/cache_file.h"
#include "planner/process.h"

using namespace mhu;
using namespace mhu::responsefiles;
namespace fs = std::filesystem;

namespace {

const std::string kFixtures = std::string(MHU_SOURCE_DIR) + "/fixtures/autogen";

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

cabal::Version ver(const std::string& s) {
  cabal::Version v;
  REQUIRE(cabal::parse_version(s, v));
  return v;
}

planner::CompilerInfo ghc_9_10_3() {
  planner::CompilerInfo c;
  std::string error;
  REQUIRE(planner::parse_ghc_info(slurp(std::string(MHU_SOURCE_DIR) + "/fixtures/planner/ghc-info-9.10.3.txt"), c,
                                  error));
  c.ghc = "ghc";
  return c;
}

cabal::GenericPackageDescription parse_gpd(const std::string& path) {
  cabal::GenericPackageDescription gpd;
  cabal::Diagnostics d;
  INFO(path);
  REQUIRE(cabal::parse_package_description(slurp(path), gpd, d));
  return gpd;
}

// The tools Cabal 3.12 configured when the fixtures were made (in the GHC
// root of tests/e2e/provision-ghc), besides ghc, ghc-pkg and runghc.
std::vector<ToolVersion> cabal_found_tools() {
  return {{"alex", ver("3.5.4.0")}, {"gcc", ver("16")},       {"haddock", ver("2.31.1")}, {"happy", ver("2.1.7")},
          {"hpc", ver("0.69")},     {"hsc2hs", ver("0.68.10")}, {"strip", ver("2.47")}};
}

planner::Unit unit(const std::string& pkg, const std::string& version, cabal::ComponentKind kind,
                   const std::string& component, std::vector<std::string> home, std::vector<std::string> installed,
                   std::vector<std::pair<std::string, std::string>> packages) {
  planner::Unit u;
  u.package_name = pkg;
  u.package_version = ver(version);
  u.kind = kind;
  u.component_name = component;
  u.id = planner::inplace_unit_id(pkg, u.package_version, kind, component);
  u.home_deps = std::move(home);
  u.installed_deps = std::move(installed);
  for (auto& [n, v] : packages) u.dep_packages.push_back({n, ver(v)});
  return u;
}

// A fresh directory below /tmp (seen at the same path by a chrooted GHC).
struct TempDir {
  std::string path;
  TempDir() {
    char tmpl[] = "/tmp/mhu-autogen-test.XXXXXX";
    REQUIRE(::mkdtemp(tmpl) != nullptr);
    path = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

}  // namespace

using mhu::cabal::haskell_show_string;

TEST_CASE("haskell_show_string escapes as Haskell's show does", "[autogen]") {
  CHECK(haskell_show_string("") == "\"\"");
  CHECK(haskell_show_string("/tmp/a b") == "\"/tmp/a b\"");
  CHECK(haskell_show_string("say \"hi\" \\ it's") == "\"say \\\"hi\\\" \\\\ it's\"");
  CHECK(haskell_show_string("a\nb\tc\rd\ae\bf\fg\vh") == "\"a\\nb\\tc\\rd\\ae\\bf\\fg\\vh\"");
  CHECK(haskell_show_string(std::string("\0\x01\x1f\x7f", 4)) == "\"\\NUL\\SOH\\US\\DEL\"");
  // \SO before H would read as \SOH; a numeric escape before a digit would grow.
  CHECK(haskell_show_string("\x0eH\x0eX") == "\"\\SO\\&H\\SOX\"");
  CHECK(haskell_show_string("\xc3\xa9" "1\xc3\xa9x") == "\"\\233\\&1\\233x\"");
  CHECK(haskell_show_string("\xe2\x80\x94") == "\"\\8212\"");
  CHECK(haskell_show_string("\xf0\x9f\x98\x80") == "\"\\128512\"");
  CHECK(haskell_show_string("\xff") == "\"\\65533\"");  // not UTF-8: the replacement character
}

TEST_CASE("mangle_package_name and module names replace hyphens", "[autogen]") {
  CHECK(mangle_package_name("pp-demo-x") == "pp_demo_x");
  CHECK(paths_module_name("pp-demo") == "Paths_pp_demo");
  CHECK(package_info_module_name("base") == "PackageInfo_base");
}

TEST_CASE("cabal_macros.h of an executable is Cabal's byte for byte", "[autogen]") {
  // sublibs/app: build-depends base, core, core:pubsub, util, mtl.
  auto u = unit("app", "0.0.1", cabal::ComponentKind::Executable, "app",
                {"core-0.2.0-inplace", "core-0.2.0-inplace-pubsub", "util-1.0-inplace"},
                {"base-4.20.2.0-inplace", "mtl-2.3.1-inplace"},
                {{"base", "4.20.2.0"}, {"core", "0.2.0"}, {"mtl", "2.3.1"}, {"util", "1.0"}});
  auto tools = macro_tools(ghc_9_10_3(), cabal_found_tools());
  CHECK(cabal_macros_h(u, tools) == slurp(kFixtures + "/cabal-3.12/sublibs/app-exe-app.cabal_macros.h"));
}

TEST_CASE("cabal_macros.h of libraries has CURRENT_PACKAGE_KEY, byte for byte", "[autogen]") {
  auto tools = macro_tools(ghc_9_10_3(), cabal_found_tools());
  auto core = unit("core", "0.2.0", cabal::ComponentKind::Library, "",
                   {"core-0.2.0-inplace-privsub", "core-0.2.0-inplace-pubsub"},
                   {"base-4.20.2.0-inplace", "containers-0.7-inplace"},
                   {{"base", "4.20.2.0"}, {"containers", "0.7"}, {"core", "0.2.0"}});
  CHECK(cabal_macros_h(core, tools) == slurp(kFixtures + "/cabal-3.12/sublibs/core-lib.cabal_macros.h"));
  auto pubsub = unit("core", "0.2.0", cabal::ComponentKind::Library, "pubsub", {},
                     {"base-4.20.2.0-inplace", "containers-0.7-inplace"},
                     {{"base", "4.20.2.0"}, {"containers", "0.7"}});
  CHECK(cabal_macros_h(pubsub, tools) == slurp(kFixtures + "/cabal-3.12/sublibs/core-lib-pubsub.cabal_macros.h"));
  auto pp = unit("pp-demo", "1.2.3.4", cabal::ComponentKind::Library, "", {},
                 {"array-0.5.8.0-inplace", "base-4.20.2.0-inplace", "containers-0.7-inplace"},
                 {{"array", "0.5.8.0"}, {"base", "4.20.2.0"}, {"containers", "0.7"}});
  CHECK(cabal_macros_h(pp, tools) == slurp(kFixtures + "/cabal-3.12/pp-demo/pp-demo-lib.cabal_macros.h"));
}

TEST_CASE("macro_packages: own package first, then one per dependency unit by id", "[autogen]") {
  auto u = unit("app", "1", cabal::ComponentKind::Executable, "app",
                {"core-0.2.0-inplace", "core-0.2.0-inplace-pubsub", "core-extra-1-inplace"},
                {"base-4.20.2.0-abc", "rts"},  // "rts": an id without NAME-VERSION
                {{"base", "4.20.2.0"}, {"core", "0.2.0"}, {"core-extra", "1"}, {"rts", "1.0.2"}});
  auto ps = macro_packages(u);
  std::vector<std::string> got;
  for (const auto& p : ps) got.push_back(p.name + "-" + cabal::to_string(p.version));
  CHECK(got == std::vector<std::string>{"app-1", "base-4.20.2.0", "core-0.2.0", "core-0.2.0", "core-extra-1",
                                        "rts-1.0.2"});
}

TEST_CASE("macro_tools: compiler tools added, sorted, each once", "[autogen]") {
  auto t = macro_tools(ghc_9_10_3(), {{"happy", ver("2.1")}, {"alex", ver("3.5")}, {"ghc", ver("1.0")}});
  std::vector<std::string> got;
  for (const auto& x : t) got.push_back(x.name + "-" + cabal::to_string(x.version));
  CHECK(got == std::vector<std::string>{"alex-3.5", "ghc-1.0", "ghc-pkg-9.10.3", "happy-2.1", "runghc-9.10.3"});
}

TEST_CASE("render_cabal_macros pads short versions and omits empty ids", "[autogen]") {
  CabalMacros m;
  m.packages = {{"a-b", ver("7")}};
  m.package_version = ver("7");
  std::string s = render_cabal_macros(m);
  CHECK(s.find("/* package a-b-7 */\n#ifndef VERSION_a_b\n#define VERSION_a_b \"7\"\n") != std::string::npos);
  CHECK(s.find("  (major1) == 7 && (major2) == 0 && (minor) <= 0)\n") != std::string::npos);
  CHECK(s.find("CURRENT_PACKAGE_KEY") == std::string::npos);
  CHECK(s.find("CURRENT_COMPONENT_ID") == std::string::npos);
  CHECK(s.find("#define CURRENT_PACKAGE_VERSION \"7\"\n") != std::string::npos);
}

TEST_CASE("Paths module is Cabal's byte for byte given Cabal's directories", "[autogen]") {
  auto ghc = ghc_9_10_3();
  PathsDirs app{"/root/.cabal/bin",
                "/root/.cabal/lib/x86_64-linux-ghc-9.10.3-inplace/app-0.0.1-inplace-app",
                "/root/.cabal/lib/x86_64-linux-ghc-9.10.3-inplace",
                "/root/.cabal/share/x86_64-linux-ghc-9.10.3-inplace/app-0.0.1",
                "/root/.cabal/libexec/x86_64-linux-ghc-9.10.3-inplace/app-0.0.1",
                "/root/.cabal/etc"};
  CHECK(render_paths_module("app", ver("0.0.1"), app, ghc) == slurp(kFixtures + "/cabal-3.12/sublibs/Paths_app.hs"));
  PathsDirs pp{"/root/.cabal/bin",
               "/root/.cabal/lib/x86_64-linux-ghc-9.10.3-inplace/pp-demo-1.2.3.4-inplace",
               "/root/.cabal/lib/x86_64-linux-ghc-9.10.3-inplace",
               "/root/.cabal/share/x86_64-linux-ghc-9.10.3-inplace/pp-demo-1.2.3.4",
               "/root/.cabal/libexec/x86_64-linux-ghc-9.10.3-inplace/pp-demo-1.2.3.4",
               "/root/.cabal/etc"};
  CHECK(render_paths_module("pp-demo", ver("1.2.3.4"), pp, ghc) ==
        slurp(kFixtures + "/cabal-3.12/pp-demo/Paths_pp_demo.hs"));
}

TEST_CASE("Paths module for Windows uses Windows separators", "[autogen]") {
  auto ghc = ghc_9_10_3();
  ghc.target_os = "windows";
  std::string s = render_paths_module("x", ver("1"), PathsDirs{"C:\\b", "", "", "", "", ""}, ghc);
  CHECK(s.find("bindir     = \"C:\\\\b\"\n") != std::string::npos);
  CHECK(s.find("pathSeparator = '\\\\'\n") != std::string::npos);
  CHECK(s.find("isPathSeparator c = c == '/' || c == '\\\\'\n") != std::string::npos);
}

TEST_CASE("PackageInfo module is Cabal's byte for byte", "[autogen]") {
  auto ghc = ghc_9_10_3();
  // Quotes and non-ASCII characters in the synopsis.
  auto pp = parse_gpd(kFixtures + "/pp-demo/pp-demo.cabal");
  CHECK(render_package_info_module(pp, ghc) == slurp(kFixtures + "/cabal-3.12/pp-demo/PackageInfo_pp_demo.hs"));
  auto app = parse_gpd(std::string(MHU_SOURCE_DIR) + "/fixtures/projects/sublibs/app/app.cabal");
  CHECK(render_package_info_module(app, ghc) == slurp(kFixtures + "/cabal-3.12/sublibs/PackageInfo_app.hs"));
}

TEST_CASE("inplace_paths_dirs: data files from the package's data-dir", "[autogen]") {
  auto u = unit("p", "1", cabal::ComponentKind::Library, "", {}, {}, {});
  u.package_dir = "/w/p";
  Layout layout = default_layout("/w");
  cabal::GenericPackageDescription gpd;
  CHECK(inplace_paths_dirs(u, gpd, layout).datadir == "/w/p");  // data-dir: "." by default
  gpd.data_dir = "data/";
  auto d = inplace_paths_dirs(u, gpd, layout);
  CHECK(d.datadir == "/w/p/data");
  CHECK(d.bindir == "/w/dist-mhu/bin");
  CHECK(d.libdir == layout.output_dir(u.id));
  CHECK(d.sysconfdir == "/w/dist-mhu/etc");
  gpd.data_dir = "./share";
  CHECK(inplace_paths_dirs(u, gpd, layout).datadir == "/w/p/share");
  gpd.data_dir = "/abs/share";
  CHECK(inplace_paths_dirs(u, gpd, layout).datadir == "/abs/share");
}

TEST_CASE("autogen_files: Paths_ and PackageInfo_ only when the unit lists them", "[autogen]") {
  auto ghc = ghc_9_10_3();
  Layout layout = default_layout("/w");
  cabal::GenericPackageDescription gpd;
  gpd.name = "my-pkg";
  gpd.version = ver("2.0");
  auto u = unit("my-pkg", "2.0", cabal::ComponentKind::Library, "", {}, {}, {});
  u.package_dir = "/w/my-pkg";
  auto names = [&] {
    std::vector<std::string> out;
    for (const auto& f : autogen_files(u, gpd, layout, ghc, {})) out.push_back(fs::path(f.path).filename().string());
    return out;
  };
  CHECK(names() == std::vector<std::string>{"cabal_macros.h"});
  u.data.build_info.other_modules = {"Paths_my_pkg"};
  CHECK(names() == std::vector<std::string>{"cabal_macros.h", "Paths_my_pkg.hs"});
  u.data.build_info.other_modules.clear();
  u.data.exposed_modules = {"PackageInfo_my_pkg"};
  CHECK(names() == std::vector<std::string>{"cabal_macros.h", "PackageInfo_my_pkg.hs"});
  u.data.build_info.autogen_modules = {"Paths_my_pkg"};
  CHECK(names() == std::vector<std::string>{"cabal_macros.h", "Paths_my_pkg.hs", "PackageInfo_my_pkg.hs"});
  CHECK(autogen_files(u, gpd, layout, ghc, {})[0].path == layout.cabal_macros(u.id));
  CHECK(autogen_files(u, gpd, layout, ghc, {})[1].path == layout.autogen_dir(u.id) + "/Paths_my_pkg.hs");
}

TEST_CASE("write_autogen_files writes once and leaves unchanged files alone", "[autogen]") {
  TempDir tmp;
  auto ghc = ghc_9_10_3();
  Layout layout = default_layout(tmp.path);
  cabal::GenericPackageDescription gpd;
  gpd.name = "w";
  gpd.version = ver("1");
  auto u = unit("w", "1", cabal::ComponentKind::Executable, "w", {}, {"base-4.20.2.0-inplace"},
                {{"base", "4.20.2.0"}});
  u.package_dir = tmp.path + "/w";
  u.data.build_info.other_modules = {"Paths_w"};
  std::string error;
  int changed = -1;
  REQUIRE(write_autogen_files(u, gpd, layout, ghc, macro_tools(ghc, {}), error, &changed));
  CHECK(changed == 2);
  std::string macros = layout.cabal_macros(u.id);
  CHECK(slurp(macros).find("#define VERSION_base \"4.20.2.0\"") != std::string::npos);
  CHECK(slurp(layout.autogen_dir(u.id) + "/Paths_w.hs").find("module Paths_w (") != std::string::npos);
  struct stat before {};
  REQUIRE(::stat(macros.c_str(), &before) == 0);
  REQUIRE(write_autogen_files(u, gpd, layout, ghc, macro_tools(ghc, {}), error, &changed));
  CHECK(changed == 0);
  struct stat after {};
  REQUIRE(::stat(macros.c_str(), &after) == 0);
  CHECK(before.st_ino == after.st_ino);
  CHECK(before.st_mtim.tv_nsec == after.st_mtim.tv_nsec);
  u.package_version = ver("1.1");
  REQUIRE(write_autogen_files(u, gpd, layout, ghc, macro_tools(ghc, {}), error, &changed));
  CHECK(changed == 2);
}

TEST_CASE("probe_tool_version reads versions as Cabal does", "[autogen]") {
  TempDir tmp;
  auto tool = [&](const std::string& name, const std::string& output) {
    std::string p = tmp.path + "/" + name;
    spit(p, "#!/bin/sh\nprintf '%s' '" + output + "'\n");
    ::chmod(p.c_str(), 0755);
    return p;
  };
  auto show = [](std::optional<cabal::Version> v) { return v ? cabal::to_string(*v) : std::string("none"); };
  CHECK(show(probe_tool_version(tool("alex", "Alex version 3.5.4.0, (c) 2003 Chris Dornan and Simon Marlow\n"))) ==
        "3.5.4.0");
  CHECK(show(probe_tool_version(tool("happy", "Happy Version 2.1.7 Copyright (c) 1993-1996 Andy Gill\n\nHappy is"))) ==
        "2.1.7");
  CHECK(show(probe_tool_version(tool("hsc2hs-ghc-9.10.3", "hsc2hs version 0.68.10\n"))) == "0.68.10");
  CHECK(show(probe_tool_version(tool("ghc-pkg", "GHC package manager version 9.10.3\n"))) == "9.10.3");
  CHECK(show(probe_tool_version(tool("c2hs", "0.28.8\n"))) == "0.28.8");
  CHECK(show(probe_tool_version(tool("cpphs", "cpphs 1.20.9\n"))) == "1.20.9");
  CHECK(show(probe_tool_version(tool("hpc", "hpc tools, version 0.69\n"))) == "0.69");
  CHECK(show(probe_tool_version(tool("x86_64-linux-gnu-gcc", "16\n"))) == "16");
  CHECK(show(probe_tool_version(tool("alex2", "no version here\n"))) == "none");
  CHECK(show(probe_tool_version(tmp.path + "/does-not-exist")) == "none");
}

TEST_CASE("probe_tool_version keeps versions in the cache directory", "[autogen]") {
  TempDir tmp;
  auto tool = [&](const std::string& name) {
    std::string p = tmp.path + "/" + name;
    spit(p, "#!/bin/sh\necho x >> \"$0.log\"\necho 'Happy Version 1.20.1 Copyright'\n");
    ::chmod(p.c_str(), 0755);
    return p;
  };
  std::string cache = tmp.path + "/cache";
  auto cache_file = [&](const std::string& p) {
    return cache + "/tool-version-" + planner::hash_hex(p) + ".txt";
  };
  auto show = [](std::optional<cabal::Version> v) { return v ? cabal::to_string(*v) : std::string("none"); };
  std::string a = tool("happy-a");
  CHECK(show(probe_tool_version(a, cache)) == "1.20.1");
  CHECK(slurp(cache_file(a)) == a + "\t" + planner::file_stamp(a) + "\n1.20.1\n");
  // What another session finds in the cache it takes without running the tool.
  std::string b = tool("happy-b");
  spit(cache_file(b), b + "\t" + planner::file_stamp(b) + "\n7.7.7\n");
  CHECK(show(probe_tool_version(b, cache)) == "7.7.7");
  CHECK_FALSE(fs::exists(b + ".log"));
  // A cache entry for another stamp (the tool changed) is not used.
  std::string c = tool("happy-c");
  spit(cache_file(c), c + "\t1:2\n7.7.7\n");
  CHECK(show(probe_tool_version(c, cache)) == "1.20.1");
  CHECK(slurp(c + ".log") == "x\n");
}

TEST_CASE("unit_macro_tools probes the unit's declared build tools", "[autogen]") {
  TempDir tmp;
  std::string alex = tmp.path + "/alex";
  spit(alex, "#!/bin/sh\necho 'Alex version 3.2.7.1, (c) 2003 Chris Dornan and Simon Marlow'\n");
  ::chmod(alex.c_str(), 0755);
  const char* old = std::getenv("PATH");
  std::string saved = old ? old : "";
  ::setenv("PATH", (tmp.path + ":" + saved).c_str(), 1);
  auto u = unit("t", "1", cabal::ComponentKind::Library, "", {}, {}, {});
  u.data.build_info.build_tools = {{"alex", {}}, {"not-a-known-tool", {}}};
  u.data.build_info.build_tool_depends = {{"happy-x", "mhu-no-such-happy", {}}};
  auto tools = unit_macro_tools(u, ghc_9_10_3());
  ::setenv("PATH", saved.c_str(), 1);
  std::vector<std::string> got;
  for (const auto& t : tools) got.push_back(t.name + "-" + cabal::to_string(t.version));
  CHECK(got == std::vector<std::string>{"alex-3.2.7.1", "ghc-9.10.3", "ghc-pkg-9.10.3", "runghc-9.10.3"});
}

TEST_CASE("generated Paths_ and PackageInfo_ modules compile with GHC", "[autogen]") {
  const std::string ghc = "/var/cache/mhu/bin/ghc";
  if (::access(ghc.c_str(), X_OK) != 0) {
    WARN("skipped: " << ghc << " does not exist");
    return;
  }
  TempDir tmp;
  auto info = ghc_9_10_3();
  Layout layout = default_layout(tmp.path);
  auto gpd = parse_gpd(kFixtures + "/pp-demo/pp-demo.cabal");
  auto u = unit("pp-demo", "1.2.3.4", cabal::ComponentKind::Library, "", {}, {"base-4.20.2.0-inplace"},
                {{"base", "4.20.2.0"}});
  u.package_dir = tmp.path + "/pkg";
  u.data.build_info.other_modules = {"Paths_pp_demo", "PackageInfo_pp_demo"};
  spit(u.package_dir + "/data/greeting.txt", "hello from data\n");
  std::string error;
  REQUIRE(write_autogen_files(u, gpd, layout, info, macro_tools(info, {}), error));
  std::string dir = layout.autogen_dir(u.id);
  spit(tmp.path + "/Main.hs",
       "import Paths_pp_demo\nimport qualified PackageInfo_pp_demo as I\n"
       "main = do { f <- getDataFileName \"greeting.txt\"; readFile f >>= putStr; print version;"
       " print I.synopsis }\n");
  // Interpreted (ghc -e), as a session loads it.
  planner::ProcessResult r;
  REQUIRE(planner::run_process({ghc, "-v0", "-i" + dir, "-optP-include", "-optP" + layout.cabal_macros(u.id),
                                "-e", "main", tmp.path + "/Main.hs"},
                               r, error));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out == "hello from data\nVersion {versionBranch = [1,2,3,4], versionTags = []}\n"
                 "\"A \\\"demo\\\" of preprocessors \\8212 \\252n\\239code\"\n");
}
