#include "cabal/condition.h"

#include <catch2/catch.hpp>

using namespace mhu::cabal;

namespace {

// Parse the condition of `if <text>` on line 1: the argument at offset k of
// `text` is at column 4 + k.
bool parse(std::string_view text, Condition& out, Diagnostics& d) {
  std::string file = "if " + std::string(text) + "\n";
  std::vector<Field> fs;
  Diagnostics read_diags;
  REQUIRE(read_fields(file, fs, read_diags));
  REQUIRE(fs.size() == 1);
  REQUIRE(fs[0].is_section);
  return parse_condition(fs[0].args, fs[0].pos, out, d);
}

// The condition's tree, for comparing shapes: or(..), and(..), not(..),
// flag:x, os:x, arch:x, impl:x[range], true/false.
std::string show(const Condition& c) {
  switch (c.kind) {
    case Condition::Kind::Literal: return c.value ? "true" : "false";
    case Condition::Kind::Flag: return "flag:" + c.name;
    case Condition::Kind::Os: return "os:" + c.name;
    case Condition::Kind::Arch: return "arch:" + c.name;
    case Condition::Kind::Impl: return "impl:" + c.name + "[" + to_string(c.range) + "]";
    case Condition::Kind::Not: return "not(" + show(c.operands[0]) + ")";
    case Condition::Kind::And: return "and(" + show(c.operands[0]) + "," + show(c.operands[1]) + ")";
    case Condition::Kind::Or: return "or(" + show(c.operands[0]) + "," + show(c.operands[1]) + ")";
  }
  return "?";
}

std::string parsed(std::string_view text) {
  Condition c;
  Diagnostics d;
  bool ok = parse(text, c, d);
  INFO(text << ": " << (d.first_error() ? d.first_error()->message : std::string()));
  REQUIRE(ok);
  CHECK_FALSE(d.has_error());
  return show(c);
}

// The error for a rejected condition.
Diagnostic error_of(std::string_view text) {
  Condition c;
  Diagnostics d;
  bool ok = parse(text, c, d);
  INFO(text);
  CHECK_FALSE(ok);
  REQUIRE(d.first_error());
  return *d.first_error();
}

bool eval(std::string_view text, const Platform& p = {},
          std::vector<std::pair<std::string, bool>> flags = {}) {
  Condition c;
  Diagnostics d;
  REQUIRE(parse(text, c, d));
  return evaluate(c, p, [&](const std::string& name) {
    for (const auto& [n, v] : flags)
      if (n == name) return v;
    FAIL("flag " << name << " looked up but not given");
    return false;
  });
}

bool contains(const std::string& s, std::string_view part) { return s.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("condition variables: flag, os, arch, impl and the literals") {
  CHECK(parsed("flag(debug)") == "flag:debug");
  CHECK(parsed("os(linux)") == "os:linux");
  CHECK(parsed("arch(x86_64)") == "arch:x86_64");
  CHECK(parsed("impl(ghc)") == "impl:ghc[>=0]");
  CHECK(parsed("true") == "true");
  CHECK(parsed("True") == "true");
  CHECK(parsed("false") == "false");
  CHECK(parsed("False") == "false");
  // A space between the function and its parenthesis is allowed (separate tokens).
  CHECK(parsed("impl (ghc)") == "impl:ghc[>=0]");
}

TEST_CASE("names: flags lower-cased, os aliases, arch and compiler lower-cased") {
  CHECK(parsed("flag(Use-Text_2)") == "flag:use-text_2");
  CHECK(parsed("os(darwin)") == "os:osx");
  CHECK(parsed("os(Darwin)") == "os:osx");
  CHECK(parsed("os(mingw32)") == "os:windows");
  CHECK(parsed("os(win32)") == "os:windows");
  CHECK(parsed("os(Windows)") == "os:windows");
  CHECK(parsed("os(solaris2)") == "os:solaris");
  CHECK(parsed("os(gnu)") == "os:hurd");
  CHECK(parsed("os(linux-android)") == "os:android");
  // cygwin32 is an alias only in Cabal's permissive classification, not in .cabal files.
  CHECK(parsed("os(cygwin32)") == "os:cygwin32");
  CHECK(parsed("arch(X86_64)") == "arch:x86_64");
  CHECK(parsed("impl(GHC)") == "impl:ghc[>=0]");
  CHECK(canonical_os("MinGW32") == "windows");
  CHECK(canonical_os("freebsd") == "freebsd");
  CHECK(canonical_os("kfreebsdgnu") == "freebsd");
}

TEST_CASE("&& binds tighter than ||; both associate to the left; ! applies to one condition") {
  CHECK(parsed("flag(a) || flag(b) && flag(c)") == "or(flag:a,and(flag:b,flag:c))");
  CHECK(parsed("flag(a) && flag(b) || flag(c)") == "or(and(flag:a,flag:b),flag:c)");
  CHECK(parsed("flag(a) && flag(b) && flag(c)") == "and(and(flag:a,flag:b),flag:c)");
  CHECK(parsed("flag(a) || flag(b) || flag(c)") == "or(or(flag:a,flag:b),flag:c)");
  CHECK(parsed("!flag(a) && flag(b)") == "and(not(flag:a),flag:b)");
  CHECK(parsed("! flag(a) || os(windows)") == "or(not(flag:a),os:windows)");
  CHECK(parsed("! ! true") == "not(not(true))");
}

TEST_CASE("parentheses group conditions") {
  CHECK(parsed("(flag(a) || flag(b)) && flag(c)") == "and(or(flag:a,flag:b),flag:c)");
  CHECK(parsed("!(os(windows) || os(osx))") == "not(or(os:windows,os:osx))");
  CHECK(parsed("((true))") == "true");
  CHECK(parsed("flag(a) && (flag(b) && (flag(c)))") == "and(flag:a,and(flag:b,flag:c))");
}

TEST_CASE("impl version ranges: operators, && and ||, parentheses, wildcards, -any, -none") {
  CHECK(parsed("impl(ghc >= 9.2)") == "impl:ghc[>=9.2]");
  CHECK(parsed("impl(ghc>=9.2)") == "impl:ghc[>=9.2]");
  CHECK(parsed("impl(ghc < 9.12 && > 8)") == "impl:ghc[<9.12 && >8]");
  CHECK(parsed("impl(ghc <= 8 || ^>= 9.4)") == "impl:ghc[<=8 || ^>=9.4]");
  CHECK(parsed("impl(ghc == 9.10.3)") == "impl:ghc[==9.10.3]");
  // `== 9.*` is lexed as "==", "9.", "*": the range 9 <= v < 10.
  CHECK(parsed("impl(ghc == 9.*)") == "impl:ghc[>=9 && <10]");
  CHECK(parsed("impl(ghc ==9.10.*)") == "impl:ghc[>=9.10 && <9.11]");
  // The wildcard's digits are Cabal's lax integral: leading zeros allowed there...
  CHECK(parsed("impl(ghc == 09.*)") == "impl:ghc[>=9 && <10]");
  // ...but not in a plain version.
  CHECK(contains(error_of("impl(ghc >= 09.1)").message, "09.1"));
  CHECK(parsed("impl(ghc -any)") == "impl:ghc[>=0]");
  CHECK(parsed("impl(ghc -none)") == "impl:ghc[<0]");
  CHECK(parsed("impl(ghc >= 9.12 || (> 9 && < 9.11))") == "impl:ghc[>=9.12 || >9 && <9.11]");
  // || inside impl() belongs to the range, outside it to the condition.
  CHECK(parsed("impl(ghc < 8 || > 9) || flag(a)") == "or(impl:ghc[<8 || >9],flag:a)");
}

TEST_CASE("condition errors carry the position of the offending argument") {
  SECTION("unknown function") {
    auto e = error_of("foo(a)");
    CHECK(e.pos == Position{1, 4});
    CHECK(contains(e.message, "\"foo\""));
  }
  SECTION("unknown function after an operator") {
    auto e = error_of("flag(a) || Flag(b)");
    CHECK(e.pos == Position{1, 15});
    CHECK(contains(e.message, "\"Flag\""));
  }
  SECTION("missing closing parenthesis at the end: the section's position") {
    auto e = error_of("flag(a");
    CHECK(e.pos == Position{1, 1});
    CHECK(contains(e.message, "end of condition"));
    CHECK(contains(e.message, "\")\""));
  }
  SECTION("unclosed group") {
    auto e = error_of("(flag(a) || flag(b) && os(linux)");
    CHECK(e.pos == Position{1, 1});
    CHECK(contains(e.message, "\")\""));
  }
  SECTION("a quoted string is not a name") {
    auto e = error_of("os(\"windows\")");
    CHECK(e.pos == Position{1, 7});
    CHECK(contains(e.message, "string"));
  }
  SECTION("trailing tokens") {
    auto e = error_of("flag(a) flag(b)");
    CHECK(e.pos == Position{1, 12});
    CHECK(contains(e.message, "\"&&\" or \"||\""));
    CHECK(error_of("true false").pos == Position{1, 9});
    CHECK(error_of("flag(a) )").pos == Position{1, 12});
  }
  SECTION("a glued `&&!` is one operator token, and not a known one") {
    auto e = error_of("flag(a) &&!flag(b)");
    CHECK(e.pos == Position{1, 12});
    CHECK(contains(e.message, "&&!"));
  }
  SECTION("missing operand") {
    CHECK(error_of("flag(a) &&").pos == Position{1, 1});
    CHECK(error_of("flag(a) || || flag(b)").pos == Position{1, 15});
    CHECK(error_of("!").pos == Position{1, 1});
  }
  SECTION("empty and invalid arguments") {
    CHECK(error_of("flag()").pos == Position{1, 9});
    auto e = error_of("flag(-x)");
    CHECK(e.pos == Position{1, 9});
    CHECK(contains(e.message, "-x"));
    auto os = error_of("os(1abc)");
    CHECK(os.pos == Position{1, 7});
    CHECK(contains(os.message, "1abc"));
    CHECK(error_of("impl(123)").pos == Position{1, 9});
  }
  SECTION("broken version ranges in impl()") {
    CHECK(error_of("impl(ghc >=)").pos == Position{1, 13});
    CHECK(error_of("impl(ghc - any)").pos == Position{1, 13});
    CHECK(error_of("impl(ghc == *)").pos == Position{1, 13});
    CHECK(contains(error_of("impl(ghc == 9.*.*)").message, "9."));
    CHECK(error_of("impl(ghc >= 9 &&)").pos == Position{1, 20});
  }
  SECTION("no condition at all") {
    Condition c;
    Diagnostics d;
    CHECK_FALSE(parse_condition({}, Position{7, 3}, c, d));
    REQUIRE(d.first_error());
    CHECK(d.first_error()->pos == Position{7, 3});
  }
}

TEST_CASE("evaluate against a platform and a flag assignment") {
  Platform linux;  // linux, x86_64, ghc 9.10.3
  CHECK(eval("os(linux)", linux));
  CHECK_FALSE(eval("os(windows)", linux));
  CHECK(eval("arch(x86_64)", linux));
  CHECK_FALSE(eval("arch(aarch64)", linux));

  Platform mac;
  mac.os = "osx";
  mac.arch = "aarch64";
  CHECK(eval("os(darwin)", mac));
  CHECK(eval("os(osx) && arch(aarch64)", mac));
  CHECK_FALSE(eval("os(linux) || arch(x86_64)", mac));

  CHECK(eval("impl(ghc)", linux));
  CHECK(eval("impl(ghc >= 9.8)", linux));
  CHECK_FALSE(eval("impl(ghc < 9.8)", linux));
  CHECK(eval("impl(ghc == 9.10.*)", linux));
  CHECK_FALSE(eval("impl(ghc == 9.8.*)", linux));
  CHECK(eval("impl(ghc == 9.*)", linux));
  CHECK(eval("impl(ghc ^>= 9.10)", linux));
  CHECK_FALSE(eval("impl(ghc ^>= 9)", linux));  // ^>=9 is >=9 && <9.1
  CHECK_FALSE(eval("impl(ghc > 9.10.3)", linux));
  CHECK_FALSE(eval("impl(ghc -none)", linux));
  CHECK_FALSE(eval("impl(ghcjs)", linux));
  Platform old = linux;
  old.compiler_version = Version{{8, 10, 7}};
  CHECK(eval("impl(ghc < 9 || >= 9.12)", old));
  CHECK_FALSE(eval("impl(ghc == 9.*)", old));

  CHECK(eval("flag(a) || flag(b) && flag(c)", linux, {{"a", true}, {"b", false}, {"c", false}}));
  CHECK_FALSE(eval("(flag(a) || flag(b)) && flag(c)", linux, {{"a", true}, {"b", false}, {"c", false}}));
  CHECK(eval("!flag(a) && !os(windows)", linux, {{"a", false}}));
  CHECK_FALSE(eval("!flag(a) && !os(windows)", linux, {{"a", true}}));
  CHECK(eval("flag(Upper)", linux, {{"upper", true}}));
  CHECK(eval("true && !false"));
}

TEST_CASE("collect_flags lists every flag mention, lower-cased, in order") {
  Condition c;
  Diagnostics d;
  REQUIRE(parse("flag(B) || !(flag(a) && os(linux)) || flag(b)", c, d));
  std::vector<std::string> names;
  collect_flags(c, names);
  CHECK(names == std::vector<std::string>{"b", "a", "b"});
}

TEST_CASE("parentheses and ! nest at most 200 deep") {
  CHECK(parsed(std::string(200, '(') + "true" + std::string(200, ')')) == "true");
  Diagnostic e = error_of(std::string(201, '(') + "true" + std::string(201, ')'));
  CHECK(e.message == "invalid condition: nested too deeply (more than 200 levels)");
  CHECK(e.pos == Position{1, 4 + 201});
  std::string nots;
  for (int i = 0; i < 201; ++i) nots += "! ";
  CHECK(error_of(nots + "true").message == "invalid condition: nested too deeply (more than 200 levels)");
  std::string impl = "impl(ghc " + std::string(201, '(') + ">=9" + std::string(201, ')') + ")";
  CHECK(error_of(impl).message == "invalid condition: nested too deeply (more than 200 levels)");
}

TEST_CASE("a condition has at most 1000 '&&' and '||' operators") {
  auto chain = [](int n, std::string_view op) {
    std::string s = "true";
    for (int i = 0; i < n; ++i) s += " " + std::string(op) + " true";
    return s;
  };
  Condition c;
  Diagnostics d;
  CHECK(parse(chain(1000, "&&"), c, d));
  Diagnostic e = error_of(chain(1001, "||"));
  CHECK(e.message == "invalid condition: more than 1000 '&&' and '||' operators");
  CHECK(e.pos == Position{1, 4 + 1000 * 8 + 5});
  std::string impl = "impl(ghc >=1";
  for (int i = 0; i < 1001; ++i) impl += " && >=1";
  CHECK(error_of(impl + ")").message == "invalid condition: more than 1000 '&&' and '||' operators");
}
