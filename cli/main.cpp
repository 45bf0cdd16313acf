// mhu: the whole Haskell project in one multi-unit GHC session.
#include <cstdio>
#include <cstring>
#include <string>

#include "cli/commands.h"
#include "cli/output.h"

namespace {

using mhu::cli::Args;

struct Command {
  const char* name;
  const char* summary;
  int (*run)(const Args&);
};

const Command kCommands[] = {
    {"describe", "print .cabal files (or package.yaml) with their conditionals resolved", mhu::cli::run_describe},
    {"targets", "list the components of the project's packages", mhu::cli::run_targets},
    {"units", "print the home units a session of the targets loads", mhu::cli::run_units},
    {"plan", "write the response files and print the GHC command, start nothing", mhu::cli::run_plan},
    {"repl", "open the targets in one multi-unit GHCi session", mhu::cli::run_repl},
    {"build", "compile the targets with one ghc --make, link the executables", mhu::cli::run_build},
    {"hie-bios", "the project's units for editors (hie-bios bios cradle); --init writes hie.yaml", mhu::cli::run_hie_bios},
    {"completion", "print a bash completion script (mhu completion bash)", mhu::cli::run_completion},
};

const char* kUsageHead =
    "usage: mhu [--color=auto|always|never] [-v] COMMAND [ARGS...]\n"
    "       mhu --help | --version | help COMMAND\n"
    "\n"
    "Reads a cabal or stack project itself, writes one GHC response file per\n"
    "component (home unit) and starts GHC on all of them at once.\n"
    "\n"
    "commands:\n";

const char* kUsageTail =
    "\n"
    "`mhu COMMAND --help` (or `mhu help COMMAND`) describes a command and its options.\n"
    "Settings for a project go into mhu.toml in its root directory (ghc, front-end,\n"
    "targets, dist-dir, ghc-options, ghci-options).\n"
    "\n"
    "  --color=WHEN   colour `error:` and `warning:` on stderr: auto (default: on a\n"
    "                 terminal, unless NO_COLOR is set), always, never\n"
    "\n"
    "exit status: 0 success; 1 an error in the project or its files; 2 a usage error;\n"
    "repl and build: GHC's own exit status.\n"
    "\n"
    "examples:\n"
    "  mhu targets                      the components, as `stack ide targets` names them\n"
    "  mhu repl                         GHCi on the package in this directory (else all)\n"
    "  mhu repl all --enable-tests      every component, test suites included\n"
    "  mhu repl mypkg:exe:server -v     one executable; print the GHC command and timings\n"
    "  mhu build all                    compile everything, executables into dist-mhu/bin/\n"
    "  source <(mhu completion bash)    complete commands, options and targets in bash\n";

std::string usage() {
  std::string u = kUsageHead;
  for (const auto& c : kCommands) {
    std::string name = c.name;
    u += "  " + name + std::string(name.size() < 12 ? 12 - name.size() : 1, ' ') + c.summary + "\n";
  }
  return u + kUsageTail;
}

const Command* find_command(const std::string& name) {
  for (const auto& c : kCommands)
    if (name == c.name) return &c;
  return nullptr;
}

int usage_error(const std::string& message) {
  mhu::cli::print_error(message);
  std::fprintf(stderr, "\n%s", usage().c_str());
  return 2;
}

// --color=WHEN (or --color WHEN) anywhere: taken out of args. False on a bad WHEN.
bool take_color_option(Args& args, std::string& error) {
  for (size_t i = 0; i < args.size(); ++i) {
    std::string value;
    size_t n = 1;
    if (args[i].rfind("--color=", 0) == 0) value = args[i].substr(8);
    else if (args[i] == "--color" && i + 1 < args.size()) value = args[i + 1], n = 2;
    else continue;
    mhu::cli::ColorMode mode;
    if (!mhu::cli::parse_color_mode(value, mode))
      return error = "--color takes auto, always or never, not '" + value + "'", false;
    mhu::cli::set_color_mode(mode);
    args.erase(args.begin() + static_cast<std::ptrdiff_t>(i), args.begin() + static_cast<std::ptrdiff_t>(i + n));
    --i;
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  Args all(argv + 1, argv + argc);
  std::string error;
  if (!take_color_option(all, error)) return usage_error(error);
  // `mhu -v COMMAND ...`: -v belongs to the command.
  bool verbose = !all.empty() && (all[0] == "-v" || all[0] == "--verbose");
  if (verbose) all.erase(all.begin());
  if (all.empty()) return usage_error("no command given");
  std::string cmd = all[0];
  Args args(all.begin() + 1, all.end());
  if (verbose) args.push_back("-v");
  if (cmd == "--help" || cmd == "-h") return std::fputs(usage().c_str(), stdout), 0;
  if (cmd == "help") {
    if (args.empty()) return std::fputs(usage().c_str(), stdout), 0;
    const Command* c = find_command(args[0]);
    if (!c || args.size() > 1) return usage_error("help: no command '" + args[0] + "'");
    return c->run({"--help"});
  }
  if (cmd == "--version" || cmd == "-V") {
    std::printf("mhu %s\n", MHU_VERSION);
    return 0;
  }
  if (const Command* c = find_command(cmd)) return c->run(args);
  return usage_error("unknown command '" + cmd + "'");
}
