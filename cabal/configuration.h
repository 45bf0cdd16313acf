// A package with its conditionals resolved for one platform, compiler and flag
// assignment (Cabal-syntax's finalizePD).
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "cabal/condition.h"
#include "cabal/diagnostic.h"
#include "cabal/package_description.h"

namespace mhu::cabal {

// `-f +foo -bar` style assignments; names lower-cased.
using FlagAssignment = std::vector<std::pair<std::string, bool>>;

// Parse cabal's flag syntax: "foo -bar +baz" (several words, or several calls).
bool parse_flag_assignment(std::string_view text, FlagAssignment& out, std::string& error);

struct ResolvedComponent {
  ComponentKind kind;
  std::string name;  // "" for the main library
  ComponentData data;
  // build-depends as Cabal resolves them: one per package, sorted by name,
  // ranges intersected, libraries united; empty when not buildable.
  std::vector<Dependency> build_depends;
};

struct ResolvedPackage {
  std::string name;
  Version version;
  CabalSpec spec;
  FlagAssignment flags;  // every declared flag with its value, in declaration order
  // Main library, sub-libraries, foreign libraries, executables, test suites,
  // benchmarks; each group in file order.
  std::vector<ResolvedComponent> components;
};

struct ResolveOptions {
  Platform platform;
  FlagAssignment user_flags;
  bool enable_tests = true;
  bool enable_benchmarks = true;
  // Whether a dependency can be met. When the defaults leave one unmet, the
  // automatic (non-manual) flags are flipped as Cabal does. Null: all can.
  std::function<bool(const Dependency&)> available;
};

// Resolve conditionals and choose flags. Returns false (with an error naming
// the unmet dependencies) when no flag choice satisfies `available`.
bool resolve_package(const GenericPackageDescription& gpd, const ResolveOptions& options,
                     ResolvedPackage& out, Diagnostics& diags);
// The same, taking the description apart (its fields are moved into `out`, not
// copied) when no flag search is needed; gpd is unspecified afterwards. Then
// each component's dependencies are only in its (resolved) build_depends:
// data.build_info.build_depends is left empty.
bool resolve_package(GenericPackageDescription&& gpd, const ResolveOptions& options,
                     ResolvedPackage& out, Diagnostics& diags);

}  // namespace mhu::cabal
