// The package databases (and compiler) of a stack project, as stack reports
// them through `stack path`.
#pragma once

#include <string>
#include <vector>

namespace mhu::planner {

// What `stack path` says, as stack sees it (when stack runs in a chroot or
// container: paths there).
struct StackPaths {
  std::string global_db;    // --global-pkg-db: the compiler's global database
  std::string snapshot_db;  // --snapshot-pkg-db: the snapshot's and immutable extra-deps' packages
  std::string local_db;     // --local-pkg-db: the project's (and its local extra-deps') packages
  std::string compiler_exe;  // --compiler-exe: the GHC stack uses
};

// Parse the output of `stack path` with several keys ("KEY: VALUE" lines, in
// stack's order). False with `error` when a database is missing from it.
bool parse_stack_path_output(const std::string& text, StackPaths& out, std::string& error);

// Run `STACK --stack-yaml FILE --no-install-ghc path --global-pkg-db
// --snapshot-pkg-db --local-pkg-db --compiler-exe` (`--no-install-ghc`: mhu
// never makes stack download a compiler) and parse its answer. The answer is
// cached in cache_dir ("" disables the cache) keyed on the stack.yaml's path
// and stamp (mtime and size), $STACK_ROOT, $STACK_WORK and the stack program's
// path, so a second run does not start stack. False with `error` when stack is
// not found (STACK without a '/' is searched on PATH), fails (its stderr is
// quoted: from its `Error:` line, else its last line, shortened) or answers
// something else. Note that stack may write
// files as it answers (it runs hpack on package.yaml files, creates
// .stack-work), as any stack command does.
// `keyed_too`: more files whose stamps the cached answer depends on (those
// stack.yaml `!include`s).
bool query_stack_paths(const std::string& stack_yaml, const std::string& cache_dir, StackPaths& out,
                       std::string& error, const std::string& stack = "stack",
                       const std::vector<std::string>& keyed_too = {});

// The same answer through a probe (stack/stack_yaml_probe.h), a stack.yaml
// without the project's packages, which stack answers without loading them:
// `probe_text` is written to stack.yaml in a directory of its own under
// cache_dir (only when it changed, so that the cached answer stays valid),
// stack is asked about it, and the local database, which stack places under
// the probe's directory, is moved to stack_yaml's directory. False with
// `error` when cache_dir is "", the probe cannot be written, stack fails or
// places the local database elsewhere: then ask about the project itself.
bool query_stack_paths_by_probe(const std::string& probe_text, const std::string& stack_yaml,
                                const std::string& cache_dir, StackPaths& out, std::string& error,
                                const std::string& stack = "stack");

}  // namespace mhu::planner
