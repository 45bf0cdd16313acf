// The values of dependency-like fields (Cabal-syntax's Dependency, ExeDependency,
// LegacyExeDependency, PkgconfigDependency, Mixin, ModuleReexport) and the
// name types they use.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cabal/value_cursor.h"
#include "cabal/version.h"

namespace mhu::cabal {

// build-depends: pkg >=1, pkg:sub, pkg:{a,b}
struct Dependency {
  std::string package;
  VersionRange range;
  // Libraries of `package` depended on: "" is the main library, others are
  // sub-library names. Sorted ("" first), no duplicates, never empty.
  std::vector<std::string> libraries{""};
};

// build-tool-depends: pkg:exe >=1. Cabal 3.12's parser requires the `:exe`; a
// bare `pkg` is a parse error there.
struct ExeDependency {
  std::string package;
  std::string executable;
  VersionRange range;
};

// build-tools: name >=1 (legacy)
struct LegacyExeDependency {
  std::string name;
  VersionRange range;
};

// pkgconfig-depends: name >=1
struct PkgconfigDependency {
  std::string name;
  // As Cabal's pkg-config range printer shows it: "-any" when no range is
  // given, ">=1.0 && <2" etc.; before cabal-version 3.0 the range is read as a
  // Cabal range and rewritten as its intervals (">=1 && <=1" for "==1").
  std::string range;
};

// mixins: pkg:sub (A as B, C) requires hiding (D)
struct ModuleRenaming {
  enum class Kind { Default, Renaming, Hiding } kind = Kind::Default;
  std::vector<std::pair<std::string, std::string>> renamings;  // Renaming: (from, to)
  std::vector<std::string> hidden;                              // Hiding
};
struct Mixin {
  std::string package;
  std::string library;  // "" for the main library
  ModuleRenaming provides;
  ModuleRenaming requires_;
};
// As Cabal's prettyShow prints it (the form describe --json reports).
std::string to_string(const Mixin& m);

// reexported-modules: pkg:Orig as New
struct ModuleReexport {
  std::optional<std::string> package;
  std::string original;
  std::string name;  // equals original when there is no `as`
};
std::string to_string(const ModuleReexport& r);  // "pkg:Orig as New", "Orig"

// Names. Package and component names: alphanumeric words separated by single
// hyphens, each word with at least one letter. Module names: dot-separated
// components starting with an upper-case letter.
bool parse_package_name(ValueCursor& cur, std::string& out);
bool parse_unqual_component_name(ValueCursor& cur, std::string& out);
bool parse_module_name(ValueCursor& cur, std::string& out);
bool is_valid_package_name(std::string_view s);
bool is_valid_module_name(std::string_view s);

// Single values (no surrounding list syntax).
bool parse_dependency(ValueCursor& cur, Dependency& out);
bool parse_exe_dependency(ValueCursor& cur, ExeDependency& out);
bool parse_legacy_exe_dependency(ValueCursor& cur, LegacyExeDependency& out);
bool parse_pkgconfig_dependency(ValueCursor& cur, PkgconfigDependency& out);
bool parse_mixin(ValueCursor& cur, Mixin& out);
bool parse_module_reexport(ValueCursor& cur, ModuleReexport& out);

}  // namespace mhu::cabal
