// Cabal-syntax's patchQuirks (Distribution.PackageDescription.Quirks): 57
// known-broken legacy Hackage .cabal files are recognised byte-exactly and
// patched before parsing, so the parser can accept all of Hackage.
#pragma once

#include <string>
#include <string_view>

namespace mhu::cabal {

struct QuirkResult {
  bool patched = false;
  std::string text;  // only set when patched
};

// Looks `input` up by (first 256 bytes, MD5 of the whole file) in Cabal's
// table. On a hit, applies the entry's byte patch and, only if the MD5 of the
// result is the entry's expected post-fingerprint, stores the result in
// patched_out and returns true. Otherwise returns false and leaves
// patched_out alone. Files whose first 256 bytes match no entry cost one
// table search and no MD5 or allocation.
bool patch_quirks(std::string_view input, std::string& patched_out);

// The same, as a value.
QuirkResult patch_quirks(std::string_view input);

}  // namespace mhu::cabal
