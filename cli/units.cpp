// `mhu targets` and `mhu units`: the project's components, and the unit graph
// a session of the selected targets loads.
#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "cli/commands.h"
#include "cli/output.h"
#include "cli/project_loader.h"
#include "cli/session.h"
#include "cli/unit_json.h"
#include "planner/process.h"
#include "planner/targets.h"

namespace mhu::cli {

namespace {

const char* kTargetsUsage =
    "usage: mhu targets [--json] [PROJECT OPTIONS]\n"
    "\n"
    "Lists every component of every local package as `stack ide targets` does\n"
    "(pkg:lib, pkg:sub-lib:NAME, pkg:flib:NAME, pkg:exe:NAME, pkg:test:NAME,\n"
    "pkg:bench:NAME); --json adds unit ids, directories and modules (one\n"
    "array of objects; the stable schema is in the README).\n"
    "\n"
    "  --json          a JSON array, one object per component\n"
    "\n"
    "examples:\n"
    "  mhu targets\n"
    "  mhu targets --stack --json\n\n";

const char* kUnitsUsage =
    "usage: mhu units [--json] [PROJECT OPTIONS] [TARGET...]\n"
    "\n"
    "Prints the home units a session of the targets loads, each with its\n"
    "dependencies: other home units and installed units. Targets: all, PKG,\n"
    "lib:PKG, PKG:lib:NAME, exe:NAME, test:NAME, bench:NAME, flib:NAME,\n"
    "PKG:tests, all:exes, a package directory, or stack's PKG:lib, PKG:exe:NAME.\n"
    "Default: the package in the current directory, else all.\n"
    "\n"
    "  --json          one JSON object: project root, compiler, units, notes\n"
    "  --build-deps    first run `cabal build --only-dependencies TARGETS` to\n"
    "                  install missing dependencies into cabal's store (stack:\n"
    "                  `stack build --only-dependencies`)\n"
    "\n"
    "examples:\n"
    "  mhu units all\n"
    "  mhu units --json --enable-tests mypkg\n"
    "  mhu units --build-deps exe:server\n\n";

void write_units_text(std::string& out, const LoadedProject& p, const std::vector<const planner::Unit*>& units) {
  for (const planner::Unit* u : units) {
    out += u->id + "  " + planner::stack_target(*u) + "  " + u->package_dir + "\n";
    out += "  home:";
    for (const auto& d : u->home_deps) out += " " + d;
    out += "\n  installed:";
    for (const auto& d : u->installed_deps) out += " " + d;
    out += "\n";
  }
}

// `--build-deps`: let the project's tool build and install what the targets
// need (cabal into its store, stack into its snapshot and local databases),
// which mhu then reads.
std::vector<std::string> build_deps_command(const LoadOptions& o, ProjectKind kind, const Args& targets) {
  std::vector<std::string> argv;
  if (kind == ProjectKind::Stack) {
    argv = {"stack", "build", "--only-dependencies"};
    if (!o.stack_yaml.empty()) argv.push_back("--stack-yaml=" + o.stack_yaml);
    if (o.enable_tests && *o.enable_tests) argv.push_back("--test");
    if (o.enable_benchmarks && *o.enable_benchmarks) argv.push_back("--bench");
  } else {
    argv = {"cabal", "build", "--only-dependencies"};
    if (!o.project_file.empty()) argv.push_back("--project-file=" + o.project_file);
    if (!o.with_compiler.empty()) argv.push_back("--with-compiler=" + o.with_compiler);
    if (o.enable_tests) argv.push_back(*o.enable_tests ? "--enable-tests" : "--disable-tests");
    if (o.enable_benchmarks) argv.push_back(*o.enable_benchmarks ? "--enable-benchmarks" : "--disable-benchmarks");
    for (const auto& db : o.package_dbs) argv.push_back("--package-db=" + db);
  }
  argv.insert(argv.end(), targets.begin(), targets.end());
  return argv;
}

bool build_dependencies(const LoadOptions& o, const Args& given_targets) {
  ProjectSettings settings;
  std::vector<std::string> messages;
  bool ok = project_settings(current_dir(), o, settings, messages);
  print_messages(messages);
  if (!ok) return false;
  Args targets = effective_targets(given_targets, settings.toml);
  std::vector<std::string> argv = build_deps_command(settings.options, settings.kind, targets);
  // Always shown: the tool may take minutes, and its own output follows.
  print_message("mhu: building dependencies: " + shell_command(argv));
  auto start = Clock::now();
  std::string error;
  int status = planner::run_attached(argv, "", error);
  print_timing("deps", elapsed_ms(start));
  if (status == 0) return true;
  if (status < 0) print_error(error);
  else print_error("`" + argv[0] + " build --only-dependencies` failed (exit status " + std::to_string(status) + ")");
  return false;
}

}  // namespace

int run_targets(const Args& args_in) {
  Args args = args_in;
  if (wants_help(args)) return std::fputs(kTargetsUsage, stdout), std::fputs(kLoadOptionsHelp, stdout), 0;
  bool json = take_flag(args, {"--json"});
  LoadOptions o;
  std::string error;
  if (!take_load_options(args, o, error)) return usage_error(kTargetsUsage, error);
  if (!args.empty())
    return usage_error(kTargetsUsage, (args[0][0] == '-' ? "unknown option '" : "unexpected argument '") + args[0] + "'");
  LoadedProject p;
  std::vector<std::string> messages;
  bool ok = load_project(current_dir(), o, p, messages);
  print_messages(messages);
  if (!ok) return 1;
  std::vector<const planner::Unit*> units;
  for (const auto& u : p.graph.units)
    if (!u.extra_dep) units.push_back(&u);  // stack's targets are the project's packages
  std::stable_sort(units.begin(), units.end(),
                   [](const planner::Unit* a, const planner::Unit* b) { return planner::stack_order_less(*a, *b); });
  std::string out;
  if (json) {
    JsonWriter w(out);
    w.begin_array();
    for (const auto* u : units) write_unit_json(w, *u);
    w.end_array();
    out += '\n';
  } else {
    for (const auto* u : units) out += planner::stack_target(*u) + "\n";
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}

int run_units(const Args& args_in) {
  Args args = args_in;
  if (wants_help(args)) return std::fputs(kUnitsUsage, stdout), std::fputs(kLoadOptionsHelp, stdout), 0;
  bool json = take_flag(args, {"--json"});
  LoadOptions o;
  std::string error;
  if (!take_load_options(args, o, error)) return usage_error(kUnitsUsage, error);
  bool build_deps = take_flag(args, {"--build-deps"});
  for (const auto& a : args)
    if (!a.empty() && a[0] == '-') return usage_error(kUnitsUsage, "unknown option '" + a + "'");
  if (build_deps && !build_dependencies(o, args)) return 1;
  LoadedProject p;
  std::vector<std::string> messages;
  bool ok = load_project(current_dir(), o, p, messages);
  print_messages(messages);
  if (!ok) return 1;

  planner::Selection sel;
  cabal::Diagnostics d;
  Args targets = effective_targets(args, p.toml);
  if (!planner::select_targets(p.graph, targets, current_dir(), sel, d) || !planner::close_selection(p.graph, sel, d)) {
    for (const auto& item : d.items) print_error(item.message);
    return 1;
  }
  for (const auto& n : sel.notes) print_note(n);
  std::string missing = missing_packages_error(p, sel.unit_ids);
  if (!missing.empty()) return print_message(missing), 1;

  std::vector<const planner::Unit*> units;
  for (const auto& id : sel.unit_ids) units.push_back(planner::find_unit(p.graph, id));
  std::string out;
  if (json) {
    JsonWriter w(out);
    w.begin_object();
    w.key("project-root"), w.string(p.config.location.root_dir);
    w.key("compiler"), w.string("ghc-" + cabal::to_string(p.compiler.version));
    w.key("units");
    w.begin_array();
    for (const auto* u : units) write_unit_json(w, *u);
    w.end_array();
    w.key("notes"), w.strings(sel.notes);
    w.end_object();
    out += '\n';
  } else {
    write_units_text(out, p, units);
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}

}  // namespace mhu::cli
