// The files Cabal generates for a component before compiling it, as Cabal
// 3.12 writes them: cabal_macros.h (Distribution.Simple.Build.Macros),
// Paths_PKG.hs (Distribution.Simple.Build.PathsModule) and PackageInfo_PKG.hs
// (Distribution.Simple.Build.PackageInfoModule), each the rendering of
// Cabal's template (the Z.hs beside each module) character for character.
//
// What differs from a `cabal build` is only what goes in:
//   - cabal_macros.h lists the tools given to it; Cabal lists every program
//     it configured that has a version (gcc, strip, haddock, hpc, alex, happy,
//     ... whatever it found on PATH). unit_macro_tools gives ghc, ghc-pkg and
//     runghc (the compiler's version), the unit's declared build tools and
//     the preprocessors its sources need.
//   - Paths_PKG.hs and PackageInfo_PKG.hs are written only for a unit that
//     lists them (Cabal 3.12 writes both into every component's autogen
//     directory).
//   - Paths_PKG.hs points at the session's in-place directories
//     (inplace_paths_dirs): the data directory is the package's own data-dir
//     in its source tree, so getDataFileName finds the data files without an
//     install step (cabal-install gets the same effect by setting PKG_datadir
//     for `cabal run` and `cabal test`).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cabal/package_description.h"
#include "cabal/version.h"
#include "planner/compiler.h"
#include "planner/unit.h"
#include "responsefiles/layout.h"
#include "responsefiles/preprocess.h"

namespace mhu::responsefiles {

// Cabal's fixchar over a package name: '-' becomes '_' (pp-demo -> pp_demo).
std::string mangle_package_name(const std::string& name);

// --- cabal_macros.h -----------------------------------------------------------

struct MacroPackage {
  std::string name;
  cabal::Version version;
  friend bool operator==(const MacroPackage&, const MacroPackage&) = default;
};

struct ToolVersion {
  std::string name;  // Cabal's program id: ghc, ghc-pkg, alex, happy, hsc2hs, ...
  cabal::Version version;
  friend bool operator==(const ToolVersion&, const ToolVersion&) = default;
};

// The template's inputs (Distribution.Simple.Build.Macros.Z).
struct CabalMacros {
  std::vector<MacroPackage> packages;  // in the order given
  std::vector<ToolVersion> tools;      // in the order given
  std::string package_key;             // "" leaves CURRENT_PACKAGE_KEY out
  std::string component_id;            // "" leaves CURRENT_COMPONENT_ID out
  cabal::Version package_version;
};

std::string render_cabal_macros(const CabalMacros& m);

// The packages a unit's cabal_macros.h lists, as Cabal lists them: the
// unit's own package, then one entry per dependency unit (home and
// installed) in unit-id order. A package depended on through two of its
// libraries (core and core:pubsub) is listed twice, as Cabal does. A
// dependency id is matched to its package in unit.dep_packages by its
// NAME-VERSION prefix; a package of dep_packages that no id matches is
// listed once, at the place of its NAME-VERSION.
std::vector<MacroPackage> macro_packages(const planner::Unit& unit);

// Tools for cabal_macros.h: ghc, ghc-pkg and runghc at the compiler's
// version, then `extra` (which win over those three), sorted by name, each once.
std::vector<ToolVersion> macro_tools(const planner::CompilerInfo& compiler, const std::vector<ToolVersion>& extra);

// The version of a tool as Cabal's program database finds it: runs
// `PROGRAM ARG` (Cabal's version argument for the known programs alex, happy,
// hsc2hs, c2hs, cpphs, haddock, hpc, runghc, ghc, ghc-pkg, gcc, strip,
// doctest, hscolour; --version for others) and picks the version out of its
// standard output as Cabal does. `program` is searched on PATH. nullopt when
// it cannot be run or prints no version. Results are kept for the life of
// the process (keyed by program), and with a cache_dir also on disk
// (CACHE/tool-version-HASH.txt, keyed by the program's path, mtime and size),
// so that a second session starts no process.
std::optional<cabal::Version> probe_tool_version(const std::string& program, const std::string& cache_dir = "");

// The tools of the unit's cabal_macros.h: macro_tools(compiler, T) where T
// is, of Cabal's known programs (alex, happy, hsc2hs, c2hs, cpphs, greencard,
// haddock, hpc, hscolour, doctest), those the unit names in build-tools or
// build-tool-depends and those its preprocessor inputs need
// (find_preprocessor_inputs), each found with tool_program(name, compiler,
// programs) and probed with probe_tool_version(program, cache_dir) (ones
// that do not answer are left out).
std::vector<ToolVersion> unit_macro_tools(const planner::Unit& unit, const planner::CompilerInfo& compiler,
                                          const std::map<std::string, std::string>& programs = {},
                                          const std::string& cache_dir = "");
// The same with the unit's preprocessor inputs found already (only their
// tools are looked at, so any layout's do).
std::vector<ToolVersion> unit_macro_tools(const planner::Unit& unit, const planner::CompilerInfo& compiler,
                                          const std::map<std::string, std::string>& programs,
                                          const std::string& cache_dir, const std::vector<PreprocessorInput>& inputs);

// The unit's cabal_macros.h. CURRENT_PACKAGE_KEY is the unit id for
// libraries (main and sub-libraries) and absent for other components.
std::string cabal_macros_h(const planner::Unit& unit, const std::vector<ToolVersion>& tools);

// --- Paths_PKG.hs, PackageInfo_PKG.hs ---------------------------------------------

std::string paths_module_name(const std::string& package_name);         // Paths_pp_demo
std::string package_info_module_name(const std::string& package_name);  // PackageInfo_pp_demo

struct PathsDirs {
  std::string bindir, libdir, dynlibdir, datadir, libexecdir, sysconfdir;
};

// The directories of a session's Paths_PKG: datadir is the package's
// data-dir (package_dir when it is "." or empty; as given when absolute),
// bindir and libexecdir the layout's bin_dir, libdir and dynlibdir the
// unit's output_dir, sysconfdir DIST/etc.
PathsDirs inplace_paths_dirs(const planner::Unit& unit, const cabal::GenericPackageDescription& gpd,
                             const Layout& layout);

// Paths_PKG.hs in Cabal's absolute flavour (the one Cabal generates on every
// platform but Windows for packages with a library, and on every non-Windows
// platform always); Windows path separators when the compiler targets Windows.
std::string render_paths_module(const std::string& package_name, const cabal::Version& version,
                                const PathsDirs& dirs, const planner::CompilerInfo& compiler);

// PackageInfo_PKG.hs: name (mangled, as Cabal writes it), version, synopsis,
// copyright, homepage.
std::string render_package_info_module(const cabal::GenericPackageDescription& gpd,
                                       const planner::CompilerInfo& compiler);

// Whether the unit names `module` in exposed-modules, other-modules or
// autogen-modules (or in its hidden_modules).
bool unit_lists_module(const planner::Unit& unit, const std::string& module);

// --- writing ----------------------------------------------------------------------

struct GeneratedFile {
  std::string path;  // absolute
  std::string content;
};

// The unit's generated files: cabal_macros.h always; Paths_PKG.hs and
// PackageInfo_PKG.hs when the unit lists them (unit_lists_module). Paths are
// in layout.autogen_dir(unit.id).
std::vector<GeneratedFile> autogen_files(const planner::Unit& unit, const cabal::GenericPackageDescription& gpd,
                                         const Layout& layout, const planner::CompilerInfo& compiler,
                                         const std::vector<ToolVersion>& tools);

// Write the unit's autogen_files, each only when its content differs from
// what is on disk (so GHC's recompilation check sees an unchanged file as
// unchanged), creating directories as needed. The first overload uses
// unit_macro_tools(unit, compiler). `changed` (optional) counts the files
// written. (Through write_if_changed of responsefiles/response_file.h.)
bool write_autogen_files(const planner::Unit& unit, const cabal::GenericPackageDescription& gpd,
                         const Layout& layout, const planner::CompilerInfo& compiler, std::string& error);
bool write_autogen_files(const planner::Unit& unit, const cabal::GenericPackageDescription& gpd,
                         const Layout& layout, const planner::CompilerInfo& compiler,
                         const std::vector<ToolVersion>& tools, std::string& error, int* changed = nullptr);

}  // namespace mhu::responsefiles
