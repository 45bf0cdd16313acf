#include "planner/targets.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

namespace mhu::planner {

using cabal::ComponentKind;

namespace {

std::vector<std::string> split_colons(const std::string& s) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    size_t c = s.find(':', start);
    parts.push_back(s.substr(start, c - start));
    if (c == std::string::npos) return parts;
    start = c + 1;
  }
}

// A component kind word: singular (one component) or plural (a filter).
struct KindWord {
  ComponentKind kind;
  bool sub_library_only = false;  // stack's `sub-lib`
  bool plural = false;
};

bool kind_word(const std::string& w, KindWord& out) {
  static const std::map<std::string, KindWord> words = {
      {"lib", {ComponentKind::Library}},          {"library", {ComponentKind::Library}},
      {"sub-lib", {ComponentKind::Library, true}}, {"flib", {ComponentKind::ForeignLibrary}},
      {"foreign-library", {ComponentKind::ForeignLibrary}},
      {"exe", {ComponentKind::Executable}},       {"executable", {ComponentKind::Executable}},
      {"test", {ComponentKind::TestSuite}},       {"test-suite", {ComponentKind::TestSuite}},
      {"bench", {ComponentKind::Benchmark}},      {"benchmark", {ComponentKind::Benchmark}},
      {"libs", {ComponentKind::Library, false, true}},
      {"flibs", {ComponentKind::ForeignLibrary, false, true}},
      {"foreign-libraries", {ComponentKind::ForeignLibrary, false, true}},
      {"exes", {ComponentKind::Executable, false, true}},
      {"executables", {ComponentKind::Executable, false, true}},
      {"tests", {ComponentKind::TestSuite, false, true}},
      {"test-suites", {ComponentKind::TestSuite, false, true}},
      {"benches", {ComponentKind::Benchmark, false, true}},
      {"benchmarks", {ComponentKind::Benchmark, false, true}},
  };
  auto it = words.find(w);
  if (it == words.end()) return false;
  out = it->second;
  return true;
}

bool is_main_lib(const Unit& u) { return u.kind == ComponentKind::Library && u.component_name.empty(); }

// What a whole-package or `all` selection takes.
bool taken_by_default(const Unit& u) { return u.buildable && u.enabled; }

struct Matcher {
  const UnitGraph& graph;
  std::set<std::string> packages;

  bool is_package(const std::string& p) const { return packages.count(p) > 0; }

  // Units of package `pkg` ("" = every package) of the kind, named `name`
  // ("" = any name; for `lib`, "" names the main library when `exact`).
  void by_kind(const std::string& pkg, const KindWord& k, const std::string& name, bool named,
               std::vector<const Unit*>& out) const {
    for (const auto& u : graph.units) {
      if (!pkg.empty() && u.package_name != pkg) continue;
      if (pkg.empty() && k.plural && u.extra_dep) continue;  // `all:exes`: the project's own packages
      if (u.kind != k.kind) continue;
      if (k.sub_library_only && u.component_name.empty()) continue;
      if (named && u.component_name != name) continue;
      if (k.plural && !u.buildable) continue;
      out.push_back(&u);
    }
  }

  // `all` (pkg "") is the project's own packages: not a stack extra-dep's units.
  void whole_package(const std::string& pkg, std::vector<const Unit*>& out) const {
    for (const auto& u : graph.units)
      if ((pkg.empty() ? !u.extra_dep : u.package_name == pkg) && taken_by_default(u)) out.push_back(&u);
  }

  // A component by name in every package (cabal's `NAME` and `:NAME` forms).
  void by_name(const std::string& pkg, const std::string& name, std::vector<const Unit*>& out) const {
    for (const auto& u : graph.units)
      if ((pkg.empty() || u.package_name == pkg) && !u.component_name.empty() && u.component_name == name)
        out.push_back(&u);
  }

  // The package whose directory is `path` or holds it (the deepest one);
  // with project_only, not a stack extra-dep.
  std::string package_at(const std::string& path, bool project_only = false) const {
    std::error_code ec;
    auto p = std::filesystem::weakly_canonical(path, ec);
    if (ec) return "";
    std::string best, best_dir;
    std::set<std::string> seen;  // each package directory once: canonical paths cost system calls
    for (const auto& u : graph.units) {
      if (project_only && u.extra_dep) continue;
      if (!seen.insert(u.package_dir).second) continue;
      auto d = std::filesystem::weakly_canonical(u.package_dir, ec).string();
      auto s = p.string();
      bool inside = s == d || (s.size() > d.size() && s.compare(0, d.size(), d) == 0 && s[d.size()] == '/');
      if (inside && d.size() > best_dir.size()) best = u.package_name, best_dir = d;
    }
    return best;
  }

  bool match(const std::string& t, const std::string& cwd, std::vector<const Unit*>& out) const {
    std::vector<std::string> parts = split_colons(t);
    KindWord k;
    if (parts.size() == 1) {
      if (t == "all") return whole_package("", out), true;
      if (is_package(t)) return whole_package(t, out), true;
      by_name("", t, out);
      if (!out.empty()) return true;
      std::filesystem::path p(t);
      if (p.is_relative()) p = std::filesystem::path(cwd) / p;
      std::error_code ec;
      if (std::filesystem::is_directory(p, ec)) {
        std::string pkg = package_at(p.string());
        if (!pkg.empty()) return whole_package(pkg, out), true;
      }
      return false;
    }
    if (parts.size() == 2) {
      const std::string &a = parts[0], &b = parts[1];
      if (a == "all" && kind_word(b, k) && k.plural) return by_kind("", k, "", false, out), true;
      if (a.empty()) return by_name("", b, out), !out.empty();
      if (kind_word(a, k) && !k.plural) {
        // `lib:PKG` is a package's main library; `lib:NAME` a sub-library.
        if (k.kind == ComponentKind::Library && is_package(b)) return by_kind(b, k, "", true, out), !out.empty();
        by_kind("", k, b, true, out);
        return !out.empty();
      }
      if (!is_package(a)) return false;
      if (kind_word(b, k)) {
        if (k.plural) return by_kind(a, k, "", false, out), true;
        if (k.kind == ComponentKind::Library && !k.sub_library_only) return by_kind(a, k, "", true, out), !out.empty();
        return false;
      }
      if (b == "all") return whole_package(a, out), true;
      by_name(a, b, out);
      return !out.empty();
    }
    if (parts.size() == 3 && is_package(parts[0]) && kind_word(parts[1], k) && !k.plural) {
      by_kind(parts[0], k, parts[2], true, out);
      if (out.empty() && k.kind == ComponentKind::Library && parts[2] == parts[0]) by_kind(parts[0], k, "", true, out);
      return !out.empty();
    }
    return false;
  }
};

size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t prev = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t cur = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] == b[j - 1] ? 0 : 1)});
      prev = cur;
    }
  }
  return row[b.size()];
}

std::string closest_targets(const UnitGraph& graph, const std::string& t) {
  std::set<std::string> candidates = {"all"};
  for (const auto& u : graph.units)
    for (auto& s : target_spellings(u)) candidates.insert(s);
  std::vector<std::pair<size_t, std::string>> ranked;
  for (const auto& c : candidates) ranked.emplace_back(edit_distance(t, c), c);
  std::sort(ranked.begin(), ranked.end());
  std::string out;
  for (size_t i = 0; i < ranked.size() && i < 3; ++i) out += (i ? ", " : "") + ranked[i].second;
  return out;
}

}  // namespace

std::vector<std::string> target_spellings(const Unit& u) {
  std::vector<std::string> out;
  const std::string& p = u.package_name;
  if (is_main_lib(u)) {
    out = {p, p + ":lib", "lib:" + p, p + ":lib:" + p};
  } else {
    std::string sel = component_selector(u);
    out = {sel, p + ":" + sel, u.component_name, stack_target(u)};
  }
  return out;
}

bool select_targets(const UnitGraph& graph, const std::vector<std::string>& targets,
                    const std::string& cwd, Selection& out, cabal::Diagnostics& diags) {
  Matcher m{graph, {}};
  for (const auto& u : graph.units) m.packages.insert(u.package_name);
  std::vector<std::string> wanted = targets;
  if (wanted.empty()) {
    std::string here = m.package_at(cwd, true);
    wanted.push_back(here.empty() ? "all" : here);
  }
  std::set<const Unit*> chosen;
  bool ok = true;
  for (const auto& t : wanted) {
    std::vector<const Unit*> found;
    if (!m.match(t, cwd, found)) {
      diags.error({0, 0}, "unknown target '" + t + "'; the closest are: " + closest_targets(graph, t));
      ok = false;
      continue;
    }
    for (const Unit* u : found) {
      if (!u->buildable) {
        diags.error({0, 0}, "target '" + t + "': " + stack_target(*u) + " is not buildable (buildable: False)");
        ok = false;
      }
      chosen.insert(u);
    }
    if (found.empty()) out.notes.push_back("target '" + t + "' selects no buildable, enabled component");
  }
  if (!ok) return false;
  for (const auto& u : graph.units)
    if (chosen.count(&u)) out.unit_ids.push_back(u.id);
  return true;
}

bool close_selection(const UnitGraph& graph, Selection& sel, cabal::Diagnostics& diags) {
  std::map<std::string, const Unit*> by_id;
  for (const auto& u : graph.units) by_id[u.id] = &u;
  std::set<std::string> in(sel.unit_ids.begin(), sel.unit_ids.end());
  // Depth-first from each selected unit; a unit met again while still on the
  // path closes a cycle.
  enum Mark { None, Active, Done };
  std::map<std::string, Mark> mark;
  std::vector<std::string> path;
  std::string cycle;
  auto visit = [&](auto& self, const std::string& id, const std::string& from) -> void {
    if (!cycle.empty()) return;
    Mark& mk = mark[id];
    if (mk == Done) return;
    if (mk == Active) {
      auto start = std::find(path.begin(), path.end(), id);
      for (auto it = start; it != path.end(); ++it) cycle += *it + " -> ";
      cycle += id;
      return;
    }
    mk = Active;
    path.push_back(id);
    if (!in.count(id)) {
      in.insert(id);
      sel.notes.push_back("added " + stack_target(*by_id[id]) + " (" + id + "): a dependency of " + from);
    }
    for (const auto& dep : by_id[id]->home_deps) self(self, dep, id);
    path.pop_back();
    mark[id] = Done;
  };
  for (const auto& id : std::vector<std::string>(sel.unit_ids)) visit(visit, id, "");
  if (!cycle.empty()) {
    diags.error({0, 0}, "home units depend on each other in a cycle: " + cycle);
    return false;
  }
  sel.unit_ids.clear();
  for (const auto& u : graph.units)
    if (in.count(u.id)) sel.unit_ids.push_back(u.id);
  return true;
}

}  // namespace mhu::planner
