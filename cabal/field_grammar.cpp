#include "cabal/field_grammar.h"

#include <algorithm>
#include <optional>

#include "cabal/extension.h"
#include "cabal/field_lists.h"
#include "cabal/license.h"
#include "cabal/simple_values.h"

namespace mhu::cabal {

namespace {

// a < b as string_view compares them, byte by byte: field names are short and
// usually differ early, where a call to memcmp costs more than the loop.
inline bool name_less(std::string_view a, std::string_view b) {
  size_t n = a.size() < b.size() ? a.size() : b.size();
  for (size_t i = 0; i < n; ++i)
    if (a[i] != b[i]) return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[i]);
  return a.size() < b.size();
}

}  // namespace

FieldMap group_fields(const std::vector<const Field*>& fields) {
  // The fields sorted by name, stably (file order within a name), then cut
  // into groups: no group is moved once made.
  struct Named {
    std::string_view name;
    const Field* field;
  };
  thread_local std::vector<Named> sorted;  // storage kept from call to call
  sorted.clear();
  for (const Field* f : fields) sorted.push_back({f->name, f});
  auto less = [](const Named& a, const Named& b) { return name_less(a.name, b.name); };
  if (sorted.size() <= 32) {
    // Insertion sort (stable): each field goes after the last one not greater.
    for (size_t i = 1; i < sorted.size(); ++i) {
      Named x = sorted[i];
      size_t j = i;
      for (; j > 0 && less(x, sorted[j - 1]); --j) sorted[j] = sorted[j - 1];
      sorted[j] = x;
    }
  } else {
    std::stable_sort(sorted.begin(), sorted.end(), less);
  }
  FieldMap map;
  map.reserve(sorted.size());
  for (const Named& n : sorted) {
    if (!map.empty() && map.back().name == n.name) map.back().occurrences.push_back(n.field);
    else map.push_back(FieldGroup{n.name, {n.field}});
  }
  return map;
}

const FieldGroup* find_field(const FieldMap& map, std::string_view name) {
  auto it = std::lower_bound(map.begin(), map.end(), name,
                             [](const FieldGroup& g, std::string_view n) { return name_less(g.name, n); });
  return it != map.end() && it->name == name ? &*it : nullptr;
}

// How far Parsec's column moves over a piece of one value line: one per
// character (not byte), a tab to the next multiple of 8 (Text.Parsec.Pos).
static int parsec_columns(std::string_view s) {
  int col = 1;
  for (unsigned char c : s) {
    if ((c & 0xC0) == 0x80) continue;  // UTF-8 continuation byte
    col += c == '\t' ? 8 - (col - 1) % 8 : 1;
  }
  return col - 1;
}

Position value_position(const Field& f, size_t offset) {
  // Cabal maps Parsec's position in the joined value to the file: the line's
  // start column plus the columns Parsec counted on that line.
  size_t start = 0;
  for (const auto& line : f.lines) {
    if (offset <= start + line.text.size()) {
      return {line.pos.line, line.pos.col + parsec_columns(line.text.substr(0, offset - start))};
    }
    start += line.text.size() + 1;
  }
  if (!f.lines.empty()) {
    const auto& last = f.lines.back();
    return {last.pos.line, last.pos.col + parsec_columns(last.text)};
  }
  return f.pos;
}

namespace {

// How a field's occurrences combine (the FieldGrammar combinators).
enum class Mode {
  Monoidal,       // monoidalFieldAla: every occurrence appended
  Singular,       // optional/boolean/unique: the last occurrence wins
  SingularOrNone, // optionalFieldAla: an empty occurrence means "not given"
  Known,          // knownField: accepted and ignored
};

constexpr std::optional<CabalSpec> kNever = std::nullopt;

template <class T>
struct FieldSpec {
  std::string_view name;
  unsigned kinds;  // component kinds (bit per ComponentKind); ~0u for any
  Mode mode;
  bool (*parse)(ValueCursor&, T&);
  void (*reset)(T&) = nullptr;  // SingularOrNone: what an empty occurrence sets
  CabalSpec since = CabalSpec::V1_0;
  bool since_warns_only = false;  // availableSinceWarn: parsed anyway
  std::optional<CabalSpec> deprecated = kNever;
  std::optional<CabalSpec> removed = kNever;
  const char* note = "";
  const char* deprecated_note = nullptr;  // when Cabal words it differently from `note`
};

constexpr unsigned kAny = ~0u;
constexpr unsigned kLib = 1u << 0;
constexpr unsigned kSubLib = 1u << 1;
constexpr unsigned kFlib = 1u << 2;
constexpr unsigned kExe = 1u << 3;
constexpr unsigned kTest = 1u << 4;
constexpr unsigned kBench = 1u << 5;

// Parse one value's items onto the end of the list (occurrences accumulate;
// the list parsers append).
template <class T, class F>
bool append_list(ValueCursor& c, std::vector<T>& target, F parse) {
  return parse(c, target);
}

template <std::vector<std::string> BuildInfo::*M, ListSep S, TokenKind K>
bool bi_tokens(ValueCursor& c, ComponentData& d) {
  return append_list(c, d.build_info.*M, [](ValueCursor& c, std::vector<std::string>& v) {
    return parse_token_list(c, S, K, v);
  });
}

template <std::vector<std::string> BuildInfo::*M>
bool bi_modules(ValueCursor& c, ComponentData& d) {
  return append_list(c, d.build_info.*M, [](ValueCursor& c, std::vector<std::string>& v) {
    return parse_module_name_list(c, ListSep::VCat, v);
  });
}

template <std::vector<std::string> BuildInfo::*M>
bool bi_extensions(ValueCursor& c, ComponentData& d) {
  return append_list(c, d.build_info.*M, [](ValueCursor& c, std::vector<std::string>& v) {
    return parse_list(c, ListSep::FSep, [](ValueCursor& c, std::string& e) {
      return parse_extension(c, e);
    }, v);
  });
}

template <class T, std::vector<T> BuildInfo::*M, bool (*P)(ValueCursor&, T&), ListSep S>
bool bi_items(ValueCursor& c, ComponentData& d) {
  return append_list(c, d.build_info.*M, [](ValueCursor& c, std::vector<T>& v) {
    return parse_list(c, S, P, v);
  });
}

// build-depends items start blank: no default version 0 or main library to
// allocate only to be replaced (parse_dependency sets every member).
Dependency blank_dependency() {
  return Dependency{std::string(), VersionRange{VersionRange::Op::OrLater, Version{}, {}}, {}};
}

bool bi_depends(ValueCursor& c, ComponentData& d) {
  return parse_list_made(c, ListSep::CommaVCat, blank_dependency, parse_dependency, d.build_info.build_depends);
}

bool source_dir(ValueCursor& c, std::string& out) {
  size_t start = c.offset();
  if (!parse_file_path(c, out)) return false;
  bool absolute = out[0] == '/' || (out.size() >= 2 && out[0] == '\\' && out[1] == '\\') ||
                  (out.size() >= 3 && is_hs_alpha(static_cast<unsigned char>(out[0])) &&
                   out[1] == ':' && (out[2] == '/' || out[2] == '\\'));
  if (absolute) return c.fail_at(start, "absolute path '" + out + "' in hs-source-dirs; expected a path relative to the package");
  return true;
}

bool bi_source_dirs(ValueCursor& c, ComponentData& d) {
  return append_list(c, d.build_info.hs_source_dirs, [](ValueCursor& c, std::vector<std::string>& v) {
    return parse_list(c, ListSep::FSep, source_dir, v);
  });
}

bool lib_modules(ValueCursor& c, ComponentData& d) {
  return append_list(c, d.exposed_modules, [](ValueCursor& c, std::vector<std::string>& v) {
    return parse_module_name_list(c, ListSep::VCat, v);
  });
}
bool lib_signatures(ValueCursor& c, ComponentData& d) {
  return append_list(c, d.signatures, [](ValueCursor& c, std::vector<std::string>& v) {
    return parse_module_name_list(c, ListSep::VCat, v);
  });
}
bool lib_reexports(ValueCursor& c, ComponentData& d) {
  return append_list(c, d.reexported_modules, [](ValueCursor& c, std::vector<ModuleReexport>& v) {
    return parse_list(c, ListSep::CommaVCat, parse_module_reexport, v);
  });
}

bool language(ValueCursor& c, ComponentData& d) {
  std::string lang;
  if (!parse_language(c, lang)) return false;
  d.build_info.default_language = std::move(lang);
  return true;
}

bool other_languages(ValueCursor& c, ComponentData& d) {
  return append_list(c, d.build_info.other_languages, [](ValueCursor& c, std::vector<std::string>& v) {
    return parse_list(c, ListSep::FSep, [](ValueCursor& c, std::string& l) { return parse_language(c, l); }, v);
  });
}

// The component-kind specific singular fields.
bool buildable(ValueCursor& c, ComponentData& d) { return parse_bool(c, d.build_info.buildable); }
bool exposed(ValueCursor& c, ComponentData& d) { return parse_bool(c, d.exposed); }
bool visibility(ValueCursor& c, ComponentData& d) { return parse_visibility(c, d.public_visibility); }
bool main_is(ValueCursor& c, ComponentData& d) { return parse_file_path(c, d.main_is); }
bool scope(ValueCursor& c, ComponentData& d) { return parse_executable_scope(c, d.private_scope); }
bool test_module(ValueCursor& c, ComponentData& d) { return parse_module_name(c, d.test_module); }
bool test_type(ValueCursor& c, ComponentData& d) {
  TestType t;
  if (!parse_test_type(c, t)) return false;
  d.type_name = to_string(t);
  return true;
}
bool benchmark_type(ValueCursor& c, ComponentData& d) {
  TestType t;
  if (!parse_benchmark_type(c, t)) return false;
  d.type_name = to_string(t);
  return true;
}
bool foreign_type(ValueCursor& c, ComponentData& d) { return parse_foreign_library_type(c, d.foreign_type); }
bool code_generators(ValueCursor& c, ComponentData& d) {
  return append_list(c, d.code_generators, [](ValueCursor& c, std::vector<std::string>& v) {
    return parse_token_list(c, ListSep::CommaFSep, TokenKind::Token, v);
  });
}
bool ignore_value(ValueCursor& c, ComponentData&) {
  c.seek(c.text().size());
  return true;
}

void reset_language(ComponentData& d) { d.build_info.default_language.reset(); }
void reset_main_is(ComponentData& d) { d.main_is.clear(); }
void reset_test_module(ComponentData& d) { d.test_module.clear(); }
// optionalFieldDef: an empty `scope:` or `visibility:` is the default.
void reset_scope(ComponentData& d) { d.private_scope = false; }
void reset_visibility(ComponentData& d) { d.public_visibility = false; }
void reset_type(ComponentData& d) {
  d.type_name.clear();
  d.foreign_type.clear();
}

using BI = BuildInfo;
using CFS = FieldSpec<ComponentData>;
constexpr auto kNoComma = ListSep::NoCommaFSep;
constexpr auto kTokP = TokenKind::TokenPrime;
constexpr auto kTok = TokenKind::Token;
constexpr auto kPath = TokenKind::FilePath;
constexpr auto V2_0 = CabalSpec::V2_0;
constexpr auto V2_2 = CabalSpec::V2_2;
constexpr auto V3_0 = CabalSpec::V3_0;

// Every field a component accepts (libraryFieldGrammar, executableFieldGrammar,
// ..., buildInfoFieldGrammar), sorted by name.
const CFS kComponentFields[] = {
    {"asm-options", kAny, Mode::Monoidal, bi_tokens<&BI::asm_options, kNoComma, kTokP>, nullptr, V3_0},
    {"asm-sources", kAny, Mode::Monoidal, bi_tokens<&BI::asm_sources, ListSep::VCat, kPath>, nullptr, V3_0},
    {"autogen-includes", kAny, Mode::Monoidal, bi_tokens<&BI::autogen_includes, ListSep::FSep, kPath>, nullptr, V3_0},
    {"autogen-modules", kAny, Mode::Monoidal, bi_modules<&BI::autogen_modules>, nullptr, V2_0},
    {"benchmark-module", kBench, Mode::SingularOrNone, test_module, reset_test_module},
    {"build-depends", kAny, Mode::Monoidal, bi_depends},
    {"build-tool-depends", kAny, Mode::Monoidal, bi_items<ExeDependency, &BI::build_tool_depends, parse_exe_dependency, ListSep::CommaFSep>},
    {"build-tools", kAny, Mode::Monoidal, bi_items<LegacyExeDependency, &BI::build_tools, parse_legacy_exe_dependency, ListSep::CommaFSep>,
     nullptr, CabalSpec::V1_0, false, V2_0, V3_0, "Please use 'build-tool-depends' field.",
     "Please use 'build-tool-depends' field"},
    {"buildable", kAny, Mode::Singular, buildable},
    {"c-sources", kAny, Mode::Monoidal, bi_tokens<&BI::c_sources, ListSep::VCat, kPath>},
    {"cc-options", kAny, Mode::Monoidal, bi_tokens<&BI::cc_options, kNoComma, kTokP>},
    {"cmm-options", kAny, Mode::Monoidal, bi_tokens<&BI::cmm_options, kNoComma, kTokP>, nullptr, V3_0},
    {"cmm-sources", kAny, Mode::Monoidal, bi_tokens<&BI::cmm_sources, ListSep::VCat, kPath>, nullptr, V3_0},
    {"code-generators", kTest, Mode::Monoidal, code_generators, nullptr, CabalSpec::V3_8},
    {"cpp-options", kAny, Mode::Monoidal, bi_tokens<&BI::cpp_options, kNoComma, kTokP>},
    {"cxx-options", kAny, Mode::Monoidal, bi_tokens<&BI::cxx_options, kNoComma, kTokP>, nullptr, V2_2},
    {"cxx-sources", kAny, Mode::Monoidal, bi_tokens<&BI::cxx_sources, ListSep::VCat, kPath>, nullptr, V2_2},
    {"default-extensions", kAny, Mode::Monoidal, bi_extensions<&BI::default_extensions>, nullptr, CabalSpec::V1_10},
    {"default-language", kAny, Mode::SingularOrNone, language, reset_language, CabalSpec::V1_10},
    {"exposed", kLib | kSubLib, Mode::Singular, exposed},
    {"exposed-modules", kLib | kSubLib, Mode::Monoidal, lib_modules},
    {"extensions", kAny, Mode::Monoidal, bi_extensions<&BI::old_extensions>, nullptr, CabalSpec::V1_0, false,
     CabalSpec::V1_12, V3_0, "Please use 'default-extensions' or 'other-extensions' fields."},
    {"extra-bundled-libraries", kAny, Mode::Monoidal, bi_tokens<&BI::extra_bundled_libraries, ListSep::VCat, kTok>},
    {"extra-dynamic-library-flavours", kAny, Mode::Monoidal, bi_tokens<&BI::extra_dynamic_library_flavours, ListSep::VCat, kTok>, nullptr, V3_0},
    {"extra-framework-dirs", kAny, Mode::Monoidal, bi_tokens<&BI::extra_framework_dirs, ListSep::FSep, kPath>},
    {"extra-ghci-libraries", kAny, Mode::Monoidal, bi_tokens<&BI::extra_ghci_libraries, ListSep::VCat, kTok>},
    {"extra-lib-dirs", kAny, Mode::Monoidal, bi_tokens<&BI::extra_lib_dirs, ListSep::FSep, kPath>},
    {"extra-lib-dirs-static", kAny, Mode::Monoidal, bi_tokens<&BI::extra_lib_dirs_static, ListSep::FSep, kPath>, nullptr, CabalSpec::V3_8},
    {"extra-libraries", kAny, Mode::Monoidal, bi_tokens<&BI::extra_libraries, ListSep::VCat, kTok>},
    {"extra-libraries-static", kAny, Mode::Monoidal, bi_tokens<&BI::extra_libraries_static, ListSep::VCat, kTok>, nullptr, CabalSpec::V3_8},
    {"extra-library-flavours", kAny, Mode::Monoidal, bi_tokens<&BI::extra_library_flavours, ListSep::VCat, kTok>},
    {"frameworks", kAny, Mode::Monoidal, bi_tokens<&BI::frameworks, ListSep::FSep, kTok>},
    {"ghc-options", kAny, Mode::Monoidal, bi_tokens<&BI::ghc_options, kNoComma, kTokP>},
    {"ghc-prof-options", kAny, Mode::Monoidal, bi_tokens<&BI::ghc_prof_options, kNoComma, kTokP>},
    {"ghc-shared-options", kAny, Mode::Monoidal, bi_tokens<&BI::ghc_shared_options, kNoComma, kTokP>},
    {"ghcjs-options", kAny, Mode::Monoidal, bi_tokens<&BI::ghcjs_options, kNoComma, kTokP>},
    {"ghcjs-prof-options", kAny, Mode::Monoidal, bi_tokens<&BI::ghcjs_prof_options, kNoComma, kTokP>},
    {"ghcjs-shared-options", kAny, Mode::Monoidal, bi_tokens<&BI::ghcjs_shared_options, kNoComma, kTokP>},
    {"hs-source-dir", kAny, Mode::Monoidal, bi_source_dirs, nullptr, CabalSpec::V1_0, false,
     CabalSpec::V1_2, V3_0, "Please use 'hs-source-dirs' field.", "Please use 'hs-source-dirs'"},
    {"hs-source-dirs", kAny, Mode::Monoidal, bi_source_dirs},
    {"hsc2hs-options", kAny, Mode::Monoidal, bi_tokens<&BI::hsc2hs_options, kNoComma, kTokP>, nullptr, CabalSpec::V3_6},
    {"hugs-options", kAny, Mode::Known, ignore_value},
    {"include-dirs", kAny, Mode::Monoidal, bi_tokens<&BI::include_dirs, ListSep::FSep, kPath>},
    {"includes", kAny, Mode::Monoidal, bi_tokens<&BI::includes, ListSep::FSep, kPath>},
    {"install-includes", kAny, Mode::Monoidal, bi_tokens<&BI::install_includes, ListSep::FSep, kPath>},
    {"jhc-options", kAny, Mode::Known, ignore_value},
    {"js-sources", kAny, Mode::Monoidal, bi_tokens<&BI::js_sources, ListSep::VCat, kPath>},
    {"ld-options", kAny, Mode::Monoidal, bi_tokens<&BI::ld_options, kNoComma, kTokP>},
    {"lib-version-info", kFlib, Mode::SingularOrNone, ignore_value, nullptr},
    {"lib-version-linux", kFlib, Mode::SingularOrNone, ignore_value, nullptr},
    {"main-is", kExe | kTest | kBench, Mode::SingularOrNone, main_is, reset_main_is},
    {"mixins", kAny, Mode::Monoidal, bi_items<Mixin, &BI::mixins, parse_mixin, ListSep::CommaVCat>, nullptr, V2_0},
    {"mod-def-file", kFlib, Mode::Monoidal, ignore_value},
    {"nhc98-options", kAny, Mode::Known, ignore_value},
    {"options", kFlib, Mode::Monoidal, ignore_value},
    {"other-extensions", kAny, Mode::Monoidal, bi_extensions<&BI::other_extensions>, nullptr, CabalSpec::V1_10, true},
    {"other-languages", kAny, Mode::Monoidal, other_languages, nullptr, CabalSpec::V1_10},
    {"other-modules", kAny, Mode::Monoidal, bi_modules<&BI::other_modules>},
    {"pkgconfig-depends", kAny, Mode::Monoidal, bi_items<PkgconfigDependency, &BI::pkgconfig_depends, parse_pkgconfig_dependency, ListSep::CommaFSep>},
    {"reexported-modules", kLib | kSubLib, Mode::Monoidal, lib_reexports},
    {"scope", kExe, Mode::SingularOrNone, scope, reset_scope, V2_0},
    {"signatures", kLib | kSubLib, Mode::Monoidal, lib_signatures, nullptr, V2_0},
    {"test-module", kTest, Mode::SingularOrNone, test_module, reset_test_module},
    {"type", kTest, Mode::SingularOrNone, test_type, reset_type},
    {"type", kBench, Mode::SingularOrNone, benchmark_type, reset_type},
    {"type", kFlib, Mode::SingularOrNone, foreign_type, reset_type},
    {"virtual-modules", kAny, Mode::Monoidal, bi_modules<&BI::virtual_modules>, nullptr, V2_2},
    {"visibility", kSubLib, Mode::SingularOrNone, visibility, reset_visibility, V3_0},
};

bool accepts(unsigned kinds, BlockKind block) {
  if (kinds == kAny) return true;
  switch (block) {
    case BlockKind::Common: return false;
    case BlockKind::MainLibrary: return (kinds & kLib) != 0;
    case BlockKind::SubLibrary: return (kinds & kSubLib) != 0;
    case BlockKind::ForeignLibrary: return (kinds & kFlib) != 0;
    case BlockKind::Executable: return (kinds & kExe) != 0;
    case BlockKind::TestSuite: return (kinds & kTest) != 0;
    case BlockKind::Benchmark: return (kinds & kBench) != 0;
  }
  return false;
}

// Run a value parser on one occurrence: spaces around the value are allowed,
// anything left over is an error (Cabal's runFieldParser).
template <class T>
bool run_value(const Field& f, CabalSpec spec, bool (*parse)(ValueCursor&, T&), T& target,
               Diagnostics& diags) {
  std::string joined;
  std::string_view text;
  if (f.lines.size() == 1) {
    text = f.lines[0].text;
  } else {
    joined = join_field_lines(f.lines);
    text = joined;
  }
  ValueDiags vd;
  ValueCursor cur(text, spec, vd);
  cur.skip_spaces();
  bool ok = parse(cur, target);
  if (ok) {
    cur.skip_spaces();
    if (!cur.at_end()) {
      size_t len;
      cur.peek(&len);
      cur.fail("unexpected '" + std::string(text.substr(cur.offset(), len)) + "' in the value of field '" + f.name + "'");
      ok = false;
    }
  }
  for (auto& d : vd) {
    Position p = value_position(f, d.offset);
    std::string msg = d.is_error && d.message.find(f.name) == std::string::npos
                          ? "field '" + f.name + "': " + d.message
                          : d.message;
    if (d.is_error) diags.error(p, std::move(msg));
    else diags.warning(p, std::move(msg));
  }
  return ok && !std::any_of(vd.begin(), vd.end(), [](const ValueDiag& d) { return d.is_error; });
}

template <class T, size_t N>
const FieldSpec<T>* find_spec(const FieldSpec<T> (&table)[N], std::string_view name) {
  auto it = std::lower_bound(std::begin(table), std::end(table), name,
                             [](const FieldSpec<T>& s, std::string_view n) { return name_less(s.name, n); });
  return it != std::end(table) && it->name == name ? it : nullptr;
}

// Apply one field's occurrences with the field's gates (availableSince,
// deprecatedSince, removedIn) and combination mode.
template <class T>
bool apply_field(const FieldSpec<T>& spec, const FieldGroup& group, CabalSpec v, T& target,
                 Diagnostics& diags) {
  if (spec.removed && v >= *spec.removed) {
    for (const Field* f : group.occurrences)
      diags.error(f->pos, "The field \"" + f->name + "\" is removed in the Cabal specification version " +
                              spec_to_string(*spec.removed) + ". " + spec.note);
    return false;
  }
  if (v < spec.since) {
    for (const Field* f : group.occurrences)
      diags.warning(f->pos, "The field \"" + f->name + "\" is available only since the Cabal specification version " +
                                spec_to_string(spec.since) + (spec.since_warns_only ? "." : ". This field will be ignored."));
    if (!spec.since_warns_only) return true;
  }
  if (spec.deprecated && v >= *spec.deprecated) {
    for (const Field* f : group.occurrences)
      diags.warning(f->pos, "The field \"" + f->name + "\" is deprecated in the Cabal specification version " +
                                spec_to_string(*spec.deprecated) + ". " +
                                (spec.deprecated_note ? spec.deprecated_note : spec.note));
  }
  if (spec.mode == Mode::Known) return true;
  if (spec.mode != Mode::Monoidal && group.occurrences.size() > 1) {
    std::string where;
    for (const Field* f : group.occurrences)
      where += (where.empty() ? "" : ", ") + std::to_string(f->pos.line) + ":" + std::to_string(f->pos.col);
    diags.warning(group.occurrences[0]->pos,
                  "The field \"" + std::string(group.name) + "\" is specified more than once at positions " + where);
  }
  bool ok = true;
  // A repeated singular field: Cabal parses every occurrence but the first
  // (`traverse parseOne (y :| ys)`), so only those can fail or warn.
  size_t first = spec.mode != Mode::Monoidal && group.occurrences.size() > 1 ? 1 : 0;
  for (size_t i = first; i < group.occurrences.size(); ++i) {
    const Field* f = group.occurrences[i];
    if (spec.mode == Mode::SingularOrNone && f->lines.empty()) {
      if (spec.reset) spec.reset(target);
      continue;
    }
    if (!run_value(*f, v, spec.parse, target, diags)) ok = false;
  }
  return ok;
}

// Component and package fields accept any `x-` field (Cabal's prefixedFields
// "x-"); flag, source-repository and custom-setup sections do not.
void warn_unknown(const FieldGroup& g, Diagnostics& diags, bool x_fields = true) {
  if (x_fields && g.name.substr(0, 2) == "x-") return;
  for (const Field* f : g.occurrences) diags.warning(f->pos, "Unknown field: \"" + f->name + "\"");
}

}  // namespace

bool is_library_field(std::string_view name) {
  const CFS* s = find_spec(kComponentFields, name);
  return s && accepts(s->kinds, BlockKind::MainLibrary);
}

BlockKind block_kind(ComponentKind kind, bool sub_library) {
  switch (kind) {
    case ComponentKind::Library: return sub_library ? BlockKind::SubLibrary : BlockKind::MainLibrary;
    case ComponentKind::ForeignLibrary: return BlockKind::ForeignLibrary;
    case ComponentKind::Executable: return BlockKind::Executable;
    case ComponentKind::TestSuite: return BlockKind::TestSuite;
    case ComponentKind::Benchmark: return BlockKind::Benchmark;
  }
  return BlockKind::Common;
}

bool parse_component_fields(BlockKind block, const FieldMap& fields, CabalSpec spec,
                            ComponentData& out, Diagnostics& diags) {
  // Cabal's hsSourceDirsGrammar is `(++) <$> hs-source-dirs <*> hs-source-dir`:
  // the deprecated field's directories come after, though it sorts before.
  bool ok = true;
  auto apply = [&](const FieldGroup& g) {
    const CFS* s = find_spec(kComponentFields, g.name);
    // Several kinds may read a field of the same name differently (`type`).
    while (s && s + 1 < std::end(kComponentFields) && !accepts(s->kinds, block) && s[1].name == g.name) ++s;
    if (!s || !accepts(s->kinds, block)) {
      warn_unknown(g, diags);
      return;
    }
    if (!apply_field(*s, g, spec, out, diags)) ok = false;
  };
  for (size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].name == "hs-source-dir" && i + 1 < fields.size() && fields[i + 1].name == "hs-source-dirs") {
      apply(fields[i + 1]);
      apply(fields[i]);
      ++i;
      continue;
    }
    apply(fields[i]);
  }
  return ok;
}

// ---- package, flag, source-repository, custom-setup fields ------------------

namespace {

using GPD = GenericPackageDescription;
using PFS = FieldSpec<GPD>;

bool free_text_into(ValueCursor& c, std::string& out) {
  out.assign(c.text().substr(c.offset()));
  c.seek(c.text().size());
  return true;
}
template <std::string GPD::*M>
bool gpd_text(ValueCursor& c, GPD& g) { return free_text_into(c, g.*M); }

template <std::vector<std::string> GPD::*M, ListSep S>
bool gpd_paths(ValueCursor& c, GPD& g) {
  return append_list(c, g.*M, [](ValueCursor& c, std::vector<std::string>& v) {
    return parse_token_list(c, S, TokenKind::FilePath, v);
  });
}

// license-file and data-dir accept an empty token (Cabal's Compat* newtypes).
bool compat_path(ValueCursor& c, std::string& out) {
  out.clear();
  if (c.at_end()) return true;
  if (!c.token(out, false, "a file path")) return false;
  if (out.empty()) c.warn("empty FilePath (\"\"), the package directory is used");
  return true;
}
// license-file: an empty value, or (like license-files) a list of paths.
bool gpd_license_file(ValueCursor& c, GPD& g) {
  if (c.at_end()) return true;
  size_t start = c.offset();
  ValueDiags scratch;
  ValueCursor probe(c.text().substr(start), c.spec(), scratch);
  std::string first;
  if (probe.token(first, false) && first.empty()) {  // `""`: no license file
    c.seek(start + probe.offset());
    return true;
  }
  return append_list(c, g.license_files, [](ValueCursor& c, std::vector<std::string>& v) {
    return parse_token_list(c, ListSep::FSep, TokenKind::FilePath, v);
  });
}
bool gpd_license_files(ValueCursor& c, GPD& g) {
  return append_list(c, g.license_files, [](ValueCursor& c, std::vector<std::string>& v) {
    return parse_token_list(c, ListSep::FSep, TokenKind::FilePath, v);
  });
}
bool gpd_data_dir(ValueCursor& c, GPD& g) {
  if (!compat_path(c, g.data_dir)) return false;
  if (g.data_dir.empty()) g.data_dir = ".";
  return true;
}
bool gpd_name(ValueCursor& c, GPD& g) { return parse_package_name(c, g.name); }
bool gpd_version(ValueCursor& c, GPD& g) { return parse_version(c, g.version); }
bool gpd_license(ValueCursor& c, GPD& g) {
  size_t start = c.offset();
  if (!parse_license(c, c.spec() >= CabalSpec::V2_2)) return false;
  g.license.assign(c.text().substr(start, c.offset() - start));
  return true;
}
bool gpd_build_type(ValueCursor& c, GPD& g) { return parse_build_type(c, g.build_type); }
bool gpd_spec_version(ValueCursor& c, GPD& g) { return parse_spec_version(c, g.spec); }
void reset_spec_version(GPD& g) { g.spec = CabalSpec::V1_0; }
bool gpd_tested_with(ValueCursor& c, GPD& g) {
  return append_list(c, g.tested_with, [](ValueCursor& c, std::vector<std::string>& v) {
    return parse_list(c, ListSep::FSep, [](ValueCursor& c, std::string& s) {
      size_t start = c.offset();
      if (!parse_tested_with(c)) return false;
      s.assign(c.text().substr(start, c.offset() - start));
      return true;
    }, v);
  });
}
bool ignore_gpd(ValueCursor& c, GPD&) {
  c.seek(c.text().size());
  return true;
}

const PFS kPackageFields[] = {
    {"author", kAny, Mode::Singular, gpd_text<&GPD::author>},
    {"bug-reports", kAny, Mode::Singular, gpd_text<&GPD::bug_reports>},
    {"build-type", kAny, Mode::SingularOrNone, gpd_build_type},
    {"cabal-version", kAny, Mode::SingularOrNone, gpd_spec_version, reset_spec_version},
    {"category", kAny, Mode::Singular, gpd_text<&GPD::category>},
    {"copyright", kAny, Mode::Singular, gpd_text<&GPD::copyright>},
    {"data-dir", kAny, Mode::SingularOrNone, gpd_data_dir},
    {"data-files", kAny, Mode::Monoidal, gpd_paths<&GPD::data_files, ListSep::VCat>},
    {"description", kAny, Mode::Singular, gpd_text<&GPD::description>},
    {"extra-doc-files", kAny, Mode::Monoidal, gpd_paths<&GPD::extra_doc_files, ListSep::VCat>},
    {"extra-source-files", kAny, Mode::Monoidal, gpd_paths<&GPD::extra_source_files, ListSep::VCat>},
    {"extra-tmp-files", kAny, Mode::Monoidal, gpd_paths<&GPD::extra_tmp_files, ListSep::VCat>},
    {"homepage", kAny, Mode::Singular, gpd_text<&GPD::homepage>},
    {"license", kAny, Mode::SingularOrNone, gpd_license},
    {"license-file", kAny, Mode::Monoidal, gpd_license_file},
    {"license-files", kAny, Mode::Monoidal, gpd_license_files},
    {"maintainer", kAny, Mode::Singular, gpd_text<&GPD::maintainer>},
    {"name", kAny, Mode::Singular, gpd_name},
    {"package-url", kAny, Mode::Singular, ignore_gpd},
    {"stability", kAny, Mode::Singular, gpd_text<&GPD::stability>},
    {"synopsis", kAny, Mode::Singular, gpd_text<&GPD::synopsis>},
    {"tested-with", kAny, Mode::Monoidal, gpd_tested_with},
    {"version", kAny, Mode::Singular, gpd_version},
};

template <class T, size_t N>
bool parse_with_table(const FieldSpec<T> (&table)[N], const FieldMap& fields, CabalSpec spec,
                      T& out, Diagnostics& diags, bool x_fields = false) {
  bool ok = true;
  for (const FieldGroup& g : fields) {
    const FieldSpec<T>* s = find_spec(table, g.name);
    if (!s) {
      warn_unknown(g, diags, x_fields);
      continue;
    }
    if (!apply_field(*s, g, spec, out, diags)) ok = false;
  }
  return ok;
}

bool flag_description(ValueCursor& c, PackageFlag& f) { return free_text_into(c, f.description); }
bool flag_default(ValueCursor& c, PackageFlag& f) { return parse_bool(c, f.default_value); }
bool flag_manual(ValueCursor& c, PackageFlag& f) { return parse_bool(c, f.manual); }
const FieldSpec<PackageFlag> kFlagFields[] = {
    {"default", kAny, Mode::Singular, flag_default},
    {"description", kAny, Mode::Singular, flag_description},
    {"manual", kAny, Mode::Singular, flag_manual},
};

template <std::string SourceRepo::*M>
bool repo_token(ValueCursor& c, SourceRepo& r) { return c.token(r.*M, false); }
template <std::string SourceRepo::*M>
bool repo_text(ValueCursor& c, SourceRepo& r) { return free_text_into(c, r.*M); }
const FieldSpec<SourceRepo> kSourceRepoFields[] = {
    {"branch", kAny, Mode::SingularOrNone, repo_token<&SourceRepo::branch>},
    {"location", kAny, Mode::SingularOrNone, repo_text<&SourceRepo::location>},
    {"module", kAny, Mode::SingularOrNone, repo_token<&SourceRepo::module>},
    {"subdir", kAny, Mode::SingularOrNone, repo_token<&SourceRepo::subdir>},
    {"tag", kAny, Mode::SingularOrNone, repo_token<&SourceRepo::tag>},
    {"type", kAny, Mode::SingularOrNone, repo_token<&SourceRepo::type>},
};

bool setup_depends(ValueCursor& c, std::vector<Dependency>& deps) {
  return append_list(c, deps, [](ValueCursor& c, std::vector<Dependency>& v) {
    return parse_list(c, ListSep::CommaVCat, parse_dependency, v);
  });
}
const FieldSpec<std::vector<Dependency>> kCustomSetupFields[] = {
    {"setup-depends", kAny, Mode::Monoidal, setup_depends},
};

}  // namespace

bool parse_package_fields(const FieldMap& fields, CabalSpec spec, GenericPackageDescription& out,
                          Diagnostics& diags) {
  bool ok = parse_with_table(kPackageFields, fields, spec, out, diags, true);
  for (std::string_view required : {"name", "version"}) {
    if (!find_field(fields, required)) {
      diags.error({0, 0}, "the required field '" + std::string(required) + "' is missing");
      ok = false;
    }
  }
  return ok;
}

bool parse_flag_fields(const FieldMap& fields, CabalSpec spec, PackageFlag& out, Diagnostics& diags) {
  return parse_with_table(kFlagFields, fields, spec, out, diags);
}

bool parse_source_repo_fields(const FieldMap& fields, CabalSpec spec, SourceRepo& out,
                              Diagnostics& diags) {
  return parse_with_table(kSourceRepoFields, fields, spec, out, diags);
}

bool parse_custom_setup_fields(const FieldMap& fields, CabalSpec spec,
                               std::vector<Dependency>& setup_depends, Diagnostics& diags) {
  return parse_with_table(kCustomSetupFields, fields, spec, setup_depends, diags);
}

}  // namespace mhu::cabal
