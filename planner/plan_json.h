// cabal's own plan (dist-newstyle/cache/plan.json): when it is up to date we
// take unit ids from it instead of choosing versions ourselves.
// The schema is cabal-install's Distribution.Client.ProjectPlanOutput.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace mhu::planner {

struct PlanUnit {
  std::string id;           // "id"
  std::string pkg_name;     // "pkg-name"
  std::string pkg_version;  // "pkg-version"
  std::string component;    // "component-name" ("lib", "lib:x", "exe:y", "setup", ...); for
                            // units with "components" one entry per component (all with
                            // the unit's id); "" for "pre-existing" units
  std::string style;        // "local", "global", "inplace"; "" for pre-existing units
  std::string type;         // "configured", "pre-existing", "installed"
  std::vector<std::string> depends;                 // "depends" (or the component's "depends")
  std::vector<std::string> exe_depends;             // "exe-depends" (or the component's)
  std::vector<std::pair<std::string, bool>> flags;  // "flags", in file order
  std::string pkg_src_path;  // "pkg-src": {"path": ...} of a local package (or tarball)
  std::string dist_dir;      // "dist-dir" (inplace builds)
  std::string bin_file;      // "bin-file" (executables, tests, benchmarks)
};

struct Plan {
  std::string cabal_version;  // "cabal-version" (cabal-install's)
  std::string compiler_id;    // "compiler-id", e.g. "ghc-9.10.3"
  std::string os, arch;       // "os", "arch"
  std::vector<PlanUnit> units;
};

// Parse plan.json text. Unknown members are ignored; a JSON syntax error or a
// missing "install-plan" is an error.
bool parse_plan_json(const std::string& text, Plan& out, std::string& error);

}  // namespace mhu::planner
