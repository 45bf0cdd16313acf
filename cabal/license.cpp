#include "cabal/license.h"

#include <algorithm>
#include <cstdint>
#include <iterator>

#include "cabal/version.h"

namespace mhu::cabal {

namespace {

struct SpdxIdEntry {
  std::string_view id;
  uint8_t lists;  // bit i: in SpdxListVersion i
};

#include "cabal/spdx_table.inc"

bool in_table(const SpdxIdEntry* begin, const SpdxIdEntry* end, std::string_view id,
              SpdxListVersion list) {
  auto it = std::lower_bound(begin, end, id,
                             [](const SpdxIdEntry& e, std::string_view s) { return e.id < s; });
  return it != end && it->id == id && (it->lists >> static_cast<int>(list)) & 1;
}

// idstring = 1*(ALPHA / DIGIT / "-" / ".") -- ASCII only (isAsciiAlphaNum).
bool is_idchar(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.';
}

// A parsed (sub)expression, rendered as Cabal's Pretty LicenseExpression does:
// `text` is the rendering in an OR operand (no parentheses needed); anywhere
// else an OR expression is parenthesised.
struct Rendered {
  std::string text;
  bool is_or = false;
  std::string in_and_context() const { return is_or ? "(" + text + ")" : text; }
};

class SpdxParser {
 public:
  SpdxParser(ValueCursor& cur) : cur_(cur), list_(spdx_list_version(cur.spec())) {}

  // compoundOr
  bool expr(Rendered& out) {
    Rendered x;
    if (!compound_and(x)) return false;
    if (operator_word("OR")) {
      Rendered rhs;
      if (!expr(rhs)) return false;
      out.text = x.text + " OR " + rhs.text;
      out.is_or = true;
      return true;
    }
    out = std::move(x);
    return true;
  }

 private:
  // P.try (spaces1 *> P.string word *> spaces1): consumes nothing unless all match.
  bool operator_word(std::string_view word) {
    size_t save = cur_.offset();
    if (cur_.skip_spaces1() && cur_.eat(word) && cur_.skip_spaces1()) return true;
    cur_.seek(save);
    return false;
  }

  bool compound_and(Rendered& out) {
    Rendered x;
    if (!compound(x)) return false;
    if (operator_word("AND")) {
      Rendered rhs;
      if (!compound_and(rhs)) return false;
      out.text = x.in_and_context() + " AND " + rhs.in_and_context();
      out.is_or = false;
      return true;
    }
    out = std::move(x);
    return true;
  }

  bool compound(Rendered& out) {
    if (cur_.eat('(')) {
      // braces: "(" spaces expr ")" -- no spaces allowed before ")".
      cur_.skip_spaces();
      if (!expr(out)) return false;
      if (!cur_.eat(')'))
        return cur_.fail("unexpected " + cur_.describe_next() +
                         " in SPDX license expression, expecting ')', AND, OR or WITH");
      return true;
    }
    return simple(out);
  }

  // simple expression, then an optional `WITH exception`.
  bool simple(Rendered& out) {
    std::string lic;
    if (!simple_license(lic)) return false;
    if (operator_word("WITH")) {
      auto exc = cur_.munch(is_idchar);
      if (exc.empty())
        return cur_.fail_expecting("an SPDX license exception identifier after WITH");
      if (!is_spdx_exception_id(exc, list_))
        return cur_.fail("Unknown SPDX license exception identifier: " + std::string(exc));
      lic += " WITH ";
      lic += exc;
    }
    out.text = std::move(lic);
    out.is_or = false;
    return true;
  }

  // SimpleLicenseExpression: license id ["+"], LicenseRef-x, DocumentRef-x:LicenseRef-y.
  bool simple_license(std::string& out) {
    auto n = cur_.munch(is_idchar);
    if (n.empty())
      return cur_.fail_expecting("an SPDX license identifier, LicenseRef-, DocumentRef- or '('");
    constexpr std::string_view kLicenseRef = "LicenseRef-";
    constexpr std::string_view kDocumentRef = "DocumentRef-";
    if (n.substr(0, kLicenseRef.size()) == kLicenseRef) {
      out.assign(n);  // the rest may be empty: mkLicenseRef accepts it
      return true;
    }
    if (n.substr(0, kDocumentRef.size()) == kDocumentRef) {
      if (!cur_.eat(":LicenseRef-"))
        return cur_.fail("unexpected " + cur_.describe_next() + " after '" + std::string(n) +
                         "', expecting \":LicenseRef-\"");
      auto l = cur_.munch(is_idchar);
      if (l.empty())
        return cur_.fail("unexpected " + cur_.describe_next() +
                         ", expecting a license reference name after \"LicenseRef-\"");
      out.assign(n);
      out += ":LicenseRef-";
      out += l;
      return true;
    }
    if (!is_spdx_license_id(n, list_)) {
      // Cabal reports this after the identifier, with its migration hint.
      return cur_.fail(unknown_license_message(n));
    }
    out.assign(n);
    if (cur_.eat('+')) out += '+';
    return true;
  }

  // Cabal: "Unknown SPDX license identifier: 'X' <migration hint>". We also
  // name the license list the spec version selects, and the lists that do
  // have the identifier (it may have been added or dropped since).
  std::string unknown_license_message(std::string_view n) const {
    static constexpr const char* kListNames[] = {"3.0", "3.2", "3.6", "3.9", "3.10", "3.16", "3.23"};
    std::string m = "Unknown SPDX license identifier: '" + std::string(n) +
                    "', expected an identifier of SPDX License List " + kListNames[static_cast<int>(list_)] +
                    " (the list for cabal-version " + spec_to_string(cur_.spec()) + ")";
    std::string others;
    int count = 0;
    for (int l = 0; l < 7; ++l)
      if (is_spdx_license_id(n, static_cast<SpdxListVersion>(l)))
        others += std::string(count++ ? ", " : "") + kListNames[l];
    if (count) m += ", but '" + std::string(n) + "' is only in list" + (count > 1 ? "s " : " ") + others;
    std::string hint = spdx_migration_message(n);
    if (!hint.empty()) m += ". " + hint;
    return m;
  }

  ValueCursor& cur_;
  SpdxListVersion list_;
};

bool parse_legacy_license(ValueCursor& cur, std::string* pretty) {
  auto name = cur.munch(is_hs_alnum);
  if (name.empty())
    return cur.fail_expecting("a license name (e.g. BSD3, MIT, GPL-3, OtherLicense)");
  std::string out(name);
  // P.optional (P.char '-' *> parsec): once the '-' is taken, a version must follow.
  if (cur.eat('-')) {
    Version v;
    if (!parse_version(cur, v)) return false;
    out += '-';
    out += to_string(v);
  }
  // Every name is accepted (known ones, or UnknownLicense); all print back as
  // name[-version], the version without tags.
  if (pretty) *pretty = std::move(out);
  return true;
}

}  // namespace

SpdxListVersion spdx_list_version(CabalSpec spec) {
  switch (spec) {
    case CabalSpec::V3_12: return SpdxListVersion::V3_23;
    case CabalSpec::V3_8: return SpdxListVersion::V3_16;
    case CabalSpec::V3_6: return SpdxListVersion::V3_10;
    case CabalSpec::V3_4: return SpdxListVersion::V3_9;
    case CabalSpec::V3_0: return SpdxListVersion::V3_6;
    case CabalSpec::V2_4: return SpdxListVersion::V3_2;
    default: return SpdxListVersion::V3_0;
  }
}

bool is_spdx_license_id(std::string_view id, SpdxListVersion list) {
  return in_table(std::begin(kSpdxLicenseIds), std::end(kSpdxLicenseIds), id, list);
}

bool is_spdx_exception_id(std::string_view id, SpdxListVersion list) {
  return in_table(std::begin(kSpdxExceptionIds), std::end(kSpdxExceptionIds), id, list);
}

std::string spdx_migration_message(std::string_view l) {
  if (l == "GPL-2.0" || l == "GPL-3.0" || l == "LGPL-2.1" || l == "LGPL-3.0" || l == "AGPL-3.0") {
    std::string s(l);
    return "SPDX license list 3.0 deprecated suffixless variants of GNU family of licenses. Use " +
           s + "-only or " + s + "-or-later.";
  }
  if (l == "BSD3") return "Do you mean BSD-3-Clause?";
  if (l == "BSD2") return "Do you mean BSD-2-Clause?";
  if (l == "AllRightsReserved") return "You can use NONE as a value of license field.";
  if (l == "OtherLicense")
    return "SPDX license list contains plenty of licenses. See https://spdx.org/licenses/. Also they "
           "can be combined into complex expressions with AND and OR.";
  if (l == "PublicDomain")
    return "Public Domain is a complex matter. See "
           "https://wiki.spdx.org/view/Legal_Team/Decisions/Dealing_with_Public_Domain_within_SPDX_Files. "
           "Consider using a proper license.";
  return {};
}

bool parse_license(ValueCursor& cur, bool spdx, std::string* pretty) {
  if (!spdx) return parse_legacy_license(cur, pretty);
  // NONE <$ P.try (P.string "NONE") <|> License <$> parsec: a bare prefix
  // match, so "NONEX" is NONE followed by junk (an error at the caller).
  if (cur.eat("NONE")) {
    if (pretty) *pretty = "NONE";
    return true;
  }
  Rendered r;
  if (!SpdxParser(cur).expr(r)) return false;
  if (pretty) *pretty = r.in_and_context();
  return true;
}

}  // namespace mhu::cabal
