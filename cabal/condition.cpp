#include "cabal/condition.h"

#include "cabal/simple_values.h"

namespace mhu::cabal {

namespace {

// Cabal's parsecIdent for OS and Arch names: a letter, then letters, digits, `_`, `-`.
bool is_ident(std::string_view s) {
  if (s.empty() || !((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z') ||
                     static_cast<unsigned char>(s[0]) >= 0x80))
    return false;
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-' || static_cast<unsigned char>(c) >= 0x80;
    if (!ok) return false;
  }
  return true;
}

// The digits of `== 1.2.*` in a condition: "1.2." read as Cabal's
// `some (integral <* char '.')`, which (unlike a version) allows leading zeros.
bool wildcard_digits(std::string_view text, Version& out) {
  out.numbers.clear();
  size_t i = 0;
  while (i < text.size()) {
    long long n = 0;
    size_t start = i;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
      n = n * 10 + (text[i] - '0');
      if (n > 0x7fffffff) return false;
    }
    if (i == start || i >= text.size() || text[i] != '.') return false;
    ++i;
    out.numbers.push_back(static_cast<int>(n));
  }
  return !out.numbers.empty();
}

// A recursive-descent parser over section arguments, as Cabal's ConfVar parser.
class ConditionParser {
 public:
  ConditionParser(const std::vector<SectionArg>& args, Position section_pos, Diagnostics& diags)
      : args_(args), section_pos_(section_pos), diags_(diags) {}

  // Parentheses and `!` nest at most this deep (as version ranges, whose
  // parser has the same limit): each level is a recursion here and in
  // evaluate().
  static constexpr int kMaxDepth = 200;
  // A chain `a && b && ...` is a tree as deep as it is long (and so is one
  // of version ranges in impl()); the operators are counted for the same reason.
  static constexpr int kMaxBinaryOperators = 1000;

  // One level of nesting while it lives; ok() is false (and the error
  // recorded) past the limit.
  class Deeper {
   public:
    explicit Deeper(ConditionParser& p) : p_(p), ok_(++p.depth_ <= kMaxDepth) {
      if (!ok_) p.fail("nested too deeply (more than " + std::to_string(kMaxDepth) + " levels)");
    }
    ~Deeper() { --p_.depth_; }
    bool ok() const { return ok_; }

   private:
    ConditionParser& p_;
    bool ok_;
  };

  bool parse(Condition& out) {
    if (!cond_or(out)) return false;
    if (i_ < args_.size()) return fail("unexpected " + describe(args_[i_]) + ", expecting \"&&\" or \"||\"");
    return true;
  }

 private:
  static std::string describe(const SectionArg& a) {
    const char* kind = a.kind == SectionArg::Kind::Str ? "string" : a.kind == SectionArg::Kind::Other ? "operator" : "symbol";
    return std::string(kind) + " \"" + std::string(a.text) + "\"";
  }
  Position here() const { return i_ < args_.size() ? args_[i_].pos : section_pos_; }
  bool fail(std::string msg) {
    diags_.error(here(), "invalid condition: " + msg);
    return false;
  }
  bool fail_expecting(const char* what) {
    if (i_ >= args_.size()) return fail(std::string("unexpected end of condition, expecting ") + what);
    return fail("unexpected " + describe(args_[i_]) + ", expecting " + what);
  }
  bool is(SectionArg::Kind kind, std::string_view text) const {
    return i_ < args_.size() && args_[i_].kind == kind && args_[i_].text == text;
  }
  bool oper(std::string_view o) {
    if (!is(SectionArg::Kind::Other, o)) return false;
    if ((o == "&&" || o == "||") && ++binary_operators_ > kMaxBinaryOperators) {
      if (!too_many_operators_) fail("more than " + std::to_string(kMaxBinaryOperators) + " '&&' and '||' operators");
      too_many_operators_ = true;  // the caller's loop stops and fails
      return false;
    }
    ++i_;
    return true;
  }
  bool name_token(std::string_view& out) {
    if (i_ >= args_.size() || args_[i_].kind != SectionArg::Kind::Name) return false;
    out = args_[i_++].text;
    return true;
  }

  bool cond_or(Condition& out) {
    if (!cond_and(out)) return false;
    while (oper("||")) {
      Condition rhs;
      if (!cond_and(rhs)) return false;
      out = binary(Condition::Kind::Or, std::move(out), std::move(rhs));
    }
    return !too_many_operators_;
  }
  bool cond_and(Condition& out) {
    if (!cond(out)) return false;
    while (oper("&&")) {
      Condition rhs;
      if (!cond(rhs)) return false;
      out = binary(Condition::Kind::And, std::move(out), std::move(rhs));
    }
    return !too_many_operators_;
  }
  static Condition binary(Condition::Kind kind, Condition a, Condition b) {
    Condition c;
    c.kind = kind;
    c.operands.push_back(std::move(a));
    c.operands.push_back(std::move(b));
    return c;
  }

  bool cond(Condition& out) {
    if (i_ < args_.size() && args_[i_].kind == SectionArg::Kind::Name) {
      std::string_view t = args_[i_].text;
      if (t == "True" || t == "true" || t == "False" || t == "false") {
        ++i_;
        out.kind = Condition::Kind::Literal;
        out.value = t[0] == 'T' || t[0] == 't';
        return true;
      }
      if (t == "os" || t == "arch" || t == "flag" || t == "impl") {
        ++i_;
        return variable(t, out);
      }
      return fail_expecting("a condition (flag(), os(), arch(), impl(), true or false)");
    }
    if (oper("(")) {
      Deeper d(*this);
      if (!d.ok() || !cond_or(out)) return false;
      if (!oper(")")) return fail_expecting("\")\"");
      return true;
    }
    if (oper("!")) {
      Condition inner;
      Deeper d(*this);
      if (!d.ok() || !cond(inner)) return false;
      out.kind = Condition::Kind::Not;
      out.operands.push_back(std::move(inner));
      return true;
    }
    return fail_expecting("a condition (flag(), os(), arch(), impl(), true or false)");
  }

  bool variable(std::string_view fn, Condition& out) {
    if (!oper("(")) return fail_expecting("\"(\"");
    std::string_view arg;
    Position arg_pos = here();
    if (!name_token(arg)) return fail_expecting(fn == "flag" ? "a flag name" : "a name");
    if (fn == "flag") {
      out.kind = Condition::Kind::Flag;
      if (!parse_flag_name_text(arg, out.name)) {
        diags_.error(arg_pos, "invalid flag name '" + std::string(arg) + "'");
        return false;
      }
    } else if (fn == "os" || fn == "arch") {
      if (!is_ident(arg)) {
        diags_.error(arg_pos, "invalid " + std::string(fn) + " name '" + std::string(arg) + "'");
        return false;
      }
      out.kind = fn == "os" ? Condition::Kind::Os : Condition::Kind::Arch;
      out.name = fn == "os" ? canonical_os(arg) : ascii_lower(arg);
    } else {
      out.kind = Condition::Kind::Impl;
      if (!parse_compiler_flavor_text(arg, out.name)) {
        diags_.error(arg_pos, "invalid compiler name '" + std::string(arg) + "'");
        return false;
      }
      if (!is(SectionArg::Kind::Other, ")") && !range_expr(out.range)) return false;
    }
    if (!oper(")")) return fail_expecting("\")\"");
    return true;
  }

  // The version-range grammar of conditions, over section-argument tokens.
  bool range_expr(VersionRange& out) {
    if (!range_term(out)) return false;
    while (oper("||")) {
      VersionRange rhs;
      if (!range_term(rhs)) return false;
      out = unite(std::move(out), std::move(rhs));
    }
    return !too_many_operators_;
  }
  bool range_term(VersionRange& out) {
    if (!range_factor(out)) return false;
    while (oper("&&")) {
      VersionRange rhs;
      if (!range_factor(rhs)) return false;
      out = intersect(std::move(out), std::move(rhs));
    }
    return !too_many_operators_;
  }
  bool range_factor(VersionRange& out) {
    if (oper("(")) {
      Deeper d(*this);
      if (!d.ok() || !range_expr(out)) return false;
      if (!oper(")")) return fail_expecting("\")\"");
      return true;
    }
    if (is(SectionArg::Kind::Name, "-any")) {
      ++i_;
      out = VersionRange::any();
      return true;
    }
    if (is(SectionArg::Kind::Name, "-none")) {
      ++i_;
      out = make_range(VersionRange::Op::Earlier, Version{{0}});
      return true;
    }
    static constexpr std::pair<std::string_view, VersionRange::Op> kOps[] = {
        {"<", VersionRange::Op::Earlier},   {"<=", VersionRange::Op::OrEarlier},
        {">", VersionRange::Op::Later},     {">=", VersionRange::Op::OrLater},
        {"^>=", VersionRange::Op::MajorBound}, {"==", VersionRange::Op::This},
    };
    for (auto [text, op] : kOps) {
      if (!is(SectionArg::Kind::Other, text)) continue;
      size_t start = i_++;
      std::string_view v;
      if (!name_token(v)) {
        i_ = start;
        return fail_expecting("a version after the operator");
      }
      // `== 1.2.*` arrives as the name "1.2." and the operator "*".
      if (op == VersionRange::Op::This && v.size() > 1 && v.back() == '.' && is(SectionArg::Kind::Other, "*")) {
        ++i_;
        Version lo;
        if (!wildcard_digits(v, lo)) return fail("invalid version '" + std::string(v) + "*'");
        Version hi = wildcard_upper_bound(lo);
        out = intersect(make_range(VersionRange::Op::OrLater, lo), make_range(VersionRange::Op::Earlier, hi));
        return true;
      }
      Version ver;
      if (!parse_version(v, ver)) {
        --i_;
        return fail("invalid version '" + std::string(v) + "'");
      }
      out = make_range(op, std::move(ver));
      return true;
    }
    return fail_expecting("a version range");
  }

  int depth_ = 0;
  int binary_operators_ = 0;
  bool too_many_operators_ = false;
  const std::vector<SectionArg>& args_;
  size_t i_ = 0;
  Position section_pos_;
  Diagnostics& diags_;
};

}  // namespace

std::string canonical_os(std::string_view name) {
  std::string os = ascii_lower(name);
  if (os == "mingw32" || os == "win32") return "windows";
  if (os == "darwin") return "osx";
  if (os == "gnu") return "hurd";
  if (os == "kfreebsdgnu") return "freebsd";
  if (os == "solaris2") return "solaris";
  if (os == "linux-android") return "android";
  return os;
}

bool parse_condition(const std::vector<SectionArg>& args, Position section_pos, Condition& out,
                     Diagnostics& diags) {
  ConditionParser p(args, section_pos, diags);
  return p.parse(out);
}

void collect_flags(const Condition& c, std::vector<std::string>& out) {
  if (c.kind == Condition::Kind::Flag) out.push_back(c.name);
  for (const auto& o : c.operands) collect_flags(o, out);
}

}  // namespace mhu::cabal
