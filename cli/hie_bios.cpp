// `mhu hie-bios FILE` answers hie-bios's `bios` cradle: haskell-language-server
// (through hie-bios) runs it in hie.yaml's directory with the file it opens as
// the argument ($HIE_BIOS_ARG of the shell command), and reads the GHC
// arguments back from the file named by $HIE_BIOS_OUTPUT, one per line, and
// the cradle's dependencies from $HIE_BIOS_DEPS. The arguments are those of
// `mhu repl`: `-package-env -` and `-unit @FILE` for every unit, the response
// files written as `mhu repl` writes them.
//
// Which units: every unit of the project (as `all` selects them), plus the
// units of the file (and of the other files hie-bios names in
// $HIE_BIOS_MULTI_ARG) with what they need, those first. haskell-language-
// server registers every module of every unit it is given with that one
// answer, so one call serves every file of the project (no new cradle call,
// and no session restart, when the user opens a file of another component),
// and references between components resolve; it type-checks only the modules
// it is asked about and what they import, so the other units cost little.
// hie-bios makes the first -unit the active one and checks the file there.
//
// `mhu hie-bios --init [DIR]` writes DIR/hie.yaml calling this command: the
// one file mhu writes outside dist-mhu/, and only when asked (never over an
// existing hie.yaml without --force).
#include "cli/hie_bios.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <string_view>

#include "cli/commands.h"
#include "cli/output.h"
#include "cli/session.h"
#include "planner/targets.h"
#include "responsefiles/layout.h"
#include "responsefiles/response_file.h"

namespace mhu::cli {

namespace fs = std::filesystem;

namespace hie_bios {

namespace {

// Suffixes of the files GHC (or a preprocessor before it) reads a module from.
const char* const kModuleSuffixes[] = {".hs", ".lhs", ".hsig", ".lhsig", ".hs-boot", ".lhs-boot",
                                       ".x",  ".y",   ".ly",   ".hsc",   ".chs"};

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string canonical_path(const fs::path& p) {
  std::error_code ec;
  fs::path c = fs::weakly_canonical(p, ec);
  return (ec ? p.lexically_normal() : c).string();
}

// `file` relative to `dir` when it lies below it, else "".
std::string below(const std::string& file, const std::string& dir) {
  std::string prefix = dir.back() == '/' ? dir : dir + "/";
  return file.rfind(prefix, 0) == 0 ? file.substr(prefix.size()) : "";
}

// The module a source path (relative to a source directory) holds, or "".
std::string module_of(const std::string& rel) {
  for (const char* suffix : kModuleSuffixes) {
    if (!ends_with(rel, suffix)) continue;
    std::string m = rel.substr(0, rel.size() - std::string(suffix).size());
    std::replace(m.begin(), m.end(), '/', '.');
    return m;
  }
  return "";
}

bool has_module(const planner::Unit& u, const std::string& m) {
  const auto& d = u.data;
  for (const auto* list : {&d.exposed_modules, &d.build_info.other_modules, &d.signatures})
    if (std::find(list->begin(), list->end(), m) != list->end()) return true;
  return false;
}

std::vector<std::string> source_dirs(const planner::Unit& u) {
  std::vector<std::string> dirs;
  for (const auto& d : u.data.build_info.hs_source_dirs) dirs.push_back(canonical_path(fs::path(u.package_dir) / d));
  if (dirs.empty()) dirs.push_back(canonical_path(u.package_dir));
  return dirs;
}

}  // namespace

std::vector<std::string> owning_units(const planner::UnitGraph& graph, const std::string& dist_dir,
                                      const std::string& file, std::string& hint) {
  std::vector<std::string> libraries, others;
  hint.clear();
  if (std::string generated = below(file, canonical_path(fs::path(dist_dir) / "build")); !generated.empty()) {
    std::string id = generated.substr(0, generated.find('/'));
    if (planner::find_unit(graph, id)) return {id};
  }
  for (const auto& u : graph.units) {
    if (!u.buildable) continue;
    bool owns = false;
    for (const auto& dir : source_dirs(u)) {
      std::string rel = below(file, dir);
      if (rel.empty()) continue;
      if (hint.empty()) hint = u.id;
      std::string m = module_of(rel);
      if ((!u.data.main_is.empty() && fs::path(rel).lexically_normal() == fs::path(u.data.main_is).lexically_normal()) ||
          (!m.empty() && (has_module(u, m) || m == u.data.test_module)))
        owns = true;
    }
    if (owns) (u.kind == cabal::ComponentKind::Library ? libraries : others).push_back(u.id);
  }
  libraries.insert(libraries.end(), others.begin(), others.end());
  if (!libraries.empty()) hint.clear();
  return libraries;
}

std::vector<std::string> split_multi_arg(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\0', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

bool bios_output(const std::vector<std::string>& global_options,
                 const std::vector<std::pair<std::string, std::string>>& unit_files,
                 const std::vector<std::string>& first, std::string& out, std::string& error) {
  std::vector<std::string> args = global_options;
  auto add_unit = [&](const std::string& path) { args.insert(args.end(), {"-unit", "@" + path}); };
  for (const auto& id : first)
    for (const auto& [unit, path] : unit_files)
      if (unit == id) add_unit(path);
  for (const auto& [unit, path] : unit_files)
    if (std::find(first.begin(), first.end(), unit) == first.end()) add_unit(path);
  out.clear();
  for (const auto& a : args) {
    if (a.find('\n') != std::string::npos || a.find('\r') != std::string::npos)
      return error = "the argument '" + a + "' holds a line break, which hie-bios cannot read back", false;
    out += a + "\n";
  }
  return true;
}

std::vector<std::string> cradle_dependencies(const LoadedProject& project) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  auto add = [&](const std::string& f) {
    if (!f.empty() && seen.insert(f).second) out.push_back(f);
  };
  for (const auto& f : project.config.files) add(f);
  for (const auto& pkg : project.packages) add(pkg.cabal_file);
  return out;
}

std::string hie_yaml(const std::string& program, const std::vector<std::string>& options) {
  std::string command = shell_quote(program) + " hie-bios";
  for (const auto& o : options) command += " " + shell_quote(o);
  command += " \"$HIE_BIOS_ARG\"";
  // A YAML single-quoted scalar: '' stands for one quote.
  std::string yaml_quoted = "'";
  for (char c : command) yaml_quoted += c == '\'' ? std::string("''") : std::string(1, c);
  yaml_quoted += "'";
  return "# Written by `mhu hie-bios --init`. haskell-language-server (through hie-bios)\n"
         "# runs the command below for a file it opens; mhu answers with the GHC\n"
         "# arguments of the project's home units (-unit @dist-mhu/units/UNIT ...).\n"
         "cradle:\n"
         "  bios:\n"
         "    shell: " +
         yaml_quoted + "\n";
}

}  // namespace hie_bios

namespace {

const char* kHieBiosUsage =
    "usage: mhu hie-bios [--closure] [PROJECT OPTIONS] FILE\n"
    "       mhu hie-bios --init [--force] [--program CMD] [--closure] [PROJECT OPTIONS] [DIR]\n"
    "\n"
    "For editors (haskell-language-server, through hie-bios's bios cradle):\n"
    "prints the GHC arguments of the project FILE belongs to -- `-package-env -`\n"
    "and `-unit @RESPONSE-FILE` for every unit of the project, FILE's units first\n"
    "-- one per line, to the file $HIE_BIOS_OUTPUT names (else to stdout); the\n"
    "files whose change changes them go to $HIE_BIOS_DEPS when it is set.\n"
    "--closure: only FILE's units and the units they need.\n"
    "--init writes DIR/hie.yaml (default: the current directory) with a bios\n"
    "cradle that runs `mhu hie-bios [PROJECT OPTIONS] FILE` (CMD instead of mhu\n"
    "with --program); it never replaces an existing hie.yaml unless --force.\n"
    "\n"
    "examples:\n"
    "  mhu hie-bios --init               write ./hie.yaml for haskell-language-server\n"
    "  mhu hie-bios src/Main.hs          print the arguments HLS gets for src/Main.hs\n"
    "  mhu hie-bios --init --stack       the cradle reads stack.yaml even beside cabal.project\n\n";

bool read_whole(const std::string& path, std::string& out) {
  std::string error;
  return read_file(path, out, error);
}

bool write_lines(const std::string& path, const std::vector<std::string>& lines, std::string& error) {
  std::string text;
  for (const auto& l : lines) text += l + "\n";
  return responsefiles::write_if_changed(path, text, error);
}

// Project options as given, for the command hie.yaml runs (take_load_options
// consumes them, so they are picked out of a copy).
std::vector<std::string> project_option_words(const Args& all, const Args& rest) {
  std::vector<std::string> out;
  std::multiset<std::string> left(rest.begin(), rest.end());
  for (const auto& a : all) {
    auto it = left.find(a);
    if (it != left.end()) left.erase(it);
    else out.push_back(a);
  }
  return out;
}

int run_init(Args args) {
  bool force = take_flag(args, {"--force"});
  bool only_closure = take_flag(args, {"--closure"});
  std::string program = "mhu", error;
  bool given = false;
  if (!take_value(args, {"--program"}, program, given, error)) return usage_error(kHieBiosUsage, error);
  Args before = args;
  LoadOptions o;
  if (!take_load_options(args, o, error)) return usage_error(kHieBiosUsage, error);
  std::vector<std::string> options = project_option_words(before, args);
  if (only_closure) options.insert(options.begin(), "--closure");
  for (const auto& a : args)
    if (!a.empty() && a[0] == '-') return usage_error(kHieBiosUsage, "unknown option '" + a + "'");
  if (args.size() > 1) return usage_error(kHieBiosUsage, "--init takes one directory, not '" + args[1] + "'");
  std::string dir = args.empty() ? current_dir() : args[0];
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return print_error(dir + ": not a directory"), 1;
  std::string path = (fs::path(dir) / "hie.yaml").lexically_normal().string();
  if (!force && fs::exists(fs::symlink_status(path, ec)))
    return print_error(path + " exists; mhu does not replace it (--force to do so)"), 1;
  if (!responsefiles::write_if_changed(path, hie_bios::hie_yaml(program, options), error))
    return print_error(error), 1;
  print_message("mhu: wrote " + path);
  return 0;
}

// The file hie-bios asks about and the others it loads with it
// ($HIE_BIOS_MULTI_ARG), absolute and canonical, the asked-about one first.
std::vector<std::string> requested_files(const std::string& file) {
  std::vector<std::string> files = {file};
  if (const char* multi = std::getenv("HIE_BIOS_MULTI_ARG"); multi && *multi) {
    std::string text;
    if (read_whole(multi, text))
      for (const auto& f : hie_bios::split_multi_arg(text)) files.push_back(f);
  }
  std::vector<std::string> out;
  for (const auto& f : files) {
    std::string c = hie_bios::canonical_path(fs::absolute(f));
    if (std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
  }
  return out;
}

}  // namespace

int run_hie_bios(const Args& args_in) {
  Args args = args_in;
  if (wants_help(args)) return std::fputs(kHieBiosUsage, stdout), std::fputs(kLoadOptionsHelp, stdout), 0;
  if (take_flag(args, {"--init"})) return run_init(args);
  bool only_closure = take_flag(args, {"--closure"});
  LoadOptions o;
  std::string error;
  if (!take_load_options(args, o, error)) return usage_error(kHieBiosUsage, error);
  for (const auto& a : args)
    if (!a.empty() && a[0] == '-') return usage_error(kHieBiosUsage, "unknown option '" + a + "'");
  if (args.size() != 1) return usage_error(kHieBiosUsage, args.empty() ? "no FILE given" : "one FILE, not several");

  std::vector<std::string> files = requested_files(args[0]);
  std::error_code ec;
  if (!fs::is_regular_file(files[0], ec))
    return print_error(args[0] + ": no such file"), 1;
  // Project files named on the command line are relative to where we were
  // called (hie.yaml's directory); the project is looked for from the file's.
  for (std::string* f : {&o.project_file, &o.stack_yaml})
    if (!f->empty()) *f = fs::absolute(*f).string();
  fs::current_path(fs::path(files[0]).parent_path(), ec);
  if (ec) return print_error(files[0] + ": " + ec.message()), 1;

  // Load once to find the file's units, then prepare the session of those and `all`.
  LoadedProject project;
  std::vector<std::string> messages;
  bool ok = load_project(current_dir(), o, project, messages);
  print_messages(messages);
  if (!ok) return 1;
  std::vector<std::string> first;
  for (size_t i = 0; i < files.size(); ++i) {
    std::string hint;
    std::string dist_dir = responsefiles::default_layout(project.config.location.root_dir).dist_dir;
    std::vector<std::string> owners = hie_bios::owning_units(project.graph, dist_dir, files[i], hint);
    if (owners.empty() && i == 0) {
      std::string why = hint.empty() ? "it is in no source directory of any component, nor any main-is"
                                     : "it is under a source directory of " + hint +
                                           " but not among its modules (exposed-modules, other-modules, main-is)";
      print_message(files[i] + ": error: no component of the project holds this file: " + why);
      return 1;
    }
    for (const auto& id : owners)
      if (std::find(first.begin(), first.end(), id) == first.end()) first.push_back(id);
  }
  Args targets;
  for (const auto& id : first) targets.push_back(planner::target_spellings(*planner::find_unit(project.graph, id))[1]);
  if (!only_closure) targets.push_back("all");

  PreparedSession s;
  SessionRequest r;  // the REPL's arguments: -O0, no GHCi-incompatible options
  if (!prepare_session(targets, o, r, s)) return 1;
  std::vector<std::string> global = {"-package-env", "-"};
  if (s.merged) global.assign(s.ghc_args.begin() + 1, s.ghc_args.end());  // no units before GHC 9.4
  std::string out;
  if (!hie_bios::bios_output(global, s.merged ? decltype(s.files){} : s.files, first, out, error))
    return print_error(error), 1;

  if (const char* deps = std::getenv("HIE_BIOS_DEPS"); deps && *deps)
    if (!write_lines(deps, hie_bios::cradle_dependencies(s.project), error))
      return print_error(error), 1;
  if (const char* output = std::getenv("HIE_BIOS_OUTPUT"); output && *output) {
    if (!responsefiles::write_if_changed(output, out, error))
      return print_error(error), 1;
  } else {
    std::fputs(out.c_str(), stdout);
  }
  return 0;
}

}  // namespace mhu::cli
