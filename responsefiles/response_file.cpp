#include "responsefiles/response_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace mhu::responsefiles {

namespace fs = std::filesystem;

namespace {

// The code point of the UTF-8 sequence at s[i] and its length; length 0 when
// the bytes there are not a well-formed sequence (overlong forms, surrogates
// and values above U+10FFFF are not).
struct Decoded {
  char32_t cp = 0;
  size_t len = 0;
};

Decoded decode_utf8(std::string_view s, size_t i) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  if (c < 0x80) return {c, 1};
  size_t n;
  char32_t cp, min;
  if ((c & 0xE0) == 0xC0) n = 2, cp = c & 0x1F, min = 0x80;
  else if ((c & 0xF0) == 0xE0) n = 3, cp = c & 0x0F, min = 0x800;
  else if ((c & 0xF8) == 0xF0) n = 4, cp = c & 0x07, min = 0x10000;
  else return {};
  if (i + n > s.size()) return {};
  for (size_t k = 1; k < n; ++k) {
    if ((b(i + k) & 0xC0) != 0x80) return {};
    cp = (cp << 6) | (b(i + k) & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return {};
  return {cp, n};
}

// Haskell's Data.Char.isSpace (GHC.Unicode): ASCII whitespace and U+00A0
// below U+0378, else the Unicode general category Zs (space separator).
constexpr bool haskell_is_space(char32_t c) {
  if (c <= 0x377) return c == 0x20 || (c >= 0x09 && c <= 0x0D) || c == 0xA0;
  return c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F || c == 0x3000;
}

constexpr bool needs_escape(char32_t c) { return haskell_is_space(c) || c == '\\' || c == '\'' || c == '"'; }

// Which ASCII characters are written as they are (no escape, nothing to decode).
struct PlainAscii {
  bool plain[256] = {};
  constexpr PlainAscii() {
    for (int c = 0; c < 0x80; ++c) plain[c] = !needs_escape(static_cast<char32_t>(c));
  }
};
constexpr PlainAscii kPlainAscii;

bool is_plain_ascii(unsigned char c) { return kPlainAscii.plain[c]; }

std::string errno_text(int e) { return std::strerror(e); }

}  // namespace

bool render_response_file(const std::vector<std::string>& args, std::string& out, std::string& error) {
  std::string text;
  size_t size = 0;
  for (const auto& a : args) size += a.size() + 1;
  text.reserve(size + size / 8);
  for (size_t n = 0; n < args.size(); ++n) {
    const std::string& a = args[n];
    if (a.empty()) {
      error = "argument " + std::to_string(n + 1) + " is empty (GHC's response files cannot hold an empty argument)";
      return false;
    }
    for (size_t i = 0; i < a.size();) {
      // A run of ASCII characters that need no escape goes in at once.
      size_t run = i;
      while (run < a.size() && is_plain_ascii(static_cast<unsigned char>(a[run]))) ++run;
      if (run > i) {
        text.append(a, i, run - i);
        i = run;
        continue;
      }
      Decoded d = decode_utf8(a, i);
      if (d.len == 0) {
        error = "argument " + std::to_string(n + 1) + " is not valid UTF-8: " + a;
        return false;
      }
      if (needs_escape(d.cp)) text += '\\';
      text.append(a, i, d.len);
      i += d.len;
    }
    text += '\n';
  }
  out = std::move(text);
  return true;
}

std::vector<std::string> parse_response_file(std::string_view text) {
  enum class Quote { None, Single, Double };
  std::vector<std::string> args;
  std::string cur;
  Quote q = Quote::None;
  bool escaped = false;
  for (size_t i = 0; i < text.size();) {
    Decoded d = decode_utf8(text, i);
    size_t len = d.len ? d.len : 1;
    std::string_view ch = text.substr(i, len);
    char32_t c = d.len ? d.cp : 0xFFFD;  // an invalid byte is never special
    i += len;
    if (escaped) {
      cur += ch;
      escaped = false;
    } else if (c == '\\') {
      escaped = true;
    } else if (q == Quote::Single) {
      if (c == '\'') q = Quote::None;
      else cur += ch;
    } else if (q == Quote::Double) {
      if (c == '"') q = Quote::None;
      else cur += ch;
    } else if (haskell_is_space(c)) {
      if (!cur.empty()) args.push_back(std::move(cur));
      cur.clear();
    } else if (c == '\'') {
      q = Quote::Single;
    } else if (c == '"') {
      q = Quote::Double;
    } else {
      cur += ch;
    }
  }
  if (!cur.empty()) args.push_back(std::move(cur));
  return args;
}

namespace {

constexpr std::string_view kTempInfix = ".tmp-";

bool all_digits(std::string_view s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
}

}  // namespace

bool is_temp_file_name(std::string_view name) {
  size_t at = name.rfind(kTempInfix);
  if (at == std::string_view::npos || at == 0) return false;
  std::string_view rest = name.substr(at + kTempInfix.size());
  size_t dash = rest.find('-');
  return dash != std::string_view::npos && all_digits(rest.substr(0, dash)) && all_digits(rest.substr(dash + 1));
}

int remove_temp_files(const std::string& dir) {
  int removed = 0;
  std::error_code ec;
  auto opts = fs::directory_options::skip_permission_denied;
  for (fs::recursive_directory_iterator it(dir, opts, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code e;
    if (it->is_regular_file(e) && is_temp_file_name(it->path().filename().string()) && fs::remove(it->path(), e))
      ++removed;
  }
  return removed;
}

bool write_if_changed(const std::string& path, std::string_view content, std::string& error, bool* changed) {
  if (changed) *changed = false;
  {
    std::ifstream in(path, std::ios::binary);
    if (in) {
      std::ostringstream ss;
      ss << in.rdbuf();
      if (in.good() || in.eof())
        if (ss.str() == content) return true;
    }
  }
  fs::path p(path);
  std::error_code ec;
  if (p.has_parent_path()) {
    fs::create_directories(p.parent_path(), ec);
    if (ec) {
      error = "cannot create directory " + p.parent_path().string() + ": " + ec.message();
      return false;
    }
  }
  static std::atomic<unsigned> counter{0};
  std::string tmp = path + std::string(kTempInfix) + std::to_string(::getpid()) + "-" + std::to_string(counter++);
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) {
    error = "cannot write " + tmp + ": " + errno_text(errno);
    return false;
  }
  const char* data = content.data();
  size_t left = content.size();
  while (left > 0) {
    ssize_t w = ::write(fd, data, left);
    if (w < 0) {
      if (errno == EINTR) continue;
      int e = errno;
      ::close(fd);
      ::unlink(tmp.c_str());
      error = "cannot write " + tmp + ": " + errno_text(e);
      return false;
    }
    data += w;
    left -= static_cast<size_t>(w);
  }
  if (::close(fd) != 0) {
    int e = errno;
    ::unlink(tmp.c_str());
    error = "cannot write " + tmp + ": " + errno_text(e);
    return false;
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    int e = errno;
    ::unlink(tmp.c_str());
    error = "cannot replace " + path + ": " + errno_text(e);
    return false;
  }
  if (changed) *changed = true;
  return true;
}

}  // namespace mhu::responsefiles
