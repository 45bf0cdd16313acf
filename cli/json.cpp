#include "cli/json.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <cstdint>
#include <cstring>

namespace mhu::cli {

namespace {

// JSON is written straight into the output buffer: fixed keys as literal
// text, strings escaped in bulk (most need no escape at all).
constexpr bool needs_escape(unsigned char c) { return c < 0x20 || c == '"' || c == '\\'; }

// Whether any of 8 bytes is a control character, '"' or '\\'.
inline bool word_needs_escape(uint64_t w) {
  constexpr uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
  auto zero_byte = [&](uint64_t x) { return (x - kOnes) & ~x & kHigh; };
  uint64_t ctl = (w - kOnes * 0x20) & ~w & kHigh;
  return (ctl | zero_byte(w ^ (kOnes * '"')) | zero_byte(w ^ (kOnes * '\\'))) != 0;
}

}  // namespace

void json_escaped(std::string& out, std::string_view s) {
  size_t run = 0;
  size_t i = 0;
  // Most strings need no escape at all: skip them sixteen or eight bytes at a time.
#if defined(__SSE2__)
  {
    const __m128i ctl_max = _mm_set1_epi8(0x1f), quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\'),
                  zero = _mm_setzero_si128();
    while (i + 16 <= s.size()) {
      __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
      __m128i bad = _mm_or_si128(_mm_cmpeq_epi8(_mm_subs_epu8(v, ctl_max), zero),
                                 _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)));
      if (unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(bad))) {
        i += static_cast<size_t>(__builtin_ctz(mask));
        break;
      }
      i += 16;
    }
  }
#endif
  while (i + 8 <= s.size()) {
    uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    if (word_needs_escape(w)) break;
    i += 8;
  }
  for (; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (!needs_escape(c)) continue;
    out.append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default: {
        static const char* hex = "0123456789abcdef";
        out += "\\u00";
        out += hex[c >> 4];
        out += hex[c & 15];
      }
    }
  }
  out.append(s.data() + run, s.size() - run);
}

void json_string(std::string& out, std::string_view s) {
  out += '"';
  json_escaped(out, s);
  out += '"';
}

void JsonWriter::write_string(std::string_view s) { json_string(out_, s); }

}  // namespace mhu::cli
