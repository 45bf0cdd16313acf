// `mhu plan`: write one GHC response file per home unit of a session and
// print the command that starts it (`ghc --interactive -unit @FILE ...`).
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <string_view>

#include "cli/commands.h"
#include "cli/json.h"
#include "cli/output.h"
#include "cli/session.h"

namespace mhu::cli {

namespace {

const char* kPlanUsage =
    "usage: mhu plan [--out DIR] [--json] [--repl | --build [-O]] [--jobs N]\n"
    "                [--ghci-options OPTIONS] [PROJECT OPTIONS] [TARGET...]\n"
    "\n"
    "Writes the response file of every home unit a session of the targets loads\n"
    "(the arguments cabal repl --enable-multi-repl gives GHC for it, with mhu's\n"
    "directories under dist-mhu/) and prints the GHC command that starts the\n"
    "session. The unit of the first target comes last: it is GHCi's active unit.\n"
    "Targets as for `mhu units`; default: the package in the current directory,\n"
    "else all. Files are rewritten only when their content changes.\n"
    "\n"
    "  --out DIR              where the response files go (default: dist-mhu/units/\n"
    "                         in the project's root); one file per unit, named by its id\n"
    "  --json                 {\"ghc\", \"args\", \"response-files\": {unit id: file}, \"units\"}\n"
    "                         instead of one shell-quoted command line\n"
    "  --repl                 a GHCi session (the default): ghc --interactive, -O0,\n"
    "                         without the ghc-options GHCi does not support\n"
    "  --build                a build: ghc --make; with -O (--optimise) optimised as\n"
    "                         cabal build is by default, else -O0\n"
    "  --jobs N, -j N, -jN    pass -jN to GHC (parallel loading)\n"
    "  --ghci-options OPTS    more GHC options for every unit (split at spaces),\n"
    "                         after the component's ghc-options\n"
    "\n"
    "examples:\n"
    "  mhu plan all                      print `ghc --interactive ... -unit @FILE ...`\n"
    "  mhu plan --json --build -O all    the build's command, files and units as JSON\n"
    "  mhu plan --out /tmp/units mypkg   the response files elsewhere\n\n";

}  // namespace

int run_plan(const Args& args_in) {
  Args args = args_in;
  if (wants_help(args)) return std::fputs(kPlanUsage, stdout), std::fputs(kLoadOptionsHelp, stdout), 0;
  std::string error;
  SessionRequest request;
  bool json = take_flag(args, {"--json"});
  bool repl_flag = take_flag(args, {"--repl"});
  bool build_flag = take_flag(args, {"--build"});
  request.optimise = take_flag(args, {"-O", "--optimise", "--optimize"});
  bool have_out = false;
  if (!take_value(args, {"--out"}, request.out_dir, have_out, error) || !take_session_options(args, request, error))
    return usage_error(kPlanUsage, error);
  if (repl_flag && build_flag) return usage_error(kPlanUsage, "--repl and --build exclude each other");
  if (request.optimise && !build_flag) return usage_error(kPlanUsage, "-O applies to --build only (the REPL always uses -O0)");
  if (have_out && request.out_dir.empty()) return usage_error(kPlanUsage, "--out needs a directory");
  if (build_flag) request.mode = responsefiles::SessionOptions::Mode::Build;
  LoadOptions o;
  if (!take_load_options(args, o, error)) return usage_error(kPlanUsage, error);
  for (const auto& a : args)
    if (!a.empty() && a[0] == '-') return usage_error(kPlanUsage, "unknown option '" + a + "'");

  PreparedSession s;
  if (!prepare_session(args, o, request, s)) return 1;
  std::string out;
  if (json) {
    JsonWriter w(out);
    w.begin_object();
    w.key("ghc"), w.string(s.ghc);
    w.key("args"), w.strings(s.ghc_args);
    w.key("response-files");
    w.begin_object();
    for (const auto& [id, path] : s.files) w.key(id), w.string(path);
    w.end_object();
    w.key("units"), w.strings(s.order);
    w.end_object();
    out += '\n';
  } else {
    std::vector<std::string> argv = {s.ghc};
    argv.insert(argv.end(), s.ghc_args.begin(), s.ghc_args.end());
    out = shell_command(argv) + "\n";
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}

}  // namespace mhu::cli
