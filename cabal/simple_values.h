// Parsers for the small enumerated field values of .cabal files, each as
// Cabal-syntax 3.12's Parsec instance reads it. The cursor functions stop
// after the value (the caller checks that only spaces follow) and return
// false after recording an error on the cursor. The *_text functions parse a
// whole string (as Cabal's runParsecParser does for condition and section
// arguments) and return false if it is not entirely one value.
#pragma once

#include <string>
#include <string_view>

#include "cabal/value_cursor.h"
#include "cabal/version.h"

namespace mhu::cabal {

// Bool (Parsec.hs): a run of letters; `True`/`False`, or any other casing of
// them with a warning; anything else is an error.
bool parse_bool(ValueCursor& cur, bool& out);

// BuildType: `Simple`, `Configure`, `Make`, `Custom` (case-sensitive); `Default`
// is Custom with a warning up to cabal-version 1.18, an error after. `out` is
// the BuildType's name ("Custom" for Default).
bool parse_build_type(ValueCursor& cur, std::string& out);

// test-suite / benchmark `type` (Types/TestType.hs, BenchmarkType.hs): one or
// more `name-` components (letters and digits, not all digits), then a
// version: `exitcode-stdio-1.0`, `detailed-0.9`, `foo-bar-2`.
enum class TestTypeKind {
  Invalid,        // classify_*: not a test/benchmark type at all (a parse error)
  ExitcodeStdio,  // TestTypeExe / BenchmarkTypeExe
  Detailed,       // TestTypeLib (test suites only)
  Unknown,        // TestTypeUnknown / BenchmarkTypeUnknown
};
struct TestType {
  TestTypeKind kind = TestTypeKind::Unknown;  // the constructor Cabal builds
  std::string name;                           // the components joined with '-', lower-cased
  Version version;
  // In knownTestTypes / knownBenchmarkTypes (exitcode-stdio-1.0, detailed-0.9);
  // Cabal treats every other type, e.g. exitcode-stdio-2.0, as unsupported.
  bool is_known() const;
};
bool parse_test_type(ValueCursor& cur, TestType& out);
bool parse_benchmark_type(ValueCursor& cur, TestType& out);  // kind is never Detailed
std::string to_string(const TestType& t);  // prettyShow: "exitcode-stdio-1.0"
// What Cabal's validateTestSuite / validateBenchmark make of a whole `type`
// value: Invalid if it does not parse; ExitcodeStdio / Detailed only for the
// known types (exitcode-stdio-1.0, detailed-0.9); Unknown (unsupported) otherwise.
TestTypeKind classify_test_type(std::string_view text);
TestTypeKind classify_benchmark_type(std::string_view text);

// CompilerFlavor (Distribution/Compiler.hs): a run of letters and digits, not
// all digits, matched case-insensitively against ghc, ghcjs, nhc98, yhc,
// hugs, hbc, helium, jhc, lhc, uhc, eta, mhs; any other name is OtherCompiler
// and kept as written. (HaskellSuite cannot be written: its `-` is not taken.)
enum class CompilerKind { GHC, GHCJS, NHC, YHC, Hugs, HBC, Helium, JHC, LHC, UHC, Eta, MHS, Other };
struct CompilerFlavor {
  CompilerKind kind = CompilerKind::Other;
  std::string name;  // prettyShow: "ghc", "nhc98", or the other name as written
};
bool parse_compiler_flavor(ValueCursor& cur, CompilerFlavor& out);
bool parse_compiler_flavor_text(std::string_view text, std::string& name);

// One `tested-with` item: a compiler flavor, spaces, then an optional version
// range (any version when none starts there). Consumes trailing spaces.
struct TestedWith {
  CompilerFlavor compiler;
  VersionRange range;
};
bool parse_tested_with(ValueCursor& cur, TestedWith* out = nullptr);
std::string to_string(const TestedWith& t);  // "ghc >=9.2"

// FlagName (Types/Flag.hs): a letter, digit or `_`, then letters, digits, `_`
// and `-`; lower-cased.
bool parse_flag_name(ValueCursor& cur, std::string& out);
bool parse_flag_name_text(std::string_view text, std::string& out);

// source-repository kind (Types/SourceRepo.hs): letters, digits, `_`, `-`;
// `head` and `this` case-insensitively (out is then "head"/"this"), any other
// name kept as written (RepoKindUnknown).
enum class RepoKind { Head, This, Unknown };
bool parse_repo_kind(ValueCursor& cur, std::string& out, RepoKind* kind = nullptr);
bool parse_repo_kind_text(std::string_view text, std::string& out, RepoKind* kind = nullptr);

// Library `visibility`: `public` or `private` (a run of letters; exact).
bool parse_visibility(ValueCursor& cur, bool& is_public);

// Executable `scope`: the text `public` or `private` (a prefix match, as
// Cabal's P.string; what follows is the caller's business).
bool parse_executable_scope(ValueCursor& cur, bool& is_private);

// Foreign-library `type`: a run of letters, digits and `-`; `native-shared` or
// `native-static`, anything else is ForeignLibTypeUnknown, which Cabal treats
// like a missing type: `out` is then "".
bool parse_foreign_library_type(ValueCursor& cur, std::string& out);

// The `cabal-version` field (FieldGrammar/Newtypes.hs SpecVersion): a version
// (`3.0`), or, when the value does not start with a digit, a version range
// whose lower bound is the spec (`>= 1.10`; only below 2.1). Errors for spec
// versions Cabal 3.12 does not know; Cabal's PWTSpecVersion warnings (a plain
// version below 1.12, a range from 1.12, a range other than `>= x.y` below
// 1.12) are recorded after the value, where Cabal reports them.
bool parse_spec_version(ValueCursor& cur, CabalSpec& out);

}  // namespace mhu::cabal
