// A stack.yaml that asks stack where a project's package databases are
// without making it load the project's packages.
//
// `stack path` loads every project package (running hpack on each) before it
// answers: at 1,000 packages that is over a second, most of a cold run. Its
// databases do not depend on the project packages: the snapshot database and
// the local one are named by a hash of the compiler, its options for GHC's
// boot packages and the immutable dependencies (Stack.Build.Source
// hashSourceMapData), and the local one lies under the project root's work
// directory. Local packages matter only by their names: they shadow snapshot
// packages (Stack.Config: snapshot packages minus project packages minus
// extra-deps minus drop-packages). So the probe is the project's stack.yaml
// with `packages: []`, its local-directory extra-deps left out, and their
// names dropped from the snapshot instead; stack gives the same hash for it.
#pragma once

#include <string>
#include <vector>

#include "stack/stack_yaml.h"

namespace mhu::stack {

// The probe's text for `y` (read without errors), to be placed in a directory
// of its own; `local_names` are the names of the packages of `packages:` and
// of the local-directory `extra-deps:`. Relative paths it keeps (the snapshot
// file, extra-package-dbs, ...) are made absolute; `work-dir` stays relative,
// so the probe's local database is the project's one under the probe's
// directory. False with `why_not` when stack.yaml has something the probe
// cannot carry faithfully (a relative archive or repository, docker, nix, a
// relative local-programs-path, a field mhu does not know): then stack must
// be asked about the project itself.
bool make_stack_probe(const StackYaml& y, const std::vector<std::string>& local_names, std::string& out,
                      std::string& why_not);

}  // namespace mhu::stack
