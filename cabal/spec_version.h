// The versions of the .cabal format that change how a file is read
// (Cabal-syntax's CabalSpecVersion).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace mhu::cabal {

enum class CabalSpec {
  V1_0, V1_2, V1_4, V1_6, V1_8, V1_10, V1_12, V1_18, V1_20, V1_22, V1_24,
  V2_0, V2_2, V2_4, V3_0, V3_4, V3_6, V3_8, V3_12,
};

constexpr CabalSpec kLatestCabalSpec = CabalSpec::V3_12;

// As Cabal prints it: "1.10", "3.0".
std::string spec_to_string(CabalSpec spec);
// The spec a declared version maps to; nullopt for versions Cabal 3.12 does not know.
std::optional<CabalSpec> spec_from_version_digits(const std::vector<int>& digits);
std::vector<int> spec_to_version_digits(CabalSpec spec);
// For messages: the spec versions Cabal 3.12 accepts, with where to read about them.
constexpr const char* kKnownSpecVersions =
    "1.x up to 1.24, 2.0, 2.2, 2.4, 3.0, 3.4, 3.6, 3.8 or 3.12 "
    "(see https://cabal.readthedocs.io/en/stable/file-format-changelog.html)";

}  // namespace mhu::cabal
