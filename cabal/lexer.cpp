#include "cabal/lexer.h"

namespace mhu::cabal {

namespace {

bool is_ctl(unsigned char c) { return c < 0x20 || c == 0x7f; }
bool is_space_tab(unsigned char c) { return c == ' ' || c == '\t'; }
// Characters of Lexer.x's $symbol' (operators that end a name).
bool is_symbol_prime(unsigned char c) {
  switch (c) {
    case ',': case '=': case '<': case '>': case '+': case '*': case '&': case '|':
    case '!': case '$': case '%': case '^': case '@': case '#': case '?': case '/':
    case '\\': case '~':
      return true;
    default:
      return false;
  }
}
bool is_symbol(unsigned char c) { return is_symbol_prime(c) || c == '-' || c == '.'; }
bool is_paren(unsigned char c) { return c == '(' || c == ')' || c == '[' || c == ']'; }
bool is_namecore(unsigned char c) {
  return !is_ctl(c) && c != ' ' && c != ':' && c != '"' && c != '{' && c != '}' &&
         !is_paren(c) && !is_symbol_prime(c);
}
bool is_nbsp_at(std::string_view s, size_t i) {
  return i + 1 < s.size() && static_cast<unsigned char>(s[i]) == 0xC2 &&
         static_cast<unsigned char>(s[i + 1]) == 0xA0;
}

}  // namespace

Lexer::Lexer(std::string_view input) : in_(input) {
  // Start code 0: an optional byte-order mark, which does not move the position.
  if (in_.size() >= 3 && in_.substr(0, 3) == "\xEF\xBB\xBF") {
    warnings_.push_back({LexWarningKind::Bom, {1, 1}});
    cur_.offset = 3;
  }
}

const LexToken& Lexer::peek() {
  if (!have_tok_) {
    after_ = cur_;
    after_.mode = mode_;
    warnings_before_tok_ = warnings_.size();
    tok_ = lex(after_);
    have_tok_ = true;
  }
  return tok_;
}

void Lexer::advance() {
  peek();
  cur_ = after_;
  have_tok_ = false;
}

void Lexer::set_mode(LexMode mode) {
  if (mode == mode_) return;
  mode_ = mode;
  if (have_tok_) warnings_.resize(warnings_before_tok_);
  have_tok_ = false;
}

void Lexer::newline(State& st, size_t nl_len) {
  st.offset += nl_len;
  st.pos = {st.pos.line + 1, 1};
  st.at_line_start = true;
}

// Width of the white space in [start, end), counting a non-breaking space as
// one character, with Cabal's warnings for tabs and non-breaking spaces.
int Lexer::measure_indent(State& st, size_t start, size_t end, bool warn_tabs) {
  int width = 0;
  bool tab = false, nbsp = false;
  for (size_t i = start; i < end; ++i) {
    if (in_[i] == '\t') tab = true;
    if (is_nbsp_at(in_, i)) {
      nbsp = true;
      ++i;
    }
    ++width;
  }
  if (tab && warn_tabs) warnings_.push_back({LexWarningKind::Tab, st.pos});
  if (nbsp) warnings_.push_back({LexWarningKind::Nbsp, st.pos});
  return width;
}

// The rules shared by every bol_* start code: a line of only white space, or a
// comment line (only spaces and tabs before `--`), is skipped.
bool Lexer::skip_blank_or_comment_line(State& st) {
  size_t i = st.offset;
  while (i < in_.size() && (is_space_tab(in_[i]) || is_nbsp_at(in_, i))) i += is_nbsp_at(in_, i) ? 2 : 1;
  if (i < in_.size() && (in_[i] == '\n' || in_[i] == '\r')) {
    size_t nl = (in_[i] == '\r' && i + 1 < in_.size() && in_[i + 1] == '\n') ? 2 : 1;
    measure_indent(st, st.offset, i, false);
    st.offset = i;
    newline(st, nl);
    return true;
  }
  // Comment: only spaces and tabs may precede it.
  size_t j = st.offset;
  while (j < in_.size() && is_space_tab(in_[j])) ++j;
  if (j + 1 < in_.size() && in_[j] == '-' && in_[j + 1] == '-') {
    size_t k = j + 2;
    while (k < in_.size() && (!is_ctl(in_[k]) || in_[k] == '\t')) ++k;
    st.pos.col += static_cast<int>(k - st.offset);
    st.offset = k;
    // The newline (if any) is then taken by the blank-line rule.
    return true;
  }
  return false;
}

LexToken Lexer::lex(State& st) {
  while (true) {
    if (st.at_line_start) {
      if (skip_blank_or_comment_line(st)) continue;
      return lex_line_start(st);
    }
    LexToken t = lex_in_line(st);
    if (t.kind == LexTokenKind::Indent && t.indent < 0) continue;  // newline: back to bol
    return t;
  }
}

LexToken Lexer::lex_line_start(State& st) {
  LexToken t;
  t.pos = st.pos;
  size_t i = st.offset;
  while (i < in_.size() && (is_space_tab(in_[i]) || is_nbsp_at(in_, i))) i += is_nbsp_at(in_, i) ? 2 : 1;
  if (st.mode == LexMode::FieldBraces) {
    // bol_field_braces has no indentation token: go straight to the line.
    st.at_line_start = false;
    return lex_in_line(st);
  }
  if (st.mode == LexMode::Section) {
    // `$spacetab* {` and `$spacetab* }` (no non-breaking spaces before them).
    size_t j = st.offset;
    while (j < in_.size() && is_space_tab(in_[j])) ++j;
    if (j < in_.size() && (in_[j] == '{' || in_[j] == '}')) {
      t.kind = in_[j] == '{' ? LexTokenKind::OpenBrace : LexTokenKind::CloseBrace;
      st.pos.col += static_cast<int>(j + 1 - st.offset);
      st.offset = j + 1;
      return t;  // still at the start of a line, as in Lexer.x
    }
  }
  if (i >= in_.size()) {
    st.offset = i;
    t.kind = LexTokenKind::Eof;
    return t;
  }
  t.kind = LexTokenKind::Indent;
  t.indent = measure_indent(st, st.offset, i, true);
  st.pos.col += t.indent;
  st.offset = i;
  st.at_line_start = false;
  return t;
}

LexToken Lexer::lex_in_line(State& st) {
  // Returns an Indent token with indent -1 to tell lex() a newline was taken.
  while (true) {
    LexToken t;
    t.pos = st.pos;
    if (st.offset >= in_.size()) {
      t.kind = LexTokenKind::Eof;
      return t;
    }
    size_t i = st.offset;
    unsigned char c = in_[i];
    if (c == '\n' || c == '\r') {
      newline(st, (c == '\r' && i + 1 < in_.size() && in_[i + 1] == '\n') ? 2 : 1);
      t.kind = LexTokenKind::Indent;
      t.indent = -1;
      return t;
    }
    if (is_space_tab(c)) {
      while (st.offset < in_.size() && is_space_tab(in_[st.offset])) ++st.offset, ++st.pos.col;
      continue;
    }
    auto take = [&](LexTokenKind kind, size_t end, size_t text_begin, size_t text_end) {
      t.kind = kind;
      t.text = in_.substr(text_begin, text_end - text_begin);
      st.pos.col += static_cast<int>(end - st.offset);
      st.offset = end;
      return t;
    };
    if (st.mode != LexMode::Section) {
      bool braces = st.mode == LexMode::FieldBraces;
      if (braces && (c == '{' || c == '}'))
        return take(c == '{' ? LexTokenKind::OpenBrace : LexTokenKind::CloseBrace, i + 1, i, i + 1);
      if (is_ctl(c)) return take(LexTokenKind::Error, i + 1, i, i + 1);
      size_t j = i;
      while (j < in_.size() && (!is_ctl(in_[j]) || in_[j] == '\t') && !(braces && (in_[j] == '{' || in_[j] == '}'))) ++j;
      return take(LexTokenKind::FieldLine, j, i, j);
    }
    // in_section
    if (c == '-' && i + 1 < in_.size() && in_[i + 1] == '-') {
      // A comment to the end of the line wins over an operator or name (longest match).
      size_t j = i + 2;
      while (j < in_.size() && (!is_ctl(in_[j]) || in_[j] == '\t')) ++j;
      st.pos.col += static_cast<int>(j - i);
      st.offset = j;
      continue;
    }
    if (c == ':') return take(LexTokenKind::Colon, i + 1, i, i + 1);
    if (c == '{') return take(LexTokenKind::OpenBrace, i + 1, i, i + 1);
    if (c == '}') return take(LexTokenKind::CloseBrace, i + 1, i, i + 1);
    if (is_paren(c)) return take(LexTokenKind::Other, i + 1, i, i + 1);
    if (c == '"') {
      size_t j = i + 1;
      while (j < in_.size() && in_[j] != '"' && !is_ctl(in_[j])) j += (in_[j] == '\\' && j + 1 < in_.size() && !is_ctl(in_[j + 1])) ? 2 : 1;
      if (j < in_.size() && in_[j] == '"') return take(LexTokenKind::Str, j + 1, i + 1, j);
      return take(LexTokenKind::Error, i + 1, i, i + 1);
    }
    // Longest match between a name ($namecore+) and an operator ($symbol+).
    size_t n = i, o = i;
    while (n < in_.size() && is_namecore(in_[n])) ++n;
    while (o < in_.size() && is_symbol(in_[o])) ++o;
    if (n > i && n >= o) return take(LexTokenKind::Sym, n, i, n);
    if (o > i) return take(LexTokenKind::Other, o, i, o);
    return take(LexTokenKind::Error, i + 1, i, i + 1);
  }
}

}  // namespace mhu::cabal
