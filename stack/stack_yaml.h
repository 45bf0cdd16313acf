// stack.yaml, the project file of stack (Stack.Types.ProjectAndConfigMonoid and
// the parts of Stack.Types.ConfigMonoid a multi-unit session needs): finding it
// as stack does and reading it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cabal/configuration.h"
#include "cabal/diagnostic.h"
#include "cabal/version.h"

namespace mhu::stack {

// The stack.yaml stack uses (Stack.Config getProjectConfig): `--stack-yaml
// FILE` when explicit_file is not empty, else $STACK_YAML when set (env; a
// relative path is relative to start_dir in both cases), else `stack.yaml` in
// start_dir or its nearest parent (up to the filesystem root: unlike cabal,
// stack does not stop at the home directory). `out` is absolute and
// lexically normal. False with an error when the named file does not exist
// or there is none.
bool find_stack_yaml(const std::string& start_dir, const std::string& explicit_file,
                     const std::optional<std::string>& env_stack_yaml, std::string& out,
                     cabal::Diagnostics& diags);
// The same reading $STACK_YAML from the environment.
bool find_stack_yaml(const std::string& start_dir, const std::string& explicit_file, std::string& out,
                     cabal::Diagnostics& diags);

// Only the upward search: stack.yaml in start_dir or its nearest parent
// (absolute); "" when there is none.
std::string find_stack_yaml_upwards(const std::string& start_dir);

// An entry of `packages:`: a directory relative to the stack.yaml's directory.
struct PackageDir {
  std::string path;  // as written
  std::string dir;   // absolute, lexically normal
  cabal::Position pos;
};

// An entry of `extra-deps:` (pantry's RawPackageLocation), classified as
// pantry does: an http(s) URL or a path ending in .zip/.tar/.tar.gz is an
// archive; `NAME-VERSION[@sha256:...|@rev:N]` is a Hackage package; an object
// with `git:`/`hg:` is a repository, with `url:`/`filepath:`/`github:` an
// archive; any other string is a local directory. Only local directories can
// be home units; the others are installed by stack (into the snapshot
// database) and must be there.
struct ExtraDep {
  enum class Kind { LocalDir, Hackage, Archive, Repo } kind = Kind::LocalDir;
  std::string text;  // as written (an object: its git/hg/url/... value)
  std::string dir;   // LocalDir: absolute, lexically normal
  std::string package;     // Hackage: the name
  cabal::Version version;  // Hackage: the version
  cabal::Position pos;
};

// `flags:` for one package (flag names lower-cased, as Cabal reads them).
struct PackageFlags {
  std::string package;
  cabal::FlagAssignment flags;
  cabal::Position pos;
};

// `ghc-options:` (Stack.Types.ConfigMonoid): the values are strings split
// into words as stack splits them (split_ghc_options).
struct GhcOptions {
  std::vector<std::string> everything;  // `$everything` (or the legacy `*`)
  std::vector<std::string> locals;      // `$locals`: every project package
  std::vector<std::string> targets;     // `$targets`: project packages that are targets
  std::vector<std::pair<std::string, std::vector<std::string>>> by_package;  // in file order
};

// `apply-ghc-options` (which packages command-line --ghc-options reach);
// stack's default is locals.
enum class ApplyGhcOptions { Locals, Targets, Everything };

struct StackYaml {
  std::string file;      // absolute
  std::string text;      // the file's text, as read (with `!include`s: the document they make)
  std::vector<std::string> included_files;  // absolute: the files `!include`d, in order
  std::string root_dir;  // the directory of `file`
  std::vector<PackageDir> packages;  // default: "." (when the field is absent or null)
  std::vector<ExtraDep> extra_deps;
  std::vector<PackageFlags> flags;
  GhcOptions ghc_options;
  ApplyGhcOptions apply_ghc_options = ApplyGhcOptions::Locals;
  std::string snapshot;  // `snapshot:` or else `resolver:`, as written (lts-22.43, ghc-9.10.3, a URL, a file)
  std::string compiler;  // `compiler:` as written; "" when absent
  std::vector<std::string> drop_packages;
  // Absolute (relative entries are relative to root_dir, as stack resolves them).
  std::vector<std::string> extra_include_dirs, extra_lib_dirs;
  std::vector<std::string> extra_package_dbs;
};

// `path` as stack resolves a relative path of stack.yaml: against `base` (its
// directory); absolute and lexically normal.
std::string absolute_under(const std::string& base, const std::string& path);

// Read stack.yaml text. `file` is its absolute path (diagnostics name it;
// relative paths are resolved against its directory). Errors (at
// LINE:COL of the value, from yaml-cpp's marks) name the field and what was
// expected; unknown fields are warnings, as stack warns about them; `system-
// ghc`, `install-ghc` and the other stack settings that do not change what a
// session loads are accepted and ignored. False on an error.
bool parse_stack_yaml(std::string_view text, const std::string& file, StackYaml& out,
                      cabal::Diagnostics& diags);
// The same reading the file (absolute).
bool read_stack_yaml(const std::string& file, StackYaml& out, cabal::Diagnostics& diags);

// Split a ghc-options value as stack does (Data.Attoparsec.Args, Escaping):
// words separated by spaces; "double quotes" make one word of what they hold,
// where a backslash takes the next character literally. False with `error`
// for an unterminated string.
bool split_ghc_options(std::string_view text, std::vector<std::string>& out, std::string& error);

// pantry's parseWantedCompiler for GHC: "ghc-9.10.3" -> 9.10.3.
std::optional<cabal::Version> parse_wanted_ghc(std::string_view text);

// The GHC version the project asks for: `compiler:` when given, else a
// compiler-only snapshot (`snapshot: ghc-9.10.3`). nullopt when it cannot be
// known offline (an lts/nightly snapshot, a URL, a snapshot file) or is not GHC.
std::optional<cabal::Version> wanted_ghc_version(const StackYaml& y);

}  // namespace mhu::stack
