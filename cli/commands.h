// mhu's commands. Each takes its arguments (after the command name) and
// returns the process exit status: 0 ok, 1 user error, 2 usage error; repl
// and build return GHC's own status once GHC has started.
#pragma once

#include <string>
#include <vector>

namespace mhu::cli {

using Args = std::vector<std::string>;

int run_describe(const Args& args);
int run_targets(const Args& args);
int run_units(const Args& args);
int run_plan(const Args& args);
int run_repl(const Args& args);
int run_build(const Args& args);
int run_completion(const Args& args);
int run_hie_bios(const Args& args);

// Read a whole file; false (with a message naming the file and the OS error) on failure.
bool read_file(const std::string& path, std::string& out, std::string& error);

}  // namespace mhu::cli
