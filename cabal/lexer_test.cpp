#include "cabal/lexer.h"

#include <catch2/catch.hpp>

using namespace mhu::cabal;

namespace {
std::vector<LexToken> all(Lexer& lx) {
  std::vector<LexToken> out;
  while (true) {
    LexToken t = lx.peek();
    out.push_back(t);
    if (t.kind == LexTokenKind::Eof || t.kind == LexTokenKind::Error) break;
    lx.advance();
  }
  return out;
}
}  // namespace

TEST_CASE("section header tokens: names, operators, parens, strings") {
  Lexer lx("if flag(foo-bar) && !os(windows) || impl(ghc >= 9.4) \"quoted\"\n");
  auto ts = all(lx);
  std::vector<std::string> texts;
  for (auto& t : ts)
    if (t.kind != LexTokenKind::Indent && t.kind != LexTokenKind::Eof) texts.emplace_back(t.text);
  CHECK(texts == std::vector<std::string>{"if", "flag", "(", "foo-bar", ")", "&&", "!", "os", "(", "windows",
                                          ")", "||", "impl", "(", "ghc", ">=", "9.4", ")", "quoted"});
  CHECK(ts[0].kind == LexTokenKind::Indent);
  CHECK(ts.back().kind == LexTokenKind::Eof);
}

TEST_CASE("lexer: -any is a name, -> an operator, -- a comment") {
  Lexer lx("x -any -> y -- trailing comment\n");
  auto ts = all(lx);
  REQUIRE(ts.size() == 6);
  CHECK(ts[2].kind == LexTokenKind::Sym);
  CHECK(ts[2].text == "-any");
  CHECK(ts[3].kind == LexTokenKind::Other);
  CHECK(ts[3].text == "->");
  CHECK(ts[4].text == "y");
  CHECK(ts[5].kind == LexTokenKind::Eof);
}

TEST_CASE("byte-order mark is skipped without moving the position, with a warning") {
  Lexer lx("\xEF\xBB\xBFname: x\n");
  const LexToken& t = lx.peek();
  CHECK(t.kind == LexTokenKind::Indent);
  lx.advance();
  CHECK(lx.peek().pos == Position{1, 1});
  REQUIRE(lx.warnings().size() == 1);
  CHECK(lx.warnings()[0].kind == LexWarningKind::Bom);
}

TEST_CASE("field layout mode: a value line keeps its inner spaces; comments and blank lines vanish") {
  Lexer lx("a:  x  y \n  -- c\n\n   z\n");
  lx.advance();  // indent
  lx.advance();  // a
  lx.advance();  // :
  lx.set_mode(LexMode::FieldLayout);
  CHECK(lx.peek().kind == LexTokenKind::FieldLine);
  CHECK(lx.peek().text == "x  y ");
  CHECK(lx.peek().pos == Position{1, 5});
  lx.advance();
  CHECK(lx.peek().kind == LexTokenKind::Indent);
  CHECK(lx.peek().indent == 3);
  CHECK(lx.peek().pos == Position{4, 1});
  lx.advance();
  CHECK(lx.peek().text == "z");
}

TEST_CASE("CRLF and lone CR end lines") {
  Lexer lx("a\r\nb\rc\n");
  auto ts = all(lx);
  std::vector<int> lines;
  for (auto& t : ts)
    if (t.kind == LexTokenKind::Sym) lines.push_back(t.pos.line);
  CHECK(lines == std::vector<int>{1, 2, 3});
}

TEST_CASE("tabs and non-breaking spaces in indentation are warned about; NBSP counts one column") {
  Lexer lx("a\n\tb\n\xC2\xA0" "c\n");
  auto ts = all(lx);
  int tabs = 0, nbsp = 0;
  for (auto& w : lx.warnings()) {
    tabs += w.kind == LexWarningKind::Tab;
    nbsp += w.kind == LexWarningKind::Nbsp;
  }
  CHECK(tabs == 1);
  CHECK(nbsp == 1);
  for (auto& t : ts)
    if (t.kind == LexTokenKind::Sym && t.text == "c") CHECK(t.pos.col == 2);
}

TEST_CASE("control characters are a lexical error") {
  Lexer lx("a\x01b\n");
  auto ts = all(lx);
  CHECK(ts.back().kind == LexTokenKind::Error);
}

TEST_CASE("a token dropped by a mode change takes its warnings with it") {
  Lexer lx("a:\n\tb\n");
  lx.advance();  // indent
  lx.advance();  // a
  CHECK(lx.peek().kind == LexTokenKind::Colon);
  lx.advance();
  // Peeked in section mode (the tab indentation warns), then re-lexed as a
  // field's value line: the tab is reported once.
  CHECK(lx.peek().kind == LexTokenKind::Indent);
  lx.set_mode(LexMode::FieldLayout);
  CHECK(lx.peek().kind == LexTokenKind::Indent);
  REQUIRE(lx.warnings().size() == 1);
  CHECK(lx.warnings()[0].kind == LexWarningKind::Tab);
  CHECK(lx.warnings()[0].pos == Position{2, 1});
}
