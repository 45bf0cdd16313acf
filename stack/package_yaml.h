// package.yaml, the package format of hpack, read natively as hpack 0.38.3
// reads it: no hpack binary is run. The reader follows Hpack.Config step by
// step down to the .cabal text hpack would write (Hpack.Render), and that text
// is read by mhu's .cabal parser (cabal/package_parser.h): every value goes
// through the same grammar, at the same cabal-version, as in the .cabal file
// hpack generates, so the package is the one cabal or stack would see.
// Diagnostics point into package.yaml (or the defaults / !include file they
// come from), hpack's warnings included ("Ignoring unrecognized field $.foo").
//
// Supported, as hpack 0.38.3 does it:
//  - YAML as Data.Yaml types it (1.1 booleans, numbers such as 1.10 kept as
//    written), anchors, `<<` merge keys, duplicate keys, `!include`, `_`-keys;
//  - every top-level field (name or the directory's, version, synopsis,
//    description, category, stability, author, maintainer, copyright, license
//    (Cabal names written as SPDX from cabal-version 2.2), license-file,
//    tested-with, build-type, extra-source-files / extra-doc-files /
//    extra-files / data-files globs, data-dir, github, git, homepage,
//    bug-reports, spec-version, custom-setup, flags, verbatim);
//  - the common fields at the top level, in every section and in `when`,
//    merged as hpack's Semigroup merges them (lists appended, the section's
//    dependency versions and single values winning), their Cabal aliases
//    (hs-source-dirs, build-depends, ...) with hpack's deprecation warnings;
//  - library, internal-libraries, executable / executables, tests,
//    benchmarks; `when` flat or with then/else, nested, in lists, with
//    boolean conditions; Cabal's condition syntax checked by the .cabal parser;
//  - dependencies, build-tools and system-build-tools in all their forms
//    (strings, lists, objects with version / mixin / git / github / path),
//    version constraints normalised as hpack normalises them (^>=, ==x.*);
//  - module inference from source-dirs (hpack's extensions, directory and
//    module-name rules, sorting, Setup at the package root), Paths_ (not with
//    spec-version >= 0.36.0), generated-*-modules and autogen-modules, `main`
//    as a file, a module or a function (-main-is);
//  - `defaults`: local files and github defaults from hpack's cache, nested,
//    with cycle detection;
//  - the cabal-version hpack infers, and `verbatim` (cabal-version, fields
//    replaced, added or removed with null, literal text) at every level.
//
// Not supported: inferring `license` from the text of the LICENSE file
// (hpack's infer-license; mhu warns and leaves the license unset — it does not
// change how the package builds), and downloading github defaults: they must be
// in the cache already (an error says where).
// Known small differences, from parsing YAML with yaml-cpp instead of libyaml:
// a `|` block scalar is always a string (Data.Yaml types `|-` "true" as a
// boolean), and a map key written `~` or `null` is read as an empty key; hpack's
// sort of module names lower-cases ASCII letters only.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "cabal/diagnostic.h"
#include "cabal/package_description.h"

namespace mhu::stack {

class YamlValueCache;  // stack/yaml_value_cache.h

struct PackageYamlOptions {
  // hpack's cache of github defaults, where `defaults: {github: owner/repo,
  // ref: R, path: P}` is looked up as DIR/owner/repo/R/P. "" means
  // $HOME/.hpack/defaults (hpack's getAppUserDataDirectory "hpack").
  std::string defaults_cache_dir;
  // Reads a file (local defaults, !include, LICENSE); null: the filesystem.
  // False with a message in `error` when it cannot be read.
  std::function<bool(const std::string& path, std::string& out, std::string& error)> read_file;
  // Where package.yaml's parsed YAML is looked up and kept; null: parsed every time.
  YamlValueCache* value_cache = nullptr;
};

// One line of rendered .cabal text traced back to package.yaml: the segment
// of the line from column `col` on came from file `file` (0: package.yaml,
// else RenderedCabal::files[file]) at line/column `at`.
struct SourceSegment {
  int col = 1;
  int file = 0;
  cabal::Position at;
};

// The .cabal text hpack would generate (without its comment header), with a
// map from each of its lines to package.yaml.
struct RenderedCabal {
  std::string text;
  std::string package_name;
  std::vector<std::vector<SourceSegment>> lines;  // lines[i]: line i + 1 of text
  std::vector<std::string> files;                  // files[0] is "" (package.yaml)
  // Where a position in `text` came from; {0, 0} in file 0 when unknown.
  SourceSegment locate(cabal::Position p) const;
};

// package.yaml's text (read from package_dir, where source-dirs, globs,
// LICENSE and local defaults are looked up) to the .cabal text hpack renders.
// hpack's warnings and errors go to diags (errors make it return false).
bool render_package_yaml(std::string_view text, const std::string& package_dir, RenderedCabal& out,
                         cabal::Diagnostics& diags, const PackageYamlOptions& options = {});

// package.yaml to the package-description model: render_package_yaml, then
// the .cabal parser on the result, its diagnostics mapped back to
// package.yaml. False when either rejects the package.
bool parse_package_yaml(std::string_view text, const std::string& package_dir,
                        cabal::GenericPackageDescription& out, cabal::Diagnostics& diags,
                        const PackageYamlOptions& options = {});

// Whether a file given to mhu is a package.yaml: its name is package.yaml or
// ends in .yaml / .yml.
bool is_package_yaml_path(std::string_view path);

}  // namespace mhu::stack
