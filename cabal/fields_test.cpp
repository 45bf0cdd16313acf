#include "cabal/fields.h"

#include <catch2/catch.hpp>

using namespace mhu::cabal;

namespace {
std::vector<Field> read(std::string_view s, Diagnostics& d) {
  std::vector<Field> fs;
  REQUIRE(read_fields(s, fs, d));
  return fs;
}
}  // namespace

TEST_CASE("fields and sections in layout, names lower-cased") {
  Diagnostics d;
  auto fs = read("Name: foo\nLibrary\n  Build-Depends: base\n    , text\n  if flag(x)\n    ghc-options: -Wall\n", d);
  REQUIRE(fs.size() == 2);
  CHECK(fs[0].name == "name");
  CHECK(fs[0].lines[0].text == "foo");
  CHECK(fs[1].is_section);
  CHECK(fs[1].name == "library");
  REQUIRE(fs[1].children.size() == 2);
  CHECK(fs[1].children[0].name == "build-depends");
  CHECK(join_field_lines(fs[1].children[0].lines) == "base\n, text");
  CHECK(fs[1].children[1].args.size() == 4);
  CHECK(fs[1].children[1].children[0].lines[0].text == "-Wall");
}

TEST_CASE("a value may start on the next line; continuation must be indented more than the name") {
  Diagnostics d;
  auto fs = read("description:\n  line one\n  .\n  line two\nname: x\n", d);
  REQUIRE(fs.size() == 2);
  CHECK(join_field_lines(fs[0].lines) == "line one\n.\nline two");
}

TEST_CASE("braces for sections and field values") {
  Diagnostics d;
  auto fs = read("library { exposed-modules: A\n build-depends: { base,\n text } }\nname: x\n", d);
  REQUIRE(fs.size() == 2);
  REQUIRE(fs[0].children.size() == 2);
  CHECK(fs[0].children[0].lines[0].text == "A");
  CHECK(join_field_lines(fs[0].children[1].lines) == "base,\ntext ");
}

TEST_CASE("section header comment and whole-line comments") {
  Diagnostics d;
  auto fs = read("-- top\nexecutable foo -- the tool\n  -- inside\n  main-is: Main.hs\n", d);
  REQUIRE(fs.size() == 1);
  CHECK(fs[0].args.size() == 1);
  CHECK(fs[0].children[0].lines[0].text == "Main.hs");
}

TEST_CASE("inconsistent indentation is a warning") {
  Diagnostics d;
  read("library\n   a: 1\n  b: 2\n", d);
  REQUIRE(d.items.size() == 1);
  CHECK(d.items[0].severity == Severity::Warning);
  CHECK(d.items[0].message == "Inconsistent indentation. Indentation jumps at lines 3");
  CHECK(d.items[0].pos == Position{3, 3});  // the name that jumps
}

TEST_CASE("syntax errors carry the position") {
  std::vector<Field> fs;
  Diagnostics d;
  CHECK_FALSE(read_fields("name: x\n: y\n", fs, d));
  REQUIRE(d.first_error());
  CHECK(d.first_error()->pos == Position{2, 1});
  Diagnostics d2;
  CHECK_FALSE(read_fields("library {\n  a: b\n", fs, d2));
  CHECK(d2.first_error()->message.find("\"}\"") != std::string::npos);
}

TEST_CASE("tab and non-breaking-space warnings list each line once") {
  // The parser re-lexes a peeked token when it switches lexer modes (after a
  // field name's colon); the warnings of the dropped token must not stay.
  Diagnostics d;
  auto fs = read("library\n\ta: 1\n\tb:\t2\n\xC2\xA0" "c: 3\n", d);
  REQUIRE(fs.size() == 1);
  CHECK(fs[0].children.size() == 3);
  std::vector<std::string> ws;
  for (const auto& x : d.items) ws.push_back(x.message);
  CHECK(ws == std::vector<std::string>{"Non breaking spaces at 4:1", "Tabs used as indentation at 2:1, 3:1"});
}

TEST_CASE("sections nest at most 1000 deep, in braces and in layout") {
  auto nested = [](int n) {
    std::string s;
    for (int i = 0; i < n; ++i) s += "if flag(a) {\n";
    s += "x: 1\n";
    for (int i = 0; i < n; ++i) s += "}\n";
    return s;
  };
  Diagnostics ok;
  std::vector<Field> fs;
  CHECK(read_fields(nested(1000), fs, ok));
  Diagnostics d;
  fs.clear();
  CHECK_FALSE(read_fields(nested(1001), fs, d));
  REQUIRE(d.first_error());
  CHECK(d.first_error()->pos == Position{1001, 1});
  CHECK(d.first_error()->message == "section 'if' nested too deeply (more than 1000 levels)");

  std::string layout;
  for (int i = 0; i < 1001; ++i) layout += std::string(i, ' ') + "if flag(a)\n";
  Diagnostics l;
  fs.clear();
  CHECK_FALSE(read_fields(layout, fs, l));
  REQUIRE(l.first_error());
  CHECK(l.first_error()->pos == Position{1001, 1001});
}
