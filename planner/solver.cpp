#include "planner/solver.h"

#include <algorithm>

namespace mhu::planner {

using cabal::Version;
using cabal::VersionRange;

namespace {

using Group = std::vector<const Requirement*>;

bool meets(const InstalledIndex& index, const Group& group,
           const std::vector<const VersionRange*>& constraints, const Version& v, bool enabled_only) {
  for (const VersionRange* c : constraints)
    if (!c->contains(v)) return false;
  for (const Requirement* r : group) {
    if (enabled_only && !r->enabled) continue;
    if (!r->range.contains(v) || !has_libraries(index, *r, v)) return false;
  }
  return true;
}

// The version a plan.json unit id names, when it is installed.
bool preferred_version(const InstalledIndex& index, const std::map<std::string, std::string>& preferred,
                       const std::string& package, Version& out) {
  auto it = preferred.find(package);
  if (it == preferred.end()) return false;
  auto p = index.by_id.find(it->second);
  if (p == index.by_id.end()) return false;
  out = p->second->version;
  return true;
}

// Packages the chosen ones were built against, by name: an installed library
// depends on exact unit ids, so choosing another version of one of them
// would put two versions of a package into one session.
void make_consistent(const InstalledIndex& index, std::map<std::string, Version>& versions,
                     const std::map<std::string, Group>& groups,
                     const std::map<std::string, std::vector<const VersionRange*>>& constraints) {
  for (int round = 0; round < 8; ++round) {
    bool changed = false;
    for (const auto& [name, version] : versions) {
      const InstalledPackage* lib = find_library(index, name, version, "");
      if (!lib) continue;
      for (const auto& dep_id : lib->depends) {
        auto d = index.by_id.find(dep_id);
        if (d == index.by_id.end()) continue;
        auto chosen = versions.find(d->second->name);
        if (chosen == versions.end() || chosen->second == d->second->version) continue;
        auto g = groups.find(d->second->name);
        auto c = constraints.find(d->second->name);
        static const std::vector<const VersionRange*> none;
        if (g != groups.end() && meets(index, g->second, c == constraints.end() ? none : c->second,
                                       d->second->version, true)) {
          chosen->second = d->second->version;
          changed = true;
        }
      }
    }
    if (!changed) return;
  }
}

}  // namespace

bool has_libraries(const InstalledIndex& index, const Requirement& r, const Version& version) {
  if (r.libraries.empty()) return find_library(index, r.package, version, "") != nullptr;
  for (const auto& lib : r.libraries)
    if (!find_library(index, r.package, version, lib)) return false;
  return true;
}

InstalledChoice choose_installed(const std::vector<Requirement>& requirements,
                                 const std::vector<cabal::UserConstraint>& constraints,
                                 const InstalledIndex& index,
                                 const std::map<std::string, std::string>& preferred) {
  std::map<std::string, Group> groups;
  for (const auto& r : requirements) groups[r.package].push_back(&r);
  std::map<std::string, std::vector<const VersionRange*>> ranges;
  for (const auto& c : constraints)
    if (c.kind == cabal::UserConstraint::Kind::Range) ranges[c.package].push_back(&c.range);

  InstalledChoice out;
  static const std::vector<const VersionRange*> none;
  for (const auto& [name, group] : groups) {
    auto c = ranges.find(name);
    const auto& cs = c == ranges.end() ? none : c->second;
    std::vector<Version> versions = installed_versions(index, name);
    Version chosen;
    // Every requirement if one version meets them all; else the enabled ones.
    bool found = false;
    for (bool enabled_only : {false, true}) {
      found = preferred_version(index, preferred, name, chosen) && meets(index, group, cs, chosen, enabled_only);
      for (size_t i = 0; !found && i < versions.size(); ++i)
        if (meets(index, group, cs, versions[i], enabled_only)) chosen = versions[i], found = true;
      if (found) break;
    }
    if (found) out.versions[name] = chosen;
    // Requirements the choice leaves unmet (all of them when nothing fits).
    MissingPackage m{name, {}, versions};
    for (const Requirement* r : group) {
      bool ok = found && r->range.contains(chosen) && has_libraries(index, *r, chosen);
      for (const VersionRange* cr : cs) ok = ok && cr->contains(chosen);
      if (!ok) m.requirements.push_back(*r);
    }
    if (!m.requirements.empty()) out.missing.push_back(std::move(m));
  }
  make_consistent(index, out.versions, groups, ranges);
  return out;
}

}  // namespace mhu::planner
