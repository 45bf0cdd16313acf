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

TEST_CASE("open_brace_next: Section mode's next token is `{`, seen through blanks and comments") {
  auto after_colon = [](std::string_view text) {
    Lexer lx(text);
    lx.advance();  // indent
    lx.advance();  // name
    REQUIRE(lx.peek().kind == LexTokenKind::Colon);
    lx.advance();
    bool brace = lx.open_brace_next();
    // The answer is what peeking in Section mode says, and asking left no trace.
    CHECK(lx.warnings().empty());
    CHECK(brace == (lx.peek().kind == LexTokenKind::OpenBrace));
    return brace;
  };
  CHECK(after_colon("a: { x }\n"));
  CHECK(after_colon("a:   \t{\n"));
  CHECK(after_colon("a:\n  {\n x\n }\n"));
  CHECK(after_colon("a: -- comment\n\n   -- another\n\t{ x }\n"));
  CHECK_FALSE(after_colon("a: x\n"));
  CHECK_FALSE(after_colon("a:\n  x\n"));
  CHECK_FALSE(after_colon("a:\n \xC2\xA0{\n"));  // a non-breaking space: an indentation, not a brace
  CHECK_FALSE(after_colon("a:\n  }\n"));
  CHECK_FALSE(after_colon("a:"));
  CHECK_FALSE(after_colon("a: \xC2\xA0{\n"));
}

TEST_CASE("a line-start token is kept from FieldLayout to Section mode, with its warnings once") {
  Lexer lx("a: x\n\tb: y\n");
  lx.advance();  // indent
  lx.advance();  // a
  lx.advance();  // :
  lx.set_mode(LexMode::FieldLayout);
  CHECK(lx.peek().kind == LexTokenKind::FieldLine);
  lx.advance();
  CHECK(lx.peek().kind == LexTokenKind::Indent);
  CHECK(lx.peek().indent == 1);
  lx.set_mode(LexMode::Section);
  CHECK(lx.peek().kind == LexTokenKind::Indent);
  CHECK(lx.peek().indent == 1);
  CHECK(lx.peek().pos == Position{2, 1});
  REQUIRE(lx.warnings().size() == 1);
  CHECK(lx.warnings()[0].kind == LexWarningKind::Tab);
  lx.advance();
  CHECK(lx.peek().text == "b");
}

TEST_CASE("a line starting with a brace is re-read when going back to Section mode") {
  Lexer lx("a: x\n  }\n");
  lx.advance();  // indent
  lx.advance();  // a
  lx.advance();  // :
  lx.set_mode(LexMode::FieldLayout);
  lx.advance();  // x
  CHECK(lx.peek().kind == LexTokenKind::Indent);
  lx.set_mode(LexMode::Section);
  CHECK(lx.peek().kind == LexTokenKind::CloseBrace);
}

TEST_CASE("long indentation and padding are measured exactly") {
  std::string text = "a:" + std::string(37, ' ') + "x\n" + std::string(21, ' ') + "y\n" + std::string(9, ' ') + "\t z\n";
  Lexer lx(text);
  lx.advance();  // indent
  lx.advance();  // a
  lx.advance();  // :
  lx.set_mode(LexMode::FieldLayout);
  CHECK(lx.peek().text == "x");
  CHECK(lx.peek().pos == Position{1, 40});
  lx.advance();
  CHECK(lx.peek().indent == 21);
  lx.advance();
  CHECK(lx.peek().text == "y");
  lx.advance();
  CHECK(lx.peek().indent == 11);  // nine spaces, a tab, a space: one column each
  lx.advance();
  CHECK(lx.peek().text == "z");
  CHECK(lx.peek().pos == Position{3, 12});
}
