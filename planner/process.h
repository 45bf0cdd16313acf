// Running a tool (ghc, ghc-pkg, cabal) and capturing its output.
#pragma once

#include <string>
#include <vector>

namespace mhu::planner {

struct ProcessResult {
  int exit_code = -1;  // -1: could not be started; 128+N: killed by signal N
  std::string out, err;
};

// Run argv[0] (searched on PATH when it has no '/') with stdin closed.
// Both outputs are read concurrently, so a tool writing megabytes to either
// does not block. Returns false, with `error` naming the program, when it
// cannot be started (a non-zero exit is not an error here: see exit_code).
bool run_process(const std::vector<std::string>& argv, ProcessResult& result, std::string& error);

// Run argv[0] in `cwd` ("" = here) with the caller's stdin, stdout and stderr
// (the tool owns the terminal). Returns its exit status, -1 (with `error`)
// when it cannot be started.
int run_attached(const std::vector<std::string>& argv, const std::string& cwd, std::string& error);

// The full path of an executable named `name` on PATH; "" when there is none.
std::string find_program(const std::string& name);

}  // namespace mhu::planner
