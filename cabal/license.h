// The `license` field: an SPDX license expression from cabal-version 2.2
// (Cabal-syntax's Distribution.SPDX), the legacy License type before
// (Distribution.License).
#pragma once

#include <string>
#include <string_view>

#include "cabal/spec_version.h"
#include "cabal/value_cursor.h"

namespace mhu::cabal {

// The SPDX license-list versions Cabal-syntax 3.12 knows (LicenseListVersion).
enum class SpdxListVersion { V3_0, V3_2, V3_6, V3_9, V3_10, V3_16, V3_23 };

// cabalSpecVersionToSPDXListVersion: 3.12 -> 3.23, 3.8 -> 3.16, 3.6 -> 3.10,
// 3.4 -> 3.9, 3.0 -> 3.6, 2.4 -> 3.2, anything else -> 3.0.
SpdxListVersion spdx_list_version(CabalSpec spec);

// Whether `id` is a license / license-exception identifier of that list
// (exact, case-sensitive, as Cabal's mkLicenseId / mkLicenseExceptionId).
bool is_spdx_license_id(std::string_view id, SpdxListVersion list);
bool is_spdx_exception_id(std::string_view id, SpdxListVersion list);

// Cabal's licenseIdMigrationMessage: a hint for a non-SPDX name ("BSD3" ->
// "Do you mean BSD-3-Clause?"); "" when there is none.
std::string spdx_migration_message(std::string_view id);

// Parse a `license` value. With spdx (cabal-version >= 2.2): `NONE` or an
// SPDX expression over the list of spdx_list_version(cur.spec()): ids with
// an optional `+`, `LicenseRef-...`, `DocumentRef-...:LicenseRef-...`,
// `WITH` exceptions, `AND`, `OR` (needing spaces around them) and parentheses.
// Without: a legacy License name (letters and digits) with an optional
// `-version`; unknown names are accepted (UnknownLicense).
// Stops after the value (the caller checks that nothing but spaces follows).
// If `pretty` is given it gets Cabal's prettyShow of the value
// (e.g. "(MIT OR Apache-2.0)", "GPL-3"). Returns false after recording an error.
bool parse_license(ValueCursor& cur, bool spdx, std::string* pretty = nullptr);

}  // namespace mhu::cabal
