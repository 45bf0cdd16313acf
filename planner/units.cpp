#include "planner/units.h"

#include <algorithm>

#include "cabal/configuration.h"

namespace mhu::planner {

using cabal::ComponentKind;
using cabal::Dependency;

namespace {

void append_flags(cabal::FlagAssignment& to, const cabal::FlagAssignment& from) {
  for (const auto& [name, value] : from) {
    auto it = std::find_if(to.begin(), to.end(), [&name = name](const auto& p) { return p.first == name; });
    if (it != to.end()) it->second = value;
    else to.emplace_back(name, value);
  }
}

// What the project says about one package: `package *`, then `package NAME`,
// then flag constraints, then the command line (not for a stack extra-dep).
struct Settings {
  cabal::FlagAssignment flags;
  std::vector<std::string> ghc_options;
  bool tests = false, benchmarks = false;
};

Settings settings_for(const cabal::ProjectConfig& project, const LocalPackage& pkg, const PlanOptions& o) {
  const std::string& name = pkg.description.name;
  cabal::PackageSettings p = cabal::package_settings(project, name, !pkg.extra_dep);
  Settings s;
  s.flags = std::move(p.flags);
  s.ghc_options = std::move(p.ghc_options);
  s.tests = p.tests.value_or(project.tests.value_or(false));
  s.benchmarks = p.benchmarks.value_or(project.benchmarks.value_or(false));
  for (const auto& c : project.constraints)
    if (c.kind == cabal::UserConstraint::Kind::Flags && c.package == name) append_flags(s.flags, c.flags);
  // A stack extra-dep is a dependency: the command line's flags and test and
  // benchmark switches are for the project's own packages.
  if (pkg.extra_dep) {
    s.tests = s.benchmarks = false;
    return s;
  }
  append_flags(s.flags, o.flags);
  if (o.enable_tests) s.tests = *o.enable_tests;
  if (o.enable_benchmarks) s.benchmarks = *o.enable_benchmarks;
  return s;
}

using LocalNames = std::map<std::string, const LocalPackage*>;

// Whether an installed version meets a dependency (for choosing flags).
bool installed_meets(const InstalledIndex& index, const Dependency& d) {
  Requirement r{d.package, d.range, d.libraries, "", true};
  for (const auto& v : installed_versions(index, d.package))
    if (d.range.contains(v) && has_libraries(index, r, v)) return true;
  return false;
}

// Only the flags the package declares (a `package *` flag may name others).
cabal::FlagAssignment declared_only(const cabal::GenericPackageDescription& gpd,
                                    const cabal::FlagAssignment& flags) {
  cabal::FlagAssignment out;
  for (const auto& f : flags)
    for (const auto& decl : gpd.flags)
      if (decl.name == f.first) out.push_back(f);
  return out;
}

bool resolve(const LocalPackage& pkg, const Settings& s, const LocalNames& locals,
             const InstalledIndex& index, const PlanOptions& o, cabal::ResolvedPackage& out,
             cabal::Diagnostics& diags) {
  cabal::ResolveOptions ro;
  ro.platform = o.platform;
  ro.user_flags = declared_only(pkg.description, s.flags);
  ro.enable_tests = s.tests;
  ro.enable_benchmarks = s.benchmarks;
  const std::string& self = pkg.description.name;
  ro.available = [&](const Dependency& d) {
    return d.package == self || locals.count(d.package) || installed_meets(index, d);
  };
  cabal::Diagnostics attempt;
  if (cabal::resolve_package(pkg.description, ro, out, attempt)) return true;
  // No flag choice meets every dependency with what is installed: keep the
  // defaults; the missing packages are reported for the units that need them.
  ro.available = nullptr;
  cabal::Diagnostics second;
  if (cabal::resolve_package(pkg.description, ro, out, second)) return true;
  for (auto& d : second.items) diags.error_in(pkg.cabal_file, d.pos, d.message);
  return false;
}

// other-modules then autogen-modules, each once.
std::vector<std::string> hidden_modules(const cabal::ComponentData& data) {
  std::vector<std::string> out;
  auto add = [&](const std::vector<std::string>& ms) {
    for (const auto& m : ms)
      if (std::find(out.begin(), out.end(), m) == out.end()) out.push_back(m);
  };
  add(data.build_info.other_modules);
  add(data.build_info.autogen_modules);
  // An autogen module that is exposed stays exposed.
  std::erase_if(out, [&](const std::string& m) {
    return std::find(data.exposed_modules.begin(), data.exposed_modules.end(), m) != data.exposed_modules.end();
  });
  return out;
}

Unit make_unit(const LocalPackage& pkg, const Settings& s, cabal::ResolvedComponent& c) {
  Unit u;
  u.package_name = pkg.description.name;
  u.package_version = pkg.description.version;
  u.kind = c.kind;
  u.component_name = c.name;
  u.id = inplace_unit_id(u.package_name, u.package_version, c.kind, c.name);
  u.buildable = c.data.build_info.buildable;
  u.enabled = c.kind == ComponentKind::TestSuite   ? s.tests
              : c.kind == ComponentKind::Benchmark ? s.benchmarks
                                                   : true;
  u.extra_dep = pkg.extra_dep;
  u.package_dir = pkg.dir;
  u.cabal_file = pkg.cabal_file;
  u.hidden_modules = hidden_modules(c.data);
  u.ghc_options = c.data.build_info.ghc_options;
  u.ghc_options.insert(u.ghc_options.end(), s.ghc_options.begin(), s.ghc_options.end());
  u.data = std::move(c.data);
  return u;
}

// Libraries of local packages by (package, library name) ("" = main library).
using LibraryIndex = std::map<std::pair<std::string, std::string>, const Unit*>;

LibraryIndex index_libraries(const std::vector<Unit>& units) {
  LibraryIndex out;
  for (const auto& u : units)
    if (u.kind == ComponentKind::Library) out.emplace(std::make_pair(u.package_name, u.component_name), &u);
  return out;
}

std::string library_label(const std::string& package, const std::string& lib) {
  return lib.empty() ? "the library of package '" + package + "'"
                     : "library '" + lib + "' of package '" + package + "'";
}

// Home dependencies of unit u from its build-depends, and its requirements on
// installed packages.
bool link_unit(Unit& u, const std::vector<Dependency>& deps, const LibraryIndex& libraries,
               const LocalNames& locals, std::vector<Requirement>& reqs, cabal::Diagnostics& diags) {
  bool ok = true;
  for (const auto& d : deps) {
    std::vector<std::string> libs = d.libraries;
    if (libs.empty()) libs.push_back("");
    bool own = d.package == u.package_name;
    if (!own && !locals.count(d.package)) {
      reqs.push_back({d.package, d.range, libs, u.id, u.enabled});
      continue;
    }
    for (const auto& lib : libs) {
      auto found = libraries.find({d.package, lib});
      const Unit* target = found == libraries.end() ? nullptr : found->second;
      std::string who = component_selector(u) + " of package '" + u.package_name + "'";
      if (!target) {
        diags.error_in(u.cabal_file, {0, 0}, who + " depends on " + library_label(d.package, lib) +
                                                 ", which does not exist");
        ok = false;
      } else if (!own && !lib.empty() && !target->data.public_visibility) {
        diags.error_in(u.cabal_file, {0, 0}, who + " depends on " + library_label(d.package, lib) +
                                                 ", which is private (it needs `visibility: public`)");
        ok = false;
      } else if (!target->buildable) {
        diags.error_in(u.cabal_file, {0, 0}, who + " depends on " + library_label(d.package, lib) +
                                                 ", which is not buildable");
        ok = false;
      } else {
        u.home_deps.push_back(target->id);
      }
    }
  }
  return ok;
}

void sort_unique(std::vector<std::string>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

}  // namespace

bool build_unit_graph(const cabal::ProjectConfig& project, const std::vector<LocalPackage>& packages,
                      const InstalledIndex& index, const PlanOptions& options, UnitGraph& out,
                      cabal::Diagnostics& diags) {
  LocalNames locals;
  for (const auto& p : packages) {
    auto [it, fresh] = locals.emplace(p.description.name, &p);
    if (!fresh) {
      diags.error_in(p.cabal_file, {0, 0}, "package '" + p.description.name + "' is also defined by " +
                                               it->second->cabal_file + "; a project has each package once");
      return false;
    }
  }

  // Resolve every package, then make its components units.
  std::vector<std::vector<Dependency>> unit_deps;
  bool ok = true;
  for (const auto& p : packages) {
    Settings s = settings_for(project, p, options);
    cabal::ResolvedPackage rp;
    if (!resolve(p, s, locals, index, options, rp, diags)) {
      ok = false;
      continue;
    }
    out.flags[p.description.name] = rp.flags;
    for (auto& c : rp.components) {
      unit_deps.push_back(std::move(c.build_depends));
      out.units.push_back(make_unit(p, s, c));
    }
  }
  if (!ok) return false;

  std::vector<Requirement> reqs;
  LibraryIndex libraries = index_libraries(out.units);
  for (size_t i = 0; i < out.units.size(); ++i)
    if (out.units[i].buildable) ok &= link_unit(out.units[i], unit_deps[i], libraries, locals, reqs, diags);
  if (!ok) return false;

  InstalledChoice choice = choose_installed(reqs, project.constraints, index, options.preferred);
  std::unordered_map<std::string, Unit*> by_id;
  for (size_t i = 0; i < out.units.size(); ++i) {
    by_id[out.units[i].id] = &out.units[i];
    out.positions[out.units[i].id] = i;
  }
  for (const auto& r : reqs) {
    auto v = choice.versions.find(r.package);
    if (v == choice.versions.end() || !r.range.contains(v->second)) continue;  // listed as missing
    for (const auto& lib : r.libraries)
      if (const InstalledPackage* p = find_library(index, r.package, v->second, lib))
        by_id[r.needed_by]->installed_deps.push_back(p->id);
  }
  out.missing = std::move(choice.missing);
  for (auto& u : out.units) {
    sort_unique(u.home_deps);
    sort_unique(u.installed_deps);
    std::map<std::string, cabal::Version> pkgs;
    for (const auto& id : u.home_deps) pkgs.emplace(by_id[id]->package_name, by_id[id]->package_version);
    for (const auto& id : u.installed_deps)
      if (auto it = index.by_id.find(id); it != index.by_id.end()) pkgs.emplace(it->second->name, it->second->version);
    u.dep_packages.assign(pkgs.begin(), pkgs.end());
  }
  return true;
}

const Unit* find_unit(const UnitGraph& graph, const std::string& id) {
  if (auto it = graph.positions.find(id); it != graph.positions.end() && it->second < graph.units.size() &&
                                          graph.units[it->second].id == id)
    return &graph.units[it->second];
  for (const auto& u : graph.units)  // a graph built by hand, without positions
    if (u.id == id) return &u;
  return nullptr;
}

}  // namespace mhu::planner
