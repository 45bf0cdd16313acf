// Cabal's semigroups for BuildInfo and component data: how the fields of an
// imported common stanza or a taken conditional branch combine with the rest.
// Each comes twice: copying from `b`, or (b being consumed) moving from it.
#include <algorithm>
#include <string_view>
#include <unordered_set>
#include <utility>

#include "cabal/package_description.h"
#include "cabal/package_parser.h"

namespace mhu::cabal {

namespace {

template <bool Move, class T, class V>
void append(std::vector<T>& a, V& b) {
  if (b.empty()) return;
  if constexpr (Move) {
    if (a.empty()) {
      a = std::move(b);
      return;
    }
    a.insert(a.end(), std::make_move_iterator(b.begin()), std::make_move_iterator(b.end()));
  } else {
    a.insert(a.end(), b.begin(), b.end());
  }
}

// `nub (a ++ b)`: keep the first occurrence of each value (in place).
template <bool Move, class V>
void append_nub(std::vector<std::string>& a, V& b) {
  append<Move>(a, b);
  if (a.size() < 2) return;
  size_t kept = 0;
  if (a.size() <= 32) {
    for (size_t i = 0; i < a.size(); ++i) {
      bool dup = false;
      for (size_t k = 0; k < kept && !dup; ++k) dup = a[k] == a[i];
      if (dup) continue;
      if (kept != i) a[kept] = std::move(a[i]);
      ++kept;
    }
  } else {
    std::unordered_set<std::string_view> seen;
    seen.reserve(a.size());
    for (size_t i = 0; i < a.size(); ++i) {
      if (seen.count(a[i])) continue;
      if (kept != i) a[kept] = std::move(a[i]);
      seen.insert(a[kept]);  // a view of the string where it stays
      ++kept;
    }
  }
  a.resize(kept);
}

// Ranges equal as Cabal prints them. Printing is one-to-one on the tree (the
// parentheses it writes are exactly the ones the tree needs), so compare the
// trees; a compound node's version is not printed.
bool same_range(const VersionRange& x, const VersionRange& y) {
  if (x.op != y.op) return false;
  if (x.op != VersionRange::Op::Union && x.op != VersionRange::Op::Intersection) return x.version == y.version;
  return x.operands.size() == y.operands.size() && x.operands.size() == 2 && same_range(x.operands[0], y.operands[0]) &&
         same_range(x.operands[1], y.operands[1]);
}

bool same_dependency(const Dependency& x, const Dependency& y) {
  return x.package == y.package && x.libraries == y.libraries && same_range(x.range, y.range);
}

template <bool Move, class B>
void append_bi(BuildInfo& a, B& b) {
  a.buildable = a.buildable && b.buildable;
  append<Move>(a.build_tools, b.build_tools);
  append<Move>(a.build_tool_depends, b.build_tool_depends);
  append<Move>(a.cpp_options, b.cpp_options);
  append<Move>(a.asm_options, b.asm_options);
  append<Move>(a.cmm_options, b.cmm_options);
  append<Move>(a.cc_options, b.cc_options);
  append<Move>(a.cxx_options, b.cxx_options);
  append<Move>(a.ld_options, b.ld_options);
  append<Move>(a.hsc2hs_options, b.hsc2hs_options);
  append<Move>(a.pkgconfig_depends, b.pkgconfig_depends);
  append_nub<Move>(a.frameworks, b.frameworks);
  append_nub<Move>(a.extra_framework_dirs, b.extra_framework_dirs);
  append_nub<Move>(a.asm_sources, b.asm_sources);
  append_nub<Move>(a.cmm_sources, b.cmm_sources);
  append_nub<Move>(a.c_sources, b.c_sources);
  append_nub<Move>(a.cxx_sources, b.cxx_sources);
  append_nub<Move>(a.js_sources, b.js_sources);
  append_nub<Move>(a.hs_source_dirs, b.hs_source_dirs);
  append_nub<Move>(a.other_modules, b.other_modules);
  append_nub<Move>(a.virtual_modules, b.virtual_modules);
  append_nub<Move>(a.autogen_modules, b.autogen_modules);
  if (b.default_language) a.default_language = b.default_language;  // the later one wins
  append_nub<Move>(a.other_languages, b.other_languages);
  append_nub<Move>(a.default_extensions, b.default_extensions);
  append_nub<Move>(a.other_extensions, b.other_extensions);
  append_nub<Move>(a.old_extensions, b.old_extensions);
  append<Move>(a.extra_libraries, b.extra_libraries);
  append<Move>(a.extra_libraries_static, b.extra_libraries_static);
  append<Move>(a.extra_ghci_libraries, b.extra_ghci_libraries);
  append<Move>(a.extra_bundled_libraries, b.extra_bundled_libraries);
  append<Move>(a.extra_library_flavours, b.extra_library_flavours);
  append<Move>(a.extra_dynamic_library_flavours, b.extra_dynamic_library_flavours);
  append_nub<Move>(a.extra_lib_dirs, b.extra_lib_dirs);
  append_nub<Move>(a.extra_lib_dirs_static, b.extra_lib_dirs_static);
  append_nub<Move>(a.include_dirs, b.include_dirs);
  append_nub<Move>(a.includes, b.includes);
  append_nub<Move>(a.autogen_includes, b.autogen_includes);
  append_nub<Move>(a.install_includes, b.install_includes);
  append<Move>(a.ghc_options, b.ghc_options);
  append<Move>(a.ghc_prof_options, b.ghc_prof_options);
  append<Move>(a.ghc_shared_options, b.ghc_shared_options);
  append<Move>(a.ghcjs_options, b.ghcjs_options);
  append<Move>(a.ghcjs_prof_options, b.ghcjs_prof_options);
  append<Move>(a.ghcjs_shared_options, b.ghcjs_shared_options);
  for (auto& d : b.build_depends) {
    bool dup = std::any_of(a.build_depends.begin(), a.build_depends.end(),
                           [&](const Dependency& x) { return same_dependency(x, d); });
    if (dup) continue;
    if constexpr (Move) a.build_depends.push_back(std::move(d));
    else a.build_depends.push_back(d);
  }
  append<Move>(a.mixins, b.mixins);
}

template <bool Move, class C>
void append_data(ComponentData& a, C& b) {
  append_bi<Move>(a.build_info, b.build_info);
  append<Move>(a.exposed_modules, b.exposed_modules);
  append<Move>(a.signatures, b.signatures);
  append<Move>(a.reexported_modules, b.reexported_modules);
  a.exposed = a.exposed && b.exposed;
  a.public_visibility = a.public_visibility || b.public_visibility;
  if (a.main_is.empty()) a.main_is = b.main_is;  // Cabal rejects two different ones
  a.private_scope = a.private_scope || b.private_scope;
  // Test and benchmark interfaces: an unsupported one never replaces another.
  if (b.interface != ComponentData::Interface::None && b.interface != ComponentData::Interface::Unsupported) {
    a.interface = b.interface;
    a.main_is = b.main_is;
    a.test_module = b.test_module;
  } else if (a.interface == ComponentData::Interface::None) {
    a.interface = b.interface;
  }
  append<Move>(a.code_generators, b.code_generators);
  if (a.foreign_type.empty()) a.foreign_type = b.foreign_type;
}

}  // namespace

void append_build_info(BuildInfo& a, const BuildInfo& b) { append_bi<false>(a, b); }
void append_build_info(BuildInfo& a, BuildInfo&& b) { append_bi<true>(a, b); }

void append_component_data(ComponentData& a, const ComponentData& b) { append_data<false>(a, b); }
void append_component_data(ComponentData& a, ComponentData&& b) { append_data<true>(a, b); }

}  // namespace mhu::cabal
