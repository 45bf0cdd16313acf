#include "cabal/package_parser.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <map>
#include <set>

#include "cabal/field_grammar.h"
#include "cabal/field_lists.h"
#include "cabal/fields.h"
#include "cabal/quirks.h"
#include "cabal/simple_values.h"

namespace mhu::cabal {

using namespace std::string_view_literals;  // name == "x"sv: sizes compared first, no strlen

namespace {

// ---- before the fields: the spec version on the first line, UTF-8 -----------

// Cabal's scanSpecVersion: a first line `cabal-version: X.Y[.Z]` (any case,
// spaces anywhere) fixes the spec before anything else is read.
std::optional<Version> scan_spec_version(std::string_view text) {
  // The first line with its spaces dropped and lower-cased must be
  // `cabal-version:VALUE` with no other ':'. Checked in place: most files
  // start otherwise, and are rejected at once.
  std::string_view first = text.substr(0, text.find('\n'));
  if (std::count(first.begin(), first.end(), ':') != 1) return std::nullopt;
  size_t colon = first.find(':');
  constexpr std::string_view kName = "cabal-version";
  size_t k = 0;
  for (char c : first.substr(0, colon)) {
    if (c == ' ') continue;
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (k >= kName.size() || c != kName[k]) return std::nullopt;
    ++k;
  }
  if (k != kName.size()) return std::nullopt;
  std::string line;  // the value without spaces (short: no allocation)
  for (char c : first.substr(colon + 1))
    if (c != ' ') line += c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  std::string_view value = line;
  while (!value.empty() && is_hs_space(static_cast<unsigned char>(value.back()))) value.remove_suffix(1);
  Version v;
  if (!parse_version(value, v)) return std::nullopt;
  if (v.numbers.size() != 2 && v.numbers.size() != 3) return std::nullopt;
  return v;
}

// Offset of the first byte that is not valid UTF-8, or npos.
size_t invalid_utf8_offset(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    // Most of a .cabal file is ASCII: skip it eight bytes at a time.
    while (i + 8 <= s.size()) {
      uint64_t w;
      std::memcpy(&w, s.data() + i, 8);
      if (w & 0x8080808080808080ull) break;
      i += 8;
    }
    if (i >= s.size()) break;
    auto b = static_cast<unsigned char>(s[i]);
    size_t n = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return i;
    for (size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return i;
    if (n == 2 && b < 0xC2) return i;
    i += n;
  }
  return std::string_view::npos;
}

// Replace every invalid byte by U+FFFD, as Cabal's lenient decoding does.
std::string repair_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 16);
  size_t i = 0;
  while (i < s.size()) {
    size_t bad = invalid_utf8_offset(s.substr(i));
    if (bad == std::string_view::npos) {
      out.append(s.substr(i));
      break;
    }
    out.append(s.substr(i, bad));
    out += "\xEF\xBF\xBD";
    i += bad + 1;
  }
  return out;
}

// Cabal's Pretty SpecVersion: ">=1.10" below 1.12, "2.4" from 1.12.
std::string pretty_spec(CabalSpec spec) {
  return (spec < CabalSpec::V1_12 ? ">=" : "") + spec_to_string(spec);
}

// The spec version of a `cabal-version` field, read before anything else when
// the first line did not give it: as Cabal, with the version-range syntax of
// 1.24 and without warnings (the package grammar reads the field again, with
// the spec version found here, and warns then).
bool parse_spec_version_field(const Field& f, CabalSpec& out, Diagnostics& diags) {
  std::string text = join_field_lines(f.lines);
  ValueDiags vd;
  ValueCursor cur(text, CabalSpec::V1_24, vd);
  cur.skip_spaces();
  bool ok = parse_spec_version(cur, out);
  if (ok) {
    cur.skip_spaces();
    if (!cur.at_end()) ok = cur.fail_expecting("end of input (a version such as 3.0 or a range such as >=1.10)");
  }
  for (const auto& d : vd)
    if (d.is_error)
      diags.error(value_position(f, d.offset),
                  d.message.find("cabal-version") == std::string::npos ? "field 'cabal-version': " + d.message : d.message);
  return ok;
}

// ---- old-style files ---------------------------------------------------------

// Cabal's sectionizeFields: a file with no sections at all is an old-style
// file; its library fields form a library section, each `executable: NAME`
// field starts an executable section, and top-level build-depends go to all.
std::vector<Field> sectionize(std::vector<Field> fs, bool& old_syntax) {
  old_syntax = std::none_of(fs.begin(), fs.end(), [](const Field& f) { return f.is_section; });
  if (!old_syntax) return fs;
  std::vector<Field> header, libfs, deps, out;
  size_t i = 0;
  for (; i < fs.size() && fs[i].name != "executable"sv; ++i) {
    if (fs[i].name == "build-depends"sv) deps.push_back(fs[i]);
    else if (is_library_field(fs[i].name)) libfs.push_back(fs[i]);
    else header.push_back(fs[i]);
  }
  out = std::move(header);
  if (!libfs.empty()) {
    Field lib;
    lib.name = "library";
    lib.pos = libfs[0].pos;
    lib.is_section = true;
    lib.children = deps;
    lib.children.insert(lib.children.end(), libfs.begin(), libfs.end());
    out.push_back(std::move(lib));
  }
  while (i < fs.size()) {
    Field exe;
    exe.name = "executable";
    exe.pos = fs[i].pos;
    exe.is_section = true;
    std::string_view name;
    if (!fs[i].lines.empty()) {
      // The name is the field's value with spaces trimmed (lines joined).
      name = fs[i].lines[0].text;
      while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
      while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    }
    exe.args.push_back({SectionArg::Kind::Name, fs[i].pos, name});
    exe.children = deps;
    for (++i; i < fs.size() && fs[i].name != "executable"sv; ++i) exe.children.push_back(fs[i]);
    out.push_back(std::move(exe));
  }
  return out;
}

// ---- sections ----------------------------------------------------------------

class SectionParser {
 public:
  SectionParser(CabalSpec spec, GenericPackageDescription& gpd, Diagnostics& diags)
      : spec_(spec), gpd_(gpd), diags_(diags) {}

  bool section(const Field& s);
  bool ok() const { return ok_; }

 private:
  bool error(Position p, std::string msg) {
    diags_.error(p, std::move(msg));
    ok_ = false;
    return false;
  }
  bool section_name(const Field& s, std::string& out);
  void component(const Field& s, ComponentKind kind, bool sub_library, std::string name);
  bool cond_tree(const std::vector<Field>& fields, BlockKind block, bool top,
                 CondTree& out);
  void if_chain(const std::vector<const Field*>& run, BlockKind block,
                std::vector<CondBranch>& out);
  void imports(const std::vector<Field>& fields, bool top, size_t& first_other,
               std::vector<const CondTree*>& out);
  bool plain_fields(const Field& s, FieldMap& out);

  CabalSpec spec_;
  GenericPackageDescription& gpd_;
  Diagnostics& diags_;
  std::map<std::string, CondTree, std::less<>> commons_;
  bool has_main_library_ = false;
  bool ok_ = true;
};

bool SectionParser::section_name(const Field& s, std::string& out) {
  if (s.args.size() == 1 && s.args[0].kind != SectionArg::Kind::Other) {
    out.assign(s.args[0].text);
    return true;
  }
  if (s.args.empty()) return error(s.pos, "the " + s.name + " section needs a name");
  std::string given;
  for (const auto& a : s.args) given += (given.empty() ? "" : " ") + std::string(a.text);
  return error(s.pos, "invalid " + s.name + " name '" + given + "': expected one name");
}

// Leading `import:` fields of a block (from 2.2; in nested blocks from 3.0).
void SectionParser::imports(const std::vector<Field>& fields, bool top, size_t& first_other,
                            std::vector<const CondTree*>& out) {
  first_other = 0;
  bool allowed = spec_ >= CabalSpec::V2_2 && (top || spec_ >= CabalSpec::V3_0);
  if (!allowed) return;
  for (; first_other < fields.size(); ++first_other) {
    const Field& f = fields[first_other];
    if (f.is_section || f.name != "import"sv) break;
    std::string text = join_field_lines(f.lines);
    ValueDiags vd;
    ValueCursor cur(text, spec_, vd);
    cur.skip_spaces();
    std::vector<std::string> names;
    bool parsed = parse_token_list(cur, ListSep::CommaFSep, TokenKind::Token, names);
    for (auto& d : vd) {
      if (d.is_error) error(value_position(f, d.offset), "import: " + d.message);
    }
    if (!parsed) continue;
    for (const auto& n : names) {
      auto it = commons_.find(n);
      if (it == commons_.end()) {
        error(f.pos, "Undefined common stanza imported: " + n +
                         ", expected the name of a common stanza defined before this import");
        continue;
      }
      out.push_back(&it->second);
    }
  }
}

bool SectionParser::cond_tree(const std::vector<Field>& fields, BlockKind block,
                              bool top, CondTree& out) {
  size_t first = 0;
  std::vector<const CondTree*> imported;
  imports(fields, top, first, imported);

  // Cabal's partitionFields: fields grouped by name; sections in runs that
  // fields interrupt (an `else` must follow its `if` directly).
  std::vector<const Field*> plain;
  plain.reserve(fields.size() - first);
  std::vector<std::vector<const Field*>> runs;
  bool in_run = false;
  for (size_t i = first; i < fields.size(); ++i) {
    const Field& f = fields[i];
    if (!f.is_section && f.name == "import"sv) {
      diags_.warning(f.pos, spec_ >= CabalSpec::V2_2
                                ? "Unknown field: import. Common stanza imports should be at the top of the enclosing section"
                                : "Unknown field: import. You should set cabal-version: 2.2 or larger to use common stanzas");
      continue;
    }
    if (f.is_section) {
      if (!in_run) runs.emplace_back();
      runs.back().push_back(&f);
      in_run = true;
    } else {
      plain.push_back(&f);
      in_run = false;
    }
  }
  if (!parse_component_fields(block, group_fields(plain), spec_, out.data, diags_)) ok_ = false;
  for (const auto& run : runs) if_chain(run, block, out.branches);

  // Imported stanzas come first: their fields before ours, their branches before ours.
  if (!imported.empty()) {
    BuildInfo merged = imported[0]->data.build_info;
    std::vector<CondBranch> branches;
    for (size_t k = 0; k < imported.size(); ++k) {
      if (k > 0) append_build_info(merged, imported[k]->data.build_info);
      branches.insert(branches.end(), imported[k]->branches.begin(), imported[k]->branches.end());
    }
    append_build_info(merged, out.data.build_info);
    out.data.build_info = std::move(merged);
    branches.insert(branches.end(), std::make_move_iterator(out.branches.begin()),
                    std::make_move_iterator(out.branches.end()));
    out.branches = std::move(branches);
  }
  return ok_;
}

void SectionParser::if_chain(const std::vector<const Field*>& run, BlockKind block,
                             std::vector<CondBranch>& out) {
  size_t i = 0;
  // Each `if` may be followed by `elif`s (from 2.2) and one `else`.
  while (i < run.size()) {
    const Field& s = *run[i];
    if (s.name != "if"sv) {
      diags_.warning(s.pos, "invalid subsection \"" + s.name + "\"");
      ++i;
      continue;
    }
    CondBranch* branch = &out.emplace_back();
    if (!parse_condition(s.args, s.pos, branch->condition, diags_)) {
      ok_ = false;
      branch->condition = Condition{};
    }
    branch->then_tree.emplace_back();
    cond_tree(s.children, block, false, branch->then_tree[0]);
    ++i;
    while (i < run.size()) {
      const Field& e = *run[i];
      if (e.name == "else"sv) {
        if (!e.args.empty()) error(e.pos, "`else` section has section arguments");
        branch->else_tree.emplace_back();
        cond_tree(e.children, block, false, branch->else_tree[0]);
        ++i;
        break;
      }
      if (e.name != "elif"sv) break;
      if (spec_ < CabalSpec::V2_2) {
        diags_.warning(e.pos, "invalid subsection \"elif\". You should set cabal-version: 2.2 or larger to use elif-conditionals.");
        ++i;
        break;
      }
      // `elif` is an `else` holding one conditional branch.
      branch->else_tree.emplace_back();
      CondTree& holder = branch->else_tree[0];
      parse_component_fields(block, {}, spec_, holder.data, diags_);
      branch = &holder.branches.emplace_back();
      if (!parse_condition(e.args, e.pos, branch->condition, diags_)) {
        ok_ = false;
        branch->condition = Condition{};
      }
      branch->then_tree.emplace_back();
      cond_tree(e.children, block, false, branch->then_tree[0]);
      ++i;
    }
  }
}

bool SectionParser::plain_fields(const Field& s, FieldMap& out) {
  std::vector<const Field*> fs;
  for (const Field& f : s.children) {
    if (f.is_section) error(f.pos, "invalid subsection \"" + f.name + "\"");
    else fs.push_back(&f);
  }
  out = group_fields(fs);
  return ok_;
}

void SectionParser::component(const Field& s, ComponentKind kind, bool sub_library, std::string name) {
  Component c;
  c.kind = kind;
  c.name = std::move(name);
  c.pos = s.pos;
  cond_tree(s.children, block_kind(kind, sub_library), true, c.tree);
  gpd_.components.push_back(std::move(c));
}

bool SectionParser::section(const Field& s) {
  const std::string& n = s.name;
  std::string name;
  if (n == "common"sv) {
    if (spec_ < CabalSpec::V2_2) {
      diags_.warning(s.pos, "Ignoring section: common. You should set cabal-version: 2.2 or larger to use common stanzas.");
      return true;
    }
    if (!section_name(s, name)) return false;
    CondTree tree;
    cond_tree(s.children, BlockKind::Common, true, tree);
    if (commons_.count(name)) return error(s.pos, "Duplicate common stanza: " + name);
    commons_.emplace(name, std::move(tree));
  } else if (n == "library"sv && s.args.empty()) {
    if (has_main_library_)
      return error(s.pos, "Multiple main libraries; have you forgotten to specify a name for an internal library?");
    has_main_library_ = true;
    component(s, ComponentKind::Library, false, "");
  } else if (n == "library"sv) {
    if (section_name(s, name)) component(s, ComponentKind::Library, true, name);
  } else if (n == "foreign-library"sv) {
    if (section_name(s, name)) component(s, ComponentKind::ForeignLibrary, false, name);
  } else if (n == "executable"sv) {
    if (section_name(s, name)) component(s, ComponentKind::Executable, false, name);
  } else if (n == "test-suite"sv) {
    if (section_name(s, name)) component(s, ComponentKind::TestSuite, false, name);
  } else if (n == "benchmark"sv) {
    if (section_name(s, name)) component(s, ComponentKind::Benchmark, false, name);
  } else if (n == "flag"sv) {
    if (!section_name(s, name)) return false;
    PackageFlag flag;
    if (!parse_flag_name_text(name, flag.name)) error(s.pos, "invalid flag name '" + name + "'");
    FieldMap fields;
    plain_fields(s, fields);
    if (!parse_flag_fields(fields, spec_, flag, diags_)) ok_ = false;
    gpd_.flags.push_back(std::move(flag));
  } else if (n == "custom-setup"sv && s.args.empty()) {
    FieldMap fields;
    plain_fields(s, fields);
    gpd_.has_custom_setup = true;
    if (!parse_custom_setup_fields(fields, spec_, gpd_.setup_depends, diags_)) ok_ = false;
  } else if (n == "source-repository"sv) {
    SourceRepo repo;
    if (s.args.size() == 1 && s.args[0].kind == SectionArg::Kind::Name) {
      repo.kind.assign(s.args[0].text);
    } else if (s.args.empty()) {
      error(s.pos, "'source-repository' requires exactly one argument");
    } else {
      error(s.pos, "Invalid source-repository kind");
    }
    FieldMap fields;
    plain_fields(s, fields);
    if (!parse_source_repo_fields(fields, spec_, repo, diags_)) ok_ = false;
    gpd_.source_repos.push_back(std::move(repo));
  } else {
    diags_.warning(s.pos, "Ignoring section: \"" + n + "\"");
  }
  return ok_;
}

// ---- after the sections ------------------------------------------------------

const char* kind_word(ComponentKind k) {
  switch (k) {
    case ComponentKind::TestSuite: return "Test suite";
    case ComponentKind::Benchmark: return "Benchmark";
    case ComponentKind::ForeignLibrary: return "Foreign library";
    default: return "Component";
  }
}

// Cabal's validateTestSuite / validateBenchmark, on one node.
void validate_interface(ComponentKind kind, CabalSpec spec, Position pos, ComponentData& d,
                        Diagnostics& diags, bool& ok) {
  using I = ComponentData::Interface;
  std::string type = d.type_name;
  if (type.empty()) {
    if (spec >= CabalSpec::V3_8 && !d.main_is.empty()) type = "exitcode-stdio-1.0";
    else if (kind == ComponentKind::TestSuite && !d.test_module.empty()) type = "detailed-0.9";
  }
  if (type.empty()) {
    d.interface = I::None;
    return;
  }
  TestTypeKind tk = kind == ComponentKind::TestSuite ? classify_test_type(type) : classify_benchmark_type(type);
  if (tk == TestTypeKind::Invalid) {
    diags.error(pos, "invalid " + std::string(kind == ComponentKind::TestSuite ? "test suite" : "benchmark") +
                         " type '" + type + "'");
    ok = false;
    return;
  }
  if (tk == TestTypeKind::ExitcodeStdio) {
    if (d.main_is.empty()) {
      diags.error(pos, "The 'main-is' field is required for the " + type + " " +
                           (kind == ComponentKind::TestSuite ? "test suite" : "benchmark") + " type.");
      ok = false;
      d.interface = I::None;
      return;
    }
    d.interface = I::ExeV10;
  } else if (tk == TestTypeKind::Detailed) {
    if (d.test_module.empty()) {
      diags.error(pos, "The 'test-module' field is required for the " + type + " test suite type.");
      ok = false;
      d.interface = I::None;
      return;
    }
    d.interface = I::LibV09;
  } else {
    d.interface = I::Unsupported;
  }
}

void validate_tree(ComponentKind kind, CabalSpec spec, Position pos, CondTree& t, Diagnostics& diags, bool& ok) {
  validate_interface(kind, spec, pos, t.data, diags, ok);
  for (auto& b : t.branches) {
    for (auto& x : b.then_tree) validate_tree(kind, spec, pos, x, diags, ok);
    for (auto& x : b.else_tree) validate_tree(kind, spec, pos, x, diags, ok);
  }
}

// Cabal's onAllBranches: every way through the conditionals sets the property.
template <class Has>
bool on_all_branches(const CondTree& t, bool acc, const Has& has) {
  acc = acc || has(t.data);
  if (acc) return true;
  for (const auto& b : t.branches) {
    if (b.else_tree.empty()) continue;
    if (on_all_branches(b.then_tree[0], acc, has) && on_all_branches(b.else_tree[0], acc, has)) return true;
  }
  return false;
}

void collect_tree_flags(const CondTree& t, std::vector<std::string>& out) {
  for (const auto& b : t.branches) {
    collect_flags(b.condition, out);
    for (const auto& x : b.then_tree) collect_tree_flags(x, out);
    for (const auto& x : b.else_tree) collect_tree_flags(x, out);
  }
}

// Before 3.4 a dependency on a name that is one of this package's
// sub-libraries means that sub-library (Cabal's postProcessInternalDeps).
void rewrite_internal_deps(CondTree& t, const std::set<std::string, std::less<>>& sublibs,
                           const std::string& self) {
  auto& bi = t.data.build_info;
  std::vector<Dependency> deps;
  for (auto& d : bi.build_depends) {
    bool main = !d.libraries.empty() && d.libraries[0].empty();
    if (sublibs.count(d.package) && main) {
      Dependency sub{self, d.range, {d.package}};
      deps.push_back(sub);
      if (d.libraries.size() > 1) {
        d.libraries.erase(d.libraries.begin());
        deps.push_back(std::move(d));
      }
    } else {
      deps.push_back(std::move(d));
    }
  }
  bi.build_depends = std::move(deps);
  for (auto& m : bi.mixins) {
    if (m.library.empty() && sublibs.count(m.package)) {
      m.library = m.package == self ? "" : m.package;
      m.package = self;
    }
  }
  for (auto& b : t.branches) {
    for (auto& x : b.then_tree) rewrite_internal_deps(x, sublibs, self);
    for (auto& x : b.else_tree) rewrite_internal_deps(x, sublibs, self);
  }
}

}  // namespace

bool parse_package_description(std::string_view input, GenericPackageDescription& gpd,
                               Diagnostics& diags) {
  std::string patched;
  bool quirky = patch_quirks(input, patched);
  std::string_view text = quirky ? std::string_view(patched) : input;
  std::optional<Version> scanned = scan_spec_version(text);
  std::optional<CabalSpec> scanned_spec;
  if (scanned) {
    scanned_spec = spec_from_version_digits(scanned->numbers);
    if (!scanned_spec) {
      // Cabal reports this for the file as a whole.
      diags.error({0, 0}, "Unsupported cabal format version in cabal-version field: " + to_string(*scanned) +
                              ", expected " + kKnownSpecVersions);
      return false;
    }
  }
  std::string repaired;
  if (size_t bad = invalid_utf8_offset(text); bad != std::string_view::npos) {
    diags.warning({0, 0}, "UTF8 encoding problem at byte offset " + std::to_string(bad));
    repaired = repair_utf8(text);
    text = repaired;
  }
  std::vector<Field> fields;
  if (!read_fields(text, fields, diags)) return false;
  if (quirky) diags.warning({0, 0}, "Legacy cabal file");

  bool old_syntax = false;
  fields = sectionize(std::move(fields), old_syntax);
  size_t first_section = 0;
  while (first_section < fields.size() && !fields[first_section].is_section) ++first_section;
  std::vector<const Field*> top;
  top.reserve(first_section);
  for (size_t i = 0; i < first_section; ++i) top.push_back(&fields[i]);
  FieldMap top_fields = group_fields(top);

  // The spec version decides how everything else is read.
  CabalSpec spec = CabalSpec::V1_0;
  if (scanned_spec) {
    spec = *scanned_spec;
  } else if (const FieldGroup* g = find_field(top_fields, "cabal-version")) {
    if (!parse_spec_version_field(*g->occurrences.back(), spec, diags)) return false;
    if (spec >= CabalSpec::V2_2) {
      diags.error(g->occurrences.back()->pos,
                  "cabal-version should be at the beginning of the file starting with spec version 2.2, "
                  "expected 'cabal-version: " + spec_to_string(spec) + "' as the first line");
      return false;
    }
  }
  // The package grammar reads cabal-version again (with this spec version, now
  // with its warnings); it must agree with what was found here.
  gpd.spec = CabalSpec::V1_0;
  bool ok = parse_package_fields(top_fields, spec, gpd, diags);
  if (!ok) return false;
  if (gpd.spec != spec) {
    diags.error({0, 0}, "Scanned and parsed cabal-versions don't match: " + pretty_spec(spec) + " /= " +
                            pretty_spec(gpd.spec) + ", expected the last cabal-version field to repeat the first line");
    return false;
  }
  if (!old_syntax && spec < CabalSpec::V1_2)
    diags.warning({0, 0}, "A package using section syntax must specify at least 'cabal-version: >= 1.2'.");
  if (old_syntax && spec >= CabalSpec::V1_2)
    diags.warning({0, 0}, "A package using 'cabal-version: " + pretty_spec(spec) +
                              "' must use section syntax. See the Cabal user guide for details.");

  SectionParser sections(spec, gpd, diags);
  // Room for every component section at once (components are large to move).
  size_t component_sections = 0;
  for (size_t i = first_section; i < fields.size(); ++i) {
    const std::string& n = fields[i].name;
    component_sections += fields[i].is_section && (n == "library"sv || n == "executable"sv || n == "test-suite"sv ||
                                                   n == "benchmark"sv || n == "foreign-library"sv);
  }
  gpd.components.reserve(gpd.components.size() + component_sections);
  for (size_t i = first_section; i < fields.size(); ++i) {
    if (!fields[i].is_section) {
      diags.warning(fields[i].pos, "Ignoring trailing fields after sections: \"" + fields[i].name + "\"");
      continue;
    }
    sections.section(fields[i]);
  }
  ok = sections.ok();

  for (auto& c : gpd.components) {
    if (c.kind == ComponentKind::TestSuite || c.kind == ComponentKind::Benchmark) {
      validate_tree(c.kind, spec, c.pos, c.tree, diags, ok);
      // An unsupported type does not count: Cabal's `a <> Unsupported = a`
      // keeps the accumulated mempty (which is itself "unsupported").
      bool has = on_all_branches(c.tree, false, [](const ComponentData& d) {
        return d.interface == ComponentData::Interface::ExeV10 || d.interface == ComponentData::Interface::LibV09;
      });
      if (!has) {
        diags.error(c.pos, std::string(kind_word(c.kind)) + " \"" + c.name +
                               (spec >= CabalSpec::V3_8
                                    ? "\" is missing required field \"main-is\" or the field is not present in all conditional branches."
                                    : std::string("\" is missing required field \"type\" or the field is not present in all "
                                                  "conditional branches. The available ") +
                                          (c.kind == ComponentKind::TestSuite
                                               ? "test types are: exitcode-stdio-1.0, detailed-0.9"
                                               : "benchmark types are: exitcode-stdio-1.0")));
        ok = false;
      }
    } else if (c.kind == ComponentKind::ForeignLibrary) {
      bool has = on_all_branches(c.tree, false, [](const ComponentData& d) { return !d.foreign_type.empty(); });
      if (!has) {
        diags.error(c.pos, "Foreign library \"" + c.name + "\" is missing required field \"type\" or the field is not present "
                           "in all conditional branches. The available foreign library types are: native-shared, "
                           "native-static");
        ok = false;
      }
    }
  }

  if (spec < CabalSpec::V3_4) {
    std::set<std::string, std::less<>> sublibs;
    for (const auto& c : gpd.components)
      if (c.kind == ComponentKind::Library && !c.name.empty()) sublibs.insert(c.name);
    if (!sublibs.empty())
      for (auto& c : gpd.components) rewrite_internal_deps(c.tree, sublibs, gpd.name);
  }

  std::vector<std::string> used;
  for (const auto& c : gpd.components) collect_tree_flags(c.tree, used);
  std::vector<std::string> undefined;
  for (const auto& f : used) {
    bool declared = std::any_of(gpd.flags.begin(), gpd.flags.end(), [&](const PackageFlag& p) { return p.name == f; });
    if (!declared && std::find(undefined.begin(), undefined.end(), f) == undefined.end()) undefined.push_back(f);
  }
  if (!undefined.empty()) {
    std::sort(undefined.begin(), undefined.end());
    std::string list;
    for (const auto& f : undefined) list += (list.empty() ? "" : ", ") + f;
    diags.error({0, 0}, "These flags are used without having been defined: " + list + ", expected a 'flag " +
                            undefined[0] + "' section" + (undefined.size() > 1 ? " (and one for each of the others)" : ""));
    ok = false;
  }
  // Cabal's buildType: without a build-type field, Custom before 2.2 (from 2.2
  // Simple, unless there is a custom-setup section).
  bool custom = gpd.build_type == "Custom" || (gpd.build_type.empty() && spec < CabalSpec::V2_2);
  if (custom && !gpd.has_custom_setup && spec >= CabalSpec::V1_24) {
    diags.error({0, 0}, std::string("Since cabal-version: 1.24 specifying custom-setup section is mandatory") +
                            (gpd.build_type.empty() ? " (without a build-type field, the build type is Custom before "
                                                      "cabal-version 2.2), expected a custom-setup section or "
                                                      "'build-type: Simple'"
                                                    : ", expected a custom-setup section for 'build-type: Custom'"));
    ok = false;
  }
  return ok && !diags.has_error();
}

}  // namespace mhu::cabal
