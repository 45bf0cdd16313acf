#include "cabal/simple_values.h"

#include <algorithm>
#include <iterator>

#include <utility>

namespace mhu::cabal {

namespace {

// Haskell's Data.Char.toLower (simple case mapping) for the scripts names are
// realistically written in: ASCII, Latin-1, Latin Extended-A, Greek, Cyrillic,
// Armenian, fullwidth Latin and the letter-like symbols that fold to ASCII.
char32_t to_lower(char32_t c) {
  if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c + 32 : c;
  if (c >= 0xC0 && c <= 0xDE) return c == 0xD7 ? c : c + 32;
  if (c >= 0x100 && c <= 0x17F) {
    if (c == 0x130) return 'i';
    if (c == 0x178) return 0xFF;
    if ((c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177)) return c | 1;
    if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) return (c & 1) ? c + 1 : c;
    return c;
  }
  if (c >= 0x386 && c <= 0x3AB) {
    if (c == 0x386) return 0x3AC;
    if (c >= 0x388 && c <= 0x38A) return c + 37;
    if (c == 0x38C) return 0x3CC;
    if (c == 0x38E || c == 0x38F) return c + 63;
    if (c >= 0x391 && c != 0x3A2) return c + 32;
    return c;
  }
  if (c >= 0x400 && c <= 0x40F) return c + 80;
  if (c >= 0x410 && c <= 0x42F) return c + 32;
  if ((c >= 0x460 && c <= 0x481) || (c >= 0x48A && c <= 0x4BF) || (c >= 0x4D0 && c <= 0x52F))
    return c | 1;
  if (c == 0x4C0) return 0x4CF;
  if (c >= 0x4C1 && c <= 0x4CE) return (c & 1) ? c + 1 : c;
  if (c >= 0x531 && c <= 0x556) return c + 48;
  if (c == 0x2126) return 0x3C9;  // OHM SIGN
  if (c == 0x212A) return 'k';    // KELVIN SIGN
  if (c == 0x212B) return 0xE5;   // ANGSTROM SIGN
  if (c >= 0xFF21 && c <= 0xFF3A) return c + 32;
  return c;
}

// map toLower over a UTF-8 string (well-formed: it comes from the cursor).
std::string lowercase_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  ValueDiags ignored;
  ValueCursor cur(s, kLatestCabalSpec, ignored);
  while (!cur.at_end()) append_utf8(out, to_lower(cur.next()));
  return out;
}


bool all_digits(std::string_view s) {
  for (char ch : s)
    if (ch < '0' || ch > '9') return false;
  return true;
}

// Run a cursor parser over a whole string with the latest spec (runParsecParser).
template <class F>
bool whole_text(std::string_view text, F parse) {
  ValueDiags diags;
  ValueCursor cur(text, kLatestCabalSpec, diags);
  return parse(cur) && cur.at_end();
}

// Cabal's parsecStandard: some (P.try (component <* P.char '-')), then a
// version; a component is letters/digits and not all digits.
bool parse_standard(ValueCursor& cur, std::string& name, Version& version, const char* what) {
  size_t start = cur.offset();
  name.clear();
  bool any = false;
  while (true) {
    size_t save = cur.offset();
    auto comp = cur.munch(is_hs_alnum);
    if (comp.empty() || all_digits(comp) || !cur.eat('-')) {
      cur.seek(save);
      break;
    }
    if (any) name += '-';
    name += comp;
    any = true;
  }
  if (!any) {
    cur.seek(start);
    return cur.fail_expecting(what);
  }
  if (!parse_version(cur, version)) return false;
  name = lowercase_utf8(name);
  return true;
}

constexpr std::pair<std::string_view, CompilerKind> kCompilers[] = {
    {"ghc", CompilerKind::GHC},     {"ghcjs", CompilerKind::GHCJS}, {"nhc98", CompilerKind::NHC},
    {"yhc", CompilerKind::YHC},     {"hugs", CompilerKind::Hugs},   {"hbc", CompilerKind::HBC},
    {"helium", CompilerKind::Helium}, {"jhc", CompilerKind::JHC},   {"lhc", CompilerKind::LHC},
    {"uhc", CompilerKind::UHC},     {"eta", CompilerKind::Eta},     {"mhs", CompilerKind::MHS},
};

bool is_flag_lead(char32_t c) { return is_hs_alnum(c) || c == '_'; }
bool is_flag_rest(char32_t c) { return is_hs_alnum(c) || c == '_' || c == '-'; }
bool is_repo_ident(char32_t c) { return is_hs_alnum(c) || c == '_' || c == '-'; }

}  // namespace

// ---- Bool --------------------------------------------------------------------

bool parse_bool(ValueCursor& cur, bool& out) {
  auto word = cur.munch(is_hs_alpha);
  if (word.empty())
    return cur.fail_expecting("a boolean (True or False)");
  if (word == "True" || word == "False") {
    out = word == "True";
    return true;
  }
  std::string lower = lowercase_utf8(word);
  if (lower == "true" || lower == "false") {
    cur.warn("Boolean values are case sensitive, use 'True' or 'False'.");
    out = lower == "true";
    return true;
  }
  return cur.fail("Not a boolean: " + std::string(word) + " (expecting True or False)");
}

// ---- BuildType ---------------------------------------------------------------

bool parse_spec_version(ValueCursor& cur, CabalSpec& out) {
  Version v;
  bool is_range = false, simple_range = false;
  if (!cur.at_end() && is_hs_digit(cur.peek())) {
    if (!parse_version(cur, v)) return false;
  } else {
    VersionRange r;
    if (!parse_version_range(cur, r)) return false;
    using Op = VersionRange::Op;
    if (r.op == Op::This || r.op == Op::Later || r.op == Op::OrLater || r.op == Op::MajorBound) {
      v = r.version;  // the lower bound of the one interval of `op v`
    } else if (r.op == Op::Earlier || r.op == Op::OrEarlier) {
      v = Version{{0}};  // below v: from 0 (or empty, which also reads as 0)
    } else {
      auto intervals = as_version_intervals(r);
      v = intervals.empty() ? Version{{0}} : intervals[0].lower;
    }
    const int two_one[] = {2, 1};
    if (!std::lexicographical_compare(v.numbers.begin(), v.numbers.end(), std::begin(two_one), std::end(two_one)))
      return cur.fail("cabal-version higher than 2.2 cannot be specified as a range ('" + to_string(r) +
                      "'), expected a plain version: 'cabal-version: " + to_string(v) + "'");
    is_range = true;
    simple_range = r.op == VersionRange::Op::OrLater;
  }
  auto spec = spec_from_version_digits(v.numbers);
  if (!spec)
    return cur.fail("Unknown cabal spec version specified: " + to_string(v) + ", expected " + kKnownSpecVersions);
  if (!is_range && *spec < CabalSpec::V1_12)
    cur.warn("With 1.10 or earlier, the 'cabal-version' field must use range syntax rather than a simple version "
             "number. Use 'cabal-version: >= " + to_string(v) + "'.");
  if (is_range && *spec >= CabalSpec::V1_12)
    cur.warn("Packages with 'cabal-version: 1.12' or later should specify a specific version of the Cabal spec of "
             "the form 'cabal-version: x.y'. Use 'cabal-version: " + to_string(v) + "'.");
  if (is_range && *spec < CabalSpec::V1_12 && !simple_range)
    cur.warn("It is recommended that the 'cabal-version' field only specify a version range of the form '>= x.y' "
             "for older cabal versions. Use 'cabal-version: >= " + to_string(v) +
             "'. Tools based on Cabal 1.10 and later will ignore upper bounds.");
  out = *spec;
  return true;
}

bool parse_build_type(ValueCursor& cur, std::string& out) {
  auto name = cur.munch(is_hs_alnum);
  if (name.empty())
    return cur.fail_expecting("a build-type (Simple, Configure, Make or Custom)");
  if (name == "Simple" || name == "Configure" || name == "Custom" || name == "Make") {
    out.assign(name);
    return true;
  }
  if (name == "Default" && cur.spec() <= CabalSpec::V1_18) {
    cur.warn("build-type: Default is parsed as Custom for legacy reasons. See "
             "https://github.com/haskell/cabal/issues/5020");
    out = "Custom";
    return true;
  }
  return cur.fail("unknown build-type: '" + std::string(name) +
                  "' (expecting Simple, Configure, Make or Custom)");
}

// ---- test-suite and benchmark types --------------------------------------------

bool TestType::is_known() const {
  if (kind == TestTypeKind::ExitcodeStdio) return version.numbers == std::vector<int>{1, 0};
  if (kind == TestTypeKind::Detailed) return version.numbers == std::vector<int>{0, 9};
  return false;
}

bool parse_test_type(ValueCursor& cur, TestType& out) {
  if (!parse_standard(cur, out.name, out.version,
                      "a test suite type (exitcode-stdio-1.0 or detailed-0.9)"))
    return false;
  out.kind = out.name == "exitcode-stdio" ? TestTypeKind::ExitcodeStdio
             : out.name == "detailed"     ? TestTypeKind::Detailed
                                          : TestTypeKind::Unknown;
  return true;
}

bool parse_benchmark_type(ValueCursor& cur, TestType& out) {
  if (!parse_standard(cur, out.name, out.version, "a benchmark type (exitcode-stdio-1.0)"))
    return false;
  out.kind = out.name == "exitcode-stdio" ? TestTypeKind::ExitcodeStdio : TestTypeKind::Unknown;
  return true;
}

std::string to_string(const TestType& t) { return t.name + "-" + to_string(t.version); }

TestTypeKind classify_test_type(std::string_view text) {
  TestType t;
  if (!whole_text(text, [&](ValueCursor& c) { return parse_test_type(c, t); }))
    return TestTypeKind::Invalid;
  return t.is_known() ? t.kind : TestTypeKind::Unknown;
}

TestTypeKind classify_benchmark_type(std::string_view text) {
  TestType t;
  if (!whole_text(text, [&](ValueCursor& c) { return parse_benchmark_type(c, t); }))
    return TestTypeKind::Invalid;
  return t.is_known() ? t.kind : TestTypeKind::Unknown;
}

// ---- compilers and tested-with ---------------------------------------------------

bool parse_compiler_flavor(ValueCursor& cur, CompilerFlavor& out) {
  size_t start = cur.offset();
  auto name = cur.munch(is_hs_alnum);
  if (name.empty())
    return cur.fail_expecting("a compiler name (e.g. ghc)");
  if (all_digits(name))
    return cur.fail_at(start, "all digits compiler name: '" + std::string(name) + "'");
  std::string lower = lowercase_utf8(name);
  for (auto [known, kind] : kCompilers) {
    if (lower == known) {
      out.kind = kind;
      out.name.assign(known);
      return true;
    }
  }
  out.kind = CompilerKind::Other;
  out.name.assign(name);
  return true;
}

bool parse_compiler_flavor_text(std::string_view text, std::string& name) {
  CompilerFlavor f;
  if (!whole_text(text, [&](ValueCursor& c) { return parse_compiler_flavor(c, f); })) return false;
  name = std::move(f.name);
  return true;
}

bool parse_tested_with(ValueCursor& cur, TestedWith* out) {
  TestedWith tw;
  if (!parse_compiler_flavor(cur, tw.compiler)) return false;
  cur.skip_spaces();  // lexemeParsec
  // parsec <|> pure anyVersion: the range parser fails without consuming
  // input unless the next character can start a range ('(' or an operator
  // character; '-' only before cabal-version 3.4); then there is no range.
  char32_t c = cur.peek();
  bool starts_range = c == '(' || c == '<' || c == '=' || c == '>' || c == '^' ||
                      (c == '-' && cur.spec() < CabalSpec::V3_4);
  if (starts_range) {
    if (!parse_version_range(cur, tw.range)) return false;
    cur.skip_spaces();
  } else {
    tw.range = VersionRange::any();
  }
  if (out) *out = std::move(tw);
  return true;
}

std::string to_string(const TestedWith& t) {
  return t.compiler.name + " " + to_string(t.range);
}

// ---- flag names --------------------------------------------------------------------

bool parse_flag_name(ValueCursor& cur, std::string& out) {
  size_t start = cur.offset();
  size_t len;
  char32_t c = cur.peek(&len);
  if (cur.at_end() || !is_flag_lead(c))
    return cur.fail_expecting("a flag name (a letter, digit or '_', then letters, digits, '_' or '-')");
  cur.seek(start + len);
  cur.munch(is_flag_rest);
  out = lowercase_utf8(cur.text().substr(start, cur.offset() - start));
  return true;
}

bool parse_flag_name_text(std::string_view text, std::string& out) {
  std::string name;
  if (!whole_text(text, [&](ValueCursor& c) { return parse_flag_name(c, name); })) return false;
  out = std::move(name);
  return true;
}

// ---- source-repository kinds ---------------------------------------------------------

bool parse_repo_kind(ValueCursor& cur, std::string& out, RepoKind* kind) {
  auto name = cur.munch(is_repo_ident);
  if (name.empty())
    return cur.fail_expecting("a source-repository kind (head or this)");
  std::string lower = lowercase_utf8(name);
  RepoKind k = lower == "head" ? RepoKind::Head : lower == "this" ? RepoKind::This : RepoKind::Unknown;
  if (k == RepoKind::Unknown) out.assign(name);
  else out = std::move(lower);
  if (kind) *kind = k;
  return true;
}

bool parse_repo_kind_text(std::string_view text, std::string& out, RepoKind* kind) {
  std::string name;
  RepoKind k;
  ValueDiags diags;
  ValueCursor cur(text, kLatestCabalSpec, diags);
  // runFieldParser': leading and trailing spaces are allowed.
  cur.skip_spaces();
  if (!parse_repo_kind(cur, name, &k)) return false;
  cur.skip_spaces();
  if (!cur.at_end()) return false;
  out = std::move(name);
  if (kind) *kind = k;
  return true;
}

// ---- visibility, scope, foreign-library type -------------------------------------------

bool parse_visibility(ValueCursor& cur, bool& is_public) {
  auto name = cur.munch(is_hs_alpha);
  if (name == "public" || name == "private") {
    is_public = name == "public";
    return true;
  }
  if (name.empty())
    return cur.fail_expecting("public or private");
  return cur.fail("Unknown visibility: " + std::string(name) + " (expecting public or private)");
}

bool parse_executable_scope(ValueCursor& cur, bool& is_private) {
  if (cur.eat("public")) {
    is_private = false;
    return true;
  }
  if (cur.eat("private")) {
    is_private = true;
    return true;
  }
  return cur.fail_expecting("public or private");
}

bool parse_foreign_library_type(ValueCursor& cur, std::string& out) {
  auto name = cur.munch([](char32_t c) { return is_hs_alnum(c) || c == '-'; });
  if (name.empty())
    return cur.fail_expecting("a foreign library type (native-shared or native-static)");
  if (name == "native-shared" || name == "native-static") out.assign(name);
  else out.clear();  // ForeignLibTypeUnknown, the same as no type
  return true;
}

}  // namespace mhu::cabal
