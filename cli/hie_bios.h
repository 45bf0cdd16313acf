// `mhu hie-bios`: the project's units for editors, in the protocol of
// hie-bios's `bios` cradle (what haskell-language-server loads projects with).
// These are the parts that need no compiler; cli/hie_bios.cpp runs them.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "cli/project_loader.h"
#include "planner/units.h"

namespace mhu::cli::hie_bios {

// The units that hold `file` (absolute and canonical): it is one of their
// modules (exposed-modules, other-modules or signatures, as a Haskell source,
// a boot file or a preprocessor input: .hs .lhs .hsig .lhsig .hs-boot
// .lhs-boot .x .y .ly .hsc .chs) in one of their source directories, or
// their main-is; or it is a file mhu generated for them (below
// DIST_DIR/build/UNIT-ID/: Paths_, preprocessor output, where an editor's
// go-to-definition leads). In graph order, libraries first. When none does,
// `hint` names a unit whose source directory holds the file (so the message
// can say to list the module), else stays empty.
std::vector<std::string> owning_units(const planner::UnitGraph& graph, const std::string& dist_dir,
                                      const std::string& file, std::string& hint);

// HIE_BIOS_MULTI_ARG's content: file names separated by NUL characters.
std::vector<std::string> split_multi_arg(const std::string& text);

// What the bios program answers: GHC's global options, then `-unit` and
// `@FILE` for every response file, the units of `first` before the others
// (hie-bios makes the first -unit the active unit and checks the file in it),
// each of the others in the given order. One argument per line, as hie-bios
// reads HIE_BIOS_OUTPUT; false with `error` when an argument holds a newline.
bool bios_output(const std::vector<std::string>& global_options,
                 const std::vector<std::pair<std::string, std::string>>& unit_files,
                 const std::vector<std::string>& first, std::string& out, std::string& error);

// The files whose change changes the answer (hie-bios's cradle dependencies,
// HIE_BIOS_DEPS): every project file read (cabal.project and its imports,
// .freeze, .local; stack.yaml) and every package's .cabal or package.yaml.
std::vector<std::string> cradle_dependencies(const LoadedProject& project);

// hie.yaml's text: a bios cradle whose shell command runs `program hie-bios
// [OPTIONS] "$HIE_BIOS_ARG"`.
std::string hie_yaml(const std::string& program, const std::vector<std::string>& options);

}  // namespace mhu::cli::hie_bios
