#include "planner/process.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>

using namespace mhu::planner;

TEST_CASE("run_process captures stdout, stderr and the exit code", "[planner]") {
  ProcessResult r;
  std::string error;
  REQUIRE(run_process({"sh", "-c", "echo out; echo err >&2; exit 3"}, r, error));
  CHECK(r.out == "out\n");
  CHECK(r.err == "err\n");
  CHECK(r.exit_code == 3);
}

TEST_CASE("run_process passes arguments unchanged", "[planner]") {
  ProcessResult r;
  std::string error;
  REQUIRE(run_process({"printf", "%s|", "a b", "", "$HOME", "'q'"}, r, error));
  CHECK(r.out == "a b||$HOME|'q'|");
  CHECK(r.exit_code == 0);
}

TEST_CASE("run_process reads megabytes on both pipes without blocking", "[planner]") {
  ProcessResult r;
  std::string error;
  REQUIRE(run_process({"sh", "-c",
                       "i=0; while [ $i -lt 40 ]; do head -c 100000 /dev/zero | tr '\\0' x; "
                       "head -c 100000 /dev/zero | tr '\\0' y >&2; i=$((i+1)); done"},
                      r, error));
  CHECK(r.exit_code == 0);
  CHECK(r.out.size() == 4000000);
  CHECK(r.err.size() == 4000000);
  CHECK(r.out.find_first_not_of('x') == std::string::npos);
}

TEST_CASE("run_process gives the child a closed stdin", "[planner]") {
  ProcessResult r;
  std::string error;
  REQUIRE(run_process({"cat"}, r, error));
  CHECK(r.exit_code == 0);
  CHECK(r.out.empty());
}

TEST_CASE("run_process reports a signal as 128+N", "[planner]") {
  ProcessResult r;
  std::string error;
  REQUIRE(run_process({"sh", "-c", "kill -9 $$"}, r, error));
  CHECK(r.exit_code == 137);
}

TEST_CASE("run_process fails for a program that does not exist", "[planner]") {
  ProcessResult r;
  std::string error;
  CHECK_FALSE(run_process({"mhu-no-such-program-xyz"}, r, error));
  CHECK(r.exit_code == -1);
  CHECK(error.find("mhu-no-such-program-xyz") != std::string::npos);
  error.clear();
  CHECK_FALSE(run_process({"/nonexistent/dir/prog"}, r, error));
  CHECK(error.find("/nonexistent/dir/prog") != std::string::npos);
  CHECK_FALSE(run_process({}, r, error));
}

TEST_CASE("find_program searches PATH", "[planner]") {
  CHECK(find_program("sh").find("/sh") != std::string::npos);
  CHECK(find_program("mhu-no-such-program-xyz").empty());
  CHECK(find_program("").empty());
}

TEST_CASE("run_process fails for a file that is not executable", "[planner]") {
  char dir_template[] = "/tmp/mhu-process-test-XXXXXX";
  REQUIRE(mkdtemp(dir_template) != nullptr);
  std::string file = std::string(dir_template) + "/not-executable";
  REQUIRE(std::system(("printf 'echo hi' > " + file).c_str()) == 0);
  ProcessResult r;
  std::string error;
  CHECK_FALSE(run_process({file}, r, error));
  CHECK(r.exit_code == -1);
  CHECK(error.find("not-executable") != std::string::npos);
  std::system(("rm -rf " + std::string(dir_template)).c_str());
}
