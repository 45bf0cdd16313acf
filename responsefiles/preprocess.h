// What Cabal does to a component's sources before GHC sees them
// (Distribution.Simple.PreProcess and the C part of Distribution.Simple.GHC):
//   - a module whose source is a preprocessor input (Foo.hsc, Foo.x, Foo.y,
//     Foo.ly, Foo.chs, Foo.gc, Foo.cpphs) is turned into Foo.hs by
//     hsc2hs, alex, happy, c2hs, greencard or GHC's cpp, with Cabal's
//     arguments; the output goes to the unit's autogen directory (which the
//     session puts on GHC's import path);
//   - c-sources and cxx-sources are compiled to objects with `ghc -c`, which
//     the session hands to GHC as extra arguments of the unit (GHCi loads them).
// Both are make-like: an output newer than its input is not made again (and
// for objects, only when the arguments are the same as last time), so a
// second run starts no process.
//
// Differences from Cabal: paths given to the tools are absolute (the tools
// run in no particular directory), so hsc2hs's {-# LINE #-} pragmas name the
// input by its absolute path (alex's and happy's outputs are otherwise
// byte-identical to cabal's, hsc2hs's too but for those paths); a module with a plain Haskell source (.hs, .lhs,
// .hsig, .lhsig) in any of its source directories is not preprocessed even
// when a preprocessor input exists too (Cabal runs the preprocessor, but GHC
// then finds the plain source first anyway); hsc2hs gets no --lflag for the
// dependencies' libraries (its test program needs none unless the package's
// headers call into them); tools are also looked for beside the compiler
// (tool_program); C objects are made once, in the way GHCi loads
// (-dynamic with a dynamically linked GHC), not static and dynamic.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "planner/compiler.h"
#include "planner/unit.h"
#include "responsefiles/layout.h"

namespace mhu::responsefiles {

struct PreprocessorInput {
  std::string module;  // Lang.Lexer; "" for an executable's main-is
  std::string source;  // absolute: PKGDIR/src/Lang/Lexer.x
  std::string suffix;  // x, y, ly, hsc, chs, gc, cpphs
  std::string tool;    // alex, happy, hsc2hs, c2hs, greencard, ghc
  std::string output;  // absolute: AUTOGEN/Lang/Lexer.hs
};

struct PreprocessOptions {
  // hsc2hs's and c2hs's -I for the unit's installed dependencies (the
  // include-dirs of their closure, as the compiler sees them). When not
  // given: the include directories of the compiler's own rts, ghc-internal
  // and base under its libdir (enough for HsFFI.h and HsBase.h).
  std::optional<std::vector<std::string>> dep_include_dirs;
  // For `ghc -c`: the package databases of the unit's installed
  // dependencies (in stacking order; with them comes -no-user-package-db),
  // whose -package-id flags make their include-dirs visible to the C
  // compiler. Without databases no -package-id is given.
  std::vector<std::string> package_dbs;
  // For `ghc -c`: more -I directories (absolute), e.g. the include-dirs of
  // the unit's home dependencies.
  std::vector<std::string> extra_include_dirs;
  // The program to run for a tool (alex, happy, hsc2hs, c2hs, greencard),
  // overriding tool_program's search.
  std::map<std::string, std::string> programs;
  // Called before each tool runs (a preprocessor, or ghc -c for a C source)
  // with what it makes ("alex /p/src/Lexer.x", "compiling /p/cbits/x.c") and
  // its command: for progress lines.
  std::function<void(const std::string& what, const std::vector<std::string>& argv)> on_run;
};

// The program for a tool: programs[tool] when given; for "ghc" the
// compiler's program; else the first executable of TOOL-ghc-VERSION,
// TOOL-VERSION, TOOL in the directory of the compiler's program and in the
// directory of its real path (how Cabal finds hsc2hs, haddock and hpc; mhu
// looks there for alex and happy too, so a compiler directory with all the
// tools works without PATH); else TOOL, searched on PATH when run.
std::string tool_program(const std::string& tool, const planner::CompilerInfo& compiler,
                         const std::map<std::string, std::string>& programs = {});

// The hs-source-dirs of the unit, absolute ("." when it names none).
std::vector<std::string> source_dirs(const planner::Unit& unit);

// The unit's modules that have a preprocessor input and no plain source:
// exposed-modules, other-modules, the test-module of a detailed test suite,
// then the main-is of an executable, test suite or benchmark. An input is
// looked for as Cabal does, in the source directories in order and, in each,
// by suffix in Cabal's order (gc, chs, hsc, x, y, ly, cpphs).
std::vector<PreprocessorInput> find_preprocessor_inputs(const planner::Unit& unit, const Layout& layout);

// The command that makes `in.output` (argv; argv[0] from tool_program with options.programs). Cabal's
// arguments: alex -g, happy -agc, greencard -tffi, for hsc2hs
// the C compiler's flags from `ghc --info`, the platform defines,
// include-dirs, cc-options, cpp-options, -I AUTOGEN and -include
// cabal_macros.h, extra-lib-dirs, extra-libraries and ld-options as
// --lflag, the dependencies' include dirs, --cc/--ld (GHC's C compiler),
// hsc2hs-options; for c2hs --cpp, the cpp options and --output-dir; for
// .cpphs, ghc -E -cpp -x hs with cabal_macros.h and the cpp options.
std::vector<std::string> preprocessor_command(const PreprocessorInput& in, const planner::Unit& unit,
                                              const Layout& layout, const planner::CompilerInfo& compiler,
                                              const PreprocessOptions& options);

struct PreprocessResult {
  std::vector<PreprocessorInput> inputs;  // every input found
  int ran = 0;                            // how many were (re)made this time
  // C sources the preprocessors made that belong to the unit: hsc2hs's
  // AUTOGEN/.../Foo_hsc.c, c2hs's Foo.chs.c (absolute). Give them to
  // compile_c_sources.
  std::vector<std::string> c_sources;
};

// Preprocess the unit's inputs that are out of date. cabal_macros.h must
// exist (write_autogen_files) before: hsc2hs includes it. A Foo.hs-boot
// beside an input is kept copied beside its output. The outputs are listed in
// AUTOGEN/.mhu-preprocessed; those of an earlier run whose input is gone
// (Foo.x replaced by Foo.hs) are removed, so they do not shadow the new source. A tool that fails or cannot
// be started is reported in `error` (the tool's command and its stderr, for
// every failing input) and the function returns false; the other inputs are
// still made.
bool preprocess_unit(const planner::Unit& unit, const Layout& layout, const planner::CompilerInfo& compiler,
                     const PreprocessOptions& options, PreprocessResult& result, std::string& error);
// The same with the unit's inputs found already (find_preprocessor_inputs(unit, layout)).
bool preprocess_unit(const planner::Unit& unit, const Layout& layout, const planner::CompilerInfo& compiler,
                     const PreprocessOptions& options, std::vector<PreprocessorInput> inputs,
                     PreprocessResult& result, std::string& error);

// --- C sources ----------------------------------------------------------------------

// The object for a source: OUTPUT_DIR/<the source's path below the package
// directory, ".." parts as "__">.o; a source outside the package (absolute)
// goes under OUTPUT_DIR/__abs/.
std::string c_object_path(const planner::Unit& unit, const Layout& layout, const std::string& source);

// Cabal's `ghc -c` for a C (or C++) source (componentCcGhcOptions):
//   GHC -c [-dynamic] -fPIC -I AUTOGEN -I OUTPUT_DIR -I INCLUDE_DIRS... -I EXTRA...
//       -optc-O2 -optc CC_OPTION... (C++: -optcxx-O2 -optcxx CXX_OPTION...)
//       [-pgmc CC] -hide-all-packages [-no-user-package-db -package-db DB... -package-id ID...]
//       SOURCE -o OBJECT GHC_OPTIONS...
// -dynamic when the compiler is dynamically linked ("GHC Dynamic"), as
// `cabal repl` builds the objects it loads; -pgmc is GHC's C compiler command.
std::vector<std::string> c_compile_command(const planner::Unit& unit, const Layout& layout,
                                           const planner::CompilerInfo& compiler, const PreprocessOptions& options,
                                           const std::string& source, const std::string& object);

// Compile the unit's c-sources and cxx-sources (relative to package_dir)
// and `extra_sources` (absolute; e.g. PreprocessResult::c_sources) to
// objects, each unless its object is newer than the source and was made with
// the same command (kept in OBJECT.cmd). `objects` gets every object's path
// in source order, made now or before. Failures: like preprocess_unit.
bool compile_c_sources(const planner::Unit& unit, const Layout& layout, const planner::CompilerInfo& compiler,
                       const PreprocessOptions& options, const std::vector<std::string>& extra_sources,
                       std::vector<std::string>& objects, std::string& error, int* compiled = nullptr);

// The include directories of the compiler's rts, ghc-internal and base
// under its libdir, as the compiler sees them (looked up through
// compiler.seen_path): the default of PreprocessOptions::dep_include_dirs.
std::vector<std::string> compiler_include_dirs(const planner::CompilerInfo& compiler);

// Cabal's platformDefines: -D__GLASGOW_HASKELL__=910, -Dlinux_BUILD_OS=1,
// -Dx86_64_BUILD_ARCH=1, -Dlinux_HOST_OS=1, -Dx86_64_HOST_ARCH=1.
std::vector<std::string> platform_defines(const planner::CompilerInfo& compiler);

}  // namespace mhu::responsefiles
