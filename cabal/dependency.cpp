// Dependency-like field values, read as Cabal-syntax 3.12 reads them
// (Distribution.Types.{Dependency, ExeDependency, LegacyExeDependency,
// PkgconfigDependency, PkgconfigVersionRange, Mixin, IncludeRenaming,
// ModuleRenaming, ModuleReexport}, Distribution.ModuleName and
// Distribution.Parsec's parsecUnqualComponentName).
#include "cabal/dependency.h"

#include <algorithm>

namespace mhu::cabal {

namespace {

char peek_byte(const ValueCursor& cur) { return cur.at_end() ? '\0' : cur.text()[cur.offset()]; }

void advance(ValueCursor& cur, size_t len) { cur.seek(cur.offset() + len); }

// ---- names -----------------------------------------------------------------

// Character classes with an ASCII fast path.
inline bool alnum(char32_t c) {
  if (c < 0x80) return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
  return is_hs_alnum(c);
}
inline bool upper(char32_t c) { return c < 0x80 ? c >= 'A' && c <= 'Z' : is_hs_upper(c); }

enum class NameError { None, Empty, EmptyPart, DigitsOnlyPart };

// parsecUnqualComponentName: words of letters and digits joined by single
// hyphens, each word with at least one non-digit. Moves the cursor and records
// nothing; on failure the cursor is where the name went wrong.
NameError scan_component_name(ValueCursor& cur) {
  size_t start = cur.offset();
  size_t word_start = start;
  bool letter = false;
  while (!cur.at_end()) {
    size_t len;
    char32_t c = cur.peek(&len);
    if (is_hs_digit(c)) {
      advance(cur, len);
    } else if (alnum(c)) {
      letter = true;
      advance(cur, len);
    } else if (c == '-') {
      // Cabal fails on a hyphen that ends an empty or all-digit word, even
      // when more follows ("foo-12-bar" is not a name).
      if (!letter) break;
      advance(cur, len);
      letter = false;
      word_start = cur.offset();
    } else {
      break;
    }
  }
  if (letter) return NameError::None;
  if (cur.offset() == start) return NameError::Empty;
  if (cur.offset() == word_start) return NameError::EmptyPart;
  return NameError::DigitsOnlyPart;
}

bool is_module_char(char32_t c) { return alnum(c) || c == '_' || c == '\''; }

// parsecModuleName: components starting with an upper-case letter, followed
// by letters, digits, '_' or '\'', joined by dots.
bool scan_module_name(ValueCursor& cur) {
  std::string_view text = cur.text();
  while (true) {
    size_t len;
    char32_t c = cur.peek(&len);
    if (cur.at_end() || !upper(c)) return false;
    advance(cur, len);
    while (true) {
      // ASCII letters, digits, '_' and '\'' straight from the text; any
      // other character the general way.
      size_t i = cur.offset();
      while (i < text.size()) {
        auto b = static_cast<unsigned char>(text[i]);
        if (!((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '_' || b == '\''))
          break;
        ++i;
      }
      cur.seek(i);
      if (cur.at_end() || static_cast<unsigned char>(text[i]) < 0x80) break;
      c = cur.peek(&len);
      if (!is_module_char(c)) break;
      advance(cur, len);
    }
    if (!cur.eat('.')) return true;
  }
}

bool parse_name(ValueCursor& cur, std::string& out, const char* what) {
  size_t start = cur.offset();
  NameError e = scan_component_name(cur);
  std::string_view seen = cur.text().substr(start, cur.offset() - start);
  switch (e) {
    case NameError::None:
      out.assign(seen);
      return true;
    case NameError::Empty:
      return cur.fail_expecting(what);
    case NameError::EmptyPart:
      return cur.fail("unexpected " + cur.describe_next() + " in '" + std::string(seen) +
                      "': the words of a name are joined by single hyphens and none may be empty");
    case NameError::DigitsOnlyPart: {
      size_t dash = seen.rfind('-');
      std::string_view word = dash == std::string_view::npos ? seen : seen.substr(dash + 1);
      return cur.fail_at(start + (dash == std::string_view::npos ? 0 : dash + 1),
                         "'" + std::string(word) + "' in '" + std::string(seen) +
                             "' is all digits; every hyphen-separated word of a name needs a letter");
    }
  }
  return false;
}

// ---- version ranges after a name ---------------------------------------------

// `parsec <|> pure anyVersion`: a range is read only where one starts.
bool optional_range(ValueCursor& cur, VersionRange& out) {
  if (version_range_starts(cur)) return parse_version_range(cur, out);
  // From 3.4 `-any` / `-none` are not ranges; Cabal then fails at the '-'
  // (expecting a separator), which we explain.
  if (cur.spec() >= CabalSpec::V3_4) {
    std::string_view rest = cur.text().substr(cur.offset());
    for (std::string_view word : {"-any", "-none"})
      if (rest.substr(0, word.size()) == word)
        return cur.fail("'" + std::string(word) + "' is not a version range from cabal-version 3.4 on, expected " +
                        (word == "-any" ? "no range or '>=0'" : "'<0'"));
  }
  // `>=0`, reusing out's storage (it usually is that already, as constructed).
  out.op = VersionRange::Op::OrLater;
  out.operands.clear();
  if (out.version.numbers.size() != 1 || out.version.numbers[0] != 0) out.version.numbers.assign(1, 0);
  return true;
}

// ---- pkg-config version ranges (PkgconfigVersionRange) ----------------------

struct PcRange {
  enum class Kind { Any, This, Later, Earlier, OrLater, OrEarlier, Union, Intersection };
  Kind kind = Kind::Any;
  std::string version;
  std::vector<PcRange> operands;
};

PcRange pc_leaf(PcRange::Kind k, std::string v) {
  PcRange r;
  r.kind = k;
  r.version = std::move(v);
  return r;
}

PcRange pc_node(PcRange::Kind k, PcRange a, PcRange b) {
  PcRange r;
  r.kind = k;
  r.operands.push_back(std::move(a));
  r.operands.push_back(std::move(b));
  return r;
}

// Cabal's Pretty PkgconfigVersionRange. By an explicit stack, not recursion:
// 100,000 operands nest as deep (to the right as parsed, to the left as
// pc_from_version_range joins intervals, as Cabal's foldl does).
void append_pc(std::string& out, const PcRange& range, int level) {
  using K = PcRange::Kind;
  struct Step {
    const PcRange* range;  // nullptr: `text` instead
    int level;
    const char* text;
  };
  std::vector<Step> todo{{&range, level, nullptr}};
  while (!todo.empty()) {
    Step s = todo.back();
    todo.pop_back();
    if (!s.range) {
      out += s.text;
      continue;
    }
    const PcRange& r = *s.range;
    const char* op = "";
    switch (r.kind) {
      case K::Any: out += "-any"; continue;
      case K::This: op = "=="; break;
      case K::Later: op = ">"; break;
      case K::Earlier: op = "<"; break;
      case K::OrLater: op = ">="; break;
      case K::OrEarlier: op = "<="; break;
      case K::Union:
      case K::Intersection: {
        bool is_union = r.kind == K::Union;
        bool parens = s.level >= (is_union ? 1 : 2);
        if (parens) out += '(';
        if (parens) todo.push_back({nullptr, 0, ")"});
        todo.push_back({&r.operands[1], is_union ? 0 : 1, nullptr});
        todo.push_back({nullptr, 0, is_union ? " || " : " && "});
        todo.push_back({&r.operands[0], is_union ? 1 : 2, nullptr});
        continue;
      }
    }
    out += op;
    out += r.version;
  }
}

bool is_pc_op_char(char32_t c) { return c == '<' || c == '=' || c == '>' || c == '^' || c == '-'; }

bool is_pc_version_char(char32_t c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.' ||
         c == '-';
}

// pkgconfigParser (cabal-version 3.0 on): pkg-config versions are free-form
// (1.0.2n), there are no wildcards, sets or ^>=, and every piece eats the
// spaces after it.
class PcParser {
 public:
  explicit PcParser(ValueCursor& cur) : cur_(cur) {}

  bool expr(PcRange& out, int depth) {
    if (depth > 200) return cur_.fail("version range nested too deeply");
    return chain(out, depth, '|');
  }

 private:
  bool chain(PcRange& out, int depth, char sym) {
    std::vector<PcRange> parts(1);
    auto operand = [&](PcRange& r) { return sym == '|' ? chain(r, depth, '&') : factor(r, depth); };
    if (!operand(parts.back())) return false;
    const char twice[3] = {sym, sym, '\0'};
    while (peek_byte(cur_) == sym) {
      if (!cur_.eat(std::string_view(twice, 2))) {
        cur_.next();
        return cur_.fail_expecting(std::string("'") + twice + "'");
      }
      cur_.skip_spaces();
      parts.emplace_back();
      if (!operand(parts.back())) return false;
    }
    PcRange r = std::move(parts.back());
    for (size_t i = parts.size() - 1; i-- > 0;)
      r = pc_node(sym == '|' ? PcRange::Kind::Union : PcRange::Kind::Intersection,
                  std::move(parts[i]), std::move(r));
    out = std::move(r);
    return true;
  }

  bool factor(PcRange& out, int depth) {
    if (!cur_.eat('(')) return prim(out);
    cur_.skip_spaces();
    if (!expr(out, depth + 1)) return false;
    if (!cur_.eat(')')) return cur_.fail_expecting("')' or '&&' or '||'");
    cur_.skip_spaces();
    return true;
  }

  bool prim(PcRange& out) {
    using K = PcRange::Kind;
    size_t op_start = cur_.offset();
    std::string_view op = cur_.munch(is_pc_op_char);
    if (op.empty()) return cur_.fail_expecting("a version operator (==, >=, >, <=, <) or '('");
    if (op == "-") {
      if (!cur_.eat("any")) return cur_.fail_expecting("'any' after '-'");
      cur_.skip_spaces();
      out = PcRange{};
      return true;
    }
    K k;
    if (op == "==") k = K::This;
    else if (op == ">") k = K::Later;
    else if (op == "<") k = K::Earlier;
    else if (op == ">=") k = K::OrLater;
    else if (op == "<=") k = K::OrEarlier;
    else return cur_.fail_at(op_start, "unknown pkg-config version operator '" + std::string(op) + "'");
    cur_.skip_spaces();
    std::string_view v = cur_.munch(is_pc_version_char);
    if (v.empty()) return cur_.fail_expecting("a pkg-config version (letters, digits, '.', '-')");
    cur_.skip_spaces();
    out = pc_leaf(k, std::string(v));
    return true;
  }

  ValueCursor& cur_;
};

// versionRangeToPkgconfigVersionRange: before 3.0 the range is read as a
// Cabal range and turned into its intervals, joined left to right.
PcRange pc_from_version_range(const VersionRange& r) {
  using K = PcRange::Kind;
  auto is = as_version_intervals(r);
  if (is.size() == 1 && is[0].lower_inclusive && !is[0].has_upper && is[0].lower == Version{{0}})
    return PcRange{};
  if (is.empty()) return pc_leaf(K::Earlier, "0");
  auto conv = [](const VersionInterval& i) {
    PcRange lo = pc_leaf(i.lower_inclusive ? K::OrLater : K::Later, to_string(i.lower));
    if (!i.has_upper) return lo;
    return pc_node(K::Intersection, std::move(lo),
                   pc_leaf(i.upper_inclusive ? K::OrEarlier : K::Earlier, to_string(i.upper)));
  };
  PcRange acc = conv(is[0]);
  for (size_t i = 1; i < is.size(); ++i) acc = pc_node(K::Union, std::move(acc), conv(is[i]));
  return acc;
}

// ---- module renamings (ModuleRenaming, IncludeRenaming) -----------------------

// Before 3.0 no space may follow '(' and none is skipped after ')'.
bool open_paren(ValueCursor& cur, bool lax) {
  if (!cur.eat('(')) return cur.fail_expecting("'('");
  if (lax) {
    cur.skip_spaces();
  } else if (!cur.at_end() && is_hs_space(cur.peek())) {
    cur.next();  // reported after the space, as Cabal does
    return cur.fail("space after '(' in a module renaming needs cabal-version 3.0 or later, expected a module name right after '('");
  }
  return true;
}

bool close_paren(ValueCursor& cur, bool lax) {
  if (!cur.eat(')')) return cur.fail_expecting("',' or ')'");
  if (lax) cur.skip_spaces();
  return true;
}

bool parse_module_renaming(ValueCursor& cur, ModuleRenaming& out) {
  using Kind = ModuleRenaming::Kind;
  bool lax = cur.spec() >= CabalSpec::V3_0;
  out = ModuleRenaming{};
  char c = peek_byte(cur);
  if (c == '(') {
    // (A, B as C)
    out.kind = Kind::Renaming;
    if (!open_paren(cur, lax)) return false;
    if (!cur.at_end() && is_hs_upper(cur.peek())) {
      while (true) {
        std::string from;
        if (!parse_module_name(cur, from)) return false;
        cur.skip_spaces();
        std::string to;
        if (peek_byte(cur) == 'a') {
          if (!cur.eat("as")) return cur.fail_expecting("'as', ',' or ')'");
          if (!cur.skip_spaces1()) return cur.fail_expecting("a space after 'as'");
          if (!parse_module_name(cur, to)) return false;
          cur.skip_spaces();
        } else {
          to = from;
        }
        out.renamings.emplace_back(std::move(from), std::move(to));
        if (!cur.eat(',')) break;
        cur.skip_spaces();
      }
    }
    if (!close_paren(cur, lax)) return false;
    cur.skip_spaces();
    return true;
  }
  if (c == 'h') {
    // hiding (A, B)
    if (!cur.eat("hiding")) return cur.fail_expecting("'hiding', '(' or 'requires'");
    out.kind = Kind::Hiding;
    cur.skip_spaces();
    if (!open_paren(cur, lax)) return false;
    if (!cur.at_end() && is_hs_upper(cur.peek())) {
      while (true) {
        std::string name;
        if (!parse_module_name(cur, name)) return false;
        if (lax) cur.skip_spaces();
        out.hidden.push_back(std::move(name));
        if (!cur.eat(',')) break;
        cur.skip_spaces();
      }
    }
    return close_paren(cur, lax);
  }
  return true;  // the default renaming: nothing written
}

void append_renaming(std::string& out, const ModuleRenaming& r) {
  switch (r.kind) {
    case ModuleRenaming::Kind::Default:
      return;
    case ModuleRenaming::Kind::Hiding:
      out += "hiding (";
      for (size_t i = 0; i < r.hidden.size(); ++i) {
        if (i) out += ", ";
        out += r.hidden[i];
      }
      out += ')';
      return;
    case ModuleRenaming::Kind::Renaming:
      out += '(';
      for (size_t i = 0; i < r.renamings.size(); ++i) {
        if (i) out += ", ";
        const auto& [from, to] = r.renamings[i];
        out += from;
        if (from != to) {
          out += " as ";
          out += to;
        }
      }
      out += ')';
      return;
  }
}

bool whole_text(std::string_view s, bool (*scan)(ValueCursor&)) {
  ValueDiags unused;
  ValueCursor cur(s, kLatestCabalSpec, unused);
  return scan(cur) && cur.at_end();
}

}  // namespace

// ---- names ---------------------------------------------------------------------

bool parse_package_name(ValueCursor& cur, std::string& out) {
  return parse_name(cur, out, "a package name");
}

bool parse_unqual_component_name(ValueCursor& cur, std::string& out) {
  return parse_name(cur, out, "a component name");
}

bool parse_module_name(ValueCursor& cur, std::string& out) {
  size_t start = cur.offset();
  if (scan_module_name(cur)) {
    out.assign(cur.text().substr(start, cur.offset() - start));
    return true;
  }
  if (cur.offset() == start) return cur.fail_expecting("a module name (starting with an upper-case letter)");
  return cur.fail("unexpected " + cur.describe_next() + " in module name '" +
                  std::string(cur.text().substr(start, cur.offset() - start)) +
                  "', expecting an upper-case letter after '.'");
}

bool is_valid_package_name(std::string_view s) {
  return whole_text(s, [](ValueCursor& c) { return scan_component_name(c) == NameError::None; });
}

bool is_valid_module_name(std::string_view s) { return whole_text(s, scan_module_name); }

// ---- values --------------------------------------------------------------------

bool parse_dependency(ValueCursor& cur, Dependency& out) {
  if (!parse_package_name(cur, out.package)) return false;
  size_t colon = cur.offset();
  if (cur.eat(':')) {
    if (cur.spec() < CabalSpec::V3_0)
      return cur.fail_at(colon,
                         "sublibrary dependency syntax 'pkg:lib' needs cabal-version 3.0 or later; to depend "
                         "on an internal library, write its name as if it were a package");
    std::vector<std::string> libs;
    if (cur.eat('{')) {
      cur.skip_spaces();
      while (true) {
        libs.emplace_back();
        if (!parse_name(cur, libs.back(), "a library name")) return false;
        cur.skip_spaces();
        if (!cur.eat(',')) break;
        cur.skip_spaces();
      }
      if (!cur.eat('}')) return cur.fail_expecting("',' or '}'");
    } else {
      libs.emplace_back();
      if (!parse_name(cur, libs.back(), "a library name or '{'")) return false;
    }
    // pkg:pkg is the main library; Cabal keeps a set with the main library first.
    for (auto& l : libs)
      if (l == out.package) l.clear();
    std::sort(libs.begin(), libs.end());
    libs.erase(std::unique(libs.begin(), libs.end()), libs.end());
    out.libraries = std::move(libs);
  } else if (out.libraries.size() != 1 || !out.libraries[0].empty()) {
    out.libraries.assign(1, std::string());
  }
  cur.skip_spaces();
  return optional_range(cur, out.range);
}

bool parse_exe_dependency(ValueCursor& cur, ExeDependency& out) {
  if (!parse_package_name(cur, out.package)) return false;
  // Cabal requires the executable: a bare `pkg` is an error.
  if (!cur.eat(':'))
    return cur.fail_expecting("':' and an executable name (build-tool-depends entries are written pkg:exe)");
  if (!parse_name(cur, out.executable, "an executable name")) return false;
  cur.skip_spaces();
  return optional_range(cur, out.range);
}

bool parse_legacy_exe_dependency(ValueCursor& cur, LegacyExeDependency& out) {
  // The name may be quoted; its words (letters, digits, '+', '_') are joined
  // by hyphens and none may be all digits.
  bool quoted = cur.eat('"');
  size_t start = cur.offset();
  while (true) {
    size_t word = cur.offset();
    std::string_view w = cur.munch([](char32_t c) { return is_hs_alnum(c) || c == '+' || c == '_'; });
    if (w.empty()) return cur.fail_expecting(word == start ? "a build tool name" : "a word after '-'");
    if (std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; }))
      return cur.fail_at(word, "'" + std::string(w) +
                                   "' is all digits; every hyphen-separated word of a build tool name needs a letter");
    if (!cur.eat('-')) break;
  }
  out.name.assign(cur.text().substr(start, cur.offset() - start));
  if (quoted && !cur.eat('"')) return cur.fail_expecting("'\"' closing the quoted name");
  cur.skip_spaces();
  if (cur.eat('"')) {
    if (!parse_version_range(cur, out.range)) return false;
    if (!cur.eat('"')) return cur.fail_expecting("'\"' closing the quoted version range");
    return true;
  }
  return optional_range(cur, out.range);
}

bool parse_pkgconfig_dependency(ValueCursor& cur, PkgconfigDependency& out) {
  std::string_view name = cur.munch(
      [](char32_t c) { return is_hs_alnum(c) || c == '-' || c == '_' || c == '.' || c == '+'; });
  if (name.empty()) return cur.fail_expecting("a pkg-config package name");
  out.name.assign(name);
  cur.skip_spaces();
  PcRange range;
  if (cur.spec() >= CabalSpec::V3_0) {
    char c = peek_byte(cur);
    if (c == '(' || is_pc_op_char(static_cast<unsigned char>(c))) {
      if (!PcParser(cur).expr(range, 0)) return false;
    }
  } else if (version_range_starts(cur)) {
    VersionRange r;
    if (!parse_version_range_integral_digits(cur, r)) return false;
    range = pc_from_version_range(r);
  }
  out.range.clear();
  append_pc(out.range, range, 0);
  return true;
}

bool parse_mixin(ValueCursor& cur, Mixin& out) {
  if (!parse_package_name(cur, out.package)) return false;
  out.library.clear();
  size_t colon = cur.offset();
  if (cur.eat(':')) {
    if (cur.spec() < CabalSpec::V3_4)
      return cur.fail_at(colon, "sublibrary mixin syntax 'pkg:lib' needs cabal-version 3.4 or later");
    if (!parse_name(cur, out.library, "a library name")) return false;
    if (out.library == out.package) out.library.clear();  // pkg:pkg is the main library
  }
  cur.skip_spaces();
  if (!parse_module_renaming(cur, out.provides)) return false;
  // `requires` may follow, with or without a space before it.
  size_t save = cur.offset();
  cur.skip_spaces();
  if (cur.eat("requires")) {
    cur.skip_spaces();
    return parse_module_renaming(cur, out.requires_);
  }
  cur.seek(save);
  out.requires_ = ModuleRenaming{};
  return true;
}

std::string to_string(const Mixin& m) {
  // pkg[:lib] [provides] [requires renaming], empty parts and their spaces left out.
  std::string out = m.package;
  if (!m.library.empty()) {
    out += ':';
    out += m.library;
  }
  std::string incl;
  append_renaming(incl, m.provides);
  if (m.requires_.kind != ModuleRenaming::Kind::Default) {
    if (!incl.empty()) incl += ' ';
    incl += "requires ";
    append_renaming(incl, m.requires_);
  }
  if (!incl.empty()) {
    out += ' ';
    out += incl;
  }
  return out;
}

bool parse_module_reexport(ValueCursor& cur, ModuleReexport& out) {
  size_t start = cur.offset();
  // An optional `pkg:` prefix, tried and abandoned as a whole.
  out.package.reset();
  if (scan_component_name(cur) == NameError::None && peek_byte(cur) == ':') {
    out.package.emplace(cur.text().substr(start, cur.offset() - start));
    cur.eat(':');
  } else {
    cur.seek(start);
  }
  if (!parse_module_name(cur, out.original)) return false;
  // An optional ` as New`, also tried as a whole (no space needed after `as`).
  size_t save = cur.offset();
  cur.skip_spaces();
  if (cur.eat("as")) {
    cur.skip_spaces();
    size_t name_start = cur.offset();
    if (scan_module_name(cur)) {
      out.name.assign(cur.text().substr(name_start, cur.offset() - name_start));
      return true;
    }
  }
  cur.seek(save);
  out.name = out.original;
  return true;
}

std::string to_string(const ModuleReexport& r) {
  std::string out;
  if (r.package) {
    out += *r.package;
    out += ':';
  }
  out += r.original;
  if (r.name != r.original) {
    out += " as ";
    out += r.name;
  }
  return out;
}

}  // namespace mhu::cabal
