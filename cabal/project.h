// cabal.project files (cabal-install's ProjectConfig, the part a multi-unit
// session needs): finding the project, reading the project file with its
// imports, conditionals, freeze and local files, and the packages it names.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cabal/condition.h"
#include "cabal/configuration.h"
#include "cabal/diagnostic.h"
#include "cabal/version.h"

namespace mhu::cabal {

// Where the project is: found as cabal finds it.
struct ProjectLocation {
  std::string root_dir;      // absolute; package paths are relative to it
  std::string project_file;  // absolute path; "" for the implicit project
};

// `--project-file=FILE` when explicit_file is not empty: an absolute FILE
// must exist (the root is its directory); a relative FILE is looked for in
// start_dir and then its parents, as cabal does, and the root is the
// directory where it was found. Otherwise `cabal.project` in start_dir or its
// nearest parent that has one; otherwise the implicit project rooted at the
// nearest directory (start_dir or a parent) that holds a `.cabal` file. False
// with an error when there is none of these.
//
// Like cabal, the upward search stops below the user's home directory and the
// filesystem root: neither is searched for a project file (start_dir itself
// is always searched for a `.cabal` file).
bool find_project(const std::string& start_dir, const std::string& explicit_file,
                  ProjectLocation& out, Diagnostics& diags);
// The same with the home directory given (the one above reads $HOME).
bool find_project(const std::string& start_dir, const std::string& explicit_file,
                  const std::string& home_dir, ProjectLocation& out, Diagnostics& diags);

// One entry of `packages:` or `optional-packages:`, as written.
struct PackageEntry {
  std::string pattern;  // a directory, a .cabal file, or a glob of either
  bool optional = false;
  std::string file;  // the project file it came from (absolute; the root dir for the implicit project)
  Position pos;
};

// A `constraints:` entry, e.g. `foo ==1.2.*`, `foo +bar -baz`, `any.foo installed`.
struct UserConstraint {
  std::string package;  // lower-case-insensitive name as written, qualifier removed
  enum class Kind { Range, Flags, Installed, Source, Test, Bench } kind = Kind::Range;
  VersionRange range;  // Range
  FlagAssignment flags;  // Flags
  std::string file;
  Position pos;
};

// Per-package settings: a `package NAME` stanza, `package *`, or top level.
struct PackageSettings {
  FlagAssignment flags;                // `flags:` (later assignments win)
  std::vector<std::string> ghc_options;  // `ghc-options:`, words in order
  std::optional<bool> tests, benchmarks;
};

// The project with its conditionals resolved and all files merged in cabal's
// order (project file with its imports, then .freeze, then .local).
struct ProjectConfig {
  ProjectLocation location;
  std::vector<std::string> files;  // every file read, absolute, in reading order, each once
  std::vector<PackageEntry> packages;  // `packages:` then `optional-packages:` entries
  std::string with_compiler;           // `with-compiler:` ("" when not given)
  std::string with_hc_pkg;             // `with-hc-pkg:`
  std::optional<bool> tests, benchmarks;  // top-level `tests:` / `benchmarks:`
  std::vector<UserConstraint> constraints;
  // `package *` and `program-options` stanzas (in file order). cabal applies
  // `package *` to every package and `program-options` to the project's own
  // packages; mhu only builds the latter, so the two are kept together.
  PackageSettings all_packages;
  // Top-level `flags:`, `tests:`, `benchmarks:`: cabal applies them to the
  // project's own packages, after `package *` and before `package NAME`.
  // (Top-level `ghc-options:` is not a cabal field: a warning, ignored.)
  PackageSettings local_packages;
  std::map<std::string, PackageSettings> packages_settings;  // `package NAME`, merged
  // `package-dbs:` entries that are paths, as written (`clear` drops the
  // entries before it; `global` and `user` are skipped). For a stack project:
  // its `extra-package-dbs`, absolute.
  std::vector<std::string> package_dbs;
  // A stack project's `extra-include-dirs` / `extra-lib-dirs` (absolute), which
  // stack passes to every package's configure; empty for a cabal project. Kept
  // for the session's arguments; not used yet.
  std::vector<std::string> extra_include_dirs, extra_lib_dirs;
};

// The settings cabal uses for the project's own package `package`:
// all_packages, then local_packages, then `package NAME` (flags: later
// wins; ghc-options: appended in that order; tests/benchmarks: last given).
// For a package that is not one of the project's own (project_package false:
// a stack extra-dep in a local directory), local_packages is left out.
PackageSettings package_settings(const ProjectConfig& config, std::string_view package,
                                 bool project_package = true);

// Read the project at `location` (for the implicit project:
// `packages: ./*.cabal`, plus cabal.project.freeze and cabal.project.local in
// the root when they exist, as cabal reads them too). Conditionals (`if
// os(...)`, `arch`, `impl`) are evaluated against `platform`. Errors and
// warnings name their file (Diagnostic::file); false on an error.
bool read_project(const ProjectLocation& location, const Platform& platform,
                  ProjectConfig& out, Diagnostics& diags);

// The .cabal files the project's package entries name, absolute, sorted,
// each once. A non-optional entry that matches nothing, or a remote entry
// (URL, tarball), is an error at its line.
bool find_project_packages(const ProjectConfig& config, std::vector<std::string>& cabal_files,
                           Diagnostics& diags);

}  // namespace mhu::cabal
