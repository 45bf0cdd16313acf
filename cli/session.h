// What `mhu plan`, `mhu repl` and `mhu build` share: load the project, select
// and close the units, generate each unit's files (cabal_macros.h, Paths_,
// preprocessor output, C objects), write its response file, and make the GHC
// command line.
#pragma once

#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "cli/commands.h"
#include "cli/project_loader.h"
#include "responsefiles/layout.h"
#include "responsefiles/unit_args.h"

namespace mhu::cli {

struct SessionRequest {
  responsefiles::SessionOptions::Mode mode = responsefiles::SessionOptions::Mode::Repl;
  bool optimise = false;
  std::string jobs;                        // -jN when not empty
  std::vector<std::string> extra_options;  // --ghci-options
  std::string out_dir;                     // response files; "" = dist-mhu/units
};

struct PreparedSession {
  LoadedProject project;
  // .cabal (or package.yaml) file -> its package, for each unit's generated files.
  std::unordered_map<std::string, const cabal::GenericPackageDescription*> descriptions;
  responsefiles::Layout layout;
  std::vector<std::string> order;  // unit ids, the active unit last
  std::vector<std::pair<std::string, std::string>> files;  // unit id, response file
  std::vector<std::string> objects;  // every unit's compiled C objects
  std::string ghc;                   // the compiler's full path
  std::vector<std::string> ghc_args; // --interactive/--make, -package-env -, -unit @FILE...
  // GHC older than 9.4: one merged session (responsefiles/merged_session).
  // GHC reads no response files before 9.4: ghc_args are --interactive/--make,
  // -package-env -, then the merged arguments themselves; `files` is
  // {"merged", FILE}, FILE recording them. A build links the active unit's
  // Main itself (-o among the arguments).
  bool merged = false;
};

// Prints notes and errors to stderr; false on an error.
bool prepare_session(const Args& targets, const LoadOptions& load, const SessionRequest& request,
                     PreparedSession& out);

// Options every session command takes: --jobs N / -jN, --ghci-options OPTS.
// Consumes them from args; false with an error on a malformed one.
bool take_session_options(Args& args, SessionRequest& request, std::string& error);

// `--name VALUE` or `--name=VALUE` (the last one given wins).
bool take_value(Args& args, std::initializer_list<const char*> names, std::string& value, bool& given,
                std::string& error);
bool take_flag(Args& args, std::initializer_list<const char*> names);
bool wants_help(const Args& args);
// Print `error`, the command's usage and the project options; returns 2.
int usage_error(const char* usage, const std::string& error);
std::string current_dir();

}  // namespace mhu::cli
