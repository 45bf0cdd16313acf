#include "cabal/field_lists.h"

#include <catch2/catch.hpp>

#include "cabal/dependency.h"

using namespace mhu::cabal;

namespace {

// The list as "a|b|c", or "ERROR: message".
std::string tokens(std::string_view text, ListSep sep, CabalSpec spec,
                   TokenKind kind = TokenKind::Token) {
  ValueDiags diags;
  ValueCursor cur(text, spec, diags);
  std::vector<std::string> out;
  bool ok = parse_token_list(cur, sep, kind, out);
  size_t errors = 0;
  std::string msg;
  for (const auto& d : diags)
    if (d.is_error) {
      ++errors;
      msg = d.message;
    }
  CHECK(errors == (ok ? 0u : 1u));  // one message per failure
  if (!ok) return "ERROR: " + msg;
  std::string s;
  for (size_t i = 0; i < out.size(); ++i) s += (i ? "|" : "") + out[i];
  return s;
}

bool fails(std::string_view text, ListSep sep, CabalSpec spec) {
  return tokens(text, sep, spec).rfind("ERROR", 0) == 0;
}

}  // namespace

TEST_CASE("comma lists before 2.2: commas between items only", "[field_lists]") {
  for (auto sep : {ListSep::CommaVCat, ListSep::CommaFSep}) {
    auto s = CabalSpec::V2_0;
    CHECK(tokens("a, b ,c", sep, s) == "a|b|c");
    CHECK(tokens("  a\n  , b  ", sep, s) == "a|b");
    CHECK(tokens("", sep, s) == "");
    CHECK(tokens("  \n ", sep, s) == "");
    CHECK(tokens("a", sep, s) == "a");
    CHECK(fails(", a", sep, s));
    CHECK(fails("a,", sep, s));
    CHECK(fails("a,,b", sep, s));
    CHECK(fails("a b", sep, s));
    CHECK(fails(",", sep, s));
  }
}

TEST_CASE("comma lists from 2.2: a leading or a trailing comma", "[field_lists]") {
  for (auto sep : {ListSep::CommaVCat, ListSep::CommaFSep}) {
    auto s = CabalSpec::V2_2;
    CHECK(tokens("a, b", sep, s) == "a|b");
    CHECK(tokens(", a, b", sep, s) == "a|b");
    CHECK(tokens("a, b,", sep, s) == "a|b");
    CHECK(tokens("\n  , a\n  , b", sep, s) == "a|b");
    CHECK(tokens("", sep, s) == "");
    CHECK(fails(", a, b,", sep, s));  // not both
    CHECK(fails(",", sep, s));
    CHECK(fails(",,", sep, s));
    CHECK(fails("a,, b", sep, s));
    CHECK(fails("a b", sep, s));
    CHECK(fails(", a b", sep, s));
  }
}

TEST_CASE("optional-comma lists before 3.0: any comma may be left out", "[field_lists]") {
  for (auto sep : {ListSep::VCat, ListSep::FSep}) {
    auto s = CabalSpec::V2_4;
    CHECK(tokens("a b c", sep, s) == "a|b|c");
    CHECK(tokens("a, b c", sep, s) == "a|b|c");
    CHECK(tokens("a,b,c", sep, s) == "a|b|c");
    CHECK(tokens("a\n  b\n  c", sep, s) == "a|b|c");
    CHECK(tokens("", sep, s) == "");
    CHECK(fails(", a", sep, s));
    CHECK(fails("a,", sep, s));
    CHECK(fails("a,,b", sep, s));
  }
}

TEST_CASE("optional-comma lists from 3.0: all commas or none", "[field_lists]") {
  for (auto sep : {ListSep::VCat, ListSep::FSep}) {
    auto s = CabalSpec::V3_0;
    CHECK(tokens("a b c", sep, s) == "a|b|c");
    CHECK(tokens("a, b, c", sep, s) == "a|b|c");
    CHECK(tokens("a, b, c,", sep, s) == "a|b|c");
    CHECK(tokens(", a, b", sep, s) == "a|b");
    CHECK(tokens("a", sep, s) == "a");
    CHECK(tokens("a,", sep, s) == "a");
    CHECK(tokens("", sep, s) == "");
    CHECK(fails("a, b c", sep, s));
    CHECK(fails("a b, c", sep, s));
    CHECK(fails(", a, b,", sep, s));
    CHECK(fails(", a b", sep, s));
    CHECK(fails(",", sep, s));
    CHECK(fails("a,,b", sep, s));
  }
}

TEST_CASE("a comma the spec version does not allow is explained", "[field_lists]") {
  CHECK(tokens(", a", ListSep::CommaVCat, CabalSpec::V2_0) ==
        "ERROR: unexpected ',', expecting a list item: a leading comma in this list needs cabal-version 2.2 or later");
  CHECK(tokens("a, b,", ListSep::CommaFSep, CabalSpec::V2_0) ==
        "ERROR: unexpected end of input, expecting a list item: a trailing comma in this list needs cabal-version 2.2 "
        "or later");
  CHECK(tokens(", a, b,\n", ListSep::CommaVCat, CabalSpec::V2_2) ==
        "ERROR: unexpected end of input, expecting a list item: a list that starts with a comma cannot end with one");
  CHECK(tokens("\n, a", ListSep::VCat, CabalSpec::V2_4) ==
        "ERROR: unexpected ',', expecting a list item: a leading comma in this list needs cabal-version 3.0 or later");
  CHECK(tokens("a b,", ListSep::FSep, CabalSpec::V2_4) ==
        "ERROR: unexpected end of input, expecting a list item: a trailing comma in this list needs cabal-version 3.0 "
        "or later");
  CHECK(tokens(", a, b,", ListSep::VCat, CabalSpec::V3_0) ==
        "ERROR: unexpected end of input, expecting a list item: a list that starts with a comma cannot end with one");
  // Where the error is: at the comma, or at the end after the trailing one.
  ValueDiags diags;
  ValueCursor cur("  A,\n  B,  ", CabalSpec::V2_4, diags);
  std::vector<std::string> out;
  CHECK_FALSE(parse_module_name_list(cur, ListSep::VCat, out));
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].offset == 11);  // the end of the value
}

TEST_CASE("no-comma lists: white space only", "[field_lists]") {
  auto s = CabalSpec::V3_12;
  CHECK(tokens("-Wall  -O2\n -fno-warn", ListSep::NoCommaFSep, s, TokenKind::TokenPrime) ==
        "-Wall|-O2|-fno-warn");
  CHECK(tokens("-optl-Wl,-rpath,/x -DFOO", ListSep::NoCommaFSep, s, TokenKind::TokenPrime) ==
        "-optl-Wl,-rpath,/x|-DFOO");
  CHECK(tokens(", a", ListSep::NoCommaFSep, s, TokenKind::TokenPrime) == ",|a");
  CHECK(tokens("", ListSep::NoCommaFSep, s, TokenKind::TokenPrime) == "");
  CHECK(fails("a, b", ListSep::NoCommaFSep, s));  // plain tokens stop at commas
}

TEST_CASE("quoted tokens with escapes", "[field_lists]") {
  auto s = CabalSpec::V3_0;
  auto sep = ListSep::FSep;
  CHECK(tokens("\"a b\" c", sep, s) == "a b|c");
  CHECK(tokens("\"a\\\"b\\n\"", sep, s) == "a\"b\n");
  CHECK(tokens("\"\\x41\\66\\o103\"", sep, s) == "ABC");
  CHECK(tokens("\"a\\&b\"", sep, s) == "ab");
  CHECK(tokens("\"a\\  \n \\b\"", sep, s) == "ab");  // a string gap
  CHECK(tokens("\"\\^A\\^@\"", sep, s) == std::string("\x01", 1) + std::string("\0", 1));
  CHECK(tokens("\"\\SOH\\SO\\DEL\"", sep, s) == "\x01\x0e\x7f");
  CHECK(tokens("\"\\1114111\"", sep, s) == "\xF4\x8F\xBF\xBF");
  CHECK(tokens("\"caf\xC3\xA9\"", sep, s) == "caf\xC3\xA9");
  CHECK(tokens("\"\"", sep, s) == "");
  CHECK(tokens("\"a,b\", c", sep, s) == "a,b|c");
  CHECK(fails("\"unterminated", sep, s));
  CHECK(fails("\"\\q\"", sep, s));
  CHECK(fails("\"\\^[\"", sep, s));
  CHECK(fails("\"\\1114112\"", sep, s));
  CHECK(fails("\"\\xg\"", sep, s));
  CHECK(fails("\"a\\ b\"", sep, s));  // a gap must end in a backslash
}

TEST_CASE("file paths may not be empty", "[field_lists]") {
  auto s = CabalSpec::V3_0;
  CHECK(tokens("src \"my dir\"", ListSep::FSep, s, TokenKind::FilePath) == "src|my dir");
  CHECK(tokens("a \"\"", ListSep::FSep, s, TokenKind::FilePath).rfind("ERROR", 0) == 0);
  CHECK(tokens("a \"\"", ListSep::FSep, s, TokenKind::Token) == "a|");
}

TEST_CASE("a double-dash token is accepted with a warning", "[field_lists]") {
  ValueDiags diags;
  ValueCursor cur("a -- b", CabalSpec::V3_0, diags);
  std::vector<std::string> out;
  REQUIRE(parse_token_list(cur, ListSep::FSep, TokenKind::Token, out));
  CHECK(out.size() == 3);
  REQUIRE(diags.size() == 1);
  CHECK_FALSE(diags[0].is_error);
}

TEST_CASE("module name lists, optionally quoted", "[field_lists]") {
  ValueDiags diags;
  ValueCursor cur("\"Foo.Bar\" Baz\n  Qux.Quux", CabalSpec::V3_0, diags);
  std::vector<std::string> out;
  REQUIRE(parse_module_name_list(cur, ListSep::VCat, out));
  CHECK(out == std::vector<std::string>{"Foo.Bar", "Baz", "Qux.Quux"});
  CHECK(diags.empty());

  ValueCursor commas("A, B.C,", CabalSpec::V3_0, diags);
  out.clear();
  REQUIRE(parse_module_name_list(commas, ListSep::VCat, out));
  CHECK(out == std::vector<std::string>{"A", "B.C"});

  for (std::string_view bad : {"\"Foo", "foo", "Foo.", "\"Foo\"\"", "A \"b\"", "Foo-Bar"}) {
    ValueDiags d;
    ValueCursor c(bad, CabalSpec::V3_0, d);
    std::vector<std::string> o;
    CHECK_FALSE(parse_module_name_list(c, ListSep::VCat, o));
    CHECK(d.size() == 1);
  }
}

TEST_CASE("parse_list with a custom item parser", "[field_lists]") {
  ValueDiags diags;
  ValueCursor cur(" 1.0 , 2.0.1 ", CabalSpec::V2_2, diags);
  std::vector<Version> vs;
  REQUIRE(parse_list(cur, ListSep::CommaFSep, [](ValueCursor& c, Version& v) { return parse_version(c, v); }, vs));
  REQUIRE(vs.size() == 2);
  CHECK(vs[1] == Version{{2, 0, 1}});
  // Items are appended to what is already there.
  ValueCursor more("3", CabalSpec::V2_2, diags);
  REQUIRE(parse_list(more, ListSep::CommaFSep, [](ValueCursor& c, Version& v) { return parse_version(c, v); }, vs));
  CHECK(vs.size() == 3);
}
