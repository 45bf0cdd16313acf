// The GHC arguments of one home unit: what goes into its response file
// (`ghc -unit @FILE`). The same arguments, in the same order, as the file
// cabal-install 3.12 writes for `cabal repl --enable-multi-repl` (Cabal's
// Setup repl with --repl-multi-file: Distribution.Simple.GHC.Build.Link
// runReplOrWriteFlags, rendered by Distribution.Simple.Program.GHC
// renderGhcOptions), with mhu's directories (Layout) instead of dist-newstyle.
#pragma once

#include <string>
#include <vector>

#include "cabal/version.h"
#include "planner/unit.h"
#include "responsefiles/layout.h"

namespace mhu::responsefiles {

struct SessionOptions {
  enum class Mode { Repl, Build };
  Mode mode = Mode::Repl;
  cabal::Version ghc_version;
  // -package-db, in stacking order, without the global database (which GHC
  // always reads: cabal does not pass it either). -no-user-package-db is
  // always passed.
  std::vector<std::string> package_dbs;
  // More GHC options (e.g. from --ghci-options), placed where cabal places
  // `--repl-options`: after the component's ghc-options, before the project's.
  std::vector<std::string> extra_options;
  // More GHC options after all others, so that they win (mhu.toml's
  // ghci-options in the REPL).
  std::vector<std::string> final_options;
  // Build mode only: optimise as `cabal build` does by default (-O, and the
  // component's own -O flags kept). Otherwise -O0 and the component's -O
  // flags are dropped. The REPL always uses -O0 (as cabal repl).
  bool optimise = false;
};

// The arguments for unit `u`, in this order (cabal's):
//   -this-package-name PKG  -working-dir DIR
//   -reexported-module M...  -hidden-module M...
//   -fbuilding-cabal-package  -O0 (REPL; see `optimise`)
//   -outputdir OUT -odir OUT -hidir OUT -hiedir HIE -stubdir OUT
//   -i  -iSRC... (hs-source-dirs as written)  -iOUT  -iAUTOGEN
//   -IAUTOGEN  -IOUT  -IINC... (include-dirs as written)  -IUNITDIR/INC...
//   -optP... (cpp-options)  -optP-include -optPAUTOGEN/cabal_macros.h
//   -optl... (ld-options)  -lLIB... (extra-libraries)  -LDIR... (extra-lib-dirs that exist)
//   -this-unit-id ID  -hide-all-packages  -Wmissing-home-modules
//   -no-user-package-db  -package-db DB...  -package-id ID... (sorted)
//   -XLANGUAGE (default-language, else Haskell98)  -XEXT... (extensions, default-extensions)
//   inputs: executable, test, benchmark: the main-is file; then `objects`; then
//           the modules: library: exposed, hidden (other-modules) and signatures;
//           executable, test, benchmark, foreign library: other-modules
//   the component's ghc-options (REPL: without GHCi's unsupported -O*, -debug,
//   -threaded, -ticky, -eventlog, -prof, -unreg, as Cabal's filterGhciFlags)
//   extra_options  -hide-all-packages  the project's ghc-options  final_options.
// Each search and include path is listed once (cabal's NubListR). cabal also
// passes its package-wide global-autogen directory (-i and -I), which mhu
// does not have. The main-is file is looked for in each hs-source-dir under
// the package directory and given relative to it (SRC/Main.hs); when it is in
// none, but a file a preprocessor makes it from (Main.hsc, .chs, .x, .y, ...)
// is, the preprocessor's output AUTOGEN/Main.hs is used (where
// responsefiles/preprocess writes it); else the first source directory's path.
// Errors: a renaming reexport (`Orig as New`, or any reexport whose name
// differs from the original) with GHC older than 9.12, which cannot express it
// (cabal 3.12 passes the new name, and GHC 9.10 then stops with "Modules are
// listed as reexported ... but can't be found in any dependency").
// `objects`: the unit's compiled c-sources/cxx-sources (see
// responsefiles/preprocess), which cabal's REPL passes as input files after
// the main-is file and before the modules.
bool unit_arguments(const planner::Unit& u, const Layout& layout, const SessionOptions& o,
                    std::vector<std::string>& args, std::string& error,
                    const std::vector<std::string>& objects = {});

// Cabal's filterGhciFlags: whether GHCi accepts this ghc-option.
bool ghci_supported_option(const std::string& option);

// The main-is path as cabal passes it (see unit_arguments), "" when the unit
// has no main-is.
std::string main_file_argument(const planner::Unit& u, const Layout& layout);

// --- The pieces of unit_arguments (also used by responsefiles/merged_session) ---

// System.FilePath's (</>): b when it is absolute, else a and b joined by one '/'.
std::string join_path(const std::string& a, const std::string& b);

// Whether a file name ends in .hs or .lhs (an input GHC loads, not links).
bool is_haskell_file(const std::string& file);

// The -i directories, each once: hs-source-dirs as written (relative to
// package_dir), OUT, AUTOGEN.
std::vector<std::string> unit_search_dirs(const planner::Unit& u, const Layout& layout);

// The -I directories, each once: AUTOGEN, OUT, include-dirs as written,
// UNITDIR/INC for each include-dir.
std::vector<std::string> unit_include_dirs(const planner::Unit& u, const Layout& layout);

// The extra-lib-dirs that exist (under package_dir), each once, as written.
std::vector<std::string> unit_library_dirs(const planner::Unit& u);

// default-language, else Haskell98 (cabal's default).
std::string unit_language(const planner::Unit& u);

// `extensions` then default-extensions, each once.
std::vector<std::string> unit_extensions(const planner::Unit& u);

// The modules GHC is given as inputs: library: exposed, hidden (other-modules)
// and signatures; the other kinds: hidden_modules. Each once.
std::vector<std::string> unit_modules(const planner::Unit& u);

// The unit's ghc-options as unit_arguments passes them: the component's own
// (filtered for the mode: GHCi's unsupported ones dropped in the REPL, -O*
// dropped unless optimising a build), and the project's (as given).
struct UnitGhcOptions {
  std::vector<std::string> component, project;
};
UnitGhcOptions unit_ghc_options(const planner::Unit& u, const SessionOptions& o);

}  // namespace mhu::responsefiles
