// Versions and version ranges, read as Cabal-syntax 3.12 reads them
// (Distribution.Types.Version, Distribution.Types.VersionRange.Internal).
//
// Cabal's parsers are Parsec parsers, where an alternative is tried only when
// the previous one failed without consuming input. The code below decides
// between alternatives by looking at the next character instead, which gives
// the same accepted language; the comments point out where that matters.
#include "cabal/version.h"

#include <algorithm>

namespace mhu::cabal {

// ---- construction and printing -------------------------------------------

VersionRange make_range(VersionRange::Op op, Version v) {
  VersionRange r;
  r.op = op;
  r.version = std::move(v);
  return r;
}

namespace {

VersionRange make_node(VersionRange::Op op, VersionRange a, VersionRange b) {
  std::vector<VersionRange> operands;
  operands.reserve(2);
  operands.push_back(std::move(a));
  operands.push_back(std::move(b));
  // `a`, moved from, becomes the node: no default-constructed range (and its
  // allocated version 0) to throw away.
  a.op = op;
  a.version.numbers.clear();  // compound nodes carry no version
  a.operands = std::move(operands);
  return a;
}

void append_number(std::string& out, int n) {
  if (n >= 0 && n < 10) {
    out += static_cast<char>('0' + n);
    return;
  }
  char buf[16];
  int len = 0;
  unsigned u = n < 0 ? 0u - static_cast<unsigned>(n) : static_cast<unsigned>(n);
  do buf[len++] = static_cast<char>('0' + u % 10);
  while (u /= 10);
  if (n < 0) buf[len++] = '-';
  while (len) out += buf[--len];
}

void append_numbers(std::string& out, const Version& v) {
  for (size_t i = 0; i < v.numbers.size(); ++i) {
    if (i) out += '.';
    append_number(out, v.numbers[i]);
  }
}

// Cabal's prettyVersionRange: `||` binds loosest, and the left operand of an
// operator is printed at a tighter level than the right, so the right-nested
// trees the parser builds print without parentheses. The right operand is
// printed by the loop, not by recursion: a chain of 100,000 `&&` must not
// take 100,000 stack frames.
void append_range(std::string& out, const VersionRange& range, int level) {
  using Op = VersionRange::Op;
  const VersionRange* r = &range;
  size_t closing = 0;
  for (;;) {
    const char* prefix = nullptr;
    switch (r->op) {
      case Op::This: prefix = "=="; break;
      case Op::Later: prefix = ">"; break;
      case Op::OrLater: prefix = ">="; break;
      case Op::Earlier: prefix = "<"; break;
      case Op::OrEarlier: prefix = "<="; break;
      case Op::MajorBound: prefix = "^>="; break;
      case Op::Union:
      case Op::Intersection: break;
    }
    if (prefix) {
      out += prefix;
      append_numbers(out, r->version);
      break;
    }
    bool is_union = r->op == Op::Union;
    if (is_union ? level > 0 : level > 1) {
      out += '(';
      ++closing;
    }
    append_range(out, r->operands[0], is_union ? 1 : 2);
    out += is_union ? " || " : " && ";
    level = is_union ? 0 : 1;
    r = &r->operands[1];
  }
  out.append(closing, ')');
}

}  // namespace

void append_version(std::string& out, const Version& v) { append_numbers(out, v); }

void append_version_range(std::string& out, const VersionRange& r) { append_range(out, r, 0); }

std::string to_string(const Version& v) {
  std::string out;
  append_numbers(out, v);
  return out;
}

std::string to_string(const VersionRange& r) {
  std::string out;
  append_range(out, r, 0);
  return out;
}

VersionRange intersect(VersionRange a, VersionRange b) {
  return make_node(VersionRange::Op::Intersection, std::move(a), std::move(b));
}

VersionRange unite(VersionRange a, VersionRange b) {
  return make_node(VersionRange::Op::Union, std::move(a), std::move(b));
}

Version major_upper_bound(const Version& v) {
  if (v.numbers.empty()) return Version{{0, 1}};
  if (v.numbers.size() == 1) return Version{{v.numbers[0], 1}};
  return Version{{v.numbers[0], v.numbers[1] + 1}};
}

Version wildcard_upper_bound(const Version& v) {
  Version u = v;
  if (!u.numbers.empty()) ++u.numbers.back();
  return u;
}

bool VersionRange::contains(const Version& v) const {
  // Along the right operands by a loop: the parser nests `a || b || c` to the right.
  const VersionRange* r = this;
  for (;;) {
    switch (r->op) {
      case Op::This: return v == r->version;
      case Op::Later: return v > r->version;
      case Op::OrLater: return v >= r->version;
      case Op::Earlier: return v < r->version;
      case Op::OrEarlier: return v <= r->version;
      case Op::MajorBound: return v >= r->version && v < major_upper_bound(r->version);
      case Op::Union:
        if (r->operands[0].contains(v)) return true;
        break;
      case Op::Intersection:
        if (!r->operands[0].contains(v)) return false;
        break;
    }
    r = &r->operands[1];
  }
}

// ---- intervals (Distribution.Types.VersionInterval) -----------------------

namespace {

using Intervals = std::vector<VersionInterval>;

VersionInterval interval(Version lo, bool lo_incl, const Version* hi, bool hi_incl) {
  VersionInterval i;
  i.lower = std::move(lo);
  i.lower_inclusive = lo_incl;
  if (hi) {
    i.has_upper = true;
    i.upper = *hi;
    i.upper_inclusive = hi_incl;
  }
  return i;
}

bool non_empty(const VersionInterval& i) {
  if (!i.has_upper) return true;
  return i.lower < i.upper ||
         (i.lower == i.upper && i.lower_inclusive && i.upper_inclusive);
}

// The upper bound u ends before lower bound l starts, without touching.
bool does_not_touch(const VersionInterval& a, const VersionInterval& b) {
  if (!a.has_upper) return false;
  return a.upper < b.lower ||
         (a.upper == b.lower && !a.upper_inclusive && !b.lower_inclusive);
}

// Sort by lower bound (inclusive first), then merge overlapping or touching
// neighbours (Cabal's stage2 and stage3).
Intervals sort_and_merge(Intervals xs) {
  std::stable_sort(xs.begin(), xs.end(), [](const VersionInterval& a, const VersionInterval& b) {
    if (a.lower != b.lower) return a.lower < b.lower;
    return a.lower_inclusive && !b.lower_inclusive;
  });
  Intervals out;
  for (auto& x : xs) {
    if (!out.empty()) {
      auto& last = out.back();
      if (!last.has_upper) break;  // everything after is covered
      if (!does_not_touch(last, x)) {
        // union of upper bounds
        if (!x.has_upper) {
          last.has_upper = false;
          last.upper = Version{};
        } else if (x.upper > last.upper) {
          last.upper = x.upper;
          last.upper_inclusive = x.upper_inclusive;
        } else if (x.upper == last.upper) {
          last.upper_inclusive = last.upper_inclusive || x.upper_inclusive;
        }
        continue;
      }
    }
    out.push_back(std::move(x));
  }
  return out;
}

VersionInterval intersect_interval(const VersionInterval& a, const VersionInterval& b) {
  VersionInterval r;
  if (a.lower == b.lower) {
    r.lower = a.lower;
    r.lower_inclusive = a.lower_inclusive && b.lower_inclusive;
  } else {
    const auto& hi = a.lower < b.lower ? b : a;
    r.lower = hi.lower;
    r.lower_inclusive = hi.lower_inclusive;
  }
  if (!a.has_upper || !b.has_upper) {
    const auto& u = a.has_upper ? a : b;
    r.has_upper = u.has_upper;
    r.upper = u.upper;
    r.upper_inclusive = u.upper_inclusive;
  } else if (a.upper == b.upper) {
    r.has_upper = true;
    r.upper = a.upper;
    r.upper_inclusive = a.upper_inclusive && b.upper_inclusive;
  } else {
    const auto& lo = a.upper < b.upper ? a : b;
    r.has_upper = true;
    r.upper = lo.upper;
    r.upper_inclusive = lo.upper_inclusive;
  }
  return r;
}

Intervals leaf_intervals(const VersionRange& r) {
  using Op = VersionRange::Op;
  const Version zero{{0}};
  switch (r.op) {
    case Op::This: return {interval(r.version, true, &r.version, true)};
    case Op::Later: return {interval(r.version, false, nullptr, false)};
    case Op::OrLater: return {interval(r.version, true, nullptr, false)};
    case Op::Earlier:
      if (r.version == zero) return {};
      return {interval(zero, true, &r.version, false)};
    case Op::OrEarlier: return {interval(zero, true, &r.version, true)};
    case Op::MajorBound: {
      Version u = major_upper_bound(r.version);
      return {interval(r.version, true, &u, false)};
    }
    case Op::Union:
    case Op::Intersection: break;
  }
  return {};
}

Intervals intersect_intervals(const Intervals& a, const Intervals& b) {
  Intervals out;
  for (const auto& x : a)
    for (const auto& y : b) {
      VersionInterval i = intersect_interval(x, y);
      if (non_empty(i)) out.push_back(std::move(i));
    }
  return out;
}

// Cabal's stage1: unions concatenate, intersections normalise both sides
// first. A chain of one operator (the parser nests it to the right) is walked
// by a loop, not recursion, so 100,000 operands take one stack frame; the
// sets are the same, and as_version_intervals normalises the result.
Intervals stage1(const VersionRange& range) {
  using Op = VersionRange::Op;
  if (range.op != Op::Union && range.op != Op::Intersection) return leaf_intervals(range);
  const Op op = range.op;
  const VersionRange* r = &range;
  Intervals acc = op == Op::Union ? stage1(r->operands[0]) : sort_and_merge(stage1(r->operands[0]));
  for (r = &r->operands[1]; r->op == op; r = &r->operands[1]) {
    Intervals next = stage1(r->operands[0]);
    if (op == Op::Union) acc.insert(acc.end(), std::make_move_iterator(next.begin()), std::make_move_iterator(next.end()));
    else acc = sort_and_merge(intersect_intervals(acc, sort_and_merge(std::move(next))));
  }
  Intervals last = stage1(*r);
  if (op == Op::Union) acc.insert(acc.end(), std::make_move_iterator(last.begin()), std::make_move_iterator(last.end()));
  else acc = intersect_intervals(acc, sort_and_merge(std::move(last)));
  return acc;
}

}  // namespace

std::vector<VersionInterval> as_version_intervals(const VersionRange& r) {
  return sort_and_merge(stage1(r));
}

bool is_any_version(const VersionRange& r) {
  auto is = as_version_intervals(r);
  return is.size() == 1 && is[0].lower_inclusive && !is[0].has_upper &&
         is[0].lower == Version{{0}};
}

// ---- parsing ---------------------------------------------------------------

namespace {

// Cabal's isOpChar; '-' (for -any / -none) only before cabal-version 3.4.
bool is_op_char(char32_t c, CabalSpec spec) {
  return c == '<' || c == '=' || c == '>' || c == '^' || (c == '-' && spec < CabalSpec::V3_4);
}

bool next_is_digit(const ValueCursor& cur) {
  return !cur.at_end() && is_hs_digit(static_cast<unsigned char>(cur.text()[cur.offset()]));
}

// One dot-separated part of a version. Cabal's versionDigitParser forbids
// leading zeros and more than 9 digits; P.integral (pkg-config before 3.0)
// takes any run of digits.
bool read_digits(ValueCursor& cur, bool integral, int& out) {
  size_t start = cur.offset();
  std::string_view text = cur.text();
  size_t end = start;
  while (end < text.size() && text[end] >= '0' && text[end] <= '9') ++end;
  if (end == start) return cur.fail_expecting("a version number");
  std::string_view run = text.substr(start, end - start);
  if (!integral) {
    // Reported after the digits, where Cabal's versionDigitParser stands.
    if (run.size() > 1 && run[0] == '0') {
      cur.seek(end);
      return cur.fail("version number part '" + std::string(run) +
                      "' has a leading zero, expected a number without leading zeros");
    }
    if (run.size() > 9) {
      cur.seek(end);
      return cur.fail("version number part '" + std::string(run) +
                      "' is too long, expected at most 9 digits");
    }
  }
  // P.integral overflows like Haskell's Int; keep the low bits.
  uint64_t n = 0;
  for (char c : run) n = n * 10 + static_cast<uint64_t>(c - '0');
  out = static_cast<int>(n);
  cur.seek(end);
  return true;
}

// `-tag` suffixes: accepted, dropped, warned about.
bool read_tags(ValueCursor& cur) {
  bool any = false;
  while (!cur.at_end() && cur.text()[cur.offset()] == '-') {
    cur.next();
    if (cur.munch(is_hs_alnum).empty())
      return cur.fail_expecting("letters or digits of a version tag after '-'");
    any = true;
  }
  if (any) cur.warn("version with tags");
  return true;
}

bool read_version(ValueCursor& cur, bool integral, bool tags, Version& out) {
  out.numbers.clear();
  out.numbers.reserve(4);
  int n;
  if (!read_digits(cur, integral, n)) return false;
  out.numbers.push_back(n);
  while (cur.eat('.')) {
    if (!read_digits(cur, integral, n)) return false;
    out.numbers.push_back(n);
  }
  return !tags || read_tags(cur);
}

class RangeParser {
 public:
  RangeParser(ValueCursor& cur, bool integral) : cur_(cur), spec_(cur.spec()), integral_(integral) {}

  // expr: terms separated by `||`, right-nested as Cabal builds them.
  bool expr(VersionRange& out, int depth) {
    if (depth > kMaxDepth) return cur_.fail("version range nested too deeply");
    cur_.skip_spaces();
    return chain(out, depth, '|', VersionRange::Op::Union);
  }

 private:
  static constexpr int kMaxDepth = 200;

  char peek() const { return cur_.at_end() ? '\0' : cur_.text()[cur_.offset()]; }


  static VersionRange fold_right(std::vector<VersionRange>& parts, VersionRange::Op op) {
    VersionRange r = std::move(parts.back());
    for (size_t i = parts.size() - 1; i-- > 0;) r = make_node(op, std::move(parts[i]), std::move(r));
    return r;
  }

  // `a op b op c` as a op (b op c). With op '|' the operands are terms
  // (factors joined by `&&`, which binds tighter); with '&' they are factors.
  // Trailing spaces are consumed, as Cabal's expr and term do.
  bool chain(VersionRange& out, int depth, char sym, VersionRange::Op op) {
    auto operand = [&](VersionRange& r) {
      return sym == '|' ? chain(r, depth, '&', VersionRange::Op::Intersection) : factor(r, depth);
    };
    const char twice[3] = {sym, sym, '\0'};
    // The operator between two operands, with Cabal's checks.
    auto separator = [&] {
      if (!cur_.eat(std::string_view(twice, 2))) {
        cur_.next();  // a single '|' or '&'
        return cur_.fail("unexpected " + cur_.describe_next() + " after '" + std::string(1, sym) +
                         "', expecting '" + twice + "'");
      }
      check_operator_spec();
      cur_.skip_spaces();
      return true;
    };
    if (!operand(out)) return false;
    cur_.skip_spaces();
    if (peek() != sym) return true;  // the common case: one operand
    // Two operands (`>=1 && <2`) need no list of parts.
    if (!separator()) return false;
    VersionRange second{VersionRange::Op::OrLater, Version{}, {}};  // set by operand(): no version 0 to allocate
    if (!operand(second)) return false;
    cur_.skip_spaces();
    if (peek() != sym) {
      out = make_node(op, std::move(out), std::move(second));
      return true;
    }
    std::vector<VersionRange> parts;
    parts.push_back(std::move(out));
    parts.push_back(std::move(second));
    while (peek() == sym) {
      if (!separator()) return false;
      parts.emplace_back();
      if (!operand(parts.back())) return false;
      cur_.skip_spaces();
    }
    out = fold_right(parts, op);
    return true;
  }

  bool factor(VersionRange& out, int depth) {
    if (peek() != '(') return prim(out);
    size_t open = cur_.offset();
    cur_.eat('(');
    cur_.skip_spaces();
    if (!expr(out, depth + 1)) return false;
    cur_.skip_spaces();
    if (!cur_.eat(')')) {
      return cur_.fail("unexpected " + cur_.describe_next() +
                       ", expecting ')' to close the '(' at offset " + std::to_string(open) +
                       " or '&&' or '||'");
    }
    cur_.skip_spaces();
    return true;
  }

  bool prim(VersionRange& out) {
    using Op = VersionRange::Op;
    size_t op_start = cur_.offset();
    std::string_view op = cur_.munch([this](char32_t c) { return is_op_char(c, spec_); });
    if (op.empty()) {
      if (peek() == '-' && (cur_.text().substr(op_start, 4) == "-any" ||
                            cur_.text().substr(op_start, 5) == "-none"))
        return cur_.fail("'-any' and '-none' are not allowed from cabal-version 3.4; use '>=0' or '<0'");
      return cur_.fail_expecting("a version operator (==, >=, >, <=, <, ^>=) or '('");
    }
    if (op == "-") {
      if (cur_.eat("any")) {
        // `>=0`, in place (out's storage is reused).
        out.op = Op::OrLater;
        out.operands.clear();
        out.version.numbers.assign(1, 0);
        return true;
      }
      if (cur_.eat("none")) {
        if (spec_ < CabalSpec::V1_22)
          return cur_.fail("'-none' needs cabal-version 1.22 or later; write '<0' (or another empty range) instead");
        out = make_range(Op::Earlier, Version{{0}});
        return true;
      }
      return cur_.fail_expecting("'any' or 'none' after '-'");
    }
    if (op == "==") return after_eq(out);
    if (op == "^>=") return after_caret(out);

    Op kind = Op::This;
    bool known = true;
    if (op == ">=") kind = Op::OrLater;
    else if (op == ">") kind = Op::Later;
    else if (op == "<=") kind = Op::OrEarlier;
    else if (op == "<") kind = Op::Earlier;
    else known = false;  // reported after the version, as Cabal does
    cur_.skip_spaces();
    if (peek() == '{')
      return cur_.fail("unexpected '{' after '" + std::string(op) +
                       "', expecting a version (only '==' and '^>=' take a version set {...})");
    bool wild;
    Version& v = out.version;  // read in place
    if (!version_or_wildcard(wild, v)) return false;
    // Errors after a version are reported where Cabal reports them: after it.
    if (wild)
      return cur_.fail("wildcard version '" + to_string(v) + ".*' after '" + std::string(op) +
                       "', expected a plain version (only '==' takes a version ending in '.*')");
    if (!known)
      return cur_.fail("unknown version operator '" + std::string(op) +
                       "', expected one of ==, >=, >, <=, <, ^>=");
    out.op = kind;
    out.operands.clear();
    return true;
  }

  // ==v, ==v.* (>=v && <v+1), =={v1, v2} (==v1 || ==v2)
  bool after_eq(VersionRange& out) {
    using Op = VersionRange::Op;
    cur_.skip_spaces();
    if (peek() == '{') return version_set(out, Op::This);
    if (!next_is_digit(cur_)) return cur_.fail_expecting("a version or '{' after '=='");
    bool wild;
    if (!version_or_wildcard(wild, out.version)) return false;  // read in place
    if (!wild) {
      out.op = Op::This;
      out.operands.clear();
      return true;
    }
    if (spec_ < CabalSpec::V1_6)
      cur_.warn("Wildcard syntax used. To use version wildcards the package needs to specify at least 'cabal-version: >= 1.6'.");
    Version lower = std::move(out.version);
    Version upper = wildcard_upper_bound(lower);
    out = intersect(make_range(Op::OrLater, std::move(lower)), make_range(Op::Earlier, std::move(upper)));
    return true;
  }

  bool after_caret(VersionRange& out) {
    using Op = VersionRange::Op;
    cur_.skip_spaces();
    if (peek() == '{') return version_set(out, Op::MajorBound);
    if (!next_is_digit(cur_)) return cur_.fail_expecting("a version or '{' after '^>='");
    bool wild;
    Version& v = out.version;  // read in place
    if (!version_or_wildcard(wild, v)) return false;
    if (wild)
      return cur_.fail("wildcard version '" + to_string(v) + ".*' after '^>=', expected a plain version such as '^>=" +
                       to_string(v) + "'");
    if (spec_ < CabalSpec::V2_0) {
      Version upper = major_upper_bound(v);
      return cur_.fail("'^>=' needs cabal-version 2.0 or later; write '" +
                       to_string(intersect(make_range(Op::OrLater, v), make_range(Op::Earlier, upper))) +
                       "' instead");
    }
    out.op = Op::MajorBound;
    out.operands.clear();
    return true;
  }

  // Digits and dots, then either `.*` (a wildcard) or optional `-tag`s.
  bool version_or_wildcard(bool& wild, Version& v) {
    wild = false;
    v.numbers.clear();
    // Room for every part at once (v's storage is reused when it is enough).
    {
      std::string_view text = cur_.text();
      size_t parts = 1;
      for (size_t i = cur_.offset(); i < text.size() && ((text[i] >= '0' && text[i] <= '9') || text[i] == '.'); ++i)
        parts += text[i] == '.';
      v.numbers.reserve(parts);
    }
    int n;
    if (!read_digits(cur_, integral_, n)) return false;
    v.numbers.push_back(n);
    while (cur_.eat('.')) {
      if (cur_.eat('*')) {
        wild = true;
        return true;
      }
      if (!next_is_digit(cur_)) return cur_.fail_expecting("a digit or '*' after '.'");
      if (!read_digits(cur_, integral_, n)) return false;
      v.numbers.push_back(n);
    }
    return read_tags(cur_);
  }

  // { v1, v2, ... }: plain versions (no tags, no wildcards), from 3.0.
  bool version_set(VersionRange& out, VersionRange::Op op) {
    cur_.eat('{');
    cur_.skip_spaces();
    std::vector<VersionRange> parts;
    while (true) {
      Version v;
      if (!read_version(cur_, integral_, false, v)) return false;
      parts.push_back(make_range(op, std::move(v)));
      cur_.skip_spaces();
      if (!cur_.eat(',')) break;
      cur_.skip_spaces();
    }
    if (!cur_.eat('}')) return cur_.fail_expecting("',' or '}' in a version set");
    VersionRange r = fold_right(parts, VersionRange::Op::Union);
    if (spec_ < CabalSpec::V3_0)
      return cur_.fail("version set syntax needs cabal-version 3.0 or later; write '" + to_string(r) + "' instead");
    out = std::move(r);
    return true;
  }

  void check_operator_spec() {
    if (spec_ < CabalSpec::V1_8)
      cur_.warn("version operators used. To use version operators the package needs to specify at least 'cabal-version: >= 1.8'.");
  }

  ValueCursor& cur_;
  CabalSpec spec_;
  bool integral_;
};

// Run a parser over a whole text as a field value is run: spaces around it
// are allowed, anything else left over is an error.
template <class F>
bool parse_whole(std::string_view text, CabalSpec spec, std::string* error, F parse) {
  ValueDiags diags;
  ValueCursor cur(text, spec, diags);
  cur.skip_spaces();
  bool ok = parse(cur);
  if (ok) {
    cur.skip_spaces();
    if (!cur.at_end()) ok = cur.fail_expecting("end of input");
  }
  if (!ok && error) {
    for (const auto& d : diags)
      if (d.is_error) {
        *error = d.message;
        break;
      }
  }
  return ok;
}

}  // namespace

bool version_range_starts(const ValueCursor& cur) {
  if (cur.at_end()) return false;
  char c = cur.text()[cur.offset()];
  return c == '(' || is_op_char(static_cast<unsigned char>(c), cur.spec());
}

bool parse_version(ValueCursor& cur, Version& out) {
  return read_version(cur, false, true, out);
}

bool parse_version_range(ValueCursor& cur, VersionRange& out) {
  return RangeParser(cur, false).expr(out, 0);
}

bool parse_version_range_integral_digits(ValueCursor& cur, VersionRange& out) {
  return RangeParser(cur, true).expr(out, 0);
}

bool parse_version(std::string_view text, Version& out) {
  return parse_whole(text, kLatestCabalSpec, nullptr,
                     [&](ValueCursor& cur) { return parse_version(cur, out); });
}

bool parse_version_range(std::string_view text, CabalSpec spec, VersionRange& out,
                         std::string* error) {
  return parse_whole(text, spec, error,
                     [&](ValueCursor& cur) { return parse_version_range(cur, out); });
}

}  // namespace mhu::cabal
