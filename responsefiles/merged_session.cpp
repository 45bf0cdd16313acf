#include "responsefiles/merged_session.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "cabal/file_io.h"
#include "responsefiles/autogen.h"

namespace mhu::responsefiles {

namespace fs = std::filesystem;
using cabal::ComponentKind;
using planner::Unit;
using Strings = std::vector<std::string>;

namespace {

// A unit's directory made absolute: PACKAGE_DIR/DIR, normalised, without a
// trailing '/'.
std::string absolute_dir(const Unit& u, const std::string& dir) {
  std::string p = fs::path(join_path(u.package_dir, dir)).lexically_normal().string();
  while (p.size() > 1 && p.back() == '/') p.pop_back();
  return p;
}

bool contains(const Strings& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }

void add_once(Strings& v, const std::string& s) {
  if (!contains(v, s)) v.push_back(s);
}

std::string comma_list(const Strings& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

bool exe_like(const Unit& u) {
  return u.kind == ComponentKind::Executable || u.kind == ComponentKind::TestSuite ||
         u.kind == ComponentKind::Benchmark;
}

// The unit's main-is file as an absolute path when it is a Haskell one, else "".
std::string haskell_main_file(const Unit& u, const Layout& layout) {
  if (!exe_like(u)) return "";
  std::string main = main_file_argument(u, layout);
  if (main.empty() || !is_haskell_file(main)) return "";
  return fs::path(join_path(u.package_dir, main)).lexically_normal().string();
}

// GHC flags whose value is the next word: such a flag and its value are one option.
bool takes_next_word(const std::string& flag) {
  static const std::set<std::string> flags = {
      "-main-is", "-package",   "-package-id", "-hide-package", "-ignore-package", "-package-db",
      "-trust",   "-distrust",  "-o",          "-odir",         "-hidir",          "-hiedir",
      "-stubdir", "-outputdir", "-dumpdir",    "-x",            "-this-unit-id",   "-this-package-name",
      "-working-dir", "-package-env", "-framework", "-framework-path", "-dep-suffix", "-dep-makefile"};
  return flags.count(flag) > 0;
}

// Options as groups of words: a flag of takes_next_word with its value, every other word alone.
std::vector<Strings> option_groups(const Strings& words) {
  std::vector<Strings> out;
  for (size_t i = 0; i < words.size(); ++i) {
    if (takes_next_word(words[i]) && i + 1 < words.size()) {
      out.push_back({words[i], words[i + 1]});
      ++i;
    } else {
      out.push_back({words[i]});
    }
  }
  return out;
}

std::string spelled(const Strings& group) {
  std::string out;
  for (const auto& w : group) out += (out.empty() ? "" : " ") + w;
  return out;
}

// The source file of module `m` in the unit's search directories, canonical; "" when none.
std::string module_file(const Unit& u, const Layout& layout, const std::string& m) {
  std::string rel = m;
  std::replace(rel.begin(), rel.end(), '.', '/');
  for (const auto& d : unit_search_dirs(u, layout))
    for (const char* ext : {".hs", ".lhs", ".hsig", ".lhsig"}) {
      std::error_code ec;
      fs::path p = fs::path(absolute_dir(u, d)) / (rel + ext);
      if (fs::is_regular_file(p, ec)) {
        fs::path c = fs::weakly_canonical(p, ec);
        return ec ? p.string() : c.string();
      }
    }
  return "";
}

// Whether the file's beginning (where its LANGUAGE pragmas are) names PackageImports.
bool file_mentions_package_imports(const std::string& path) {
  std::string head, why;
  if (!cabal::read_regular_file(path, head, why, 8192)) return false;
  return head.find("PackageImports") != std::string::npos;
}

// PackageImports in the unit's .cabal fields or ghc-options, or in a LANGUAGE
// pragma of one of its modules or its main-is file.
bool enables_package_imports(const Unit& u, const Layout& layout) {
  const auto& bi = u.data.build_info;
  for (const auto* list : {&bi.old_extensions, &bi.default_extensions, &bi.other_extensions})
    if (contains(*list, "PackageImports")) return true;
  if (contains(u.ghc_options, "-XPackageImports")) return true;
  std::string main = haskell_main_file(u, layout);
  if (!main.empty() && file_mentions_package_imports(main)) return true;
  for (const auto& m : unit_modules(u)) {
    std::string f = module_file(u, layout, m);
    if (!f.empty() && file_mentions_package_imports(f)) return true;
  }
  return false;
}

// "extension X (units A) now applies to every unit, also to B, C": for each
// entry of `all` (in order) that some units lack.
void warn_unshared(const std::string& what, const Strings& all, const std::vector<const Unit*>& units,
                   const std::vector<Strings>& per_unit, Strings& warnings) {
  for (const auto& item : all) {
    Strings have, lack;
    for (size_t i = 0; i < units.size(); ++i) (contains(per_unit[i], item) ? have : lack).push_back(units[i]->id);
    if (lack.empty()) continue;
    warnings.push_back(what + " " + item + " (" + (have.size() == 1 ? "unit " : "units ") + comma_list(have) +
                       ") now applies to every unit, also to " + comma_list(lack));
  }
}

}  // namespace

std::string merged_session_notice(const cabal::Version& ghc_version) {
  return "GHC " + cabal::to_string(ghc_version) +
         " has no multiple home units (9.4 or later); loading one merged session like stack's";
}

bool merged_arguments(const std::vector<const Unit*>& units, const Layout& layout, const SessionOptions& o,
                      Strings& args, Strings& warnings, std::string& error, const Strings& objects) {
  if (units.empty()) return error = "a merged session needs at least one unit", false;
  const Unit& active = *units.back();
  const bool repl = o.mode == SessionOptions::Mode::Repl;
  const bool several = units.size() > 1;
  Strings w;

  std::set<std::string> ids;
  for (const Unit* u : units) ids.insert(u->id);
  for (const Unit* u : units)
    for (const auto& d : u->home_deps)
      if (!ids.count(d)) return error = "unit " + u->id + " needs home unit " + d + ", which is not in the session", false;

  // The modules, each in one unit.
  Strings modules;
  std::map<std::string, const Unit*> owner;
  for (const Unit* u : units)
    for (const auto& m : unit_modules(*u)) {
      auto [it, fresh] = owner.emplace(m, u);
      if (fresh) {
        modules.push_back(m);
        continue;
      }
      const Unit* first = it->second;
      bool generated_of_package = first->package_name == u->package_name &&
                                  (m == paths_module_name(u->package_name) || m == package_info_module_name(u->package_name));
      if (generated_of_package) continue;
      std::string f1 = module_file(*first, layout, m), f2 = module_file(*u, layout, m);
      if (!f1.empty() && f1 == f2) continue;  // one source file shared by both
      error = "module " + m + " is in both " + first->id + " and " + u->id + "; a merged session cannot load both";
      return false;
    }

  if (several)
    for (const Unit* u : units)
      if (!u->hidden_modules.empty())
        w.push_back("-hidden-module " + comma_list(u->hidden_modules) + " of unit " + u->id +
                    ": every module is visible in a merged session");
  for (const Unit* u : units)
    if (u->kind == ComponentKind::Library)
      for (const auto& r : u->data.reexported_modules)
        if (r.name != r.original)
          w.push_back("-reexported-module " + r.original + " as " + r.name + " of unit " + u->id +
                      ": a merged session cannot rename modules; imports of " + r.name + " do not resolve");

  const std::string main_file = haskell_main_file(active, layout);
  const std::string main_owner = main_file.empty() ? "the active unit " + active.id + " has none"
                                                   : "the active unit " + active.id + "'s";
  for (const Unit* u : units)
    if (u != &active && exe_like(*u) && !u->data.main_is.empty())
      w.push_back("main-is " + u->data.main_is + " of unit " + u->id +
                  " left out: a merged session loads one Main module (" + main_owner + ")");

  // ghc-options: per unit, as groups; another unit's -main-is goes with its main-is.
  std::vector<Strings> unit_options(units.size());
  std::vector<Strings> component_groups, project_groups;
  Strings all_options;
  for (size_t i = 0; i < units.size(); ++i) {
    const Unit& u = *units[i];
    UnitGhcOptions opts = unit_ghc_options(u, o);
    for (int part = 0; part < 2; ++part)
      for (auto& g : option_groups(part == 0 ? opts.component : opts.project)) {
        if (g[0] == "-main-is" && &u != &active) {
          w.push_back("ghc-option " + spelled(g) + " of unit " + u.id + " left out: its main-is is not loaded");
          continue;
        }
        std::string s = spelled(g);
        add_once(unit_options[i], s);
        add_once(all_options, s);
        auto& dest = part == 0 ? component_groups : project_groups;
        if (std::find(dest.begin(), dest.end(), g) == dest.end()) dest.push_back(g);
      }
  }

  const std::string language = unit_language(active);
  {
    Strings languages;
    std::map<std::string, Strings> users;
    for (const Unit* u : units) {
      std::string l = unit_language(*u);
      add_once(languages, l);
      users[l].push_back(u->id);
    }
    for (const auto& l : languages)
      if (l != language)
        w.push_back("default-language " + l + " of " + (users[l].size() == 1 ? "unit " : "units ") +
                    comma_list(users[l]) + " is not used: a merged session has one language, " + language +
                    " (the active unit " + active.id + "'s)");
  }

  Strings extensions;
  std::vector<Strings> unit_exts;
  for (const Unit* u : units) {
    unit_exts.push_back(unit_extensions(*u));
    for (const auto& e : unit_exts.back()) add_once(extensions, e);
  }
  warn_unshared("extension", extensions, units, unit_exts, w);

  {
    Strings importers, packages;
    for (const Unit* u : units) {
      if (enables_package_imports(*u, layout)) importers.push_back(u->id);
      add_once(packages, "\"" + u->package_name + "\"");
    }
    if (!importers.empty())
      w.push_back("PackageImports (" + std::string(importers.size() == 1 ? "unit " : "units ") +
                  comma_list(importers) + "): an import naming a home package (" + comma_list(packages) +
                  ") does not resolve, a merged session has no -this-unit-id or -this-package-name");
  }

  warn_unshared("ghc-option", all_options, units, unit_options, w);

  Strings cpp_options;
  std::vector<Strings> unit_cpp;
  for (const Unit* u : units) {
    unit_cpp.push_back(u->data.build_info.cpp_options);
    for (const auto& c : unit_cpp.back()) add_once(cpp_options, c);
  }
  warn_unshared("cpp-option", cpp_options, units, unit_cpp, w);

  {
    // Macros of the session's own packages (MIN_VERSION_ of a home package)
    // are left out of the comparison: rarely used, and every lib + exe pair
    // would differ in them.
    std::set<std::string> home_packages;
    for (const Unit* u : units) home_packages.insert(u->package_name);
    Strings differ;
    for (const Unit* u : units) {
      if (u == &active) continue;
      bool same = u->package_name == active.package_name && u->package_version == active.package_version;
      for (const auto& dp : u->dep_packages)
        if (!home_packages.count(dp.first) &&
            std::find(active.dep_packages.begin(), active.dep_packages.end(), dp) == active.dep_packages.end())
          same = false;
      if (!same) differ.push_back(u->id);
    }
    if (!differ.empty())
      w.push_back("cabal_macros.h of the active unit " + active.id + " only: the VERSION_, MIN_VERSION_ and " +
                  "CURRENT_PACKAGE_ macros of " + (differ.size() == 1 ? "unit " : "units ") + comma_list(differ) +
                  " are the active unit's (macros of packages only they use are undefined)");
  }

  // The arguments.
  Strings a;
  a.push_back("-fbuilding-cabal-package");
  a.push_back(!repl && o.optimise ? "-O" : "-O0");
  const std::string out = layout.merged_output_dir();
  a.insert(a.end(), {"-outputdir", out, "-odir", out, "-hidir", out});
  if (o.ghc_version >= cabal::Version{{8, 8}}) a.insert(a.end(), {"-hiedir", layout.merged_hie_dir()});
  a.insert(a.end(), {"-stubdir", out});

  a.push_back("-i");
  Strings seen;
  for (const Unit* u : units)
    for (const auto& d : unit_search_dirs(*u, layout)) add_once(seen, absolute_dir(*u, d));
  for (const auto& d : seen) a.push_back("-i" + d);
  seen.clear();
  for (const Unit* u : units)
    for (const auto& d : unit_include_dirs(*u, layout)) add_once(seen, absolute_dir(*u, d));
  for (const auto& d : seen) a.push_back("-I" + d);

  for (const auto& c : cpp_options) a.push_back("-optP" + c);
  a.insert(a.end(), {"-optP-include", "-optP" + layout.cabal_macros(active.id)});

  Strings ld, libs, lib_dirs;
  for (const Unit* u : units) {
    for (const auto& opt : u->data.build_info.ld_options) add_once(ld, "-optl" + opt);
    for (const auto& lib : u->data.build_info.extra_libraries) add_once(libs, "-l" + lib);
    for (const auto& d : unit_library_dirs(*u)) add_once(lib_dirs, "-L" + absolute_dir(*u, d));
  }
  for (const auto* list : {&ld, &libs, &lib_dirs}) a.insert(a.end(), list->begin(), list->end());

  a.insert(a.end(), {"-hide-all-packages", "-Wmissing-home-modules", "-no-user-package-db"});
  for (const auto& db : o.package_dbs) a.insert(a.end(), {"-package-db", db});
  std::set<std::string> installed;
  for (const Unit* u : units) installed.insert(u->installed_deps.begin(), u->installed_deps.end());
  for (const auto& id : installed) a.insert(a.end(), {"-package-id", id});

  a.push_back("-X" + language);
  for (const auto& e : extensions) a.push_back("-X" + e);

  seen.clear();
  if (!main_file.empty()) add_once(seen, main_file);
  for (const auto& obj : objects) add_once(seen, obj);
  a.insert(a.end(), seen.begin(), seen.end());
  a.insert(a.end(), modules.begin(), modules.end());

  for (const auto& g : component_groups) a.insert(a.end(), g.begin(), g.end());
  a.insert(a.end(), o.extra_options.begin(), o.extra_options.end());
  a.push_back("-hide-all-packages");
  for (const auto& g : project_groups) a.insert(a.end(), g.begin(), g.end());
  a.insert(a.end(), o.final_options.begin(), o.final_options.end());

  if (!repl && !main_file.empty()) a.insert(a.end(), {"-o", layout.bin_dir() + "/" + active.component_name});

  args = std::move(a);
  warnings = std::move(w);
  return true;
}

}  // namespace mhu::responsefiles
