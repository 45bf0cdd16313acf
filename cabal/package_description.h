// The package-description model: what a reader (.cabal or package.yaml)
// produces and the planner consumes. Mirrors Cabal-syntax's
// GenericPackageDescription: components as trees of conditional branches.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cabal/condition.h"
#include "cabal/dependency.h"
#include "cabal/spec_version.h"
#include "cabal/version.h"

namespace mhu::cabal {

struct BuildInfo {
  bool buildable = true;
  std::vector<LegacyExeDependency> build_tools;
  std::vector<ExeDependency> build_tool_depends;
  std::vector<std::string> cpp_options, asm_options, cmm_options, cc_options, cxx_options,
      ld_options, hsc2hs_options;
  std::vector<PkgconfigDependency> pkgconfig_depends;
  std::vector<std::string> frameworks, extra_framework_dirs;
  std::vector<std::string> asm_sources, cmm_sources, c_sources, cxx_sources, js_sources;
  std::vector<std::string> hs_source_dirs;
  std::vector<std::string> other_modules, virtual_modules, autogen_modules;
  std::optional<std::string> default_language;
  std::vector<std::string> other_languages, default_extensions, other_extensions, old_extensions;
  std::vector<std::string> extra_libraries, extra_libraries_static, extra_ghci_libraries,
      extra_bundled_libraries, extra_library_flavours, extra_dynamic_library_flavours;
  std::vector<std::string> extra_lib_dirs, extra_lib_dirs_static;
  std::vector<std::string> include_dirs, includes, autogen_includes, install_includes;
  std::vector<std::string> ghc_options, ghc_prof_options, ghc_shared_options;
  std::vector<std::string> ghcjs_options, ghcjs_prof_options, ghcjs_shared_options;
  std::vector<Dependency> build_depends;
  std::vector<Mixin> mixins;
};

// Cabal's BuildInfo semigroup: `a` then `b`; several lists drop duplicates.
void append_build_info(BuildInfo& a, const BuildInfo& b);
void append_build_info(BuildInfo& a, BuildInfo&& b);  // the same, b's elements moved

enum class ComponentKind { Library, ForeignLibrary, Executable, TestSuite, Benchmark };

// The kind as cabal's component selectors spell it: lib, flib, exe, test, bench.
inline const char* component_kind_name(ComponentKind k) {
  switch (k) {
    case ComponentKind::Library: return "lib";
    case ComponentKind::ForeignLibrary: return "flib";
    case ComponentKind::Executable: return "exe";
    case ComponentKind::TestSuite: return "test";
    case ComponentKind::Benchmark: return "bench";
  }
  return "?";
}

// One component's fields at one node of its condition tree. Which fields
// apply depends on the kind.
struct ComponentData {
  BuildInfo build_info;
  // library
  std::vector<std::string> exposed_modules, signatures;
  std::vector<ModuleReexport> reexported_modules;
  bool exposed = true;
  bool public_visibility = false;  // sub-libraries: `visibility: public`
  // executable / test-suite / benchmark
  std::string main_is;
  bool private_scope = false;  // executable `scope: private`
  // test-suite / benchmark: the interface after Cabal's validation
  enum class Interface { None, ExeV10, LibV09, Unsupported } interface = Interface::None;
  std::string test_module;
  std::string type_name;  // as written, for messages
  std::vector<std::string> code_generators;
  // foreign library
  std::string foreign_type;
};

struct CondTree;
struct CondBranch {
  Condition condition;
  std::vector<CondTree> then_tree;  // exactly one
  std::vector<CondTree> else_tree;  // zero or one
};
struct CondTree {
  ComponentData data;
  std::vector<CondBranch> branches;
};

struct Component {
  ComponentKind kind;
  std::string name;  // "" for the main library
  Position pos;
  CondTree tree;
};

struct PackageFlag {
  std::string name;  // lower-cased
  std::string description;
  bool default_value = true;
  bool manual = false;
};

struct SourceRepo {
  std::string kind, type, location, subdir, tag, branch, module;
};

struct GenericPackageDescription {
  CabalSpec spec = CabalSpec::V1_0;
  std::string name;
  Version version;
  std::string license, synopsis, description, category, author, maintainer, homepage,
      bug_reports, copyright, stability;
  std::string build_type;  // "" when not given
  std::string data_dir = ".";
  std::vector<std::string> data_files, extra_source_files, extra_doc_files, extra_tmp_files,
      license_files;
  std::vector<std::string> tested_with;
  std::vector<PackageFlag> flags;
  std::vector<Component> components;  // in file order; kinds interleaved
  std::vector<SourceRepo> source_repos;
  bool has_custom_setup = false;
  std::vector<Dependency> setup_depends;
};

}  // namespace mhu::cabal
