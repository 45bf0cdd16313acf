// The values of cabal.project fields (cabal-install's ProjectConfig.Legacy
// field parsers): package locations, constraints, flags, booleans, program
// arguments. Internal to the project reader; declared here to be tested.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "cabal/configuration.h"
#include "cabal/fields.h"
#include "cabal/project.h"
#include "cabal/value_cursor.h"

namespace mhu::cabal::project_detail {

struct LocatedToken {
  std::string text;
  size_t offset = 0;  // where it starts in the value
};

// `packages:` / `optional-packages:`: cabal's parsePackageLocationTokenQ items
// (a Haskell string, or a run of characters other than spaces, commas and
// braces, with `{...}` groups in which commas are allowed), separated by
// commas or white space. Appends to out; false with an error on the cursor.
bool parse_package_locations(ValueCursor& cur, std::vector<LocatedToken>& out);

// `flags:`: `+foo -bar`, every flag with its sign, separated by spaces
// (Cabal's parsecFlagAssignment; empty allowed). Names lower-cased; a later
// assignment of a flag replaces an earlier one. Appends to out.
bool parse_project_flags(ValueCursor& cur, FlagAssignment& out);

// `tests:`, `benchmarks:`: True or False, in any case (Cabal's Bool parser).
bool parse_project_bool(std::string_view value, bool& out);

// `PROG-options:`: Cabal's splitArgs (white space separates words; double
// quotes group, with \" inside them).
std::vector<std::string> split_args(std::string_view value);

// One `constraints:` item: `[any.|setup.|PKG:setup.]pkg` then a version
// range, `+flag -flag`, `installed`, `source`, `test` or `bench` (cabal's
// UserConstraint parser). setup_qualified tells a constraint on setup
// dependencies, which mhu has no use for.
bool parse_user_constraint(ValueCursor& cur, UserConstraint& out, bool& setup_qualified);

// A URL (`scheme://...`, e.g. https://, git+https://, file://).
bool is_url(std::string_view s);

// Section arguments as cabal's legacy parser hands them over (sectionArgsToString).
std::string section_args_string(const std::vector<SectionArg>& args);

}  // namespace mhu::cabal::project_detail
