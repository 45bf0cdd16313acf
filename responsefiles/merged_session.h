// The session of a GHC older than 9.4, which has no multiple home units: all
// the units in ONE unit, as `stack ghci` loads several packages. The
// arguments are unit_arguments' pieces (cabal's order) combined; what one
// unit cannot express is reported, one line per warning.
#pragma once

#include <string>
#include <vector>

#include "planner/unit.h"
#include "responsefiles/layout.h"
#include "responsefiles/unit_args.h"

namespace mhu::responsefiles {

// The arguments of one merged session of `units` (in session order, the
// active unit last; every home dependency of each among them), for
// `ghc --interactive @FILE` (or --make), in this order:
//   -fbuilding-cabal-package  -O0 (REPL; -O when optimising a build)
//   -outputdir M/out -odir M/out -hidir M/out [-hiedir M/hie] -stubdir M/out
//       (M: layout.merged_dir(); -hiedir from GHC 8.8 on)
//   -i  -iDIR... every unit's unit_search_dirs, absolute (no -working-dir
//       before GHC 9.4), each once
//   -IDIR... every unit's unit_include_dirs, absolute, each once
//   -optP... the union of the cpp-options
//   -optP-include -optP<the active unit's cabal_macros.h>
//   -optl... -lLIB... -LDIR... the union of the units' linker options
//   -hide-all-packages -Wmissing-home-modules -no-user-package-db
//   -package-db DB...  -package-id ID... (the union of the installed
//       dependencies, sorted: home dependencies are in the session as source)
//   -XLANGUAGE (the active unit's)  -XEXT... (the union of the extensions)
//   inputs: the active unit's main-is file (absolute) when it has a Haskell
//       one; `objects`; every unit's modules (unit_modules), each once
//   the union of the components' ghc-options (the active unit's -main-is
//       only), extra_options, -hide-all-packages, the union of the project's
//   build mode, when the active unit has a Haskell main-is: -o BIN/NAME
// Unions keep the first of equal entries, in session order; a ghc-option
// taking its value as the next word (-main-is M, -package P, ...) counts
// with it.
// `warnings` (replaced) gets one line for each thing not honoured, in this
// order: each unit's hidden modules (when there is more than one unit), each
// renaming reexport, each left-out main-is and -main-is, each language other
// than the active unit's, each extension not in every unit, PackageImports
// in any unit (its .cabal fields, ghc-options, or a LANGUAGE pragma in the
// first 8 KiB of a module or main-is file: home packages have no names
// without -this-unit-id and -this-package-name), each
// ghc-option and cpp-option not in every unit, and the units whose
// cabal_macros.h would differ from the active unit's (another package, or a
// dependency on a package outside the session the active unit lacks).
// Errors: no units; a home dependency not among `units`; a module in two
// units (unless both resolve to the same source file, or it is the
// Paths_PKG/PackageInfo_PKG of one package).
bool merged_arguments(const std::vector<const planner::Unit*>& units, const Layout& layout,
                      const SessionOptions& o, std::vector<std::string>& args, std::vector<std::string>& warnings,
                      std::string& error, const std::vector<std::string>& objects = {});

// The first line mhu prints before a merged session's warnings.
std::string merged_session_notice(const cabal::Version& ghc_version);

}  // namespace mhu::responsefiles
