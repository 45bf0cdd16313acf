#include "cabal/lexer.h"

#include <bit>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace mhu::cabal {

static_assert(std::endian::native == std::endian::little, "the word-at-a-time scans read bytes little-endian");

namespace {

// Character classes of Lexer.x, one table lookup each.
enum : unsigned char {
  kCtl = 1,        // control characters (a tab is one)
  kSpaceTab = 2,   // ' ', '\t'
  kNameCore = 4,   // $namecore
  kSymbol = 8,     // $symbol: $symbol' and '-', '.'
  kLineStop = 16,  // ends a field line in layout: control characters but tab
  kBraceStop = 32, // ends a field line in braces: those and '{', '}'
};

constexpr bool is_symbol_prime_char(unsigned char c) {
  switch (c) {
    case ',': case '=': case '<': case '>': case '+': case '*': case '&': case '|':
    case '!': case '$': case '%': case '^': case '@': case '#': case '?': case '/':
    case '\\': case '~':
      return true;
    default:
      return false;
  }
}

struct ClassTable {
  unsigned char c[256] = {};
  constexpr ClassTable() {
    for (int i = 0; i < 256; ++i) {
      auto ch = static_cast<unsigned char>(i);
      bool ctl = ch < 0x20 || ch == 0x7f;
      bool paren = ch == '(' || ch == ')' || ch == '[' || ch == ']';
      unsigned char k = 0;
      if (ctl) k |= kCtl;
      if (ch == ' ' || ch == '\t') k |= kSpaceTab;
      if (!ctl && ch != ' ' && ch != ':' && ch != '"' && ch != '{' && ch != '}' && !paren && !is_symbol_prime_char(ch))
        k |= kNameCore;
      if (is_symbol_prime_char(ch) || ch == '-' || ch == '.') k |= kSymbol;
      if (ctl && ch != '\t') k |= kLineStop | kBraceStop;
      if (ch == '{' || ch == '}') k |= kBraceStop;
      c[i] = k;
    }
  }
};
constexpr ClassTable kClasses;

inline bool has(char c, unsigned char cls) { return (kClasses.c[static_cast<unsigned char>(c)] & cls) != 0; }
inline bool is_ctl(unsigned char c) { return (kClasses.c[c] & kCtl) != 0; }
inline bool is_paren(unsigned char c) { return c == '(' || c == ')' || c == '[' || c == ']'; }

// The end of a field line starting at i in layout mode: the first control
// character other than a tab. Sixteen bytes at a time (SSE2, which every
// x86-64 has): most lines have no tab, so the first control byte found is
// the end.
size_t line_end(std::string_view s, size_t i) {
  const size_t n = s.size();
#if defined(__SSE2__)
  const __m128i ctl_max = _mm_set1_epi8(0x1f), del = _mm_set1_epi8(0x7f), zero = _mm_setzero_si128();
  while (i + 16 <= n) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
    // Bytes <= 0x1f (unsigned: saturating subtract leaves 0) or == 0x7f.
    __m128i stop = _mm_or_si128(_mm_cmpeq_epi8(_mm_subs_epu8(v, ctl_max), zero), _mm_cmpeq_epi8(v, del));
    unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(stop));
    while (mask) {
      size_t k = i + static_cast<size_t>(__builtin_ctz(mask));
      if (s[k] != '\t') return k;
      mask &= mask - 1;  // a tab does not end the line
    }
    i += 16;
  }
#endif
  while (i < n && !has(s[i], kLineStop)) ++i;
  return i;
}

// Past spaces and tabs from i: runs of spaces eight bytes at a time (the
// padding that aligns field values is long).
size_t skip_blanks(std::string_view s, size_t i) {
  const size_t n = s.size();
  while (true) {
    while (i + 8 <= n) {
      uint64_t w;
      std::memcpy(&w, s.data() + i, 8);
      uint64_t x = w ^ 0x2020202020202020ull;
      if (x) {
        i += static_cast<size_t>(__builtin_ctzll(x) / 8);
        break;
      }
      i += 8;
    }
    while (i < n && s[i] == ' ') ++i;
    if (i < n && s[i] == '\t') {
      ++i;
      continue;
    }
    return i;
  }
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
    lex(after_, tok_);
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
  // From a field's value back to sections: a token the bol rules gave in
  // FieldLayout mode is what Section mode gives too (the same blank and
  // comment lines skipped, the same indentation and warnings), unless the
  // line starts with a brace, which only Section mode reads as a token.
  if (have_tok_ && mode_ == LexMode::FieldLayout && mode == LexMode::Section && from_bol_ &&
      !brace_line(bol_offset_)) {
    mode_ = mode;
    after_.mode = mode;
    return;
  }
  mode_ = mode;
  if (have_tok_) warnings_.resize(warnings_before_tok_);
  have_tok_ = false;
}

bool Lexer::brace_line(size_t offset) const {
  size_t j = offset;
  while (j < in_.size() && (in_[j] == ' ' || in_[j] == '\t')) ++j;
  return j < in_.size() && (in_[j] == '{' || in_[j] == '}');
}

bool Lexer::open_brace_next() const {
  // Section mode's rules from the current state, up to the first thing that
  // is not white space or a comment.
  const size_t n = in_.size();
  size_t i = cur_.offset;
  bool bol = cur_.at_line_start;
  while (true) {
    if (!bol) {
      i = skip_blanks(in_, i);
      if (i >= n) return false;
      if (in_[i] == '\n' || in_[i] == '\r') {
        i += (in_[i] == '\r' && i + 1 < n && in_[i + 1] == '\n') ? 2 : 1;
        bol = true;
        continue;
      }
      if (in_[i] == '-' && i + 1 < n && in_[i + 1] == '-') {
        i = line_end(in_, i + 2);
        continue;
      }
      return in_[i] == '{';
    }
    size_t j = i;
    while (j < n && (in_[j] == ' ' || in_[j] == '\t')) ++j;
    size_t k = j;  // past non-breaking spaces too
    while (k < n && (in_[k] == ' ' || in_[k] == '\t' ||
                     (static_cast<unsigned char>(in_[k]) == 0xC2 && k + 1 < n &&
                      static_cast<unsigned char>(in_[k + 1]) == 0xA0)))
      k += in_[k] == ' ' || in_[k] == '\t' ? 1 : 2;
    if (k < n && (in_[k] == '\n' || in_[k] == '\r')) {  // a blank line
      i = k + ((in_[k] == '\r' && k + 1 < n && in_[k + 1] == '\n') ? 2 : 1);
      continue;
    }
    if (j + 1 < n && in_[j] == '-' && in_[j + 1] == '-') {  // a comment line
      i = line_end(in_, j + 2);
      continue;  // still at the start of a line, as lex() has it
    }
    return j < n && in_[j] == '{';
  }
}

void Lexer::newline(State& st, size_t nl_len) {
  st.offset += nl_len;
  st.pos = {st.pos.line + 1, 1};
  st.at_line_start = true;
}

// The token is written straight into `t` (the lexer's cached token): no
// copies of it on the way out.
void Lexer::lex(State& st, LexToken& t) {
  const size_t n = in_.size();
  from_bol_ = false;
  t.text = {};
  t.indent = 0;
  while (true) {
    if (!st.at_line_start) {
      if (!lex_in_line(st, t)) continue;  // newline: back to bol
      return;
    }
    bol_offset_ = st.offset;
    // The bol_* start codes. One pass over the leading white space: its
    // width (a non-breaking space counts one), whether it has tabs or
    // non-breaking spaces, and where its spaces and tabs alone end.
    size_t i = st.offset;
    size_t spacetab_end = std::string_view::npos;
    int width = 0;
    bool tab = false, nbsp = false;
    // Plain spaces, which most indentation is, eight at a time.
    while (i + 8 <= n) {
      uint64_t w;
      std::memcpy(&w, in_.data() + i, 8);
      uint64_t x = w ^ 0x2020202020202020ull;  // zero bytes where the spaces are
      if (x == 0) {
        i += 8;
        width += 8;
        continue;
      }
      int k = __builtin_ctzll(x) / 8;  // little-endian: the first non-space byte
      i += k;
      width += k;
      break;
    }
    while (i < n) {
      char c = in_[i];
      if (c == ' ') {
        ++i;
      } else if (c == '\t') {
        tab = true;
        ++i;
      } else if (static_cast<unsigned char>(c) == 0xC2 && i + 1 < n && static_cast<unsigned char>(in_[i + 1]) == 0xA0) {
        if (spacetab_end == std::string_view::npos) spacetab_end = i;
        nbsp = true;
        i += 2;
      } else {
        break;
      }
      ++width;
    }
    size_t j = spacetab_end == std::string_view::npos ? i : spacetab_end;
    // A line of only white space is skipped (its tabs are not reported).
    if (i < n && (in_[i] == '\n' || in_[i] == '\r')) {
      if (nbsp) warnings_.push_back({LexWarningKind::Nbsp, st.pos});
      st.offset = i;
      newline(st, (in_[i] == '\r' && i + 1 < n && in_[i + 1] == '\n') ? 2 : 1);
      continue;
    }
    // So is a comment line: only spaces and tabs may precede the `--`. The
    // newline (if any) is then taken by the blank-line rule.
    if (j + 1 < n && in_[j] == '-' && in_[j + 1] == '-') {
      size_t k = line_end(in_, j + 2);
      st.pos.col += static_cast<int>(k - st.offset);
      st.offset = k;
      continue;
    }
    t.pos = st.pos;
    if (st.mode == LexMode::FieldBraces) {
      // bol_field_braces has no indentation token: go straight to the line.
      st.at_line_start = false;
      if (!lex_in_line(st, t)) {  // (a blank line was skipped above: not reached)
        t.kind = LexTokenKind::Indent;
        t.indent = -1;
      }
      return;
    }
    from_bol_ = true;
    if (st.mode == LexMode::Section && j < n && (in_[j] == '{' || in_[j] == '}')) {
      // `$spacetab* {` and `$spacetab* }` (no non-breaking spaces before them).
      t.kind = in_[j] == '{' ? LexTokenKind::OpenBrace : LexTokenKind::CloseBrace;
      st.pos.col += static_cast<int>(j + 1 - st.offset);
      st.offset = j + 1;
      return;  // still at the start of a line, as in Lexer.x
    }
    if (i >= n) {
      st.offset = i;
      t.kind = LexTokenKind::Eof;
      return;
    }
    t.kind = LexTokenKind::Indent;
    t.indent = width;
    if (tab) warnings_.push_back({LexWarningKind::Tab, st.pos});
    if (nbsp) warnings_.push_back({LexWarningKind::Nbsp, st.pos});
    st.pos.col += width;
    st.offset = i;
    st.at_line_start = false;
    return;
  }
}

// A token of the middle of a line into `t` (true), or false when a newline
// was taken (lex() goes back to the start-of-line rules).
bool Lexer::lex_in_line(State& st, LexToken& t) {
  const size_t size = in_.size();
  while (true) {
    t.pos = st.pos;
    if (st.offset >= size) {
      t.kind = LexTokenKind::Eof;
      return true;
    }
    size_t i = st.offset;
    unsigned char c = in_[i];
    if (c == '\n' || c == '\r') {
      newline(st, (c == '\r' && i + 1 < size && in_[i + 1] == '\n') ? 2 : 1);
      return false;
    }
    if (c == ' ' || c == '\t') {
      size_t j = skip_blanks(in_, i + 1);
      st.pos.col += static_cast<int>(j - i);
      st.offset = j;
      continue;
    }
    auto take = [&](LexTokenKind kind, size_t end, size_t text_begin, size_t text_end) {
      t.kind = kind;
      t.text = in_.substr(text_begin, text_end - text_begin);
      st.pos.col += static_cast<int>(end - st.offset);
      st.offset = end;
      return true;
    };
    if (st.mode != LexMode::Section) {
      bool braces = st.mode == LexMode::FieldBraces;
      if (braces && (c == '{' || c == '}'))
        return take(c == '{' ? LexTokenKind::OpenBrace : LexTokenKind::CloseBrace, i + 1, i, i + 1);
      if (is_ctl(c)) return take(LexTokenKind::Error, i + 1, i, i + 1);
      size_t j;
      if (braces) {
        j = i;
        while (j < size && !has(in_[j], kBraceStop)) ++j;
      } else {
        j = line_end(in_, i);
      }
      return take(LexTokenKind::FieldLine, j, i, j);
    }
    // in_section
    if (c == '-' && i + 1 < size && in_[i + 1] == '-') {
      // A comment to the end of the line wins over an operator or name (longest match).
      size_t j = line_end(in_, i + 2);
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
      while (j < size && in_[j] != '"' && !is_ctl(in_[j])) j += (in_[j] == '\\' && j + 1 < size && !is_ctl(in_[j + 1])) ? 2 : 1;
      if (j < size && in_[j] == '"') return take(LexTokenKind::Str, j + 1, i + 1, j);
      return take(LexTokenKind::Error, i + 1, i, i + 1);
    }
    // Longest match between a name ($namecore+) and an operator ($symbol+).
    size_t n = i, o = i;
    while (n < size && has(in_[n], kNameCore)) ++n;
    while (o < size && has(in_[o], kSymbol)) ++o;
    if (n > i && n >= o) return take(LexTokenKind::Sym, n, i, n);
    if (o > i) return take(LexTokenKind::Other, o, i, o);
    return take(LexTokenKind::Error, i + 1, i, i + 1);
  }
}

}  // namespace mhu::cabal
