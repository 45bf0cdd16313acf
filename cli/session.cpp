#include "cli/session.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "cli/output.h"
#include "cli/parallel.h"
#include "planner/cache_file.h"
#include "planner/process.h"
#include "planner/targets.h"
#include "responsefiles/autogen.h"
#include "responsefiles/dist_lock.h"
#include "responsefiles/merged_session.h"
#include "responsefiles/preprocess.h"
#include "responsefiles/response_file.h"

namespace mhu::cli {

namespace fs = std::filesystem;

namespace {

std::vector<std::string> split_words(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n') {
      if (!cur.empty()) out.push_back(std::move(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

// The unit GHCi makes active (the last -unit): as cabal does, of the units
// the first target selects, the one with the smallest id.
std::string active_unit(const planner::UnitGraph& graph, const Args& targets, const planner::Selection& sel) {
  planner::Selection first;
  cabal::Diagnostics d;
  Args one;
  if (!targets.empty()) one.push_back(targets.front());
  std::vector<std::string> candidates;
  if (planner::select_targets(graph, one, current_dir(), first, d)) candidates = first.unit_ids;
  std::sort(candidates.begin(), candidates.end());
  for (const auto& id : candidates)
    if (std::find(sel.unit_ids.begin(), sel.unit_ids.end(), id) != sel.unit_ids.end()) return id;
  return sel.unit_ids.empty() ? "" : sel.unit_ids.front();
}

const cabal::GenericPackageDescription* description_of(const PreparedSession& s, const planner::Unit& u) {
  auto it = s.descriptions.find(u.cabal_file);
  return it == s.descriptions.end() ? nullptr : it->second;
}

// cabal_macros.h, Paths_/PackageInfo_, preprocessor outputs and C objects of
// one unit, each made only when out of date.
bool generate_unit_files(const PreparedSession& s, const planner::Unit& u, const std::string& cache,
                         const responsefiles::PreprocessOptions& po, std::vector<std::string>& objects,
                         std::string& error) {
  const cabal::GenericPackageDescription* gpd = description_of(s, u);
  if (!gpd) return error = "no package description for " + u.id, false;
  const auto& compiler = s.project.compiler;
  // Found once (a stat per module, suffix and source directory): their tools
  // go into cabal_macros.h, then they are preprocessed.
  auto inputs = responsefiles::find_preprocessor_inputs(u, s.layout);
  auto tools = responsefiles::unit_macro_tools(u, compiler, po.programs, cache, inputs);
  if (!responsefiles::write_autogen_files(u, *gpd, s.layout, compiler, tools, error)) return false;
  responsefiles::PreprocessResult pre;
  if (!responsefiles::preprocess_unit(u, s.layout, compiler, po, std::move(inputs), pre, error)) return false;
  return responsefiles::compile_c_sources(u, s.layout, compiler, po, pre.c_sources, objects, error);
}

// GHC older than 9.4, without multiple home units: every unit's files, then
// ONE argument list `args` (merged_arguments), with a warning for each thing
// the merged session cannot honour. GHC reads response files only from 9.4
// on, so the arguments go on the command line; DIR/merged records them.
bool prepare_merged_session(PreparedSession& s, responsefiles::SessionOptions so,
                            const responsefiles::PreprocessOptions& po, const std::string& cache,
                            const std::string& dir, std::vector<std::string>& args, std::string& error) {
  std::vector<const planner::Unit*> units;
  for (const auto& id : s.order) {
    const planner::Unit* u = planner::find_unit(s.project.graph, id);
    std::vector<std::string> objects;
    if (!generate_unit_files(s, *u, cache, po, objects, error)) return error = u->id + ": " + error, false;
    s.objects.insert(s.objects.end(), objects.begin(), objects.end());
    units.push_back(u);
    if (so.mode == responsefiles::SessionOptions::Mode::Repl)
      for (const auto& opt : toml_ghci_options(s.project.toml, *u))
        if (std::find(so.final_options.begin(), so.final_options.end(), opt) == so.final_options.end())
          so.final_options.push_back(opt);
  }
  std::vector<std::string> warnings;
  std::string text, path = dir + "/merged";
  if (!responsefiles::merged_arguments(units, s.layout, so, args, warnings, error, s.objects) ||
      !responsefiles::render_response_file(args, text, error) || !responsefiles::write_if_changed(path, text, error))
    return false;
  print_message("mhu: warning: " + responsefiles::merged_session_notice(so.ghc_version) + " (the compiler: " +
                s.project.compiler.ghc_path + ")");
  print_note(kCompilerHint);
  for (const auto& w : warnings) print_message("mhu: warning: " + w);
  s.files.emplace_back("merged", path);
  s.merged = true;
  return true;
}

}  // namespace

bool take_flag(Args& args, std::initializer_list<const char*> names) {
  for (const char* name : names) {
    auto it = std::find(args.begin(), args.end(), name);
    if (it != args.end()) {
      args.erase(it);
      return true;
    }
  }
  return false;
}

bool take_value(Args& args, std::initializer_list<const char*> names, std::string& value, bool& given,
                std::string& error) {
  for (size_t i = 0; i < args.size();) {
    bool matched = false;
    for (const char* name : names) {
      std::string n = name, eq = n + "=";
      if (args[i] == n) {
        if (i + 1 >= args.size()) {
          error = n + " needs a value";
          return false;
        }
        value = args[i + 1];
        args.erase(args.begin() + static_cast<std::ptrdiff_t>(i), args.begin() + static_cast<std::ptrdiff_t>(i) + 2);
        matched = true;
      } else if (n.size() > 2 && args[i].rfind(eq, 0) == 0) {
        value = args[i].substr(eq.size());
        args.erase(args.begin() + static_cast<std::ptrdiff_t>(i));
        matched = true;
      }
      if (matched) break;
    }
    if (matched) given = true;
    else ++i;
  }
  return true;
}

bool wants_help(const Args& args) {
  return std::find(args.begin(), args.end(), "--help") != args.end() ||
         std::find(args.begin(), args.end(), "-h") != args.end();
}

int usage_error(const char* usage, const std::string& error) {
  print_error(error);
  std::fprintf(stderr, "\n%s%s", usage, kLoadOptionsHelp);
  return 2;
}

std::string current_dir() {
  std::error_code ec;
  auto p = fs::current_path(ec);
  return ec ? "." : p.string();
}

bool take_session_options(Args& args, SessionRequest& request, std::string& error) {
  std::string jobs, ghci_options;
  bool have_jobs = false, have_ghci = false;
  if (!take_value(args, {"--jobs", "-j"}, jobs, have_jobs, error) ||
      !take_value(args, {"--ghci-options"}, ghci_options, have_ghci, error))
    return false;
  // -jN, as GHC spells it.
  for (auto it = args.begin(); it != args.end(); ++it)
    if (it->size() > 2 && it->rfind("-j", 0) == 0) {
      jobs = it->substr(2), have_jobs = true;
      args.erase(it);
      break;
    }
  if (have_jobs && (jobs.empty() || !std::all_of(jobs.begin(), jobs.end(), ::isdigit) || jobs == "0" || jobs.size() > 4))
    return error = "--jobs needs a positive number, not '" + jobs + "'", false;
  request.jobs = jobs;
  request.extra_options = split_words(ghci_options);
  return true;
}

bool prepare_session(const Args& given_targets, const LoadOptions& load, const SessionRequest& request,
                     PreparedSession& s) {
  auto start = Clock::now();
  std::vector<std::string> messages;
  bool ok = load_project(current_dir(), load, s.project, messages);
  print_messages(messages);
  if (!ok) return false;
  LoadedProject& p = s.project;
  for (const auto& pkg : p.packages) s.descriptions[pkg.cabal_file] = &pkg.description;

  auto phase = Clock::now();
  Args targets = effective_targets(given_targets, p.toml);
  planner::Selection sel;
  cabal::Diagnostics d;
  if (!planner::select_targets(p.graph, targets, current_dir(), sel, d) || !planner::close_selection(p.graph, sel, d)) {
    for (const auto& item : d.items) print_error(item.message);
    return false;
  }
  for (const auto& n : sel.notes) print_note(n);
  std::string missing = missing_packages_error(p, sel.unit_ids);
  if (!missing.empty()) return print_message(missing), false;
  print_timing("select", elapsed_ms(phase));

  phase = Clock::now();
  s.layout = {p.config.location.root_dir, dist_dir(p)};
  std::string dir = !request.out_dir.empty() ? fs::absolute(fs::path(current_dir()) / request.out_dir).lexically_normal().string()
                                             : s.layout.dist_dir + "/units";
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();

  responsefiles::SessionOptions so;
  so.mode = request.mode;
  so.ghc_version = p.compiler.version;
  so.optimise = request.optimise;
  so.extra_options = request.extra_options;
  // GHC reads its global database anyway; cabal does not pass it either.
  for (const auto& db : p.dbs.dbs)
    if (db != p.compiler.global_db) so.package_dbs.push_back(db);
  bool repl = request.mode == responsefiles::SessionOptions::Mode::Repl;

  std::string active = active_unit(p.graph, targets, sel);
  for (const auto& id : sel.unit_ids)
    if (id != active) s.order.push_back(id);
  if (!active.empty()) s.order.push_back(active);

  responsefiles::PreprocessOptions po;
  po.package_dbs = so.package_dbs;
  po.on_run = [](const std::string& what, const std::vector<std::string>& argv) {
    print_progress(verbose() ? what + ": " + shell_command(argv) : what);
  };
  std::string cache = mhu_cache_dir(load);
  std::string error;
  // One writer at a time in dist-mhu/; unlocked when this returns, before GHC starts.
  responsefiles::DistLock lock;
  bool waited = false;
  if (!lock.acquire(s.layout.dist_dir, error, &waited))
    return print_error(error), false;
  if (waited) print_note("waited for another mhu writing " + s.layout.dist_dir);
  if (lock.previous_run_interrupted()) {
    responsefiles::remove_temp_files(s.layout.dist_dir);
    if (dir != s.layout.dist_dir + "/units") responsefiles::remove_temp_files(dir);
  }
  // A run killed while it wrote the cache (any command, any project) left a
  // temporary file there; the cache is a handful of files, so look each time.
  if (!cache.empty()) planner::remove_dead_temp_files(cache);
  bool merged = p.compiler.version < cabal::Version{{9, 4}};
  std::vector<std::string> merged_args;
  if (merged && !prepare_merged_session(s, so, po, cache, dir, merged_args, error))
    return print_error(error), false;
  // Each unit's files on its own: the units are shared out among the CPUs;
  // what is reported comes in the units' order, the first failure as a
  // serial run would report it (later units' files may have been written).
  struct UnitOutput {
    std::string error;  // a message to print, "" when the unit is done
    std::vector<std::string> objects;
  };
  std::vector<std::string> units = merged ? std::vector<std::string>{} : s.order;
  std::vector<UnitOutput> outputs(units.size());
  auto make_unit = [&](size_t i) {
    const planner::Unit* u = planner::find_unit(p.graph, units[i]);
    UnitOutput& o = outputs[i];
    std::vector<std::string> unit_args;
    std::string text, e;
    responsefiles::SessionOptions unit_so = so;
    if (repl) unit_so.final_options = toml_ghci_options(p.toml, *u);
    if (!generate_unit_files(s, *u, cache, po, o.objects, e) ||
        !responsefiles::unit_arguments(*u, s.layout, unit_so, unit_args, e, o.objects) ||
        !responsefiles::render_response_file(unit_args, text, e))
      o.error = u->id + ": " + e;
    else if (!responsefiles::write_if_changed(dir + "/" + units[i], text, e))
      o.error = e;
  };
  constexpr size_t kChunk = 8;
  parallel_for(units.size(), kChunk, static_cast<unsigned>(std::min<size_t>(usable_cpus(), units.size() / (2 * kChunk))),
               make_unit);
  for (size_t i = 0; i < units.size(); ++i) {
    if (!outputs[i].error.empty()) {
      print_error(outputs[i].error);
      return false;
    }
    s.files.emplace_back(units[i], dir + "/" + units[i]);
    s.objects.insert(s.objects.end(), outputs[i].objects.begin(), outputs[i].objects.end());
  }
  print_timing("write", elapsed_ms(phase));

  s.ghc = p.compiler.ghc;
  if (s.ghc.find('/') == std::string::npos)
    if (std::string found = planner::find_program(s.ghc); !found.empty()) s.ghc = found;
  s.ghc_args = {repl ? "--interactive" : "--make", "-package-env", "-"};
  if (!request.jobs.empty()) s.ghc_args.push_back("-j" + request.jobs);
  s.ghc_args.insert(s.ghc_args.end(), merged_args.begin(), merged_args.end());
  for (const auto& [id, path] : merged ? decltype(s.files){} : s.files) {
    s.ghc_args.push_back("-unit");
    s.ghc_args.push_back("@" + path);
  }
  print_timing("total", elapsed_ms(start));
  return true;
}

}  // namespace mhu::cli
