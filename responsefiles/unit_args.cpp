#include "responsefiles/unit_args.h"

#include <algorithm>
#include <filesystem>
#include <set>

namespace mhu::responsefiles {

namespace fs = std::filesystem;
using cabal::ComponentKind;

namespace {

std::string join(const std::string& a, const std::string& b) { return join_path(a, b); }

bool exists_file(const std::string& p) {
  std::error_code ec;
  return fs::is_regular_file(p, ec);
}

bool exists_dir(const std::string& p) {
  std::error_code ec;
  return fs::is_directory(p, ec);
}

// Append `items`, each with `prefix`, skipping those already in `seen`
// (cabal's NubListR keeps the first of equal entries).
void add_nub(std::vector<std::string>& args, std::vector<std::string>& seen, const std::string& prefix,
             const std::string& item) {
  if (std::find(seen.begin(), seen.end(), item) != seen.end()) return;
  seen.push_back(item);
  args.push_back(prefix + item);
}

// Cabal's preprocessor suffixes (knownSuffixHandlers), in its order.
const char* const kPreprocessorSuffixes[] = {"gc", "chs", "hsc", "x", "y", "ly", "cpphs"};

}  // namespace

// System.FilePath's (</>): the second path when it is absolute, else the two
// joined by one '/' (none added when the first ends with one, or is empty).
std::string join_path(const std::string& a, const std::string& b) {
  if (!b.empty() && b[0] == '/') return b;
  if (a.empty()) return b;
  if (a.back() == '/') return a + b;
  return a + "/" + b;
}

bool is_haskell_file(const std::string& f) {
  auto ends = [&](const char* ext) {
    std::string e = ext;
    return f.size() >= e.size() && f.compare(f.size() - e.size(), e.size(), e) == 0;
  };
  return ends(".hs") || ends(".lhs");
}

std::vector<std::string> unit_search_dirs(const planner::Unit& u, const Layout& layout) {
  std::vector<std::string> dirs, seen;
  for (const auto& d : u.data.build_info.hs_source_dirs) add_nub(dirs, seen, "", d);
  add_nub(dirs, seen, "", layout.output_dir(u.id));
  add_nub(dirs, seen, "", layout.autogen_dir(u.id));
  return dirs;
}

std::vector<std::string> unit_include_dirs(const planner::Unit& u, const Layout& layout) {
  const auto& inc = u.data.build_info.include_dirs;
  std::vector<std::string> dirs, seen;
  add_nub(dirs, seen, "", layout.autogen_dir(u.id));
  add_nub(dirs, seen, "", layout.output_dir(u.id));
  for (const auto& d : inc) add_nub(dirs, seen, "", d);
  // Cabal's `buildDir </> dir`, for headers a configure script generates.
  for (const auto& d : inc) add_nub(dirs, seen, "", join(layout.unit_dir(u.id), d));
  return dirs;
}

std::vector<std::string> unit_library_dirs(const planner::Unit& u) {
  std::vector<std::string> dirs, seen;
  for (const auto& d : u.data.build_info.extra_lib_dirs)
    if (exists_dir(join(u.package_dir, d))) add_nub(dirs, seen, "", d);
  return dirs;
}

std::string unit_language(const planner::Unit& u) { return u.data.build_info.default_language.value_or("Haskell98"); }

std::vector<std::string> unit_extensions(const planner::Unit& u) {
  const cabal::BuildInfo& bi = u.data.build_info;
  std::vector<std::string> exts, seen;
  for (const auto* list : {&bi.old_extensions, &bi.default_extensions})
    for (const auto& e : *list) add_nub(exts, seen, "", e);
  return exts;
}

std::vector<std::string> unit_modules(const planner::Unit& u) {
  std::vector<std::string> modules;
  if (u.kind == ComponentKind::Library) {
    modules = u.data.exposed_modules;
    modules.insert(modules.end(), u.hidden_modules.begin(), u.hidden_modules.end());
    modules.insert(modules.end(), u.data.signatures.begin(), u.data.signatures.end());
  } else {
    modules = u.hidden_modules;
  }
  std::vector<std::string> out, seen;
  for (const auto& m : modules) add_nub(out, seen, "", m);
  return out;
}

UnitGhcOptions unit_ghc_options(const planner::Unit& u, const SessionOptions& o) {
  // The component's ghc-options are a prefix of u.ghc_options; the project's follow.
  const auto& own = u.data.build_info.ghc_options;
  size_t n_own = u.ghc_options.size() >= own.size() && std::equal(own.begin(), own.end(), u.ghc_options.begin())
                     ? own.size()
                     : 0;
  const bool repl = o.mode == SessionOptions::Mode::Repl;
  UnitGhcOptions out;
  for (size_t i = 0; i < n_own; ++i) {
    const std::string& opt = u.ghc_options[i];
    if (repl ? ghci_supported_option(opt) : (o.optimise || opt.rfind("-O", 0) != 0)) out.component.push_back(opt);
  }
  out.project.assign(u.ghc_options.begin() + static_cast<std::ptrdiff_t>(n_own), u.ghc_options.end());
  return out;
}

bool ghci_supported_option(const std::string& option) {
  if (option.rfind("-O", 0) == 0) return false;
  static const std::set<std::string> unsupported = {"-debug", "-threaded", "-ticky", "-eventlog",
                                                    "-prof", "-unreg"};
  return !unsupported.count(option);
}

std::string main_file_argument(const planner::Unit& u, const Layout& layout) {
  const std::string& main = u.data.main_is;
  if (main.empty()) return "";
  const auto& dirs = u.data.build_info.hs_source_dirs;
  for (const auto& d : dirs) {
    std::string rel = join(d, main);
    if (exists_file(join(u.package_dir, rel))) return rel;
  }
  // Made by a preprocessor from Main.hsc, Main.y, ...: its output is
  // AUTOGEN/STEM.hs (STEM: main-is without its extensions), as
  // responsefiles/preprocess makes it.
  if (main[0] != '/') {
    size_t slash = main.rfind('/');
    size_t name_at = slash == std::string::npos ? 0 : slash + 1;
    std::string stem = main.substr(0, main.find('.', name_at));
    if (stem.size() > name_at)
      for (const auto& d : dirs)
        for (const char* suffix : kPreprocessorSuffixes)
          if (exists_file(join(u.package_dir, join(d, stem + "." + suffix))))
            return join(layout.autogen_dir(u.id), stem + ".hs");
  }
  return join(dirs.empty() ? std::string(".") : dirs.front(), main);
}

bool unit_arguments(const planner::Unit& u, const Layout& layout, const SessionOptions& o,
                    std::vector<std::string>& args, std::string& error,
                    const std::vector<std::string>& objects) {
  const cabal::BuildInfo& bi = u.data.build_info;
  const bool repl = o.mode == SessionOptions::Mode::Repl;
  const bool renaming_supported = o.ghc_version >= cabal::Version{{9, 12}};
  std::vector<std::string> a;

  a.insert(a.end(), {"-this-package-name", u.package_name, "-working-dir", u.package_dir});
  if (u.kind == ComponentKind::Library) {
    for (const auto& r : u.data.reexported_modules) {
      if (r.name != r.original && !renaming_supported) {
        error = "unit " + u.id + " reexports module " + r.original + " as " + r.name + ", which GHC " +
                cabal::to_string(o.ghc_version) +
                " cannot express (-reexported-module renames only from GHC 9.12 on)";
        return false;
      }
      a.push_back("-reexported-module");
      a.push_back(r.name == r.original ? r.name : r.original + " as " + r.name);
    }
  }
  for (const auto& m : u.hidden_modules) a.insert(a.end(), {"-hidden-module", m});

  a.push_back("-fbuilding-cabal-package");
  a.push_back(!repl && o.optimise ? "-O" : "-O0");

  const std::string out = layout.output_dir(u.id);
  a.insert(a.end(), {"-outputdir", out, "-odir", out, "-hidir", out, "-hiedir", layout.hie_dir(u.id),
                     "-stubdir", out});

  a.push_back("-i");
  for (const auto& d : unit_search_dirs(u, layout)) a.push_back("-i" + d);
  for (const auto& d : unit_include_dirs(u, layout)) a.push_back("-I" + d);

  for (const auto& opt : bi.cpp_options) a.push_back("-optP" + opt);
  a.insert(a.end(), {"-optP-include", "-optP" + layout.cabal_macros(u.id)});

  // The linker options cabal's REPL adds (linkerOpts).
  for (const auto& opt : bi.ld_options) a.push_back("-optl" + opt);
  for (const auto& lib : bi.extra_libraries) a.push_back("-l" + lib);
  for (const auto& d : unit_library_dirs(u)) a.push_back("-L" + d);

  a.insert(a.end(), {"-this-unit-id", u.id, "-hide-all-packages", "-Wmissing-home-modules",
                     "-no-user-package-db"});
  for (const auto& db : o.package_dbs) a.insert(a.end(), {"-package-db", db});
  std::vector<std::string> deps = u.home_deps;
  deps.insert(deps.end(), u.installed_deps.begin(), u.installed_deps.end());
  std::sort(deps.begin(), deps.end());
  deps.erase(std::unique(deps.begin(), deps.end()), deps.end());
  for (const auto& d : deps) a.insert(a.end(), {"-package-id", d});

  a.push_back("-X" + unit_language(u));
  for (const auto& e : unit_extensions(u)) a.push_back("-X" + e);

  // Inputs: the main-is file, the objects, then the modules.
  std::vector<std::string> seen;
  if (u.kind == ComponentKind::Executable || u.kind == ComponentKind::TestSuite ||
      u.kind == ComponentKind::Benchmark) {
    std::string main = main_file_argument(u, layout);
    // A C main (main-is: main.c) is linked, not loaded: no input file.
    if (!main.empty() && is_haskell_file(main)) add_nub(a, seen, "", main);
  }
  for (const auto& obj : objects) add_nub(a, seen, "", obj);
  for (const auto& m : unit_modules(u)) a.push_back(m);

  // The component's ghc-options, then the project's.
  UnitGhcOptions ghc_options = unit_ghc_options(u, o);
  a.insert(a.end(), ghc_options.component.begin(), ghc_options.component.end());
  a.insert(a.end(), o.extra_options.begin(), o.extra_options.end());
  // cabal-install gives every GHC invocation -hide-all-packages first among
  // the project's options (ProjectPlanning: configProgramArgs); harmless.
  a.push_back("-hide-all-packages");
  a.insert(a.end(), ghc_options.project.begin(), ghc_options.project.end());
  a.insert(a.end(), o.final_options.begin(), o.final_options.end());

  args = std::move(a);
  return true;
}

}  // namespace mhu::responsefiles
