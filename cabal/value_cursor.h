// A cursor over one field's value, the way Cabal-syntax's field parsers see it:
// the field's lines joined with '\n', read as UTF-8 characters. Errors and
// warnings are recorded by byte offset; the field grammar maps offsets back to
// file positions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "cabal/spec_version.h"

namespace mhu::cabal {

struct ValueDiag {
  size_t offset = 0;
  bool is_error = true;
  std::string message;
};
using ValueDiags = std::vector<ValueDiag>;

// Haskell's Data.Char classes, on a decoded code point. Non-ASCII letters are
// treated as alphanumeric and as neither upper nor lower case unless known.
bool is_hs_space_non_ascii(char32_t c);
inline bool is_hs_space(char32_t c) {
  if (c < 0x80) return c == ' ' || (c >= '\t' && c <= '\r');  // \t \n \v \f \r
  return is_hs_space_non_ascii(c);
}
bool is_hs_alnum(char32_t c);
bool is_hs_alpha(char32_t c);
bool is_hs_upper(char32_t c);
bool is_hs_lower(char32_t c);
inline bool is_hs_digit(char32_t c) { return c >= '0' && c <= '9'; }

class ValueCursor {
 public:
  ValueCursor(std::string_view text, CabalSpec spec, ValueDiags& diags)
      : text_(text), spec_(spec), diags_(diags) {}

  std::string_view text() const { return text_; }
  CabalSpec spec() const { return spec_; }
  size_t offset() const { return pos_; }
  void seek(size_t offset) { pos_ = offset; }
  bool at_end() const { return pos_ >= text_.size(); }

  // The code point at the cursor (0 at the end) and its length in bytes.
  char32_t peek(size_t* len = nullptr) const {
    // ASCII fast path: almost every character of a .cabal file.
    if (pos_ < text_.size() && static_cast<unsigned char>(text_[pos_]) < 0x80) {
      if (len) *len = 1;
      return static_cast<unsigned char>(text_[pos_]);
    }
    return peek_slow(len);
  }
  char32_t next();  // consume one code point
  bool eat(char c);  // consume c if it is next
  bool eat(std::string_view s);  // consume s if it is next

  // P.spaces: any amount of Haskell white space.
  void skip_spaces() {
    // ASCII white space inline; anything else non-ASCII goes the general way.
    while (pos_ < text_.size()) {
      auto b = static_cast<unsigned char>(text_[pos_]);
      if (b == ' ' || (b >= '\t' && b <= '\r')) ++pos_;
      else if (b < 0x80) return;
      else break;
    }
    munch(is_hs_space);
  }
  bool skip_spaces1();       // at least one

  // Consume the longest run of code points satisfying pred.
  template <class Pred>
  std::string_view munch(Pred pred) {
    size_t start = pos_;
    while (!at_end()) {
      size_t len;
      char32_t c = peek(&len);
      if (!pred(c)) break;
      pos_ += len;
    }
    return text_.substr(start, pos_ - start);
  }

  // Cabal's parsecToken: a Haskell string literal, or a run of characters that
  // are not spaces (and not commas unless allow_comma, which is parsecToken').
  // Fails (returns false, records an error) on an empty token.
  bool token(std::string& out, bool allow_comma, const char* what = "token");
  // A Haskell string literal with escapes; false (with an error) if malformed.
  bool string_literal(std::string& out);

  bool fail(std::string message) { return fail_at(pos_, std::move(message)); }
  // Records "unexpected <what is at the cursor>, expecting <expected>".
  bool fail_expecting(std::string_view expected);
  // What is at the cursor, for messages: "'x'", "space", "new line", "end of input".
  std::string describe_next() const;
  bool fail_at(size_t offset, std::string message);
  void warn(std::string message) { diags_.push_back({pos_, false, std::move(message)}); }

 private:
  char32_t peek_slow(size_t* len) const;

  std::string_view text_;
  size_t pos_ = 0;
  CabalSpec spec_;
  ValueDiags& diags_;
};

// ASCII letters lower-cased, other bytes kept (names Cabal compares case-blind).
std::string ascii_lower(std::string_view s);

// Append the UTF-8 encoding of c.
void append_utf8(std::string& out, char32_t c);

}  // namespace mhu::cabal
