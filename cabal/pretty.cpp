#include "cabal/pretty.h"

#include "cabal/value_cursor.h"

namespace mhu::cabal {

std::string haskell_show_string(std::string_view utf8) {
  static const char* kControl[] = {"NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "a",  "b",  "t",  "n",
                                   "v",   "f",   "r",   "SO",  "SI",  "DLE", "DC1", "DC2", "DC3", "DC4", "NAK",
                                   "SYN", "ETB", "CAN", "EM",  "SUB", "ESC", "FS",  "GS",  "RS",  "US"};
  std::string out = "\"";
  ValueDiags ignored;
  ValueCursor cur(utf8, kLatestCabalSpec, ignored);
  bool after_numeric = false;  // a following digit needs `\&`
  bool after_so = false;       // "\SO" followed by 'H' needs `\&`
  while (!cur.at_end()) {
    char32_t c = cur.next();
    if (after_numeric && c >= '0' && c <= '9') out += "\\&";
    if (after_so && c == 'H') out += "\\&";
    after_numeric = after_so = false;
    if (c == '"') {
      out += "\\\"";
    } else if (c == '\\') {
      out += "\\\\";
    } else if (c < 0x20) {
      out += '\\';
      out += kControl[c];
      after_so = c == 0x0E;
    } else if (c == 0x7F) {
      out += "\\DEL";
    } else if (c < 0x7F) {
      out += static_cast<char>(c);
    } else {
      out += "\\" + std::to_string(static_cast<unsigned long>(c));
      after_numeric = true;
    }
  }
  return out + "\"";
}

std::string show_token(std::string_view s) {
  bool dodgy = s.empty() || s.substr(0, 2) == "--" || s.back() == ':';
  ValueDiags ignored;
  ValueCursor cur(s, kLatestCabalSpec, ignored);
  while (!dodgy && !cur.at_end()) {
    char32_t c = cur.next();
    dodgy = c == ',' || is_hs_space(c);
  }
  return dodgy ? haskell_show_string(s) : std::string(s);
}

}  // namespace mhu::cabal
