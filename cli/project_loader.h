// The pipeline every project command shares: find and read the project, parse
// its packages, ask the compiler, read the package databases, build the unit
// graph. Errors come back as printable lines.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cabal/project.h"
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
  std::vector<std::string> package_dbs;   // --package-db
  std::optional<bool> enable_tests, enable_benchmarks;
  cabal::FlagAssignment flags;            // -f
  bool use_cache = true;                  // --no-cache turns it off
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
// given; else --stack-yaml means stack and --project-file cabal; else the
// nearer of cabal.project (found as cabal finds it) and stack.yaml (found as
// stack finds it, walking up from cwd), cabal.project when both are in the
// same directory; else stack when $STACK_YAML is set; else cabal (an implicit
// project). False with `error` for contradicting options.
bool choose_project_kind(const std::string& cwd, const LoadOptions& o, ProjectKind& kind, std::string& error);

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
bool load_project(const std::string& cwd, const LoadOptions& o, LoadedProject& out,
                  std::vector<std::string>& messages);

// The missing installed packages the selected units need, as one error text
// (empty when nothing is missing).
std::string missing_packages_error(const LoadedProject& p, const std::vector<std::string>& unit_ids);

}  // namespace mhu::cli
