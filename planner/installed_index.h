// Lookup over the installed packages of a package-database stack.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "planner/package_db.h"

namespace mhu::planner {

struct InstalledIndex {
  // Unit id -> package; a later database shadows an earlier one, as in GHC.
  std::map<std::string, const InstalledPackage*> by_id;
  // Package name -> its libraries (main and sub-libraries), every version.
  std::map<std::string, std::vector<const InstalledPackage*>> by_name;
};

// The index refers into `stack`, which must outlive it.
InstalledIndex index_packages(const PackageDbStack& stack);

// The installed versions of a package, newest first, each once.
std::vector<cabal::Version> installed_versions(const InstalledIndex& index, const std::string& package);

// The library `lib` ("" = main) of version `version` of `package`; the one in
// the latest database when several are registered. Null when there is none.
const InstalledPackage* find_library(const InstalledIndex& index, const std::string& package,
                                     const cabal::Version& version, const std::string& lib);

}  // namespace mhu::planner
