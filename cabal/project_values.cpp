// Field values of cabal.project files (cabal-install's ProjectConfig.Legacy,
// Distribution.Client.Targets' UserConstraint, Cabal's splitArgs).
#include "cabal/project_values.h"

#include <algorithm>
#include <cctype>

#include "cabal/dependency.h"
#include "cabal/version.h"

namespace mhu::cabal::project_detail {

namespace {

bool is_space(char32_t c) { return is_hs_space(c); }

// parsePackageLocationToken's characters outside and inside braces.
bool outer_char(char32_t c) { return !is_space(c) && c != '{' && c != '}' && c != ','; }
bool inner_char(char32_t c) { return !is_space(c) && c != '{' && c != '}'; }

// `{` innerTerm `}` where innerTerm is any sequence of inner characters and
// nested brace groups. The cursor is at '{'.
bool brace_group(ValueCursor& cur) {
  size_t open = cur.offset();
  cur.eat('{');
  while (true) {
    cur.munch(inner_char);
    if (cur.at_end() || is_space(cur.peek())) {
      return cur.fail_at(open, "unbalanced '{' in package location: expecting '}' before " +
                                   cur.describe_next());
    }
    if (cur.peek() == '{') {
      if (!brace_group(cur)) return false;
      continue;
    }
    cur.eat('}');
    return true;
  }
}

bool package_location(ValueCursor& cur, LocatedToken& out) {
  out.offset = cur.offset();
  if (!cur.at_end() && cur.peek() == '"') {
    // parseHaskellString <++ token: a well-formed string literal wins;
    // otherwise the quote is read as part of a plain token.
    ValueDiags scratch;
    ValueCursor probe(cur.text(), cur.spec(), scratch);
    probe.seek(cur.offset());
    std::string s;
    if (probe.string_literal(s)) {
      cur.seek(probe.offset());
      out.text = std::move(s);
      return true;
    }
  }
  while (!cur.at_end()) {
    char32_t c = cur.peek();
    if (outer_char(c)) cur.munch(outer_char);
    else if (c == '{') {
      if (!brace_group(cur)) return false;
    } else break;
  }
  if (cur.offset() == out.offset) return cur.fail_expecting("a package location");
  out.text.assign(cur.text().substr(out.offset, cur.offset() - out.offset));
  return true;
}

bool flag_name(ValueCursor& cur, std::string& out) {
  size_t start = cur.offset();
  if (cur.at_end()) return cur.fail_expecting("a flag name");
  char32_t c = cur.peek();
  if (!(is_hs_alnum(c) || c == '_')) return cur.fail_expecting("a flag name");
  cur.next();
  cur.munch([](char32_t c) { return is_hs_alnum(c) || c == '_' || c == '-'; });
  out = ascii_lower(cur.text().substr(start, cur.offset() - start));
  return true;
}

void assign_flag(FlagAssignment& out, std::string name, bool value) {
  auto it = std::find_if(out.begin(), out.end(), [&](const auto& p) { return p.first == name; });
  if (it != out.end()) it->second = value;
  else out.emplace_back(std::move(name), value);
}

// `+a -b`, each flag signed, separated by at least one space (sepByEnding).
// With non_empty, at least one flag (parsecFlagAssignmentNonEmpty).
bool signed_flags(ValueCursor& cur, FlagAssignment& out, bool non_empty) {
  bool any = false;
  while (!cur.at_end()) {
    char32_t c = cur.peek();
    if (c != '+' && c != '-') {
      if (!any && non_empty) return cur.fail_expecting("'+' or '-' before a flag name");
      if (any) return true;  // the caller decides what may follow
      return cur.fail_expecting("'+FLAG' or '-FLAG' (every flag needs its sign)");
    }
    cur.next();
    std::string name;
    if (!flag_name(cur, name)) return false;
    assign_flag(out, std::move(name), c == '+');
    any = true;
    size_t before = cur.offset();
    if (!cur.skip_spaces1()) return true;
    if (cur.at_end() || (cur.peek() != '+' && cur.peek() != '-')) {
      cur.seek(before);  // leave the spaces to the caller
      return true;
    }
  }
  return true;
}

}  // namespace

bool parse_package_locations(ValueCursor& cur, std::vector<LocatedToken>& out) {
  cur.skip_spaces();
  if (cur.at_end()) return true;
  while (true) {
    LocatedToken t;
    if (!package_location(cur, t)) return false;
    out.push_back(std::move(t));
    // parseOptCommaList's separator: spaces, a comma, spaces; or one or more
    // spaces. Trailing spaces are allowed, a trailing comma is not.
    bool spaces = cur.skip_spaces1();
    if (cur.eat(',')) {
      cur.skip_spaces();
      if (cur.at_end()) return cur.fail_expecting("a package location after ','");
      continue;
    }
    if (cur.at_end()) return true;
    if (!spaces) return cur.fail_expecting("',', a space or the end of the list");
  }
}

bool parse_project_flags(ValueCursor& cur, FlagAssignment& out) {
  cur.skip_spaces();
  if (!signed_flags(cur, out, false)) return false;
  cur.skip_spaces();
  if (!cur.at_end()) return cur.fail_expecting("'+FLAG' or '-FLAG' (every flag needs its sign)");
  return true;
}

bool parse_project_bool(std::string_view value, bool& out) {
  while (!value.empty() && is_space(static_cast<unsigned char>(value.front()))) value.remove_prefix(1);
  while (!value.empty() && is_space(static_cast<unsigned char>(value.back()))) value.remove_suffix(1);
  std::string l = ascii_lower(value);
  if (l == "true") out = true;
  else if (l == "false") out = false;
  else return false;
  return true;
}

std::vector<std::string> split_args(std::string_view s) {
  // A transcription of Cabal's splitArgs state machine.
  std::vector<std::string> out;
  std::string w;
  bool in_word = false;  // w holds a started word (possibly empty from "")
  auto flush = [&] {
    if (!w.empty()) out.push_back(w);
    w.clear();
    in_word = false;
  };
  size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (c == '"') {
      // string: up to the closing quote, \" is a quote.
      ++i;
      while (i < s.size() && s[i] != '"') {
        if (s[i] == '\\' && i + 1 < s.size() && s[i + 1] == '"') {
          w += '"';
          i += 2;
        } else {
          w += s[i++];
        }
      }
      if (i < s.size()) ++i;  // closing quote
      in_word = true;
    } else if (is_space(static_cast<unsigned char>(c))) {
      flush();
      ++i;
    } else {
      w += c;
      in_word = true;
      ++i;
    }
  }
  (void)in_word;
  flush();
  return out;
}

bool parse_user_constraint(ValueCursor& cur, UserConstraint& out, bool& setup_qualified) {
  setup_qualified = false;
  size_t start = cur.offset();
  std::string name;
  if (!parse_package_name(cur, name)) return false;
  if (cur.eat('.')) {
    if (name == "any" || name == "setup") {
      setup_qualified = name == "setup";
      if (!parse_package_name(cur, name)) return false;
    } else {
      return cur.fail_at(start, "unknown constraint qualifier '" + name +
                                    ".', expecting 'any.', 'setup.' or 'PKG:setup.' before the package name");
    }
  } else if (cur.eat(':')) {
    if (!cur.eat("setup.")) return cur.fail_expecting("'setup.' after '" + name + ":'");
    setup_qualified = true;
    if (!parse_package_name(cur, name)) return false;
  }
  out.package = name;
  cur.skip_spaces();
  if (!cur.at_end() && (cur.peek() == '+' || cur.peek() == '-')) {
    out.kind = UserConstraint::Kind::Flags;
    return signed_flags(cur, out.flags, true);
  }
  if (version_range_starts(cur)) {
    out.kind = UserConstraint::Kind::Range;
    return parse_version_range(cur, out.range);
  }
  static const std::pair<std::string_view, UserConstraint::Kind> kKeywords[] = {
      {"installed", UserConstraint::Kind::Installed},
      {"source", UserConstraint::Kind::Source},
      {"test", UserConstraint::Kind::Test},
      {"bench", UserConstraint::Kind::Bench},
  };
  for (const auto& [word, kind] : kKeywords) {
    if (cur.eat(word)) {
      out.kind = kind;
      return true;
    }
  }
  return cur.fail_expecting("a version range, '+FLAG'/'-FLAG', 'installed', 'source', 'test' or 'bench' after '" +
                            name + "'");
}

bool is_url(std::string_view s) {
  if (s.empty() || !std::isalpha(static_cast<unsigned char>(s[0]))) return false;
  size_t i = 1;
  while (i < s.size() && (std::isalnum(static_cast<unsigned char>(s[i])) || s[i] == '+' || s[i] == '.' || s[i] == '-'))
    ++i;
  return s.substr(i, 3) == "://";
}

std::string section_args_string(const std::vector<SectionArg>& args) {
  std::string out;
  for (const auto& a : args) {
    if (!out.empty()) out += ' ';
    std::string t(a.text);
    if (a.kind == SectionArg::Kind::Str) {
      bool dodgy = t.empty() || std::any_of(t.begin(), t.end(), [](char c) {
                     return c == ',' || is_space(static_cast<unsigned char>(c));
                   });
      if (dodgy) t = '"' + t + '"';
    }
    out += t;
  }
  return out;
}

}  // namespace mhu::cabal::project_detail
