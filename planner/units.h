// From a project's local packages to its home units: flags and conditionals
// resolved per package, each component a unit, each dependency either another
// home unit or an installed unit.
#pragma once

#include <map>
#include <unordered_map>
#include <optional>
#include <string>
#include <vector>

#include "cabal/diagnostic.h"
#include "cabal/package_description.h"
#include "cabal/project.h"
#include "planner/installed_index.h"
#include "planner/solver.h"
#include "planner/unit.h"

namespace mhu::planner {

struct LocalPackage {
  std::string cabal_file;  // absolute (for a stack package: its package.yaml or .cabal file)
  std::string dir;         // absolute: the directory of cabal_file
  cabal::GenericPackageDescription description;
  // A stack extra-dep in a local directory: not one of the project's own
  // packages. Its units are home units that `all` and the default target
  // leave out (they are loaded when a selected unit needs them), and the
  // project-wide settings for local packages (stack's `$locals`) skip it.
  bool extra_dep = false;
};

struct PlanOptions {
  cabal::Platform platform;
  std::optional<bool> enable_tests, enable_benchmarks;  // from the command line
  cabal::FlagAssignment flags;                          // -f from the command line: every local package
  std::map<std::string, std::string> preferred;         // package -> unit id, from plan.json
};

struct UnitGraph {
  // Every component of every local package: packages in the given order,
  // components in Cabal's order (libraries, foreign libraries, executables,
  // tests, benchmarks).
  std::vector<Unit> units;
  std::vector<MissingPackage> missing;  // installed packages nothing meets
  std::map<std::string, cabal::FlagAssignment> flags;  // package -> flags chosen
  // Unit id -> position in `units` (build_unit_graph fills it; find_unit uses it).
  std::unordered_map<std::string, size_t> positions;
};

// Build the units. Errors (duplicate package names, a dependency on a library
// a local package does not have or keeps private) go to diags, naming the
// .cabal file; missing installed packages are not errors here but listed in
// out.missing, since they matter only to the units a session selects.
bool build_unit_graph(const cabal::ProjectConfig& project, const std::vector<LocalPackage>& packages,
                      const InstalledIndex& index, const PlanOptions& options, UnitGraph& out,
                      cabal::Diagnostics& diags);

// The unit with this id, or null.
const Unit* find_unit(const UnitGraph& graph, const std::string& id);

}  // namespace mhu::planner
