#include "cabal/configuration.h"

#include <algorithm>
#include <map>
#include <optional>
#include <type_traits>

#include "cabal/package_parser.h"

namespace mhu::cabal {

namespace {

struct DepEntry {
  VersionRange range;
  std::vector<std::string> libraries;
};
using DependencyMap = std::map<std::string, DepEntry>;

// `>=0` as written or as `-any` (a cheap structural test, not by meaning).
bool is_plain_any(const VersionRange& r) {
  return r.op == VersionRange::Op::OrLater && r.version.numbers.size() == 1 && r.version.numbers[0] == 0;
}

void add_constraints(DependencyMap& map, const std::vector<Dependency>& deps) {
  for (const auto& d : deps) {
    auto [it, fresh] = map.try_emplace(d.package, DepEntry{d.range, d.libraries});
    if (fresh) continue;
    // Intersecting with "any" changes nothing; keep the printed range simple.
    if (is_plain_any(it->second.range)) it->second.range = d.range;
    else if (!is_plain_any(d.range)) it->second.range = intersect(std::move(it->second.range), d.range);
    auto& libs = it->second.libraries;
    for (const auto& l : d.libraries)
      if (std::find(libs.begin(), libs.end(), l) == libs.end()) libs.push_back(l);
    std::sort(libs.begin(), libs.end());
  }
}

// Cabal's simplifyCondTree, first half: the nodes whose data apply, in the
// order they combine (the node, then each taken branch's, in order).
template <class Tree, class FlagValue>
void taken_nodes(Tree& t, const Platform& p, const FlagValue& flag, std::vector<Tree*>& out) {
  out.push_back(&t);
  for (auto& b : t.branches) {
    if (evaluate(b.condition, p, flag)) taken_nodes(b.then_tree[0], p, flag, out);
    else if (!b.else_tree.empty()) taken_nodes(b.else_tree[0], p, flag, out);
  }
}

// The build-depends of those nodes as Cabal resolves them: one per package,
// sorted by name, ranges intersected in order, libraries united. With Move
// (the nodes being consumed) the dependencies are moved out of the nodes.
template <bool Move, class Tree>
std::vector<Dependency> resolved_depends(const std::vector<Tree*>& nodes) {
  using Dep = std::conditional_t<Move, Dependency, const Dependency>;
  thread_local std::vector<Dep*> all;  // storage kept from call to call
  all.clear();
  for (Tree* t : nodes)
    for (auto& d : t->data.build_info.build_depends) all.push_back(&d);
  auto by_name = [](const Dependency* a, const Dependency* b) { return a->package < b->package; };
  if (all.size() <= 32) {
    // Insertion sort: stable, and no temporary buffer for the usual few.
    for (size_t i = 1; i < all.size(); ++i)
      for (size_t j = i; j > 0 && by_name(all[j], all[j - 1]); --j) std::swap(all[j], all[j - 1]);
  } else {
    std::stable_sort(all.begin(), all.end(), by_name);
  }
  auto take = [](auto& x) -> decltype(auto) {
    if constexpr (Move) return std::move(x);
    else return static_cast<const std::remove_reference_t<decltype(x)>&>(x);
  };
  std::vector<Dependency> out;
  size_t packages = all.empty() ? 0 : 1;
  for (size_t i = 1; i < all.size(); ++i) packages += all[i]->package != all[i - 1]->package;
  out.reserve(packages);
  for (size_t i = 0; i < all.size();) {
    size_t j = i + 1;
    while (j < all.size() && all[j]->package == all[i]->package) ++j;
    Dependency& r = out.emplace_back(take(*all[i]));
    for (size_t k = i + 1; k < j; ++k) {
      Dep& d = *all[k];
      // Intersecting with "any" changes nothing; keep the printed range simple.
      if (is_plain_any(r.range)) r.range = take(d.range);
      else if (!is_plain_any(d.range)) r.range = intersect(std::move(r.range), take(d.range));
      for (auto& l : d.libraries)
        if (std::find(r.libraries.begin(), r.libraries.end(), l) == r.libraries.end()) r.libraries.push_back(take(l));
      std::sort(r.libraries.begin(), r.libraries.end());
    }
    i = j;
  }
  return out;
}

int group_of(const Component& c) {
  switch (c.kind) {
    case ComponentKind::Library: return c.name.empty() ? 0 : 1;
    case ComponentKind::ForeignLibrary: return 2;
    case ComponentKind::Executable: return 3;
    case ComponentKind::TestSuite: return 4;
    case ComponentKind::Benchmark: return 5;
  }
  return 6;
}

bool requested(const ResolveOptions& o, ComponentKind k) {
  if (k == ComponentKind::TestSuite) return o.enable_tests;
  if (k == ComponentKind::Benchmark) return o.enable_benchmarks;
  return true;
}

// Resolve every component with one flag assignment. Gpd is const, or (Move)
// consumed: its components' data are moved into `out`, not copied.
template <bool Move, class Gpd>
void resolve_with(Gpd& gpd, const ResolveOptions& o, const FlagAssignment& flags, ResolvedPackage& out) {
  using Comp = std::conditional_t<Move, Component, const Component>;
  using Tree = std::conditional_t<Move, CondTree, const CondTree>;
  auto flag = [&](const std::string& name) {
    for (const auto& [n, v] : flags)
      if (n == name) return v;
    return false;  // undefined flags are rejected by the parser
  };
  out.components.clear();
  out.components.reserve(gpd.components.size());
  // Components by group, each group in file order (a stable sort by group).
  std::vector<Comp*> order;
  order.reserve(gpd.components.size());
  for (int group = 0; group <= 6; ++group)
    for (auto& c : gpd.components)
      if (group_of(c) == group) order.push_back(&c);
  thread_local std::vector<Tree*> nodes;  // storage kept from call to call
  for (Comp* c : order) {
    ResolvedComponent& rc = out.components.emplace_back();
    rc.kind = c->kind;
    nodes.clear();
    taken_nodes(c->tree, o.platform, flag, nodes);
    std::vector<Dependency> deps = resolved_depends<Move>(nodes);
    if constexpr (Move) {
      // The nodes' build-depends are in `deps` now: the merged data has none.
      for (Tree* t : nodes) t->data.build_info.build_depends.clear();
      rc.name = std::move(c->name);
      rc.data = std::move(nodes[0]->data);
      for (size_t i = 1; i < nodes.size(); ++i) append_component_data(rc.data, std::move(nodes[i]->data));
    } else {
      rc.name = c->name;
      rc.data = nodes[0]->data;
      for (size_t i = 1; i < nodes.size(); ++i) append_component_data(rc.data, nodes[i]->data);
    }
    if (rc.data.build_info.buildable) rc.build_depends = std::move(deps);
    if (rc.data.build_info.hs_source_dirs.empty()) rc.data.build_info.hs_source_dirs.push_back(".");
  }
}

// The first unmet dependency of the requested components, if any. As Cabal's
// overallDependencies, the components' dependencies are checked together: one
// per package, ranges intersected across components.
std::optional<Dependency> unmet(const ResolvedPackage& p, const ResolveOptions& o) {
  if (!o.available) return std::nullopt;
  DependencyMap all;
  for (const auto& c : p.components)
    if (requested(o, c.kind)) add_constraints(all, c.build_depends);
  for (auto& [name, e] : all) {
    Dependency d{name, std::move(e.range), std::move(e.libraries)};
    if (!o.available(d)) return d;
  }
  return std::nullopt;
}

}  // namespace

bool parse_flag_assignment(std::string_view text, FlagAssignment& out, std::string& error) {
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == ',' || text[i] == '\t')) ++i;
    if (i >= text.size()) break;
    size_t j = i;
    while (j < text.size() && text[j] != ' ' && text[j] != ',' && text[j] != '\t') ++j;
    std::string_view word = text.substr(i, j - i);
    bool value = true;
    if (word[0] == '-' || word[0] == '+') {
      value = word[0] == '+';
      word.remove_prefix(1);
    }
    if (word.empty()) {
      error = "empty flag name in '" + std::string(text) + "'";
      return false;
    }
    std::string name = ascii_lower(word);
    auto it = std::find_if(out.begin(), out.end(), [&](const auto& p) { return p.first == name; });
    if (it != out.end()) it->second = value;
    else out.emplace_back(std::move(name), value);
    i = j;
  }
  return true;
}

namespace {

// Components must have distinct names (Cabal aborts otherwise).
bool distinct_names(const ResolvedPackage& out, Diagnostics& diags) {
  for (size_t i = 0; i < out.components.size(); ++i)
    for (size_t j = i + 1; j < out.components.size(); ++j)
      if (!out.components[i].name.empty() && out.components[i].name == out.components[j].name) {
        diags.error({0, 0}, "There exist several components with the same name: '" + out.components[i].name + "'");
        return false;
      }
  return true;
}

}  // namespace

bool resolve_package(const GenericPackageDescription& gpd, const ResolveOptions& o,
                     ResolvedPackage& out, Diagnostics& diags) {
  out.name = gpd.name;
  out.version = gpd.version;
  out.spec = gpd.spec;

  // Each flag's candidate values: the user's, else the default, then (for
  // automatic flags) its opposite. Tried depth-first in declaration order.
  std::vector<std::vector<bool>> choices;
  for (const auto& f : gpd.flags) {
    auto user = std::find_if(o.user_flags.begin(), o.user_flags.end(),
                             [&](const auto& p) { return p.first == f.name; });
    if (user != o.user_flags.end()) choices.push_back({user->second});
    else if (f.manual || !o.available) choices.push_back({f.default_value});
    else choices.push_back({f.default_value, !f.default_value});
  }
  std::vector<size_t> pick(choices.size(), 0);
  std::string unmet_text;
  while (true) {
    FlagAssignment flags;
    for (size_t i = 0; i < gpd.flags.size(); ++i) flags.emplace_back(gpd.flags[i].name, choices[i][pick[i]]);
    resolve_with<false>(gpd, o, flags, out);
    std::optional<Dependency> u = unmet(out, o);
    if (!u) {
      out.flags = std::move(flags);
      break;
    }
    if (unmet_text.empty()) unmet_text = u->package + " " + to_string(u->range);
    // Next assignment, last flag varying fastest.
    size_t k = pick.size();
    while (k > 0 && pick[k - 1] + 1 >= choices[k - 1].size()) pick[--k] = 0;
    if (k == 0) {
      diags.error({0, 0}, "package " + gpd.name + ": no choice of flags satisfies its dependencies; missing: " + unmet_text);
      return false;
    }
    ++pick[k - 1];
  }
  return distinct_names(out, diags);
}

bool resolve_package(GenericPackageDescription&& gpd, const ResolveOptions& o, ResolvedPackage& out,
                     Diagnostics& diags) {
  // Several flag assignments may be tried: each needs the whole description.
  if (o.available) return resolve_package(static_cast<const GenericPackageDescription&>(gpd), o, out, diags);
  // Without `available` every flag has one candidate: the user's or its default.
  FlagAssignment flags;
  flags.reserve(gpd.flags.size());
  for (const auto& f : gpd.flags) {
    auto user = std::find_if(o.user_flags.begin(), o.user_flags.end(),
                             [&](const auto& p) { return p.first == f.name; });
    flags.emplace_back(f.name, user != o.user_flags.end() ? user->second : f.default_value);
  }
  out.name = std::move(gpd.name);
  out.version = std::move(gpd.version);
  out.spec = gpd.spec;
  resolve_with<true>(gpd, o, flags, out);
  out.flags = std::move(flags);
  return distinct_names(out, diags);
}

}  // namespace mhu::cabal
