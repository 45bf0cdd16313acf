// From the text of a .cabal file to a GenericPackageDescription
// (Cabal-syntax's parseGenericPackageDescription): spec-version scan, sections,
// common stanzas and imports, conditional branches, post-parse checks.
#pragma once

#include <string_view>

#include "cabal/diagnostic.h"
#include "cabal/package_description.h"

namespace mhu::cabal {

// Parse a whole file. Warnings and errors go to diags; returns false when the
// file is rejected (diags then holds at least one error).
bool parse_package_description(std::string_view text, GenericPackageDescription& out,
                               Diagnostics& diags);

// Cabal's BuildInfo/component semigroups, as used when conditional branches
// and common stanzas are merged.
void append_component_data(ComponentData& a, const ComponentData& b);
void append_component_data(ComponentData& a, ComponentData&& b);  // the same, b's elements moved

}  // namespace mhu::cabal
