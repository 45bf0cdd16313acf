#include "cabal/simple_values.h"

#include <catch2/catch.hpp>

using namespace mhu::cabal;

namespace {

// Run parse(cur) over text; ok only if it succeeded. rest: what is left.
struct Run {
  bool ok = false;
  std::string rest;
  std::string error;
  std::string warning;
};

template <class F>
Run run(std::string_view text, F parse, CabalSpec spec = CabalSpec::V3_12) {
  ValueDiags diags;
  ValueCursor cur(text, spec, diags);
  Run r;
  r.ok = parse(cur);
  r.rest = std::string(text.substr(cur.offset()));
  for (const auto& d : diags) (d.is_error ? r.error : r.warning) = d.message;
  if (!r.ok) CHECK(!r.error.empty());
  return r;
}

}  // namespace

TEST_CASE("parse_bool") {
  bool b = false;
  auto p = [&](ValueCursor& c) { return parse_bool(c, b); };
  CHECK(run("True", p).ok);
  CHECK(b);
  auto r = run("False", p);
  CHECK(r.ok);
  CHECK_FALSE(b);
  CHECK(r.warning.empty());
  r = run("true", p);
  CHECK(r.ok);
  CHECK(b);
  CHECK(r.warning == "Boolean values are case sensitive, use 'True' or 'False'.");
  r = run("FALSE", p);
  CHECK(r.ok);
  CHECK_FALSE(b);
  CHECK_FALSE(r.warning.empty());
  r = run("yes", p);
  CHECK_FALSE(r.ok);
  CHECK(r.error.find("Not a boolean: yes") != std::string::npos);
  CHECK_FALSE(run("", p).ok);
  CHECK_FALSE(run("1", p).ok);
  r = run("True1", p);  // a run of letters; the digit is left for the caller
  CHECK(r.ok);
  CHECK(r.rest == "1");
}

TEST_CASE("parse_build_type") {
  std::string bt;
  auto p = [&](ValueCursor& c) { return parse_build_type(c, bt); };
  for (const char* t : {"Simple", "Configure", "Make", "Custom"}) {
    CHECK(run(t, p).ok);
    CHECK(bt == t);
  }
  auto r = run("simple", p);
  CHECK_FALSE(r.ok);
  CHECK(r.error.find("unknown build-type: 'simple'") != std::string::npos);
  r = run("Default", p, CabalSpec::V1_18);
  CHECK(r.ok);
  CHECK(bt == "Custom");
  CHECK_FALSE(r.warning.empty());
  CHECK_FALSE(run("Default", p, CabalSpec::V1_20).ok);
  CHECK_FALSE(run("Hooks", p).ok);
  CHECK_FALSE(run("", p).ok);
}

TEST_CASE("test-suite and benchmark types") {
  TestType t;
  auto pt = [&](ValueCursor& c) { return parse_test_type(c, t); };
  CHECK(run("exitcode-stdio-1.0", pt).ok);
  CHECK(t.kind == TestTypeKind::ExitcodeStdio);
  CHECK(t.name == "exitcode-stdio");
  CHECK(t.version.numbers == std::vector<int>{1, 0});
  CHECK(t.is_known());
  CHECK(to_string(t) == "exitcode-stdio-1.0");
  CHECK(run("detailed-0.9", pt).ok);
  CHECK(t.kind == TestTypeKind::Detailed);
  CHECK(t.is_known());
  CHECK(run("Exitcode-Stdio-2.0", pt).ok);  // names are lower-cased
  CHECK(t.kind == TestTypeKind::ExitcodeStdio);
  CHECK(t.name == "exitcode-stdio");
  CHECK_FALSE(t.is_known());
  CHECK(run("foo-bar2-3.1", pt).ok);
  CHECK(t.kind == TestTypeKind::Unknown);
  CHECK(t.name == "foo-bar2");
  CHECK(to_string(t) == "foo-bar2-3.1");
  CHECK_FALSE(run("exitcode-stdio", pt).ok);  // no version
  CHECK_FALSE(run("1.0", pt).ok);             // no name
  CHECK_FALSE(run("", pt).ok);
  auto r = run("exitcode-stdio-1.0-x", pt);  // version tag: warning
  CHECK(r.ok);
  CHECK_FALSE(r.warning.empty());

  TestType b;
  auto pb = [&](ValueCursor& c) { return parse_benchmark_type(c, b); };
  CHECK(run("exitcode-stdio-1.0", pb).ok);
  CHECK(b.kind == TestTypeKind::ExitcodeStdio);
  CHECK(run("detailed-0.9", pb).ok);
  CHECK(b.kind == TestTypeKind::Unknown);

  CHECK(classify_test_type("exitcode-stdio-1.0") == TestTypeKind::ExitcodeStdio);
  CHECK(classify_test_type("detailed-0.9") == TestTypeKind::Detailed);
  CHECK(classify_test_type("detailed-1.0") == TestTypeKind::Unknown);
  CHECK(classify_test_type("exitcode-stdio-1.0.0") == TestTypeKind::Unknown);
  CHECK(classify_test_type("foo-1") == TestTypeKind::Unknown);
  CHECK(classify_test_type("foo") == TestTypeKind::Invalid);
  CHECK(classify_test_type("exitcode-stdio-1.0 x") == TestTypeKind::Invalid);
  CHECK(classify_benchmark_type("exitcode-stdio-1.0") == TestTypeKind::ExitcodeStdio);
  CHECK(classify_benchmark_type("detailed-0.9") == TestTypeKind::Unknown);
  CHECK(classify_benchmark_type("bench") == TestTypeKind::Invalid);
}

TEST_CASE("compiler flavors") {
  CompilerFlavor f;
  auto p = [&](ValueCursor& c) { return parse_compiler_flavor(c, f); };
  CHECK(run("GHC", p).ok);
  CHECK(f.kind == CompilerKind::GHC);
  CHECK(f.name == "ghc");
  CHECK(run("ghcjs", p).ok);
  CHECK(f.kind == CompilerKind::GHCJS);
  CHECK(run("NHC98", p).ok);
  CHECK(f.name == "nhc98");
  CHECK(run("Hugs", p).ok);
  CHECK(f.name == "hugs");
  CHECK(run("MHS", p).ok);
  CHECK(f.kind == CompilerKind::MHS);
  CHECK(run("Foo", p).ok);
  CHECK(f.kind == CompilerKind::Other);
  CHECK(f.name == "Foo");  // kept as written
  auto r = run("haskell-suite", p);  // only "haskell" is a flavor token
  CHECK(r.ok);
  CHECK(r.rest == "-suite");
  CHECK_FALSE(run("123", p).ok);
  CHECK_FALSE(run("", p).ok);

  std::string name;
  CHECK(parse_compiler_flavor_text("GHC", name));
  CHECK(name == "ghc");
  CHECK(parse_compiler_flavor_text("foo2", name));
  CHECK(name == "foo2");
  CHECK_FALSE(parse_compiler_flavor_text("ghc-9", name));
  CHECK_FALSE(parse_compiler_flavor_text("98", name));
}

TEST_CASE("flag names") {
  std::string n;
  auto p = [&](ValueCursor& c) { return parse_flag_name(c, n); };
  CHECK(run("Debug", p).ok);
  CHECK(n == "debug");
  CHECK(run("_with-FOO_2", p).ok);
  CHECK(n == "_with-foo_2");
  CHECK(run("2fast", p).ok);
  CHECK(n == "2fast");
  auto r = run("a.b", p);
  CHECK(r.ok);
  CHECK(r.rest == ".b");
  CHECK_FALSE(run("-foo", p).ok);
  CHECK_FALSE(run("", p).ok);
  CHECK(run("\xC3\x89t\xC3\xA9", p).ok);  // Été -> été
  CHECK(n == "\xC3\xA9t\xC3\xA9");

  std::string out;
  CHECK(parse_flag_name_text("UseFoo", out));
  CHECK(out == "usefoo");
  CHECK_FALSE(parse_flag_name_text("use foo", out));
  CHECK_FALSE(parse_flag_name_text("-x", out));
}

TEST_CASE("source-repository kinds") {
  std::string k;
  RepoKind kind;
  auto p = [&](ValueCursor& c) { return parse_repo_kind(c, k, &kind); };
  CHECK(run("head", p).ok);
  CHECK(kind == RepoKind::Head);
  CHECK(run("HEAD", p).ok);
  CHECK(kind == RepoKind::Head);
  CHECK(k == "head");
  CHECK(run("This", p).ok);
  CHECK(kind == RepoKind::This);
  CHECK(k == "this");
  CHECK(run("my_kind-2", p).ok);
  CHECK(kind == RepoKind::Unknown);
  CHECK(k == "my_kind-2");
  CHECK_FALSE(run("", p).ok);
  CHECK(parse_repo_kind_text(" head ", k, &kind));
  CHECK(kind == RepoKind::Head);
  CHECK_FALSE(parse_repo_kind_text("head this", k));
}

TEST_CASE("visibility, scope, foreign-library type") {
  bool pub = false;
  auto pv = [&](ValueCursor& c) { return parse_visibility(c, pub); };
  CHECK(run("public", pv).ok);
  CHECK(pub);
  CHECK(run("private", pv).ok);
  CHECK_FALSE(pub);
  auto r = run("Public", pv);
  CHECK_FALSE(r.ok);
  CHECK(r.error.find("Unknown visibility: Public") != std::string::npos);
  CHECK_FALSE(run("", pv).ok);

  bool priv = true;
  auto ps = [&](ValueCursor& c) { return parse_executable_scope(c, priv); };
  CHECK(run("public", ps).ok);
  CHECK_FALSE(priv);
  CHECK(run("private", ps).ok);
  CHECK(priv);
  r = run("publicly", ps);  // P.string: a prefix; the rest is the caller's
  CHECK(r.ok);
  CHECK(r.rest == "ly");
  CHECK_FALSE(run("pub", ps).ok);
  CHECK_FALSE(run("Private", ps).ok);

  std::string ft = "x";
  auto pf = [&](ValueCursor& c) { return parse_foreign_library_type(c, ft); };
  CHECK(run("native-shared", pf).ok);
  CHECK(ft == "native-shared");
  CHECK(run("native-static", pf).ok);
  CHECK(ft == "native-static");
  CHECK(run("native-dynamic", pf).ok);  // ForeignLibTypeUnknown
  CHECK(ft.empty());
  CHECK_FALSE(run("", pf).ok);
}

TEST_CASE("tested-with") {
  TestedWith tw;
  auto p = [&](ValueCursor& c) { return parse_tested_with(c, &tw); };
  auto r = run("GHC == 9.2.8", p);
  CHECK(r.ok);
  CHECK(r.rest.empty());
  CHECK(tw.compiler.name == "ghc");
  CHECK(to_string(tw.range) == "==9.2.8");
  CHECK(tw.range.contains(Version{{9, 2, 8}}));
  r = run("ghc>=8.10 && <9.12", p);
  CHECK(r.ok);
  CHECK(r.rest.empty());
  CHECK(tw.range.contains(Version{{9, 4}}));
  CHECK_FALSE(tw.range.contains(Version{{9, 12}}));
  r = run("GHC", p);
  CHECK(r.ok);
  CHECK(to_string(tw.range) == ">=0");
  r = run("GHC , GHC ==9.0", p);  // no range: stops at the comma, spaces taken
  CHECK(r.ok);
  CHECK(r.rest == ", GHC ==9.0");
  CHECK(to_string(tw.range) == ">=0");
  r = run("GHC ==8.0 GHC ==9.0", p);  // FSep lists need no commas
  CHECK(r.ok);
  CHECK(r.rest == "GHC ==9.0");
  r = run("GHC ==9.*", p);
  CHECK(r.ok);
  CHECK(tw.range.contains(Version{{9, 6}}));
  CHECK_FALSE(run("GHC ==", p).ok);   // a range starts, so it must parse
  CHECK_FALSE(run("123 ==1", p).ok);  // all-digits compiler name
  r = run("GHC 9.2", p);  // a bare version is not a range: no range, 9.2 left over
  CHECK(r.ok);
  CHECK(r.rest == "9.2");
  r = run("GHC -any", p, CabalSpec::V1_10);
  CHECK(r.ok);
  CHECK(to_string(tw.range) == ">=0");
  r = run("GHC -any", p, CabalSpec::V3_4);  // '-' is no operator from 3.4
  CHECK(r.ok);
  CHECK(r.rest == "-any");
  CHECK(run("GHC", [](ValueCursor& c) { return parse_tested_with(c); }).ok);
}

TEST_CASE("cabal-version values (SpecVersion)") {
  CabalSpec s;
  auto p = [&](ValueCursor& c) { return parse_spec_version(c, s); };
  auto offset_of_diag = [&](std::string_view text, CabalSpec spec) {
    ValueDiags diags;
    ValueCursor cur(text, spec, diags);
    parse_spec_version(cur, s);
    return diags.empty() ? std::string_view::npos : diags[0].offset;
  };
  Run r = run("3.0", p);
  CHECK((r.ok && s == CabalSpec::V3_0 && r.warning.empty()));
  r = run(">=1.10", p, CabalSpec::V1_24);
  CHECK((r.ok && s == CabalSpec::V1_10 && r.warning.empty()));
  r = run("1.8", p);
  CHECK((r.ok && s == CabalSpec::V1_8));
  CHECK(r.warning.find("must use range syntax") != std::string::npos);
  r = run(">= 1.24", p, CabalSpec::V1_24);
  CHECK((r.ok && s == CabalSpec::V1_24));
  CHECK(r.warning.find("Use 'cabal-version: 1.24'") != std::string::npos);
  r = run(">=1.8 && <2", p, CabalSpec::V1_8);
  CHECK((r.ok && s == CabalSpec::V1_8));
  CHECK(r.warning.find("only specify a version range of the form '>= x.y'") != std::string::npos);
  // Warnings stand after the value (a range takes its trailing spaces).
  CHECK(offset_of_diag("1.8", CabalSpec::V1_8) == 3);
  CHECK(offset_of_diag(">=1.8 && <2 ", CabalSpec::V1_8) == 12);
  r = run(">=2.2", p, CabalSpec::V1_24);
  CHECK_FALSE(r.ok);
  CHECK(r.error.find("cannot be specified as a range") != std::string::npos);
  r = run("1.3", p);
  CHECK((r.ok && s == CabalSpec::V1_4));  // Cabal rounds old versions down
  r = run("2.1", p);
  CHECK_FALSE(r.ok);
  CHECK(r.error.find("Unknown cabal spec version specified: 2.1, expected 1.x up to 1.24, 2.0, 2.2,") == 0);
  // A value starting with a digit is a version, never a range.
  r = run("1.10 && <2", p);
  CHECK(r.ok);
  CHECK(r.rest == " && <2");
}
