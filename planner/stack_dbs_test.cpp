#include "planner/stack_dbs.h"

#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <thread>

#include "planner/cache_file.h"
#include "tests/temp_dir.h"

using namespace mhu::planner;
using mhu::test::TempDir;

namespace {

const char* kOutput =
    "snapshot-pkg-db: /root/.stack/snapshots/x86_64-linux/abc/9.10.3/pkgdb\n"
    "local-pkg-db: /p/.stack-work/install/x86_64-linux/abc/9.10.3/pkgdb\n"
    "global-pkg-db: /usr/lib/ghc/lib/package.conf.d\n"
    "compiler-exe: /usr/bin/ghc-9.10.3\n";

// A fake stack: counts its runs in DIR/runs, records its arguments in
// DIR/args, prints kOutput (or fails when DIR/fail exists).
std::string fake_stack(TempDir& t) {
  std::string dir = t.str();
  std::string script = t.file("bin/stack", "#!/bin/sh\necho run >> " + dir + "/runs\necho \"$@\" > " + dir +
                                               "/args\nif [ -e " + dir + "/fail ]; then echo 'boom: no compiler' >&2; exit 1; fi\n"
                                               "cat <<'EOF'\n" + kOutput + "EOF\n");
  chmod(script.c_str(), 0755);
  return script;
}

int runs(TempDir& t) {
  std::string text;
  if (!read_whole_file(t.str() + "/runs", text)) return 0;
  return static_cast<int>(std::count(text.begin(), text.end(), '\n'));
}

}  // namespace

TEST_CASE("parse_stack_path_output: keys in any order", "[stack]") {
  StackPaths p;
  std::string error;
  REQUIRE(parse_stack_path_output(kOutput, p, error));
  CHECK(p.snapshot_db == "/root/.stack/snapshots/x86_64-linux/abc/9.10.3/pkgdb");
  CHECK(p.local_db == "/p/.stack-work/install/x86_64-linux/abc/9.10.3/pkgdb");
  CHECK(p.global_db == "/usr/lib/ghc/lib/package.conf.d");
  CHECK(p.compiler_exe == "/usr/bin/ghc-9.10.3");
  CHECK_FALSE(parse_stack_path_output("global-pkg-db: /g\n", p, error));
  CHECK(error.find("snapshot-pkg-db") != std::string::npos);
}

TEST_CASE("query_stack_paths: runs stack once, then answers from the cache", "[stack]") {
  TempDir t;
  std::string stack = fake_stack(t);
  std::string yaml = t.file("proj/stack.yaml", "snapshot: ghc-9.10.3\n");
  std::string cache = t.str() + "/cache";
  StackPaths p;
  std::string error;
  REQUIRE(query_stack_paths(yaml, cache, p, error, stack));
  CHECK(p.local_db == "/p/.stack-work/install/x86_64-linux/abc/9.10.3/pkgdb");
  CHECK(runs(t) == 1);
  std::string args;
  REQUIRE(read_whole_file(t.str() + "/args", args));
  CHECK(args == "--stack-yaml " + yaml +
                    " --no-install-ghc path --global-pkg-db --snapshot-pkg-db --local-pkg-db --compiler-exe\n");

  StackPaths q;
  REQUIRE(query_stack_paths(yaml, cache, q, error, stack));
  CHECK(q.snapshot_db == p.snapshot_db);
  CHECK(runs(t) == 1);

  // A changed stack.yaml asks again.
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  t.file("proj/stack.yaml", "snapshot: ghc-9.10.3\npackages: [a]\n");
  REQUIRE(query_stack_paths(yaml, cache, q, error, stack));
  CHECK(runs(t) == 2);

  // No cache: every time.
  REQUIRE(query_stack_paths(yaml, "", q, error, stack));
  CHECK(runs(t) == 3);

  // A file stack.yaml includes is part of the key.
  std::string inc = t.file("proj/flags.yaml", "flags: {}\n");
  REQUIRE(query_stack_paths(yaml, cache, q, error, stack, {inc}));
  CHECK(runs(t) == 4);
  REQUIRE(query_stack_paths(yaml, cache, q, error, stack, {inc}));
  CHECK(runs(t) == 4);
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  t.file("proj/flags.yaml", "flags: {a: {b: true}}\n");
  REQUIRE(query_stack_paths(yaml, cache, q, error, stack, {inc}));
  CHECK(runs(t) == 5);
}

TEST_CASE("query_stack_paths: stack failing or missing is an error", "[stack]") {
  TempDir t;
  std::string stack = fake_stack(t);
  std::string yaml = t.file("proj/stack.yaml", "snapshot: ghc-9.10.3\n");
  t.file("fail", "");
  StackPaths p;
  std::string error;
  CHECK_FALSE(query_stack_paths(yaml, "", p, error, stack));
  CHECK(error.find("`stack path` failed (exit code 1): boom: no compiler") == 0);
  CHECK_FALSE(query_stack_paths(yaml, "", p, error, t.str() + "/bin/no-such-stack"));
  CHECK(error.find("cannot find") == 0);
  CHECK_FALSE(query_stack_paths(yaml, "", p, error, "mhu-no-such-stack-program"));
  CHECK(error.find("on PATH") != std::string::npos);
}

TEST_CASE("query_stack_paths_by_probe: the probe's local database is the project's", "[stack]") {
  TempDir t;
  // A fake stack placing the local database under the directory of the
  // stack.yaml it is given, as stack does.
  std::string script = t.file("bin/stack",
                              "#!/bin/sh\necho run >> " + t.str() + "/runs\n"
                              "d=$(dirname \"$2\")\n"
                              "echo \"global-pkg-db: /usr/lib/ghc/lib/package.conf.d\"\n"
                              "echo \"snapshot-pkg-db: /root/.stack/snapshots/x/h/9.10.3/pkgdb\"\n"
                              "echo \"local-pkg-db: $d/.stack-work/install/x/h/9.10.3/pkgdb\"\n"
                              "echo \"compiler-exe: /usr/bin/ghc-9.10.3\"\n");
  chmod(script.c_str(), 0755);
  std::string yaml = t.file("proj/stack.yaml", "snapshot: ghc-9.10.3\npackages: [a]\n");
  std::string cache = t.str() + "/cache";
  StackPaths p;
  std::string error;
  REQUIRE(query_stack_paths_by_probe("snapshot: ghc-9.10.3\npackages: []\n", yaml, cache, p, error, script));
  CHECK(p.local_db == t.str() + "/proj/.stack-work/install/x/h/9.10.3/pkgdb");
  CHECK(p.snapshot_db == "/root/.stack/snapshots/x/h/9.10.3/pkgdb");
  CHECK(runs(t) == 1);
  // The same probe again: the probe file is not rewritten, the answer is cached.
  REQUIRE(query_stack_paths_by_probe("snapshot: ghc-9.10.3\npackages: []\n", yaml, cache, p, error, script));
  CHECK(runs(t) == 1);
  CHECK(p.local_db == t.str() + "/proj/.stack-work/install/x/h/9.10.3/pkgdb");
  // No cache directory: no probe.
  CHECK_FALSE(query_stack_paths_by_probe("snapshot: ghc-9.10.3\n", yaml, "", p, error, script));
  // A local database elsewhere cannot be moved.
  std::string fixed = fake_stack(t);
  CHECK_FALSE(query_stack_paths_by_probe("snapshot: ghc-9.10.3\n", yaml, cache, p, error, fixed));
  CHECK(error.find("outside its directory") != std::string::npos);
}
