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

struct LoadOptions {
  std::string project_file;               // --project-file
  std::string with_compiler;              // -w / --with-compiler
  std::vector<std::string> package_dbs;   // --package-db
  std::optional<bool> enable_tests, enable_benchmarks;
  cabal::FlagAssignment flags;            // -f
  bool use_cache = true;                  // --no-cache turns it off
};

struct LoadedProject {
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

// mhu's cache directory ($XDG_CACHE_HOME/mhu or ~/.cache/mhu), "" with --no-cache.
std::string mhu_cache_dir(const LoadOptions& o);

// Warnings are appended to `messages` even on success; on failure `messages`
// holds the errors, one formatted line each.
bool load_project(const std::string& cwd, const LoadOptions& o, LoadedProject& out,
                  std::vector<std::string>& messages);

// The missing installed packages the selected units need, as one error text
// (empty when nothing is missing).
std::string missing_packages_error(const LoadedProject& p, const std::vector<std::string>& unit_ids);

}  // namespace mhu::cli
