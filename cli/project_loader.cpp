#include "cli/project_loader.h"

#include <cstdlib>
#include <filesystem>
#include <set>

#include "cabal/package_parser.h"
#include "cli/commands.h"
#include "planner/plan_json.h"

namespace mhu::cli {

namespace fs = std::filesystem;
using cabal::Diagnostics;

const char* kLoadOptionsHelp =
    "project options:\n"
    "  --project-file FILE     the project file (default: cabal.project here or above)\n"
    "  -w, --with-compiler GHC the compiler (default: the project's with-compiler, else ghc)\n"
    "  --package-db DB         also use this package database (repeatable)\n"
    "  --enable-tests, --disable-tests, --enable-benchmarks, --disable-benchmarks\n"
    "  -f, --flags FLAGS       flags for every local package, e.g. -f \"+dev -opt\"\n"
    "  --no-cache              do not use or write mhu's cache of ghc and ghc-pkg output\n";

namespace {

void add_diagnostics(const std::string& file, const Diagnostics& d, std::vector<std::string>& out) {
  for (const auto& item : d.items) out.push_back(cabal::format_diagnostic(file, item));
}

std::string default_cache_dir() {
  if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x) return std::string(x) + "/mhu";
  if (const char* h = std::getenv("HOME"); h && *h) return std::string(h) + "/.cache/mhu";
  return "";
}

// GHC's user package database for this compiler, when there is one.
std::string user_db(const planner::CompilerInfo& c) {
  const char* home = std::getenv("HOME");
  if (!home || !*home) return "";
  std::string sub = c.target_arch + "-" + c.target_os + "-" + cabal::to_string(c.version) + "/package.conf.d";
  std::error_code ec;
  for (std::string base : {std::string(home) + "/.ghc/", std::string(home) + "/.local/share/ghc/"})
    if (fs::is_directory(base + sub, ec)) return base + sub;
  return "";
}

bool parse_packages(const std::vector<std::string>& files, std::vector<planner::LocalPackage>& out,
                    std::vector<std::string>& messages) {
  bool ok = true;
  for (const auto& file : files) {
    std::string text, err;
    if (!read_file(file, text, err)) {
      messages.push_back(err);
      ok = false;
      continue;
    }
    planner::LocalPackage p;
    p.cabal_file = file;
    p.dir = fs::path(file).parent_path().string();
    Diagnostics d;
    bool parsed = cabal::parse_package_description(text, p.description, d);
    for (const auto& item : d.items)
      if (item.severity == cabal::Severity::Error) messages.push_back(cabal::format_diagnostic(file, item));
    if (!parsed) ok = false;
    else out.push_back(std::move(p));
  }
  return ok;
}

fs::file_time_type mtime(const std::string& path) {
  std::error_code ec;
  auto t = fs::last_write_time(path, ec);
  return ec ? fs::file_time_type::max() : t;
}

// cabal's plan, when it is newer than every file the project is made of.
void read_fresh_plan(const LoadedProject& p, std::map<std::string, std::string>& preferred, bool& used) {
  std::string path = p.config.location.root_dir + "/dist-newstyle/cache/plan.json";
  auto plan_time = mtime(path);
  if (plan_time == fs::file_time_type::max()) return;
  for (const auto& f : p.config.files)
    if (mtime(f) >= plan_time) return;
  for (const auto& pkg : p.packages)
    if (mtime(pkg.cabal_file) >= plan_time) return;
  std::string text, err;
  planner::Plan plan;
  if (!read_file(path, text, err) || !planner::parse_plan_json(text, plan, err)) return;
  for (const auto& u : plan.units)
    if (u.style != "local" && (u.component.empty() || u.component == "lib")) preferred[u.pkg_name] = u.id;
  used = true;
}

bool value_of(std::vector<std::string>& args, size_t& i, const std::string& a, const char* name,
              std::string& value, std::string& error) {
  std::string eq = std::string(name) + "=";
  if (a.rfind(eq, 0) == 0) {
    value = a.substr(eq.size());
    return true;
  }
  if (i + 1 >= args.size()) {
    error = std::string(name) + " needs a value";
    return false;
  }
  value = args[++i];
  return true;
}

}  // namespace

std::string mhu_cache_dir(const LoadOptions& o) { return o.use_cache ? default_cache_dir() : ""; }

bool take_load_options(std::vector<std::string>& args, LoadOptions& o, std::string& error) {
  std::vector<std::string> rest;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto is = [&](const char* name) { return a == name || a.rfind(std::string(name) + "=", 0) == 0; };
    std::string v;
    if (is("--project-file")) {
      if (!value_of(args, i, a, "--project-file", o.project_file, error)) return false;
    } else if (is("--with-compiler") || a == "-w") {
      if (!value_of(args, i, a, a == "-w" ? "-w" : "--with-compiler", o.with_compiler, error)) return false;
    } else if (is("--package-db")) {
      if (!value_of(args, i, a, "--package-db", v, error)) return false;
      o.package_dbs.push_back(v);
    } else if (a == "--enable-tests") o.enable_tests = true;
    else if (a == "--disable-tests") o.enable_tests = false;
    else if (a == "--enable-benchmarks") o.enable_benchmarks = true;
    else if (a == "--disable-benchmarks") o.enable_benchmarks = false;
    else if (a == "--no-cache") o.use_cache = false;
    else if (is("--flags") || a == "-f") {
      if (!value_of(args, i, a, a == "-f" ? "-f" : "--flags", v, error)) return false;
      if (!cabal::parse_flag_assignment(v, o.flags, error)) return false;
    } else rest.push_back(a);
  }
  args = std::move(rest);
  return true;
}

bool load_project(const std::string& cwd, const LoadOptions& o, LoadedProject& out,
                  std::vector<std::string>& messages) {
  Diagnostics d;
  cabal::ProjectLocation loc;
  if (!cabal::find_project(cwd, o.project_file, loc, d)) return add_diagnostics(cwd, d, messages), false;
  std::string main_file = loc.project_file.empty() ? loc.root_dir : loc.project_file;

  // Conditionals in the project may test the compiler, and the compiler may be
  // named in the project: read with the default platform, then again if the
  // compiler's differs.
  cabal::Platform platform;
  if (!cabal::read_project(loc, platform, out.config, d)) return add_diagnostics(main_file, d, messages), false;
  std::string ghc = !o.with_compiler.empty() ? o.with_compiler
                    : !out.config.with_compiler.empty() ? out.config.with_compiler
                                                        : "ghc";
  std::string cache = mhu_cache_dir(o);
  std::string error;
  if (!planner::query_compiler(ghc, cache, out.compiler, error)) return messages.push_back("mhu: error: " + error), false;
  if (const char* root = std::getenv("MHU_COMPILER_ROOT"); root && *root) out.compiler.sysroot = root;
  cabal::Platform actual = out.compiler.platform();
  if (actual.os != platform.os || actual.arch != platform.arch || !(actual.compiler_version == platform.compiler_version)) {
    d = {};
    out.config = {};
    if (!cabal::read_project(loc, actual, out.config, d)) return add_diagnostics(main_file, d, messages), false;
  }
  add_diagnostics(main_file, d, messages);

  std::vector<std::string> cabal_files;
  Diagnostics pd;
  bool found = cabal::find_project_packages(out.config, cabal_files, pd);
  add_diagnostics(main_file, pd, messages);
  if (!found) return false;
  if (!parse_packages(cabal_files, out.packages, messages)) return false;

  // cabal's stack: global, the project's package-dbs, the store; then what
  // cabal leaves out but a developer may have installed into: the user DB;
  // then the command line's.
  std::vector<std::string> dbs = {out.compiler.global_db};
  for (const auto& db : out.config.package_dbs) dbs.push_back(db);
  for (const std::string& db : {planner::cabal_store_db(out.compiler), user_db(out.compiler)})
    if (!db.empty()) dbs.push_back(db);
  for (const auto& db : o.package_dbs) dbs.push_back(fs::absolute(fs::path(cwd) / db).string());
  if (!planner::load_package_dbs(out.compiler, dbs, cache, out.dbs, error))
    return messages.push_back("mhu: error: " + error), false;
  out.index = planner::index_packages(out.dbs);

  planner::PlanOptions po;
  po.platform = actual;
  po.enable_tests = o.enable_tests;
  po.enable_benchmarks = o.enable_benchmarks;
  po.flags = o.flags;
  read_fresh_plan(out, po.preferred, out.used_plan_json);
  Diagnostics gd;
  bool built = planner::build_unit_graph(out.config, out.packages, out.index, po, out.graph, gd);
  add_diagnostics(main_file, gd, messages);
  return built;
}

namespace {

// " (libraries: main, sub)" for a requirement of more than the main library.
std::string libraries_note(const std::vector<std::string>& libs) {
  if (libs.size() == 1 && libs[0].empty()) return "";
  std::string l;
  for (const auto& x : libs) l += (l.empty() ? "" : ", ") + (x.empty() ? std::string("main") : x);
  return " (libraries: " + l + ")";
}

}  // namespace

std::string missing_packages_error(const LoadedProject& p, const std::vector<std::string>& unit_ids) {
  std::set<std::string> selected(unit_ids.begin(), unit_ids.end());
  std::string text;
  for (const auto& m : p.graph.missing) {
    std::string needs;
    for (const auto& r : m.requirements)
      if (selected.count(r.needed_by))
        needs += "\n      " + cabal::to_string(r.range) + libraries_note(r.libraries) + "  needed by " + r.needed_by;
    if (needs.empty()) continue;
    std::string have;
    for (const auto& v : m.installed) have += (have.empty() ? "" : ", ") + cabal::to_string(v);
    text += "\n  " + m.package + (have.empty() ? " (not installed)" : " (installed: " + have + ")") + needs;
  }
  if (text.empty()) return "";
  return "mhu: error: missing dependencies; no installed version meets these ranges:" + text +
         "\n  Install them (e.g. `mhu units --build-deps`, which runs `cabal build --only-dependencies`;"
         " or Debian's libghc-NAME-dev packages), or add a package database with --package-db.";
}

}  // namespace mhu::cli
