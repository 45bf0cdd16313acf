// The .cabal lexer: Cabal-syntax's Lexer.x as a hand-written state machine.
// The parser drives it, switching modes as it goes (section headers, field
// values in layout, field values in braces), exactly as Cabal's parser does.
#pragma once

#include <string_view>
#include <vector>

#include "cabal/diagnostic.h"

namespace mhu::cabal {

enum class LexTokenKind {
  Sym,        // identifier, number, `-any`: a name or section argument
  Str,        // "quoted" section argument (text without the quotes)
  Other,      // operators and parentheses in section arguments
  Indent,     // start of a line; `indent` holds its width
  FieldLine,  // a line (or the rest of one) of a field's value
  Colon,
  OpenBrace,
  CloseBrace,
  Eof,
  Error,      // a character the lexer does not accept
};

struct LexToken {
  LexTokenKind kind = LexTokenKind::Eof;
  Position pos;
  std::string_view text;  // Sym, Str, Other, FieldLine; the bad input for Error
  int indent = 0;         // Indent
};

enum class LexMode {
  Section,       // headers and field names (bol_section / in_section)
  FieldLayout,   // a field's value in layout (bol_field_layout / in_field_layout)
  FieldBraces,   // a field's value inside { } (bol_field_braces / in_field_braces)
};

enum class LexWarningKind { Bom, Nbsp, Tab };
struct LexWarning {
  LexWarningKind kind;
  Position pos;
};

class Lexer {
 public:
  explicit Lexer(std::string_view input);

  // The next token in the current mode; repeated calls without advance()
  // return the same token. Changing the mode re-lexes from the same place.
  const LexToken& peek();
  void advance();
  void set_mode(LexMode mode);
  LexMode mode() const { return mode_; }

  // Whether the next token in Section mode is `{`, without lexing it (no
  // token is cached, no warning recorded): what a parser asks right after a
  // field's colon before switching to a field-value mode.
  bool open_brace_next() const;

  const std::vector<LexWarning>& warnings() const { return warnings_; }

 private:
  struct State {
    size_t offset = 0;
    Position pos{1, 1};
    bool at_line_start = true;  // in a bol_* start code
    LexMode mode = LexMode::Section;
  };
  void lex(State& st, LexToken& t);  // the bol_* start codes, then lex_in_line
  bool lex_in_line(State& st, LexToken& t);
  void newline(State& st, size_t nl_len);
  // `$spacetab* [{}]` at the line starting at offset (Section mode's brace rule).
  bool brace_line(size_t offset) const;

  std::string_view in_;
  State cur_;
  State after_;  // state after the peeked token
  LexToken tok_;
  bool have_tok_ = false;
  LexMode mode_ = LexMode::Section;
  std::vector<LexWarning> warnings_;
  // warnings_.size() before the peeked token was lexed: a token dropped by a
  // mode change takes its warnings with it (Cabal re-lexes from a saved state).
  size_t warnings_before_tok_ = 0;
  // Where the last lexed token came from: the bol_* rules at the line that
  // starts at bol_offset_ (Indent, Eof, a brace), or the middle of a line.
  bool from_bol_ = false;
  size_t bol_offset_ = 0;
};

}  // namespace mhu::cabal
