#include "planner/compiler.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <unistd.h>

#include "planner/cache_file.h"
#include "tests/temp_dir.h"

#ifndef MHU_SOURCE_DIR
#define MHU_SOURCE_DIR "/work/main"
#endif

using namespace mhu::planner;
namespace fs = std::filesystem;

using mhu::test::TempDir;

namespace {

std::string info_fixture() {
  std::string text;
  REQUIRE(read_whole_file(MHU_SOURCE_DIR "/fixtures/planner/ghc-info-9.10.3.txt", text));
  return text;
}

void write_script(const fs::path& p, const std::string& body) {
  fs::create_directories(p.parent_path());
  REQUIRE(write_file_atomic(p.string(), "#!/bin/sh\n" + body));
  fs::permissions(p, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec);
}

void touch(const fs::path& p) {
  fs::create_directories(p.parent_path());
  REQUIRE(write_file_atomic(p.string(), ""));
}

CompilerInfo parse(const std::string& text) {
  CompilerInfo c;
  std::string error;
  INFO(text);
  REQUIRE(parse_ghc_info(text, c, error));
  return c;
}

std::string platform_info(const std::string& triple) {
  return "[(\"Project version\",\"9.8.2\"),(\"Target platform\",\"" + triple + "\")]";
}

EnvLookup env_of(std::map<std::string, std::string> vars) {
  return [vars](const std::string& k) -> std::optional<std::string> {
    auto it = vars.find(k);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

int count_lines(const fs::path& p) {
  std::ifstream in(p);
  int n = 0;
  for (std::string l; std::getline(in, l);) ++n;
  return n;
}

}  // namespace

TEST_CASE("parse_ghc_info reads real GHC 9.10.3 output", "[planner]") {
  CompilerInfo c = parse(info_fixture());
  CHECK(mhu::cabal::to_string(c.version) == "9.10.3");
  CHECK(c.project_unit_id == "ghc-9.10.3-inplace");
  CHECK(c.global_db == "/usr/lib/ghc/lib/package.conf.d");
  CHECK(c.libdir == "/usr/lib/ghc/lib");
  CHECK(c.target_os == "linux");
  CHECK(c.target_arch == "x86_64");
  CHECK(c.compiler_id() == "ghc-9.10.3");
  CHECK(c.abi_tag() == "inplace");
  CHECK(c.properties.at("Support Backpack") == "YES");
  CHECK(c.properties.at("RTS ways").find("thr_debug_dyn") != std::string::npos);
  auto p = c.platform();
  CHECK(p.os == "linux");
  CHECK(p.arch == "x86_64");
  CHECK(p.compiler == "ghc");
  CHECK(p.compiler_version == c.version);
}

TEST_CASE("parse_ghc_info decodes Haskell string escapes", "[planner]") {
  CompilerInfo c = parse(
      R"([("Project version","9.4.8"),("a\"b\\c","x\ny\tz"),("num","\955\&1\x41\o101"),)"
      R"(("names","\SOH\SO\&H\^A\DEL\NUL"),("gap","ab\   \cd"),("Global Package DB","C:\\ghc\\db")])");
  CHECK(c.properties.at("a\"b\\c") == "x\ny\tz");
  CHECK(c.properties.at("num") ==
        "\xCE\xBB"
        "1AA");
  CHECK(c.properties.at("names") == std::string("\x01\x0eH\x01\x7f\0", 6));
  CHECK(c.properties.at("gap") == "abcd");
  CHECK(c.global_db == "C:\\ghc\\db");
  CHECK(c.project_unit_id.empty());
  CHECK(c.abi_tag().empty());
}

TEST_CASE("parse_ghc_info rejects malformed output and a missing version", "[planner]") {
  CompilerInfo c;
  std::string error;
  CHECK_FALSE(parse_ghc_info("", c, error));
  CHECK_FALSE(parse_ghc_info("[(\"a\",\"b\")", c, error));
  CHECK_FALSE(parse_ghc_info("[(\"a\",\"b\"),]", c, error));
  CHECK_FALSE(parse_ghc_info("[(\"a\",\"b\\q\")]", c, error));
  CHECK_FALSE(parse_ghc_info("[(\"a\",\"b\")] junk", c, error));
  CHECK_FALSE(parse_ghc_info("[(\"a\",\"b\")]", c, error));
  CHECK(error.find("Project version") != std::string::npos);
  CHECK_FALSE(parse_ghc_info("[(\"Project version\",\"9.x\")]", c, error));
}

TEST_CASE("the target platform is read from the triple as Cabal reads it", "[planner]") {
  auto check = [](const std::string& triple, const std::string& os, const std::string& arch) {
    CompilerInfo c = parse(platform_info(triple));
    CHECK(c.target_os == os);
    CHECK(c.target_arch == arch);
  };
  check("x86_64-unknown-linux", "linux", "x86_64");
  check("aarch64-apple-darwin", "osx", "aarch64");
  check("arm64-apple-darwin", "osx", "aarch64");
  check("x86_64-w64-mingw32", "windows", "x86_64");
  check("i386-unknown-freebsd", "freebsd", "i386");
  check("powerpc64le-unknown-linux", "linux", "ppc64le");
  check("javascript-unknown-ghcjs", "ghcjs", "javascript");
  check("wasm32-unknown-wasi", "wasi", "wasm32");
  check("aarch64-unknown-linux-android", "android", "aarch64");
  check("riscv64-unknown-OpenBSD", "openbsd", "riscv64");
  check("x86_64-unknown-linux-gnu", "linux-gnu", "x86_64");  // Cabal: OtherOS "linux-gnu"
}

TEST_CASE("without a triple the platform comes from GHC's target os and arch", "[planner]") {
  CompilerInfo c = parse(
      R"([("Project version","9.2.8"),("target os","OSDarwin"),("target arch","ArchAArch64")])");
  CHECK(c.target_os == "osx");
  CHECK(c.target_arch == "aarch64");
  c = parse(R"([("Project version","9.2.8"),("target os","OSMinGW32"),("target arch","ArchX86")])");
  CHECK(c.target_os == "windows");
  CHECK(c.target_arch == "i386");
  c = parse(R"([("Project version","9.2.8"),("target os","OSLinux"),)"
            R"(("target arch","ArchPPC_64 {ppc_64ABI = ELF_V2}")])");
  CHECK(c.target_os == "linux");
  CHECK(c.target_arch == "ppc64le");
  c = parse(R"([("Project version","9.2.8"),("Target platform","bad"),("target os","OSFreeBSD"),)"
            R"(("target arch","ArchX86_64")])");
  CHECK(c.target_os == "freebsd");
  CHECK(c.target_arch == "x86_64");
}

TEST_CASE("the ABI tag is the Project Unit Id after ghc-VERSION-", "[planner]") {
  CompilerInfo c;
  c.version = {{9, 8, 2}};
  c.project_unit_id = "ghc-9.8.2-7a1b";
  CHECK(c.abi_tag() == "7a1b");
  c.project_unit_id = "ghc-9.8.2";
  CHECK(c.abi_tag().empty());
  c.project_unit_id = "ghc-9.8-inplace";
  CHECK(c.abi_tag().empty());
}

TEST_CASE("cabal's store root follows CABAL_DIR, ~/.cabal and XDG as cabal-install 3.12 does",
          "[planner]") {
  TempDir t;
  std::string home = (t.path / "home").string();
  fs::create_directories(home);
  CHECK(cabal_store_root(env_of({{"HOME", home}, {"CABAL_DIR", "/opt/cabal"}})) ==
        "/opt/cabal/store");
  CHECK(cabal_store_root(env_of({{"HOME", home}})) == home + "/.local/state/cabal/store");
  CHECK(cabal_store_root(env_of({{"HOME", home}, {"XDG_STATE_HOME", "/xdg/state"}})) ==
        "/xdg/state/cabal/store");
  CHECK(cabal_store_root(env_of({{"HOME", home}, {"XDG_STATE_HOME", "relative/state"}})) ==
        home + "/.local/state/cabal/store");
  // ~/.cabal exists: it is used unless the XDG config file exists too.
  fs::create_directories(t.path / "home" / ".cabal");
  CHECK(cabal_store_root(env_of({{"HOME", home}})) == home + "/.cabal/store");
  touch(t.path / "xdgconf" / "cabal" / "config");
  CHECK(cabal_store_root(
            env_of({{"HOME", home}, {"XDG_CONFIG_HOME", (t.path / "xdgconf").string()}})) ==
        home + "/.local/state/cabal/store");
  touch(t.path / "home" / ".config" / "cabal" / "config");
  CHECK(cabal_store_root(env_of({{"HOME", home}})) == home + "/.local/state/cabal/store");
  CHECK(cabal_store_root(env_of({{"HOME", home}, {"CABAL_DIR", home + "/.cabal"}})) ==
        home + "/.cabal/store");
}

TEST_CASE("cabal's store package db is named by compiler id and ABI tag", "[planner]") {
  TempDir t;
  CompilerInfo c = parse(info_fixture());
  auto env = env_of({{"CABAL_DIR", t.path.string()}});
  CHECK(cabal_store_db_path(c, env) ==
        (t.path / "store" / "ghc-9.10.3-inplace" / "package.db").string());
  c.project_unit_id = "";
  CHECK(cabal_store_db_path(c, env) == (t.path / "store" / "ghc-9.10.3" / "package.db").string());
}

TEST_CASE("find_ghc_pkg looks beside ghc and beside its symlink target, versioned first",
          "[planner]") {
  TempDir t;
  // bin/ghc -> ../lib/ghc-9.10.3/bin/ghc-9.10.3, with ghc-pkg-9.10.3 and ghc-pkg there.
  fs::path real_dir = t.path / "lib" / "ghc-9.10.3" / "bin";
  touch(real_dir / "ghc-9.10.3");
  touch(real_dir / "ghc-pkg");
  touch(real_dir / "ghc-pkg-9.10.3");
  touch(t.path / "bin" / "ghc-pkg");
  fs::create_symlink(real_dir / "ghc-9.10.3", t.path / "bin" / "ghc");
  CHECK(find_ghc_pkg((t.path / "bin" / "ghc").string()) == (real_dir / "ghc-pkg-9.10.3").string());
  touch(real_dir / "ghc-pkg-ghc-9.10.3");
  CHECK(find_ghc_pkg((t.path / "bin" / "ghc").string()) ==
        (real_dir / "ghc-pkg-ghc-9.10.3").string());
  // An unversioned ghc in a plain directory: ghc-pkg beside it.
  touch(t.path / "plain" / "ghc");
  touch(t.path / "plain" / "ghc-pkg");
  touch(t.path / "plain" / "ghc-pkg-9.10.3");
  CHECK(find_ghc_pkg((t.path / "plain" / "ghc").string()) ==
        (t.path / "plain" / "ghc-pkg").string());
  // A versioned ghc: the versioned ghc-pkg beside it.
  touch(t.path / "plain" / "ghc-9.10.3");
  CHECK(find_ghc_pkg((t.path / "plain" / "ghc-9.10.3").string()) ==
        (t.path / "plain" / "ghc-pkg-9.10.3").string());
}

TEST_CASE("query_compiler caches ghc --info keyed on the binary", "[planner]") {
  TempDir t;
  fs::path info = t.path / "info.txt";
  REQUIRE(write_file_atomic(info.string(), info_fixture()));
  fs::path ghc = t.path / "bin" / "ghc";
  fs::path log = t.path / "runs.log";
  write_script(ghc, "echo \"$@\" >> '" + log.string() + "'\ncat '" + info.string() + "'\n");
  touch(t.path / "bin" / "ghc-pkg");
  std::string cache = (t.path / "cache").string();

  CompilerInfo c;
  std::string error;
  REQUIRE(query_compiler(ghc.string(), cache, c, error));
  CHECK(c.ghc == ghc.string());
  CHECK(c.ghc_pkg == (t.path / "bin" / "ghc-pkg").string());
  CHECK(c.project_unit_id == "ghc-9.10.3-inplace");
  CHECK(count_lines(log) == 1);

  CompilerInfo again;
  REQUIRE(query_compiler(ghc.string(), cache, again, error));
  CHECK(count_lines(log) == 1);  // from the cache
  CHECK(again.properties == c.properties);
  CHECK(again.ghc_pkg == c.ghc_pkg);

  // A corrupt cache is ignored and rewritten.
  for (auto& e : fs::directory_iterator(cache))
    REQUIRE(write_file_atomic(e.path().string(), "junk"));
  REQUIRE(query_compiler(ghc.string(), cache, again, error));
  CHECK(count_lines(log) == 2);
  REQUIRE(query_compiler(ghc.string(), cache, again, error));
  CHECK(count_lines(log) == 2);

  // A changed binary is asked again.
  fs::last_write_time(ghc, fs::last_write_time(ghc) + std::chrono::seconds(3));
  REQUIRE(query_compiler(ghc.string(), cache, again, error));
  CHECK(count_lines(log) == 3);

  // No cache directory: asked every time.
  REQUIRE(query_compiler(ghc.string(), "", again, error));
  REQUIRE(query_compiler(ghc.string(), "", again, error));
  CHECK(count_lines(log) == 5);
}

TEST_CASE("query_compiler reports a missing or failing compiler", "[planner]") {
  TempDir t;
  CompilerInfo c;
  std::string error;
  CHECK_FALSE(query_compiler("mhu-no-such-ghc-xyz", "", c, error));
  CHECK(error.find("mhu-no-such-ghc-xyz") != std::string::npos);
  CHECK_FALSE(query_compiler((t.path / "ghc").string(), "", c, error));
  fs::path ghc = t.path / "bad" / "ghc";
  write_script(ghc, "echo broken >&2; exit 2\n");
  CHECK_FALSE(query_compiler(ghc.string(), (t.path / "cache").string(), c, error));
  CHECK(error.find("broken") != std::string::npos);
  write_script(ghc, "echo not a list\n");
  CHECK_FALSE(query_compiler(ghc.string(), (t.path / "cache").string(), c, error));
}

TEST_CASE("query_compiler with the real GHC when it is installed", "[planner]") {
  const std::string ghc = "/var/cache/mhu/bin/ghc";
  if (!fs::exists(ghc)) {
    WARN("skipped: " << ghc << " does not exist");
    SUCCEED();
    return;
  }
  TempDir t;
  CompilerInfo c;
  std::string error;
  REQUIRE(query_compiler(ghc, t.path.string(), c, error));
  CHECK_FALSE(c.version.numbers.empty());
  CHECK_FALSE(c.global_db.empty());
  CHECK(c.ghc_pkg == "/var/cache/mhu/bin/ghc-pkg");
  CHECK(c.target_os == "linux");
  CHECK(cabal_store_db_path(c).find("/store/" + c.compiler_id()) != std::string::npos);
}

TEST_CASE("a compiler's paths are seen under its sysroot, links followed inside it", "[planner]") {
  namespace fs = std::filesystem;
  fs::path root = fs::temp_directory_path() / ("mhu-sysroot-" + std::to_string(::getpid()));
  fs::remove_all(root);
  fs::create_directories(root / "var/lib/ghc/package.conf.d");
  fs::create_directories(root / "usr/lib/ghc/lib");
  fs::create_symlink("/var/lib/ghc/package.conf.d", root / "usr/lib/ghc/lib/package.conf.d");
  mhu::planner::CompilerInfo c;
  CHECK(c.seen_path("/usr/lib/ghc/lib/package.conf.d") == "/usr/lib/ghc/lib/package.conf.d");
  c.sysroot = root.string();
  CHECK(c.seen_path("/usr/lib/ghc/lib/package.conf.d") == (root / "var/lib/ghc/package.conf.d").string());
  CHECK(c.seen_path("/usr/lib/ghc/../ghc/lib") == (root / "usr/lib/ghc/lib").string());
  fs::remove_all(root);
}
