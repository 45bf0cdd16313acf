// A home unit: one buildable component of one local package, with what GHC's
// multiple home units need to know of it (cabal-install's ElaboratedComponent,
// reduced to a session's needs).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "cabal/package_description.h"
#include "cabal/version.h"

namespace mhu::planner {

struct Unit {
  std::string id;  // cabal's in-place id: PKG-VER-inplace[-COMPONENT]
  std::string package_name;
  cabal::Version package_version;
  cabal::ComponentKind kind = cabal::ComponentKind::Library;
  std::string component_name;  // "" for the main library
  bool buildable = true;
  // Tests and benchmarks are enabled by --enable-tests, the project's
  // `tests:`, or by naming them as targets; other components always are.
  bool enabled = true;
  bool extra_dep = false;  // of a LocalPackage that is a stack extra-dep (see units.h)
  std::string package_dir;  // absolute: the unit's working directory
  std::string cabal_file;   // absolute
  cabal::ComponentData data;  // the component's fields, conditionals resolved
  // Modules other units cannot import: other-modules then autogen-modules, each once.
  std::vector<std::string> hidden_modules;
  // The component's ghc-options, then the project's (`package *`, `package NAME`).
  std::vector<std::string> ghc_options;
  std::vector<std::string> home_deps;       // unit ids of home units, sorted
  std::vector<std::string> installed_deps;  // installed unit ids, sorted
  // The packages behind home_deps and installed_deps, each once, by name
  // (for cabal_macros.h's VERSION_pkg and MIN_VERSION_pkg).
  std::vector<std::pair<std::string, cabal::Version>> dep_packages;
};

// cabal's in-place unit id for a component.
std::string inplace_unit_id(const std::string& package, const cabal::Version& version,
                            cabal::ComponentKind kind, const std::string& component);

// cabal's component spelling: "lib", "lib:NAME", "flib:NAME", "exe:NAME", "test:NAME", "bench:NAME".
std::string component_selector(const Unit& u);

// `stack ide targets` spelling: "pkg:lib", "pkg:sub-lib:NAME", "pkg:exe:NAME", ...
std::string stack_target(const Unit& u);

// The order `stack ide targets` lists components of one package in:
// library, sub-libraries, foreign libraries, executables, tests, benchmarks, by name.
bool stack_order_less(const Unit& a, const Unit& b);

}  // namespace mhu::planner
