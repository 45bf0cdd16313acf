#include "cli/project_loader.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <future>
#include <set>

#include "cabal/package_parser.h"
#include "cabal/value_cursor.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "cli/parallel.h"
#include "planner/cache_file.h"
#include "planner/plan_json.h"
#include "planner/stack_dbs.h"
#include "stack/package_yaml.h"
#include "stack/stack_project.h"
#include "stack/stack_yaml.h"
#include "stack/stack_yaml_probe.h"
#include "stack/yaml_value_cache.h"

namespace mhu::cli {

namespace fs = std::filesystem;
using cabal::Diagnostics;

const char* kLoadOptionsHelp =
    "project options:\n"
    "  --project-file FILE     the cabal project file (default: cabal.project here or above)\n"
    "  --stack-yaml FILE       the stack project file (default: $STACK_YAML, else stack.yaml here or above)\n"
    "  --cabal, --stack        read the cabal or the stack project (default: the nearer of cabal.project\n"
    "                          and stack.yaml; cabal.project when both are in one directory)\n"
    "  -w, --with-compiler GHC the compiler (default: the project's with-compiler, else ghc)\n"
    "  --package-db DB         also use this package database (repeatable)\n"
    "  --enable-tests, --disable-tests, --enable-benchmarks, --disable-benchmarks\n"
    "  -f, --flags FLAGS       flags for every local package, e.g. -f \"+dev -opt\"\n"
    "  --no-cache              do not use or write mhu's cache of ghc and ghc-pkg output\n"
    "  -v, --verbose           print each command mhu runs and the time of each phase (stderr)\n"
    "Settings in the project root's mhu.toml: ghc, front-end, targets, dist-dir,\n"
    "ghc-options, ghci-options (also per [package.NAME] and [unit.\"TARGET\"]).\n";

const char* kCompilerHint =
    "point mhu at a GHC (9.4 or later for multiple home units) with -w/--with-compiler PATH, "
    "`with-compiler: PATH` in cabal.project, or `ghc = \"PATH\"` in mhu.toml";

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

// A package file to read: a .cabal file, or (in a stack project) a package.yaml.
struct PackageFile {
  std::string file;
  bool extra_dep = false;
};

// What reading one package file gave: the package (when `parsed`) and the
// messages to show, in the order of the files whatever thread read it.
struct ParsedPackage {
  bool parsed = false;
  planner::LocalPackage package;
  std::vector<std::string> messages;
};

void parse_package(const PackageFile& f, const stack::PackageYamlOptions& yaml_options, ParsedPackage& out) {
  std::string text, err;
  if (!read_file(f.file, text, err)) return out.messages.push_back(err);
  planner::LocalPackage& p = out.package;
  p.cabal_file = f.file;
  p.dir = fs::path(f.file).parent_path().string();
  p.extra_dep = f.extra_dep;
  Diagnostics d;
  bool hpack = fs::path(f.file).filename() == "package.yaml";
  if (hpack) out.parsed = stack::parse_package_yaml(text, p.dir, p.description, d, yaml_options);
  else out.parsed = cabal::parse_package_description(text, p.description, d);
  // hpack's warnings are shown, as stack shows them; a .cabal file's are not.
  for (const auto& item : d.items)
    if (item.severity == cabal::Severity::Error || hpack) out.messages.push_back(cabal::format_diagnostic(f.file, item));
}

// The parsed package.yaml documents of earlier runs: mhu's cache directory,
// one file per project, valid for the mhu executable that wrote it.
struct YamlCacheFile {
  std::string path, key;
  stack::YamlValueCache cache;
  YamlCacheFile(const std::string& cache_dir, const std::string& project_file) {
    if (cache_dir.empty()) return;
    path = (fs::path(cache_dir) / ("package-yaml-" + planner::hash_hex(project_file) + ".txt")).string();
    std::error_code ec;
    auto self = fs::read_symlink("/proc/self/exe", ec);
    key = ec ? "" : self.string() + "\t" + planner::file_stamp(self.string());
    std::string data;
    if (!key.empty() && planner::read_whole_file(path, data)) cache.load(data, key);
  }
  stack::YamlValueCache* get() { return key.empty() ? nullptr : &cache; }
  void save() {
    if (!key.empty() && cache.changed()) planner::write_file_atomic(path, cache.save(key));
  }
};

// The packages, read on as many threads as pay (a thread takes runs of 16
// files); packages and messages come out in the order of `files`.
bool parse_packages(const std::vector<PackageFile>& files, std::vector<planner::LocalPackage>& out,
                    std::vector<std::string>& messages, stack::YamlValueCache* yaml_cache = nullptr) {
  stack::PackageYamlOptions yaml_options;
  yaml_options.value_cache = yaml_cache;
  std::vector<ParsedPackage> parsed(files.size());
  constexpr size_t kChunk = 16;
  unsigned threads = static_cast<unsigned>(std::min<size_t>(usable_cpus(), files.size() / (2 * kChunk)));
  parallel_for(files.size(), kChunk, std::max(threads, 1u),
               [&](size_t i) { parse_package(files[i], yaml_options, parsed[i]); });
  bool ok = true;
  for (auto& r : parsed) {
    messages.insert(messages.end(), std::make_move_iterator(r.messages.begin()), std::make_move_iterator(r.messages.end()));
    if (!r.parsed) ok = false;
    else out.push_back(std::move(r.package));
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
    } else if (is("--stack-yaml")) {
      if (!value_of(args, i, a, "--stack-yaml", o.stack_yaml, error)) return false;
    } else if (a == "--stack" || a == "--cabal") {
      ProjectKind k = a == "--stack" ? ProjectKind::Stack : ProjectKind::Cabal;
      if (o.kind != ProjectKind::Auto && o.kind != k) return error = "--cabal and --stack exclude each other", false;
      o.kind = k;
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
    else if (a == "-v" || a == "--verbose") set_verbose(o.verbose = true);
    else if (is("--flags") || a == "-f") {
      if (!value_of(args, i, a, a == "-f" ? "-f" : "--flags", v, error)) return false;
      if (!cabal::parse_flag_assignment(v, o.flags, error)) return false;
    } else rest.push_back(a);
  }
  args = std::move(rest);
  return true;
}

namespace {

// The number of components of a directory path, canonical (a deeper directory is nearer to cwd).
size_t depth(const std::string& dir) {
  std::error_code ec;
  fs::path p = fs::weakly_canonical(fs::absolute(dir), ec);
  size_t n = 0;
  for (const auto& part : p) n += !part.empty() && part != "/";
  return n;
}

// The compiler, its info and the platform it builds for; the project is read
// again when its conditionals (cabal) may read differently for it.
// `how` says where the name came from, for messages: "given with -w", ...
bool query_ghc(const std::string& ghc, const std::string& how, const std::string& cache, LoadedProject& out,
               std::vector<std::string>& messages) {
  std::string error;
  if (!planner::query_compiler(ghc, cache, out.compiler, error)) {
    messages.push_back("mhu: error: " + error + " (the compiler was " + how + ")");
    messages.push_back(std::string("mhu: note: ") + kCompilerHint);
    return false;
  }
  // cabal-install 3.12 supports GHC 8.0 and later; mhu's merged session
  // (GHC before 9.4) uses options older GHCs do not have.
  if (out.compiler.version < cabal::Version{{8, 0}}) {
    messages.push_back("mhu: error: " + (out.compiler.ghc_path.empty() ? ghc : out.compiler.ghc_path) + " is GHC " +
                       cabal::to_string(out.compiler.version) +
                       ", too old: mhu needs GHC 8.0 or later, 9.4 or later for multiple home units (the compiler was " +
                       how + ")");
    messages.push_back(std::string("mhu: note: ") + kCompilerHint);
    return false;
  }
  if (const char* root = std::getenv("MHU_COMPILER_ROOT"); root && *root) out.compiler.sysroot = root;
  return true;
}

// A failure to read the package databases is most often a ghc-pkg that does
// not belong to the compiler, or none.
void package_db_error(const std::string& error, std::vector<std::string>& messages) {
  messages.push_back("mhu: error: " + error);
  messages.push_back(std::string("mhu: note: ghc-pkg is looked for beside the compiler (as cabal does), then on PATH; ") +
                     kCompilerHint);
}

// What query_ghc answers, carried back from the thread that asked.
struct CompilerAnswer {
  bool ok = false;
  planner::CompilerInfo info;
  std::vector<std::string> messages;
};

CompilerAnswer ask_compiler(const std::string& ghc, const std::string& how, const std::string& cache) {
  CompilerAnswer a;
  LoadedProject p;
  a.ok = query_ghc(ghc, how, cache, p, a.messages);
  a.info = std::move(p.compiler);
  return a;
}

// The answer's messages to `messages`, its compiler to `out`; false when there is none.
bool take_answer(CompilerAnswer a, LoadedProject& out, std::vector<std::string>& messages) {
  messages.insert(messages.end(), a.messages.begin(), a.messages.end());
  if (a.ok) out.compiler = std::move(a.info);
  return a.ok;
}

// `f` on a thread of its own, so that a tool it runs (ghc --info, stack path:
// 0.1-1 s, most of a cold run) runs while this thread reads the packages;
// here, when no thread can be had.
template <class F>
auto in_background(F f) -> std::future<decltype(f())> {
  try {
    return std::async(std::launch::async, std::move(f));
  } catch (const std::system_error&) {
    std::promise<decltype(f())> done;
    done.set_value(f());
    return done.get_future();
  }
}

// Stack's answer through a probe of `y` (stack/stack_yaml_probe.h) that
// drops the local packages `packages` from the snapshot; false with `error`
// when there can be no probe or stack fails on it (-v tells why).
bool ask_stack_by_probe(const stack::StackYaml& y, const std::vector<planner::LocalPackage>& packages,
                        const std::string& cache, planner::StackPaths& out, std::string& error) {
  std::vector<std::string> names;
  for (const auto& p : packages) names.push_back(p.description.name);
  std::string probe, why_not;
  auto start = Clock::now();
  if (!stack::make_stack_probe(y, names, probe, why_not) ||
      !planner::query_stack_paths_by_probe(probe, y.file, cache, out, why_not)) {
    if (verbose()) print_note("asking stack about the whole project (no probe: " + why_not + ")");
    error = why_not;
    return false;
  }
  print_timing("stack", elapsed_ms(start));
  return true;
}

// The common end: the package databases, their index and the unit graph.
bool finish_load(const std::string& cwd, const LoadOptions& o, std::vector<std::string> dbs,
                 const std::string& main_file, bool use_plan_json, LoadedProject& out,
                 std::vector<std::string>& messages) {
  for (const auto& db : o.package_dbs) dbs.push_back(fs::absolute(fs::path(cwd) / db).string());
  std::string error;
  auto start = Clock::now();
  if (!planner::load_package_dbs(out.compiler, dbs, mhu_cache_dir(o), out.dbs, error))
    return package_db_error(error, messages), false;
  out.index = planner::index_packages(out.dbs);
  print_timing("dbs", elapsed_ms(start));
  start = Clock::now();

  planner::PlanOptions po;
  po.platform = out.compiler.platform();
  po.enable_tests = o.enable_tests;
  po.enable_benchmarks = o.enable_benchmarks;
  po.flags = o.flags;
  if (use_plan_json) read_fresh_plan(out, po.preferred, out.used_plan_json);
  Diagnostics gd;
  bool built = planner::build_unit_graph(out.config, out.packages, out.index, po, out.graph, gd);
  add_diagnostics(main_file, gd, messages);
  print_timing("plan", elapsed_ms(start));
  return built;
}

bool load_cabal_project(const std::string& cwd, const LoadOptions& o, LoadedProject& out,
                        std::vector<std::string>& messages) {
  auto start = Clock::now();
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
  std::string how = !o.with_compiler_origin.empty()      ? o.with_compiler_origin
                    : !o.with_compiler.empty()             ? "given with -w/--with-compiler"
                    : !out.config.with_compiler.empty() ? "named by `with-compiler:` in " + main_file
                                                        : "the default, ghc on PATH";
  std::string cache = mhu_cache_dir(o);
  // The packages do not depend on the compiler unless the project's
  // conditionals do: they are read while ghc answers, and read again in the
  // rare case that the project reads differently for the compiler's platform.
  auto compiler = in_background([&] { return ask_compiler(ghc, how, cache); });
  std::vector<std::string> cabal_files, package_messages;
  Diagnostics pd;
  bool found = cabal::find_project_packages(out.config, cabal_files, pd);
  auto parse = [&] {
    std::vector<PackageFile> files;
    for (const auto& f : cabal_files) files.push_back({f, false});
    out.packages.clear();
    package_messages.clear();
    return parse_packages(files, out.packages, package_messages);
  };
  bool parsed = found && parse();
  if (!take_answer(compiler.get(), out, messages)) return false;
  cabal::Platform actual = out.compiler.platform();
  if (actual.os != platform.os || actual.arch != platform.arch || !(actual.compiler_version == platform.compiler_version)) {
    d = {};
    out.config = {};
    if (!cabal::read_project(loc, actual, out.config, d)) return add_diagnostics(main_file, d, messages), false;
    std::vector<std::string> before = std::move(cabal_files);
    cabal_files.clear();
    pd = {};
    found = cabal::find_project_packages(out.config, cabal_files, pd);
    if (found && (cabal_files != before || !parsed)) parsed = parse();
  }
  add_diagnostics(main_file, d, messages);
  add_diagnostics(main_file, pd, messages);
  if (!found) return false;
  messages.insert(messages.end(), package_messages.begin(), package_messages.end());
  if (!parsed) return false;

  // cabal's stack: global, the project's package-dbs, the store; then what
  // cabal leaves out but a developer may have installed into: the user DB;
  // then the command line's.
  std::vector<std::string> dbs = {out.compiler.global_db};
  for (const auto& db : out.config.package_dbs) dbs.push_back(db);
  for (const std::string& db : {planner::cabal_store_db(out.compiler), user_db(out.compiler)})
    if (!db.empty()) dbs.push_back(db);
  print_timing("read", elapsed_ms(start));
  return finish_load(cwd, o, std::move(dbs), main_file, true, out, messages);
}

// Whether two paths name the same directory (symbolic links followed).
bool same_dir(const std::string& a, const std::string& b) {
  std::error_code ec1, ec2;
  fs::path ca = fs::weakly_canonical(a, ec1), cb = fs::weakly_canonical(b, ec2);
  return ec1 || ec2 ? a == b : ca == cb;
}

bool executable_here(const std::string& path) {
  std::error_code ec;
  return !path.empty() && path[0] == '/' && fs::is_regular_file(path, ec) && access(path.c_str(), X_OK) == 0;
}

// stack.yaml's `flags:` naming a flag a project package does not declare
// (stack rejects the project; mhu warns). Packages that are not local are not
// checked (they may be in the snapshot).
void check_stack_flags(const stack::StackYaml& y, const std::vector<planner::LocalPackage>& packages,
                       std::vector<std::string>& messages) {
  for (const auto& pf : y.flags)
    for (const auto& p : packages) {
      if (p.description.name != pf.package) continue;
      for (const auto& [flag, value] : pf.flags) {
        bool declared = false;
        for (const auto& decl : p.description.flags) declared |= cabal::ascii_lower(decl.name) == flag;
        if (!declared)
          messages.push_back(cabal::format_diagnostic(
              y.file, {pf.pos, cabal::Severity::Warning,
                       "`flags`: package '" + pf.package + "' has no flag '" + flag + "' (stack rejects this); ignored",
                       {}}));
      }
    }
}

bool load_stack_project(const std::string& cwd, const LoadOptions& o, LoadedProject& out,
                        std::vector<std::string>& messages) {
  auto start = Clock::now();
  out.kind = ProjectKind::Stack;
  Diagnostics d;
  std::string file;
  if (!stack::find_stack_yaml(cwd, o.stack_yaml, file, d)) return add_diagnostics(cwd, d, messages), false;
  stack::StackYaml y;
  bool read = stack::read_stack_yaml(file, y, d);
  add_diagnostics(file, d, messages);
  if (!read) return false;
  stack::to_project_config(y, out.config);

  std::vector<stack::StackPackage> found;
  Diagnostics pd;
  bool ok = stack::find_stack_packages(y, found, pd);
  add_diagnostics(file, pd, messages);
  if (!ok) return false;

  // Stack's databases and compiler, from `stack path`. Asked about the
  // project, stack loads every package (running hpack on each): at 1,000
  // packages over a second. So it is asked about a probe, the project without
  // its packages, once they are read (their names go into the probe); asked
  // about the project itself (while the packages are read) when the probe
  // cannot be made or fails, or MHU_STACK_PROBE=0.
  std::string cache = mhu_cache_dir(o);
  planner::StackPaths sp;
  std::string stack_error;
  const char* probe_env = std::getenv("MHU_STACK_PROBE");
  const bool by_probe = !(probe_env && std::string_view(probe_env) == "0");
  std::future<bool> stack_paths;
  if (!by_probe) stack_paths = in_background([&] { return planner::query_stack_paths(file, cache, sp, stack_error, "stack", y.included_files); });
  // Which compiler stack names is known only from its answer; `ghc` (the one
  // used when stack's is not at hand here, e.g. stack runs in a container)
  // is asked at the same time. Another answer costs one `ghc --info`, once:
  // it is cached.
  std::future<CompilerAnswer> path_ghc;
  if (o.with_compiler.empty()) path_ghc = in_background([&] { return ask_compiler("ghc", "the default, ghc on PATH", cache); });
  std::vector<PackageFile> files;
  for (const auto& p : found) files.push_back({p.file, p.extra_dep});
  std::vector<std::string> package_messages;
  YamlCacheFile yaml_cache(cache, file);
  bool parsed = parse_packages(files, out.packages, package_messages, yaml_cache.get());
  yaml_cache.save();
  bool have_stack = by_probe ? ask_stack_by_probe(y, out.packages, cache, sp, stack_error) ||
                                   planner::query_stack_paths(file, cache, sp, stack_error, "stack", y.included_files)
                             : stack_paths.get();
  if (!have_stack)
    messages.push_back("mhu: note: " + stack_error +
                       "; using GHC's package databases (global and user) instead of stack's snapshot and local ones");
  std::string ghc = !o.with_compiler.empty()                          ? o.with_compiler
                    : have_stack && executable_here(sp.compiler_exe) ? sp.compiler_exe
                                                                      : "ghc";
  std::string how = !o.with_compiler_origin.empty()                   ? o.with_compiler_origin
                    : !o.with_compiler.empty()                          ? "given with -w/--with-compiler"
                    : have_stack && executable_here(sp.compiler_exe) ? "stack's, from `stack path`"
                                                                      : "the default, ghc on PATH";
  if (!take_answer(path_ghc.valid() && ghc == "ghc" ? path_ghc.get() : ask_compiler(ghc, how, cache), out, messages))
    return false;
  std::optional<cabal::Version> wanted = stack::wanted_ghc_version(y);
  std::string wanted_from = "stack.yaml asks for";
  if (!wanted && have_stack && !sp.compiler_exe.empty()) {
    wanted = stack::parse_wanted_ghc(fs::path(sp.compiler_exe).filename().string());
    wanted_from = "stack uses";
  }
  if (wanted && !(*wanted == out.compiler.version))
    messages.push_back("mhu: warning: " + wanted_from + " ghc-" + cabal::to_string(*wanted) + ", but the compiler is " +
                       out.compiler.compiler_id() + " (" + ghc + "); choose one with -w");
  if (have_stack && !same_dir(out.compiler.seen_path(out.compiler.global_db), out.compiler.seen_path(sp.global_db)))
    messages.push_back("mhu: warning: stack's compiler has the global package database " + sp.global_db +
                       ", the compiler used (" + ghc + ") has " + out.compiler.global_db +
                       "; stack's snapshot and local packages may not fit it (choose the compiler with -w)");

  messages.insert(messages.end(), package_messages.begin(), package_messages.end());
  if (!parsed) return false;
  check_stack_flags(y, out.packages, messages);

  // stack's order (Stack.Build.Installed getInstalled): global, the
  // extra-package-dbs, the snapshot's, the project's local one; then the
  // command line's.
  std::vector<std::string> dbs = {out.compiler.global_db};
  for (const auto& db : out.config.package_dbs) dbs.push_back(db);
  if (have_stack) {
    dbs.push_back(sp.snapshot_db);
    dbs.push_back(sp.local_db);
  } else if (std::string u = user_db(out.compiler); !u.empty()) {
    dbs.push_back(u);
  }
  print_timing("read", elapsed_ms(start));
  return finish_load(cwd, o, std::move(dbs), file, false, out, messages);
}

}  // namespace

bool choose_project_kind(const std::string& cwd, const LoadOptions& o, ProjectKind& kind, std::string& error) {
  if (!o.stack_yaml.empty() && !o.project_file.empty())
    return error = "--stack-yaml (a stack project) and --project-file (a cabal project) exclude each other", false;
  if (o.kind == ProjectKind::Cabal && !o.stack_yaml.empty())
    return error = "--cabal and --stack-yaml exclude each other", false;
  if (o.kind == ProjectKind::Stack && !o.project_file.empty())
    return error = "--stack and --project-file exclude each other", false;
  if (o.kind != ProjectKind::Auto) return kind = o.kind, true;
  if (!o.stack_yaml.empty()) return kind = ProjectKind::Stack, true;
  if (!o.project_file.empty()) return kind = ProjectKind::Cabal, true;
  std::string stack_yaml = stack::find_stack_yaml_upwards(cwd);
  Diagnostics ignored;
  cabal::ProjectLocation loc;
  bool cabal_project = cabal::find_project(cwd, "", loc, ignored) && !loc.project_file.empty();
  if (!stack_yaml.empty()) {
    std::string stack_dir = fs::path(stack_yaml).parent_path().string();
    bool nearer = !cabal_project || depth(stack_dir) > depth(loc.root_dir);
    kind = nearer ? ProjectKind::Stack : ProjectKind::Cabal;
    if (cabal_project) {
      // Both: mhu.toml's front-end, beside the nearer file first. (Its errors
      // are reported when the chosen project's mhu.toml is read.)
      for (const std::string& dir : nearer ? std::vector{stack_dir, loc.root_dir} : std::vector{loc.root_dir, stack_dir}) {
        MhuToml toml;
        Diagnostics ignored_toml;
        if (read_mhu_toml(dir, toml, ignored_toml) && !toml.front_end.empty()) {
          kind = toml.front_end == "stack" ? ProjectKind::Stack : ProjectKind::Cabal;
          break;
        }
      }
    }
    return true;
  }
  const char* env = std::getenv("STACK_YAML");
  kind = !cabal_project && env && *env ? ProjectKind::Stack : ProjectKind::Cabal;
  return true;
}

bool project_settings(const std::string& cwd, const LoadOptions& o, ProjectSettings& out,
                      std::vector<std::string>& messages) {
  std::string error;
  if (!choose_project_kind(cwd, o, out.kind, error)) return messages.push_back("mhu: error: " + error), false;
  Diagnostics d;
  if (out.kind == ProjectKind::Stack) {
    std::string file;
    if (!stack::find_stack_yaml(cwd, o.stack_yaml, file, d)) return add_diagnostics(cwd, d, messages), false;
    out.root = fs::path(file).parent_path().string();
  } else {
    cabal::ProjectLocation loc;
    if (!cabal::find_project(cwd, o.project_file, loc, d)) return add_diagnostics(cwd, d, messages), false;
    out.root = loc.root_dir;
  }
  Diagnostics td;
  bool read = read_mhu_toml(out.root, out.toml, td);
  add_diagnostics(out.toml.file, td, messages);
  if (!read) return false;
  out.options = o;
  if (o.with_compiler.empty() && !out.toml.ghc.empty()) {
    // A path is relative to the project root; a bare name is looked for on PATH.
    const std::string& g = out.toml.ghc;
    out.options.with_compiler = g.find('/') == std::string::npos || g[0] == '/' ? g : (fs::path(out.root) / g).string();
    out.options.with_compiler_origin = "named by `ghc` in " + out.toml.file;
  }
  return true;
}

namespace {

void append(std::vector<std::string>& to, const std::vector<std::string>& from) {
  to.insert(to.end(), from.begin(), from.end());
}

const MhuTomlOptions* find_options(const std::map<std::string, MhuTomlOptions>& m, const std::string& key) {
  auto it = m.find(key);
  return it == m.end() ? nullptr : &it->second;
}

// mhu.toml's ghc-options into every unit; warnings for tables that name nothing.
void apply_toml_ghc_options(const MhuToml& toml, LoadedProject& p, std::vector<std::string>& messages) {
  std::set<std::string> packages, targets;
  for (auto& u : p.graph.units) {
    std::string target = planner::stack_target(u);
    packages.insert(u.package_name);
    targets.insert(target);
    append(u.ghc_options, toml.all.ghc_options);
    if (const auto* o = find_options(toml.packages, u.package_name)) append(u.ghc_options, o->ghc_options);
    if (const auto* o = find_options(toml.units, target)) append(u.ghc_options, o->ghc_options);
  }
  for (const auto& [name, o] : toml.packages)
    if (!packages.count(name))
      messages.push_back(cabal::format_diagnostic(
          toml.file, {o.pos, cabal::Severity::Warning, "[package." + name + "]: the project has no package '" + name + "'", {}}));
  for (const auto& [name, o] : toml.units)
    if (!targets.count(name))
      messages.push_back(cabal::format_diagnostic(
          toml.file, {o.pos, cabal::Severity::Warning,
                      "[unit.\"" + name + "\"]: the project has no unit '" + name + "' (see `mhu targets`)", {}}));
}

}  // namespace

bool load_project(const std::string& cwd, const LoadOptions& o, LoadedProject& out,
                  std::vector<std::string>& messages) {
  ProjectSettings settings;
  if (!project_settings(cwd, o, settings, messages)) return false;
  out.kind = settings.kind;
  bool ok = settings.kind == ProjectKind::Stack ? load_stack_project(cwd, settings.options, out, messages)
                                                : load_cabal_project(cwd, settings.options, out, messages);
  out.toml = std::move(settings.toml);
  if (ok) apply_toml_ghc_options(out.toml, out, messages);
  return ok;
}

std::vector<std::string> effective_targets(const std::vector<std::string>& given, const MhuToml& toml) {
  return given.empty() ? toml.targets : given;
}

std::string dist_dir(const LoadedProject& p) {
  const std::string& root = p.config.location.root_dir;
  const std::string& d = p.toml.dist_dir;
  if (d.empty()) return root + "/dist-mhu";
  std::string out = (fs::path(root) / d).lexically_normal().string();
  while (out.size() > 1 && out.back() == '/') out.pop_back();
  return out;
}

std::vector<std::string> toml_ghci_options(const MhuToml& toml, const planner::Unit& u) {
  std::vector<std::string> out = toml.all.ghci_options;
  if (const auto* o = find_options(toml.packages, u.package_name)) append(out, o->ghci_options);
  if (const auto* o = find_options(toml.units, planner::stack_target(u))) append(out, o->ghci_options);
  return out;
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
    // The project's own constraints narrow the ranges too (a stack extra-dep
    // NAME-VERSION is NAME ==VERSION): name them, with where they are written.
    for (const auto& c : p.config.constraints)
      if (c.kind == cabal::UserConstraint::Kind::Range && cabal::ascii_lower(c.package) == cabal::ascii_lower(m.package))
        needs += "\n      " + cabal::to_string(c.range) + "  required by " + c.file + ":" +
                 std::to_string(c.pos.line) + ":" + std::to_string(c.pos.col);
    std::string have;
    for (const auto& v : m.installed) have += (have.empty() ? "" : ", ") + cabal::to_string(v);
    text += "\n  " + m.package + (have.empty() ? " (not installed)" : " (installed: " + have + ")") + needs;
  }
  if (text.empty()) return "";
  if (p.kind == ProjectKind::Stack)
    return "mhu: error: missing dependencies; no installed version meets these ranges:" + text +
           "\n  Install them into stack's databases with `stack build --only-dependencies` (add the packages"
           " stack's snapshot lacks to `extra-deps`), or add a package database with --package-db.";
  std::string stack_hint;
  std::error_code ec;
  if (fs::is_regular_file(fs::path(p.config.location.root_dir) / "stack.yaml", ec))
    stack_hint = "\n  This project also has a stack.yaml: `--stack` reads it and uses stack's package databases.";
  return "mhu: error: missing dependencies; no installed version meets these ranges:" + text +
         "\n  Install them (e.g. `mhu units --build-deps`, which runs `cabal build --only-dependencies`;"
         " or Debian's libghc-NAME-dev packages), or add a package database with --package-db." + stack_hint;
}

}  // namespace mhu::cli
