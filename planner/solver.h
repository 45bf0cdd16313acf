// Choosing installed dependencies: one version of each non-local package that
// every unit's range and the project's constraints admit (a much reduced
// cabal-install solver: it picks among what is installed, never builds).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "cabal/project.h"
#include "cabal/version.h"
#include "planner/installed_index.h"

namespace mhu::planner {

// A unit's need for a non-local package.
struct Requirement {
  std::string package;
  cabal::VersionRange range;
  std::vector<std::string> libraries;  // "" = main library
  std::string needed_by;  // unit id
  bool enabled = true;    // false for tests/benchmarks not enabled: must not constrain
};

struct MissingPackage {
  std::string package;
  std::vector<Requirement> requirements;  // those that nothing installed meets
  std::vector<cabal::Version> installed;  // the versions there are, newest first
};

struct InstalledChoice {
  std::map<std::string, cabal::Version> versions;  // package -> chosen version
  std::vector<MissingPackage> missing;             // by package name
};

// Choose, for each package, the newest installed version meeting every
// enabled requirement and every range constraint; `preferred` (package ->
// unit id, from cabal's plan.json) wins when it meets them. Then make the
// choice consistent with what the chosen packages were built against.
InstalledChoice choose_installed(const std::vector<Requirement>& requirements,
                                 const std::vector<cabal::UserConstraint>& constraints,
                                 const InstalledIndex& index,
                                 const std::map<std::string, std::string>& preferred);

// Whether `version` of the package has every library the requirement names.
bool has_libraries(const InstalledIndex& index, const Requirement& r, const cabal::Version& version);

}  // namespace mhu::planner
