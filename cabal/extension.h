// Haskell languages and extensions as .cabal files name them
// (Cabal-syntax's Language.Haskell.Extension).
#pragma once

#include <string>
#include <string_view>

#include "cabal/value_cursor.h"

namespace mhu::cabal {

// One `default-language` / `other-languages` item, or one `default-extensions`
// / `other-extensions` / `extensions` item: a run of alphanumeric characters
// (Unicode isAlphaNum), optionally in double quotes (Cabal's MQuoted; no
// escapes inside). `out` is Cabal's prettyShow of the parsed value, which is
// always the name as written: known names print as themselves, `No` + a known
// extension is DisableExtension and prints back with its `No`, and unknown
// names are kept verbatim. Stops at the first other character (the caller
// checks what follows). Returns false after recording an error.
bool parse_language(ValueCursor& cur, std::string& out);
bool parse_extension(ValueCursor& cur, std::string& out);

// The classifications Cabal makes of a parsed name (exact, case-sensitive).
enum class LanguageKind { Haskell98, Haskell2010, GHC2021, GHC2024, Unknown };
LanguageKind classify_language(std::string_view name);

enum class ExtensionKind {
  Enable,   // a KnownExtension
  Disable,  // "No" + a KnownExtension
  Unknown,  // UnknownExtension
};
// For Enable and Disable, *known (if given) is the KnownExtension's name
// (without the "No").
ExtensionKind classify_extension(std::string_view name, std::string_view* known = nullptr);
bool is_known_extension(std::string_view name);  // a KnownExtension constructor name

// Cabal's deprecatedExtensions: RecordPuns -> NamedFieldPuns, PatternSignatures
// -> ScopedTypeVariables. Returns the replacement, or "" when `name` is not deprecated.
std::string_view deprecated_extension_replacement(std::string_view name);

}  // namespace mhu::cabal
