#include "cabal/dependency.h"

#include <algorithm>

#include <catch2/catch.hpp>

#include "cabal/field_lists.h"

using namespace mhu::cabal;

namespace {

// Parse one whole value with `parse`, as a field value: spaces around it are
// allowed, anything left over is an error.
template <class T, class F>
bool whole(std::string_view text, CabalSpec spec, F parse, T& out, std::string* err = nullptr) {
  ValueDiags diags;
  ValueCursor cur(text, spec, diags);
  cur.skip_spaces();
  bool ok = parse(cur, out);
  if (ok) {
    cur.skip_spaces();
    if (!cur.at_end()) ok = cur.fail_expecting("end of input");
  }
  if (!ok && err) {
    for (const auto& d : diags)
      if (d.is_error) *err = d.message;
  }
  CHECK(ok == !std::any_of(diags.begin(), diags.end(), [](const ValueDiag& d) { return d.is_error; }));
  return ok;
}

std::string dep(std::string_view text, CabalSpec spec = kLatestCabalSpec) {
  Dependency d;
  std::string err;
  if (!whole(text, spec, parse_dependency, d, &err)) return "ERROR: " + err;
  std::string libs;
  for (const auto& l : d.libraries) libs += (libs.empty() ? "" : ",") + (l.empty() ? "<main>" : l);
  return d.package + " [" + libs + "] " + to_string(d.range);
}

std::string mixin(std::string_view text, CabalSpec spec = kLatestCabalSpec) {
  Mixin m;
  std::string err;
  if (!whole(text, spec, parse_mixin, m, &err)) return "ERROR: " + err;
  return to_string(m);
}

std::string reexport(std::string_view text) {
  ModuleReexport r;
  std::string err;
  if (!whole(text, kLatestCabalSpec, parse_module_reexport, r, &err)) return "ERROR: " + err;
  return to_string(r);
}

std::string exe(std::string_view text, CabalSpec spec = kLatestCabalSpec) {
  ExeDependency d;
  std::string err;
  if (!whole(text, spec, parse_exe_dependency, d, &err)) return "ERROR: " + err;
  return d.package + ":" + d.executable + " " + to_string(d.range);
}

std::string legacy(std::string_view text, CabalSpec spec = CabalSpec::V1_24) {
  LegacyExeDependency d;
  std::string err;
  if (!whole(text, spec, parse_legacy_exe_dependency, d, &err)) return "ERROR: " + err;
  return d.name + " " + to_string(d.range);
}

std::string pkgconfig(std::string_view text, CabalSpec spec = kLatestCabalSpec) {
  PkgconfigDependency d;
  std::string err;
  if (!whole(text, spec, parse_pkgconfig_dependency, d, &err)) return "ERROR: " + err;
  return d.name + " " + d.range;
}

bool is_error(const std::string& s) { return s.rfind("ERROR", 0) == 0; }

}  // namespace

TEST_CASE("package and component names", "[dependency]") {
  CHECK(is_valid_package_name("base"));
  CHECK(is_valid_package_name("foo-bar2-baz"));
  CHECK(is_valid_package_name("2foo"));
  CHECK(is_valid_package_name("HUnit"));
  CHECK(is_valid_package_name("foo-2x"));
  CHECK_FALSE(is_valid_package_name(""));
  CHECK_FALSE(is_valid_package_name("123"));
  CHECK_FALSE(is_valid_package_name("foo-1"));
  CHECK_FALSE(is_valid_package_name("foo-12-bar"));  // Cabal stops at the all-digit word
  CHECK_FALSE(is_valid_package_name("foo--bar"));
  CHECK_FALSE(is_valid_package_name("-foo"));
  CHECK_FALSE(is_valid_package_name("foo-"));
  CHECK_FALSE(is_valid_package_name("foo_bar"));
  CHECK_FALSE(is_valid_package_name("foo.bar"));

  ValueDiags diags;
  ValueCursor cur("my-lib2 rest", kLatestCabalSpec, diags);
  std::string name;
  REQUIRE(parse_unqual_component_name(cur, name));
  CHECK(name == "my-lib2");
  CHECK(cur.offset() == 7);
  ValueCursor bad("foo-1.0", kLatestCabalSpec, diags);
  CHECK_FALSE(parse_package_name(bad, name));
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].message.find("'1'") != std::string::npos);
}

TEST_CASE("module names", "[dependency]") {
  CHECK(is_valid_module_name("Data.Map"));
  CHECK(is_valid_module_name("Foo'_1.B2"));
  CHECK(is_valid_module_name("A"));
  CHECK_FALSE(is_valid_module_name("foo"));
  CHECK_FALSE(is_valid_module_name("Foo."));
  CHECK_FALSE(is_valid_module_name("Foo.bar"));
  CHECK_FALSE(is_valid_module_name(".Foo"));
  CHECK_FALSE(is_valid_module_name("Foo..Bar"));
  CHECK_FALSE(is_valid_module_name("Foo-Bar"));
  CHECK_FALSE(is_valid_module_name(""));
}

TEST_CASE("build-depends entries", "[dependency]") {
  CHECK(dep("base >=4 && <5") == "base [<main>] >=4 && <5");
  CHECK(dep("base") == "base [<main>] >=0");
  CHECK(dep("base>=4") == "base [<main>] >=4");
  CHECK(dep("base ^>= 4.14") == "base [<main>] ^>=4.14");
  CHECK(dep("base\n  >= 4") == "base [<main>] >=4");
  CHECK(dep("base == 4.*") == "base [<main>] >=4 && <5");
  CHECK(dep("foo -any", CabalSpec::V1_10) == "foo [<main>] >=0");
  CHECK(is_error(dep("foo -any", CabalSpec::V3_4)));
  CHECK(dep("foo -any", CabalSpec::V3_4) ==
        "ERROR: '-any' is not a version range from cabal-version 3.4 on, expected no range or '>=0'");
  CHECK(dep("foo -none", CabalSpec::V3_4) ==
        "ERROR: '-none' is not a version range from cabal-version 3.4 on, expected '<0'");
  CHECK(is_error(dep("foo-1.0")));
  CHECK(is_error(dep("base >= 4 5")));
  CHECK(is_error(dep("base 4")));
}

TEST_CASE("sub-library dependencies", "[dependency]") {
  CHECK(dep("mylib:sub", CabalSpec::V3_0) == "mylib [sub] >=0");
  CHECK(is_error(dep("mylib:sub", CabalSpec::V2_4)));
  CHECK(dep("mylib:{sub1,sub2}") == "mylib [sub1,sub2] >=0");
  CHECK(dep("mylib:{ sub2 , sub1 } ^>= 42") == "mylib [sub1,sub2] ^>=42");
  CHECK(dep("mylib:mylib") == "mylib [<main>] >=0");
  CHECK(dep("mylib:{mylib}") == "mylib [<main>] >=0");
  CHECK(dep("mylib:{sublib, mylib, sublib}") == "mylib [<main>,sublib] >=0");
  CHECK(dep("mylib:{b,a} >=1") == "mylib [a,b] >=1");
  CHECK(is_error(dep("mylib:{ } ^>= 42")));
  CHECK(is_error(dep("mylib: sub")));
  CHECK(is_error(dep("mylib :sub")));
  CHECK(is_error(dep("mylib: {sub1,sub2}")));
  CHECK(is_error(dep("mylib:{sub1,}")));
  CHECK(is_error(dep("mylib:{sub1")));
  CHECK(is_error(dep("mylib:")));
}

TEST_CASE("build-tool-depends entries", "[dependency]") {
  CHECK(exe("happy:happy") == "happy:happy >=0");
  CHECK(exe("happy:happy >= 1.19.12") == "happy:happy >=1.19.12");
  CHECK(exe("happy:happy>=1.19.12") == "happy:happy >=1.19.12");
  CHECK(exe("hspec-discover:hspec-discover == 2.*") == "hspec-discover:hspec-discover >=2 && <3");
  CHECK(exe("purescript:purs") == "purescript:purs >=0");
  CHECK(is_error(exe("happy")));
  CHECK(is_error(exe("happy >= 1.0")));
  CHECK(is_error(exe("happy : happy >= 1.19.12")));
  CHECK(is_error(exe("happy: happy >= 1.19.12")));
  CHECK(is_error(exe("happy :happy >= 1.19.12")));
}

TEST_CASE("build-tools entries", "[dependency]") {
  CHECK(legacy("happy >= 1.19") == "happy >=1.19");
  CHECK(legacy("c2hs") == "c2hs >=0");
  CHECK(legacy("gtk2hsC2hs >= 0.13.5") == "gtk2hsC2hs >=0.13.5");
  CHECK(legacy("\"happy\" \"== 1.0\"") == "happy ==1.0");
  CHECK(legacy("foo_bar+x-baz") == "foo_bar+x-baz >=0");
  CHECK(legacy("happy -any") == "happy >=0");
  CHECK(is_error(legacy("foo-1.0")));
  CHECK(is_error(legacy("foo-")));
  CHECK(is_error(legacy("\"happy")));
}

TEST_CASE("pkgconfig-depends entries from 3.0", "[dependency]") {
  CHECK(pkgconfig("gtk+-3.0 >= 3.10") == "gtk+-3.0 >=3.10");
  CHECK(pkgconfig("libzip >= 1.0.2n && < 2") == "libzip >=1.0.2n && <2");
  CHECK(pkgconfig("foo") == "foo -any");
  CHECK(pkgconfig("foo -any") == "foo -any");
  CHECK(pkgconfig("foo == 1.0-2") == "foo ==1.0-2");
  CHECK(pkgconfig("x <1 || >2 && <3") == "x <1 || >2 && <3");
  CHECK(pkgconfig("x (<1 || >2) && <3") == "x (<1 || >2) && <3");
  CHECK(pkgconfig("x (>=1 && <2) && <3") == "x (>=1 && <2) && <3");
  CHECK(is_error(pkgconfig("x ^>= 1")));
  CHECK(is_error(pkgconfig("x =>1")));
  CHECK(is_error(pkgconfig("x == 1.*")));
  CHECK(is_error(pkgconfig("x >= 0.3.5+ds")));
}

TEST_CASE("pkgconfig-depends entries before 3.0 are read as Cabal ranges", "[dependency]") {
  auto old = CabalSpec::V2_4;
  CHECK(pkgconfig("glib-2.0 >= 2.0", old) == "glib-2.0 >=2.0");
  CHECK(pkgconfig("x", old) == "x -any");
  CHECK(pkgconfig("x -any", old) == "x -any");
  CHECK(pkgconfig("x >= 0", old) == "x -any");
  CHECK(pkgconfig("x -none", old) == "x <0");
  CHECK(pkgconfig("x ==1.2.*", old) == "x >=1.2 && <1.3");
  CHECK(pkgconfig("x == 1", old) == "x >=1 && <=1");
  CHECK(pkgconfig("x >= 01.2", old) == "x >=1.2");  // lax digits
  CHECK(pkgconfig("x < 2", old) == "x >=0 && <2");
  CHECK(pkgconfig("x >=1 || <0.5", old) == "x >=0 && <0.5 || >=1");
  CHECK(pkgconfig("x <0.5 || >=1 && <2 || >=3", old) == "x (>=0 && <0.5 || >=1 && <2) || >=3");
  CHECK(is_error(pkgconfig("x >= 1.0.2n", old)));
}

TEST_CASE("mixins print as Cabal's prettyShow", "[dependency]") {
  CHECK(mixin("base") == "base");
  CHECK(mixin("base hiding (Prelude)") == "base hiding (Prelude)");
  CHECK(mixin("relude (Relude as Prelude, Relude.Extra.Map)") == "relude (Relude as Prelude, Relude.Extra.Map)");
  CHECK(mixin("relude(Relude as Prelude,Relude.Extra.Map)") == "relude (Relude as Prelude, Relude.Extra.Map)");
  CHECK(mixin("foo (A as A)") == "foo (A)");
  CHECK(mixin("foo ()") == "foo ()");
  CHECK(mixin("foo hiding ()") == "foo hiding ()");
  CHECK(mixin("foo hiding(A,B)") == "foo hiding (A, B)");
  CHECK(mixin("foo (A as B) requires (C as D)") == "foo (A as B) requires (C as D)");
  CHECK(mixin("foo requires hiding (X)") == "foo requires hiding (X)");
  CHECK(mixin("foo requires (A)") == "foo requires (A)");
  CHECK(mixin("foo (A)requires(B)") == "foo (A) requires (B)");
  CHECK(mixin("foo\n  hiding (A)") == "foo hiding (A)");
  CHECK(mixin("foo requires") == "foo");  // an empty requires is the default
  CHECK(mixin("foo:foo") == "foo");
  CHECK(mixin("foo:sub (A)", CabalSpec::V3_4) == "foo:sub (A)");
  CHECK(is_error(mixin("foo:sub (A)", CabalSpec::V3_0)));
  CHECK(is_error(mixin("foo (A asB)")));
  CHECK(is_error(mixin("foo (A as)")));
  CHECK(is_error(mixin("foo (a)")));
  CHECK(is_error(mixin("foo (A")));
  CHECK(is_error(mixin("foo hidin (A)")));
  CHECK(is_error(mixin("foo hiding A")));
  CHECK(is_error(mixin("foo requires (A) requires (B)")));
  CHECK(is_error(mixin("foo (A) (B)")));
}

TEST_CASE("mixin spaces inside parentheses need 3.0", "[dependency]") {
  CHECK(is_error(mixin("foo ( A )", CabalSpec::V2_0)));
  CHECK(mixin("foo ( A )", CabalSpec::V3_0) == "foo (A)");
  CHECK(is_error(mixin("foo hiding (A , B)", CabalSpec::V2_0)));
  CHECK(mixin("foo hiding (A , B )", CabalSpec::V3_0) == "foo hiding (A, B)");
  CHECK(is_error(mixin("foo hiding ( A)", CabalSpec::V2_4)));
  {
    // Reported after the space, where Cabal reports it.
    ValueDiags diags;
    ValueCursor cur("foo ( A )", CabalSpec::V2_4, diags);
    Mixin m;
    CHECK_FALSE(parse_mixin(cur, m));
    REQUIRE(diags.size() == 1);
    CHECK(diags[0].offset == 6);
  }
  // Renaming entries skip spaces after each name in every version.
  CHECK(mixin("foo (A ,B as C )", CabalSpec::V2_0) == "foo (A, B as C)");
  CHECK(mixin("foo (A, B) requires (C)", CabalSpec::V2_0) == "foo (A, B) requires (C)");
  CHECK(mixin("foo hiding (A) requires hiding (B)", CabalSpec::V2_0) == "foo hiding (A) requires hiding (B)");
}

TEST_CASE("reexported-modules entries", "[dependency]") {
  CHECK(reexport("Data.Map") == "Data.Map");
  CHECK(reexport("containers:Data.Map as M") == "containers:Data.Map as M");
  CHECK(reexport("Intro as Prelude") == "Intro as Prelude");
  CHECK(reexport("A as A") == "A");
  CHECK(reexport("foo-bar:X") == "foo-bar:X");
  CHECK(reexport("Foo:X") == "Foo:X");
  CHECK(reexport("A asB") == "A as B");
  CHECK(reexport("A\n  as\n  B") == "A as B");
  ModuleReexport r;
  REQUIRE(whole("base:Prelude as P", kLatestCabalSpec, parse_module_reexport, r));
  CHECK(r.package == std::optional<std::string>("base"));
  CHECK(r.original == "Prelude");
  CHECK(r.name == "P");
  REQUIRE(whole("Prelude", kLatestCabalSpec, parse_module_reexport, r));
  CHECK_FALSE(r.package);
  CHECK(r.name == "Prelude");
  CHECK(is_error(reexport("A as")));
  CHECK(is_error(reexport("A as b")));
  CHECK(is_error(reexport("foo:bar")));
  CHECK(is_error(reexport("foo : Bar")));
}

TEST_CASE("dependency lists as fields use them", "[dependency]") {
  ValueDiags diags;
  ValueCursor cur("base >= 4 && < 5\n, containers\n, mylib:{a, b} == 1.*", CabalSpec::V3_0, diags);
  std::vector<Dependency> deps;
  REQUIRE(parse_list(cur, ListSep::CommaVCat, parse_dependency, deps));
  REQUIRE(deps.size() == 3);
  CHECK(to_string(deps[0].range) == ">=4 && <5");
  CHECK(deps[1].package == "containers");
  CHECK(to_string(deps[1].range) == ">=0");
  CHECK(deps[2].libraries == std::vector<std::string>{"a", "b"});
  CHECK(to_string(deps[2].range) == ">=1 && <2");

  ValueCursor mix("base hiding (Prelude), relude (Relude as Prelude)\n, relude", CabalSpec::V2_0, diags);
  std::vector<Mixin> mixins;
  REQUIRE(parse_list(mix, ListSep::CommaVCat, parse_mixin, mixins));
  REQUIRE(mixins.size() == 3);
  CHECK(to_string(mixins[1]) == "relude (Relude as Prelude)");

  ValueCursor re("\n-- comment lines are gone by now\n, Data.IntMap.Lazy\n, containers:Data.Map as M",
                 CabalSpec::V2_2, diags);
  std::vector<ModuleReexport> rs;
  // The text above is not a real field value (comments are stripped earlier):
  // '-' cannot start a module name.
  CHECK_FALSE(parse_list(re, ListSep::CommaVCat, parse_module_reexport, rs));
}
