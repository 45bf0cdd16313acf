#include "cabal/value_cursor.h"

namespace mhu::cabal {

bool is_hs_space_non_ascii(char32_t c) {
  switch (c) {
    case ' ': case '\t': case '\n': case '\r': case '\f': case '\v':
    case 0xA0: case 0x1680: case 0x202F: case 0x205F: case 0x3000:
      return true;
    default:
      return c >= 0x2000 && c <= 0x200A;
  }
}

bool is_hs_upper(char32_t c) {
  if (c < 0x80) return c >= 'A' && c <= 'Z';
  // Latin-1 and Latin Extended upper-case letters; enough for real names.
  if (c >= 0xC0 && c <= 0xDE) return c != 0xD7;
  if (c >= 0x391 && c <= 0x3A9) return true;  // Greek
  if (c >= 0x410 && c <= 0x42F) return true;  // Cyrillic
  return false;
}

bool is_hs_lower(char32_t c) {
  if (c < 0x80) return c >= 'a' && c <= 'z';
  if (c >= 0xDF && c <= 0xFF) return c != 0xF7;
  if (c >= 0x3B1 && c <= 0x3C9) return true;
  if (c >= 0x430 && c <= 0x44F) return true;
  return false;
}

bool is_hs_alpha(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  if (c < 0xC0) return c == 0xAA || c == 0xB5 || c == 0xBA;
  if (c == 0xD7 || c == 0xF7) return false;
  return !is_hs_space(c) && !(c >= 0x2000 && c <= 0x2BFF) && !(c >= 0x3000 && c <= 0x303F);
}

bool is_hs_alnum(char32_t c) { return is_hs_digit(c) || is_hs_alpha(c); }

char32_t ValueCursor::peek_slow(size_t* len) const {
  if (at_end()) {
    if (len) *len = 0;
    return 0;
  }
  auto b = static_cast<unsigned char>(text_[pos_]);
  size_t n = 1;
  char32_t c = b;
  if (b >= 0xF0 && b < 0xF8) { n = 4; c = b & 0x07; }
  else if (b >= 0xE0) { n = b < 0xF0 ? 3 : 1; c = n == 3 ? (b & 0x0F) : 0xFFFD; }
  else if (b >= 0xC0) { n = 2; c = b & 0x1F; }
  else if (b >= 0x80) { c = 0xFFFD; }
  if (n > 1) {
    if (pos_ + n > text_.size()) {
      n = 1;
      c = 0xFFFD;
    } else {
      for (size_t i = 1; i < n; ++i) {
        auto cb = static_cast<unsigned char>(text_[pos_ + i]);
        if ((cb & 0xC0) != 0x80) { n = 1; c = 0xFFFD; break; }
        c = (c << 6) | (cb & 0x3F);
      }
    }
  }
  if (len) *len = n;
  return c;
}

char32_t ValueCursor::next() {
  size_t len;
  char32_t c = peek(&len);
  pos_ += len;
  return c;
}

bool ValueCursor::eat(char c) {
  if (!at_end() && text_[pos_] == c) {
    ++pos_;
    return true;
  }
  return false;
}

bool ValueCursor::eat(std::string_view s) {
  if (text_.substr(pos_, s.size()) == s) {
    pos_ += s.size();
    return true;
  }
  return false;
}

bool ValueCursor::skip_spaces1() { return !munch(is_hs_space).empty(); }

bool ValueCursor::fail_at(size_t offset, std::string message) {
  diags_.push_back({offset, true, std::move(message)});
  return false;
}

bool ValueCursor::fail_expecting(std::string_view expected) {
  std::string m = "unexpected " + describe_next() + ", expecting ";
  m.append(expected);
  return fail(std::move(m));
}

std::string ValueCursor::describe_next() const {
  if (at_end()) return "end of input";
  size_t len;
  char32_t c = peek(&len);
  if (c == '\n') return "new line";
  if (is_hs_space(c)) return "space";
  return "'" + std::string(text_.substr(pos_, len)) + "'";
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

namespace {

// Haskell's named ASCII escapes, longest first so "SOH" wins over "SO".
constexpr std::pair<std::string_view, char> kAsciiEscapes[] = {
    {"NUL", 0},  {"SOH", 1},  {"STX", 2},  {"ETX", 3},  {"EOT", 4},  {"ENQ", 5},
    {"ACK", 6},  {"BEL", 7},  {"DLE", 16}, {"DC1", 17}, {"DC2", 18}, {"DC3", 19},
    {"DC4", 20}, {"NAK", 21}, {"SYN", 22}, {"ETB", 23}, {"CAN", 24}, {"SUB", 26},
    {"ESC", 27}, {"DEL", 127}, {"BS", 8},  {"HT", 9},   {"LF", 10},  {"VT", 11},
    {"FF", 12},  {"CR", 13},  {"SO", 14},  {"SI", 15},  {"EM", 25},  {"FS", 28},
    {"GS", 29},  {"RS", 30},  {"US", 31},  {"SP", 32},
};

int digit_value(char c, int base) {
  int v = -1;
  if (c >= '0' && c <= '9') v = c - '0';
  else if (c >= 'a' && c <= 'f') v = c - 'a' + 10;
  else if (c >= 'A' && c <= 'F') v = c - 'A' + 10;
  return v >= 0 && v < base ? v : -1;
}

}  // namespace

bool ValueCursor::string_literal(std::string& out) {
  size_t start = pos_;
  if (!eat('"')) return fail("expecting string");
  out.clear();
  while (true) {
    if (at_end()) return fail_at(start, "unexpected end of input in string literal, expecting end of string");
    char32_t c = peek();
    if (c == '"') {
      ++pos_;
      return true;
    }
    if (c == '\\') {
      ++pos_;
      if (eat('&')) continue;
      if (skip_spaces1()) {
        if (!eat('\\')) return fail("expecting end of string gap");
        continue;
      }
      char e = at_end() ? 0 : text_[pos_];
      static constexpr std::string_view kSimple = "abfnrtv\\\"'";
      static constexpr char kSimpleCode[] = {'\a', '\b', '\f', '\n', '\r', '\t', '\v', '\\', '"', '\''};
      if (auto i = kSimple.find(e); e && i != std::string_view::npos) {
        ++pos_;
        out += kSimpleCode[i];
        continue;
      }
      int base = 10;
      if (e == 'o' || e == 'x') {
        base = e == 'o' ? 8 : 16;
        ++pos_;
      }
      if (!at_end() && digit_value(text_[pos_], base) >= 0) {
        uint64_t n = 0;
        while (!at_end() && digit_value(text_[pos_], base) >= 0) {
          n = n * base + digit_value(text_[pos_++], base);
          if (n > 0x10FFFF) return fail("out-of-range numeric escape sequence");
        }
        append_utf8(out, static_cast<char32_t>(n));
        continue;
      }
      if (base != 10) return fail("expecting escape code");
      if (e == '^') {
        ++pos_;
        char k = at_end() ? 0 : text_[pos_];
        // Cabal's charControl takes only an upper-case letter or '@' here.
        if ((k >= 'A' && k <= 'Z') || k == '@') {
          ++pos_;
          out += static_cast<char>(k - '@');
          continue;
        }
        return fail("expecting escape code");
      }
      bool found = false;
      for (auto [name, code] : kAsciiEscapes) {
        if (eat(name)) {
          out += code;
          found = true;
          break;
        }
      }
      if (!found) return fail("expecting escape code");
      continue;
    }
    if (c <= 26) return fail("unexpected control character in string literal");
    size_t len;
    peek(&len);
    out.append(text_.substr(pos_, len));
    pos_ += len;
  }
}

bool ValueCursor::token(std::string& out, bool allow_comma, const char* what) {
  if (!at_end() && text_[pos_] == '"') return string_literal(out);
  auto word = munch([&](char32_t c) { return !is_hs_space(c) && (allow_comma || c != ','); });
  if (word.empty()) return fail(std::string("expecting ") + what);
  if (word == "--")
    warn("Double-dash token found. Note: there are no end-of-line comments in .cabal files, only "
         "whole line comments. Use \"--\" (quoted double dash) to silence this warning, if you "
         "actually want -- token");
  out.assign(word);
  return true;
}

}  // namespace mhu::cabal
