#include "planner/installed_index.h"

#include <algorithm>
#include <functional>

namespace mhu::planner {

InstalledIndex index_packages(const PackageDbStack& stack) {
  InstalledIndex index;
  for (const auto& p : stack.packages) index.by_id[p.id] = &p;
  for (const auto& [id, p] : index.by_id) index.by_name[p->name].push_back(p);
  return index;
}

std::vector<cabal::Version> installed_versions(const InstalledIndex& index, const std::string& package) {
  std::vector<cabal::Version> out;
  auto it = index.by_name.find(package);
  if (it == index.by_name.end()) return out;
  for (const InstalledPackage* p : it->second) out.push_back(p->version);
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return b < a; });
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

const InstalledPackage* find_library(const InstalledIndex& index, const std::string& package,
                                     const cabal::Version& version, const std::string& lib) {
  auto it = index.by_name.find(package);
  if (it == index.by_name.end()) return nullptr;
  const InstalledPackage* found = nullptr;
  for (const InstalledPackage* p : it->second) {
    if (p->lib_name != lib || !(p->version == version)) continue;
    // Several registrations of one version (global and store): prefer the
    // later database, as GHC's stacking does; packages are stored in
    // database order, so the later one is the one further on.
    if (!found || std::less<const InstalledPackage*>()(found, p)) found = p;
  }
  return found;
}

}  // namespace mhu::planner
