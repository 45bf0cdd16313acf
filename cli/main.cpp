// mhu: the whole Haskell project in one multi-unit GHC session.
#include <cstdio>
#include <cstring>
#include <string>

#include "cli/commands.h"

namespace {

const char* kUsage =
    "usage: mhu COMMAND [ARGS...]\n"
    "\n"
    "commands:\n"
    "  describe [--json] [-j N] [--os OS] [--arch ARCH] [--compiler ghc-X.Y.Z] [-f FLAGS] FILE.cabal...\n"
    "           print each package with its conditionals resolved\n"
    "  hie-bios [--init] FILE|DIR  the project's units for editors (hie-bios bios cradle)\n"
    "\n"
    "  mhu --version | mhu --help\n";

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  std::string cmd = argv[1];
  mhu::cli::Args args(argv + 2, argv + argc);
  if (cmd == "--help" || cmd == "-h" || cmd == "help") {
    std::fputs(kUsage, stdout);
    return 0;
  }
  if (cmd == "--version") {
    std::puts("mhu 0.1.0");
    return 0;
  }
  if (cmd == "describe") return mhu::cli::run_describe(args);
  if (cmd == "targets") return mhu::cli::run_targets(args);
  if (cmd == "units") return mhu::cli::run_units(args);
  if (cmd == "plan") return mhu::cli::run_plan(args);
  if (cmd == "repl") return mhu::cli::run_repl(args);
  if (cmd == "build") return mhu::cli::run_build(args);
  if (cmd == "hie-bios") return mhu::cli::run_hie_bios(args);
  std::fprintf(stderr, "mhu: unknown command '%s'\n\n%s", cmd.c_str(), kUsage);
  return 2;
}
