// Target selectors (cabal's and stack's spellings) and the set of units a
// session loads: the selected units, closed under home dependencies.
#pragma once

#include <string>
#include <vector>

#include "cabal/diagnostic.h"
#include "planner/units.h"

namespace mhu::planner {

struct Selection {
  std::vector<std::string> unit_ids;  // in graph order
  std::vector<std::string> notes;     // units added to close the set, and why
};

// Select units by target strings: `all`, `PKG`, `lib:PKG`, `PKG:lib:NAME`,
// `exe:NAME`, `test:NAME`, `bench:NAME`, `flib:NAME`, `PKG:tests`,
// `all:exes`, a package directory, and stack's `PKG:lib`, `PKG:exe:NAME`,
// `PKG:sub-lib:NAME`. With no target: the package whose directory holds
// `cwd`, else `all`. Whole-package and `all` selections take tests and
// benchmarks only where they are enabled, and never unbuildable components;
// naming one selects it. `all`, `all:KINDS` and the default leave out the
// units of stack extra-deps (Unit::extra_dep), as stack's targets do; naming
// such a package selects it. An unknown target is an error naming the closest
// valid ones.
bool select_targets(const UnitGraph& graph, const std::vector<std::string>& targets,
                    const std::string& cwd, Selection& out, cabal::Diagnostics& diags);

// Add to the selection every home unit a selected unit depends on,
// transitively (a session can load only what it has), noting each; an error
// naming the cycle when home units depend on each other in a circle.
bool close_selection(const UnitGraph& graph, Selection& sel, cabal::Diagnostics& diags);

// Every target spelling a unit answers to (for messages and completion).
std::vector<std::string> target_spellings(const Unit& u);

}  // namespace mhu::planner
