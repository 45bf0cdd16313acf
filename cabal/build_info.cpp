// Cabal's semigroups for BuildInfo and component data: how the fields of an
// imported common stanza or a taken conditional branch combine with the rest.
#include <algorithm>

#include "cabal/package_description.h"
#include "cabal/package_parser.h"

namespace mhu::cabal {

namespace {

template <class T>
void append(std::vector<T>& a, const std::vector<T>& b) {
  a.insert(a.end(), b.begin(), b.end());
}

// `nub (a ++ b)`: keep the first occurrence of each value.
void append_nub(std::vector<std::string>& a, const std::vector<std::string>& b) {
  append(a, b);
  std::vector<std::string> out;
  out.reserve(a.size());
  for (auto& s : a)
    if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(std::move(s));
  a = std::move(out);
}

bool same_dependency(const Dependency& x, const Dependency& y) {
  return x.package == y.package && x.libraries == y.libraries && to_string(x.range) == to_string(y.range);
}

}  // namespace

void append_build_info(BuildInfo& a, const BuildInfo& b) {
  a.buildable = a.buildable && b.buildable;
  append(a.build_tools, b.build_tools);
  append(a.build_tool_depends, b.build_tool_depends);
  append(a.cpp_options, b.cpp_options);
  append(a.asm_options, b.asm_options);
  append(a.cmm_options, b.cmm_options);
  append(a.cc_options, b.cc_options);
  append(a.cxx_options, b.cxx_options);
  append(a.ld_options, b.ld_options);
  append(a.hsc2hs_options, b.hsc2hs_options);
  append(a.pkgconfig_depends, b.pkgconfig_depends);
  append_nub(a.frameworks, b.frameworks);
  append_nub(a.extra_framework_dirs, b.extra_framework_dirs);
  append_nub(a.asm_sources, b.asm_sources);
  append_nub(a.cmm_sources, b.cmm_sources);
  append_nub(a.c_sources, b.c_sources);
  append_nub(a.cxx_sources, b.cxx_sources);
  append_nub(a.js_sources, b.js_sources);
  append_nub(a.hs_source_dirs, b.hs_source_dirs);
  append_nub(a.other_modules, b.other_modules);
  append_nub(a.virtual_modules, b.virtual_modules);
  append_nub(a.autogen_modules, b.autogen_modules);
  if (b.default_language) a.default_language = b.default_language;  // the later one wins
  append_nub(a.other_languages, b.other_languages);
  append_nub(a.default_extensions, b.default_extensions);
  append_nub(a.other_extensions, b.other_extensions);
  append_nub(a.old_extensions, b.old_extensions);
  append(a.extra_libraries, b.extra_libraries);
  append(a.extra_libraries_static, b.extra_libraries_static);
  append(a.extra_ghci_libraries, b.extra_ghci_libraries);
  append(a.extra_bundled_libraries, b.extra_bundled_libraries);
  append(a.extra_library_flavours, b.extra_library_flavours);
  append(a.extra_dynamic_library_flavours, b.extra_dynamic_library_flavours);
  append_nub(a.extra_lib_dirs, b.extra_lib_dirs);
  append_nub(a.extra_lib_dirs_static, b.extra_lib_dirs_static);
  append_nub(a.include_dirs, b.include_dirs);
  append_nub(a.includes, b.includes);
  append_nub(a.autogen_includes, b.autogen_includes);
  append_nub(a.install_includes, b.install_includes);
  append(a.ghc_options, b.ghc_options);
  append(a.ghc_prof_options, b.ghc_prof_options);
  append(a.ghc_shared_options, b.ghc_shared_options);
  append(a.ghcjs_options, b.ghcjs_options);
  append(a.ghcjs_prof_options, b.ghcjs_prof_options);
  append(a.ghcjs_shared_options, b.ghcjs_shared_options);
  for (const auto& d : b.build_depends) {
    bool dup = std::any_of(a.build_depends.begin(), a.build_depends.end(),
                           [&](const Dependency& x) { return same_dependency(x, d); });
    if (!dup) a.build_depends.push_back(d);
  }
  append(a.mixins, b.mixins);
}

void append_component_data(ComponentData& a, const ComponentData& b) {
  append_build_info(a.build_info, b.build_info);
  append(a.exposed_modules, b.exposed_modules);
  append(a.signatures, b.signatures);
  append(a.reexported_modules, b.reexported_modules);
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
  append(a.code_generators, b.code_generators);
  if (a.foreign_type.empty()) a.foreign_type = b.foreign_type;
}

}  // namespace mhu::cabal
