// `mhu repl` and `mhu build`: the session's units in one GHCi, or compiled by
// one `ghc --make` with the executables linked into dist-mhu/bin/.
#include <signal.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <set>

#include "cli/output.h"
#include "cli/session.h"
#include "planner/process.h"

namespace mhu::cli {

namespace {

namespace fs = std::filesystem;
using planner::Unit;

const char* kReplUsage =
    "usage: mhu repl [PROJECT OPTIONS] [--ghci-options OPTS] [--jobs N] [TARGET...]\n"
    "\n"
    "Opens the home units of the targets in one GHCi session (ghc --interactive\n"
    "-unit @FILE ...); the unit of the first target is the active one. Targets\n"
    "as for `mhu units`; default: the package in the current directory, else all.\n"
    "GHCi owns the terminal; mhu exits with its status.\n"
    "\n"
    "  --ghci-options OPTS    more GHC options for every unit (split at spaces)\n"
    "  --jobs N, -j N, -jN    pass -jN to GHC (parallel loading)\n"
    "\n"
    "examples:\n"
    "  mhu repl                               the package here (else all)\n"
    "  mhu repl all --enable-tests            every component, tests too\n"
    "  mhu repl mypkg:exe:server mypkg:lib    the executable is the active unit\n"
    "  mhu repl --ghci-options=-fdefer-type-errors -j4\n\n";

const char* kBuildUsage =
    "usage: mhu build [PROJECT OPTIONS] [-O0] [--jobs N] [TARGET...]\n"
    "\n"
    "Compiles the home units of the targets with one `ghc --make` (optimised as\n"
    "cabal build is by default; -O0 to not) and links each executable, test suite\n"
    "and benchmark into dist-mhu/bin/ (the dist-dir of mhu.toml). mhu exits with\n"
    "GHC's status.\n"
    "\n"
    "  -O0                    do not optimise\n"
    "  --jobs N, -j N, -jN    pass -jN to GHC (parallel compilation)\n"
    "\n"
    "examples:\n"
    "  mhu build all\n"
    "  mhu build -O0 -j4 exe:server && dist-mhu/bin/server\n\n";

// While GHC runs, Ctrl-C is GHCi's: mhu only waits. A handler (not SIG_IGN,
// which the child would inherit) that does nothing; exec resets it in GHC.
void ignore_interrupts_in_mhu() {
  struct sigaction sa {};
  sa.sa_handler = [](int) {};
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGQUIT, &sa, nullptr);
}

int run_ghc(const PreparedSession& s, const std::vector<std::string>& args) {
  std::vector<std::string> argv = {s.ghc};
  argv.insert(argv.end(), args.begin(), args.end());
  std::string error;
  if (verbose()) print_message("mhu: running: " + shell_command(argv));
  int status = planner::run_attached(argv, "", error);
  if (status < 0) print_error(error);
  return status;
}

bool parse_common(Args& args, LoadOptions& o, SessionRequest& r, const char* text, int& exit_code) {
  std::string error;
  if (!take_session_options(args, r, error) || !take_load_options(args, o, error)) {
    exit_code = usage_error(text, error);
    return false;
  }
  for (const auto& a : args)
    if (!a.empty() && a[0] == '-') {
      exit_code = usage_error(text, "unknown option '" + a + "'");
      return false;
    }
  return true;
}

// The units `root` needs, itself included: its home dependencies, transitively.
std::vector<const Unit*> closure(const planner::UnitGraph& g, const Unit& root) {
  std::vector<const Unit*> out = {&root};
  std::set<std::string> seen = {root.id};
  for (size_t i = 0; i < out.size(); ++i)
    for (const auto& id : out[i]->home_deps)
      if (seen.insert(id).second) out.push_back(planner::find_unit(g, id));
  return out;
}

// Objects under a unit's output directory, sorted (deterministic link order).
void unit_objects(const std::string& dir, std::vector<std::string>& out) {
  std::error_code ec;
  std::vector<std::string> found;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (it->is_regular_file(ec) && it->path().extension() == ".o") found.push_back(it->path().string());
  std::sort(found.begin(), found.end());
  out.insert(out.end(), found.begin(), found.end());
}

// Link one executable from its objects and those of the home units it needs.
// (GHC 9.10's multi-unit --make links an executable without the objects of
// the home libraries it uses, so mhu links each one itself.)
std::vector<std::string> link_arguments(const PreparedSession& s, const Unit& exe, const std::string& output,
                                        const std::vector<std::string>& package_dbs) {
  std::vector<std::string> args = {"-package-env", "-", "-hide-all-packages", "-no-user-package-db"};
  for (const auto& db : package_dbs) args.insert(args.end(), {"-package-db", db});
  std::set<std::string> installed;
  std::vector<std::string> objects, link_options;
  for (const Unit* u : closure(s.project.graph, exe)) {
    installed.insert(u->installed_deps.begin(), u->installed_deps.end());
    unit_objects(s.layout.output_dir(u->id), objects);
    const auto& bi = u->data.build_info;
    for (const auto& o : bi.ld_options) link_options.push_back("-optl" + o);
    for (const auto& d : bi.extra_lib_dirs) link_options.push_back("-L" + (fs::path(u->package_dir) / d).string());
    for (const auto& l : bi.extra_libraries) link_options.push_back("-l" + l);
  }
  for (const auto& id : installed) args.insert(args.end(), {"-package-id", id});
  args.insert(args.end(), exe.ghc_options.begin(), exe.ghc_options.end());  // -threaded, -rtsopts, ...
  args.insert(args.end(), link_options.begin(), link_options.end());
  args.insert(args.end(), objects.begin(), objects.end());
  args.insert(args.end(), {"-o", output});
  return args;
}

}  // namespace

int run_repl(const Args& args_in) {
  Args args = args_in;
  if (wants_help(args)) return std::fputs(kReplUsage, stdout), std::fputs(kLoadOptionsHelp, stdout), 0;
  LoadOptions o;
  SessionRequest r;
  int code = 0;
  if (!parse_common(args, o, r, kReplUsage, code)) return code;
  PreparedSession s;
  if (!prepare_session(args, o, r, s)) return 1;
  std::vector<std::string> ghc_args = s.ghc_args;
  ignore_interrupts_in_mhu();
  int status = run_ghc(s, ghc_args);
  return status < 0 ? 1 : status;
}

int run_build(const Args& args_in) {
  Args args = args_in;
  if (wants_help(args)) return std::fputs(kBuildUsage, stdout), std::fputs(kLoadOptionsHelp, stdout), 0;
  LoadOptions o;
  SessionRequest r;
  r.mode = responsefiles::SessionOptions::Mode::Build;
  r.optimise = !take_flag(args, {"-O0"});
  int code = 0;
  if (!parse_common(args, o, r, kBuildUsage, code)) return code;
  PreparedSession s;
  if (!prepare_session(args, o, r, s)) return 1;
  std::vector<std::string> make = s.ghc_args;
  std::error_code ec;
  if (s.merged) {
    // One unit: GHC links the active unit's Main itself (-o in the file).
    fs::create_directories(s.layout.bin_dir(), ec);
    int status = run_ghc(s, make);
    return status < 0 ? 1 : status;
  }
  make.push_back("-no-link");
  int status = run_ghc(s, make);
  if (status != 0) return status < 0 ? 1 : status;

  std::vector<std::string> dbs;
  for (const auto& db : s.project.dbs.dbs)
    if (db != s.project.compiler.global_db) dbs.push_back(db);
  fs::create_directories(s.layout.bin_dir(), ec);
  for (const auto& id : s.order) {
    const Unit* u = planner::find_unit(s.project.graph, id);
    if (u->kind == cabal::ComponentKind::Library || u->kind == cabal::ComponentKind::ForeignLibrary) continue;
    std::string output = s.layout.bin_dir() + "/" + u->component_name;
    print_progress("linking " + output);
    status = run_ghc(s, link_arguments(s, *u, output, dbs));
    if (status != 0) return status < 0 ? 1 : status;
  }
  return 0;
}

}  // namespace mhu::cli
