// The pipeline every project command shares: find and read the project, parse
// its packages, ask the compiler, read the package databases, build the unit
// graph. Errors come back as printable lines.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cabal/project.h"
#include "cli/mhu_toml.h"
#include "planner/compiler.h"
#include "planner/package_db.h"
#include "planner/units.h"

namespace mhu::cli {

// Which kind of project: cabal's (cabal.project or an implicit project) or
// stack's (stack.yaml).
enum class ProjectKind { Auto, Cabal, Stack };

struct LoadOptions {
  ProjectKind kind = ProjectKind::Auto;  // --cabal / --stack
  std::string project_file;               // --project-file (a cabal project)
  std::string stack_yaml;                 // --stack-yaml (a stack project)
  std::string with_compiler;              // -w / --with-compiler
  std::string with_compiler_origin;       // for messages: where with_compiler came from ("" = -w)
  std::vector<std::string> package_dbs;   // --package-db
  std::optional<bool> enable_tests, enable_benchmarks;
  cabal::FlagAssignment flags;            // -f
  bool use_cache = true;                  // --no-cache turns it off
  bool verbose = false;                   // -v: commands and timings on stderr
};

struct LoadedProject {
  ProjectKind kind = ProjectKind::Cabal;  // Cabal or Stack once loaded
  cabal::ProjectConfig config;
  planner::CompilerInfo compiler;
  planner::PackageDbStack dbs;
  planner::InstalledIndex index;  // into dbs
  std::vector<planner::LocalPackage> packages;
  planner::UnitGraph graph;
  bool used_plan_json = false;
  MhuToml toml;  // the project root's mhu.toml (toml.file "" when there is none)
};

// Common options of project commands: consumes what it knows from args
// (leaving the rest) and returns false with a message on a malformed one.
bool take_load_options(std::vector<std::string>& args, LoadOptions& o, std::string& error);
extern const char* kLoadOptionsHelp;
// How to choose the compiler, for messages about a compiler that does not work.
extern const char* kCompilerHint;

// mhu's cache directory ($XDG_CACHE_HOME/mhu or ~/.cache/mhu), "" with --no-cache.
std::string mhu_cache_dir(const LoadOptions& o);

// Which kind of project load_project reads from `cwd`: --cabal/--stack when
// given; else --stack-yaml means stack and --project-file cabal; else, when
// both a cabal.project (found as cabal finds it) and a stack.yaml (found as
// stack finds it, walking up from cwd) exist: the `front-end` of the mhu.toml
// beside the nearer one (else beside the other), else the nearer one,
// cabal.project when both are in the same directory; else stack when
// $STACK_YAML is set; else cabal (an implicit project). False with `error`
// for contradicting options.
bool choose_project_kind(const std::string& cwd, const LoadOptions& o, ProjectKind& kind, std::string& error);

// What a project command works with once the project is found: its kind, its
// root directory (cabal's project root, or stack.yaml's directory), its
// mhu.toml, and the options with mhu.toml's applied (its `ghc` as -w when
// there is no -w). Errors (contradicting options, no project, a bad
// mhu.toml) and mhu.toml's warnings go to `messages`.
struct ProjectSettings {
  ProjectKind kind = ProjectKind::Cabal;
  std::string root;
  MhuToml toml;
  LoadOptions options;
};
bool project_settings(const std::string& cwd, const LoadOptions& o, ProjectSettings& out,
                      std::vector<std::string>& messages);

// The targets of a command: those given, else mhu.toml's `targets`.
std::vector<std::string> effective_targets(const std::vector<std::string>& given, const MhuToml& toml);

// mhu's output directory: mhu.toml's dist-dir (relative to the project root),
// else ROOT/dist-mhu. Absolute.
std::string dist_dir(const LoadedProject& p);

// mhu.toml's ghci-options for unit `u`: the top-level ones, its package's,
// its own (by `mhu targets` name).
std::vector<std::string> toml_ghci_options(const MhuToml& toml, const planner::Unit& u);

// Warnings are appended to `messages` even on success; on failure `messages`
// holds the errors, one formatted line each.
//
// A stack project: stack.yaml is read (stack/stack_yaml.h) and converted to the
// project model (stack/stack_project.h); packages with a package.yaml are read
// with the package.yaml reader; the package databases are stack's (global,
// extra-package-dbs, snapshot, local) from `stack path` (planner/stack_dbs.h),
// or GHC's (global and user) with a note when stack is missing or fails; the
// compiler is -w, else the one stack uses when this process can run it, else
// `ghc` (a warning when its version is not the one stack.yaml asks for).
//
// mhu.toml (see project_settings): its ghc-options are appended to each
// unit's ghc_options (after the component's and the project's: they win), the
// top-level ones, then the package's, then the unit's; a [package.NAME] or
// [unit."TARGET"] naming nothing in the project is a warning.
bool load_project(const std::string& cwd, const LoadOptions& o, LoadedProject& out,
                  std::vector<std::string>& messages);

// The missing installed packages the selected units need, as one error text
// (empty when nothing is missing).
std::string missing_packages_error(const LoadedProject& p, const std::vector<std::string>& unit_ids);

}  // namespace mhu::cli
