// Hpack.Render and Hpack.Render.Dsl: the Package as the .cabal text hpack
// writes (default settings: two-space indentation, header fields aligned at
// 16, leading commas; no existing .cabal file to take an order from), with
// each line traced back to package.yaml.
#include <algorithm>

#include "stack/package_yaml_internal.h"

namespace mhu::stack::hpack {

namespace {

// ---- the Dsl ------------------------------------------------------------------

struct RValue {
  enum class Kind { Literal, CommaList, LineList, WordList } kind = Kind::Literal;
  Strs items;  // Literal: one item
};

struct Element {
  enum class Kind { Stanza, Group, Field, Verbatim } kind = Kind::Field;
  std::string name;  // Stanza header, Field name
  Loc loc;           // Stanza header, Field name
  RValue value;
  std::vector<Element> children;  // Stanza: its elements; Group: two stanzas
  Str verbatim;
};

Element field(std::string name, RValue v, Loc loc = {}) {
  Element e;
  e.kind = Element::Kind::Field;
  e.name = std::move(name);
  e.value = std::move(v);
  e.loc = loc;
  return e;
}
Element stanza(std::string header, std::vector<Element> children, Loc loc = {}) {
  Element e;
  e.kind = Element::Kind::Stanza;
  e.name = std::move(header);
  e.children = std::move(children);
  e.loc = loc;
  return e;
}
RValue literal(Str s) { return {RValue::Kind::Literal, {std::move(s)}}; }
RValue literal(std::string s, Loc loc = {}) { return literal(Str{std::move(s), loc}); }
RValue list(RValue::Kind k, Strs xs) { return {k, std::move(xs)}; }
Loc loc_of(const Strs& xs) { return xs.empty() ? Loc{} : xs.front().loc; }

// A logical line (it may hold newlines, as hpack's Literals may) with the
// byte offsets where text from package.yaml starts.
struct OutLine {
  std::string text;
  std::vector<std::pair<size_t, Loc>> segments;
};

class Renderer {
 public:
  explicit Renderer(RenderedCabal& out) : out_(out) {}

  void render(const Element& e, int nesting, int alignment) {
    std::string ind(static_cast<size_t>(nesting) * 2, ' ');
    switch (e.kind) {
      case Element::Kind::Stanza: {
        OutLine header{ind + e.name, {{ind.size(), e.loc}}};
        // `if COND`: the condition's text is package.yaml's.
        if (e.name.rfind("if ", 0) == 0) header.segments.push_back({ind.size() + 3, e.loc});
        emit(std::move(header));
        for (const auto& c : e.children) render(c, nesting + 1, 0);
        return;
      }
      case Element::Kind::Group:
        for (const auto& c : e.children) render(c, nesting, alignment);
        return;
      case Element::Kind::Verbatim: {
        // `lines`: a final newline does not start another line.
        const std::string& s = e.verbatim.s;
        size_t i = 0;
        int k = 0;
        while (i < s.size()) {
          size_t j = s.find('\n', i);
          if (j == std::string::npos) j = s.size();
          Loc at = e.verbatim.loc;
          if (at.line > 0) at = {at.file, at.line + k + (s.find('\n') != std::string::npos ? 1 : 0), at.col};
          emit({ind + s.substr(i, j - i), {{ind.size(), at}}});
          i = j + 1;
          ++k;
        }
        return;
      }
      case Element::Kind::Field: render_field(e, ind, alignment); return;
    }
  }

  void emit(OutLine line) {
    // Split at newlines inside the text; a continuation line keeps the
    // segment it falls in.
    size_t start = 0;
    std::vector<SourceSegment> segs;
    size_t next_seg = 0;
    Loc current{};
    bool have_current = false;
    const std::string& t = line.text;
    while (true) {
      size_t end = t.find('\n', start);
      if (end == std::string::npos) end = t.size();
      segs.clear();
      if (have_current) segs.push_back(SourceSegment{1, current.file, {current.line, current.col}});
      while (next_seg < line.segments.size() && line.segments[next_seg].first <= end) {
        auto [offset, loc] = line.segments[next_seg++];
        if (offset < start) offset = start;
        segs.push_back(SourceSegment{static_cast<int>(offset - start) + 1, loc.file, {loc.line, loc.col}});
        current = loc;
        have_current = true;
      }
      out_.text.append(t, start, end - start);
      out_.text += '\n';
      out_.lines.push_back(segs);
      if (end == t.size()) break;
      start = end + 1;
    }
  }

  void blank() {
    out_.text += '\n';
    out_.lines.emplace_back();
  }

 private:
  void render_field(const Element& e, const std::string& ind, int alignment) {
    const auto& items = e.value.items;
    switch (e.value.kind) {
      case RValue::Kind::Literal:
      case RValue::Kind::WordList: {
        OutLine l;
        l.text = ind + e.name + ": ";
        if (alignment > static_cast<int>(e.name.size()) + 2)
          l.text.append(static_cast<size_t>(alignment) - e.name.size() - 2, ' ');
        l.segments.push_back({ind.size(), e.loc});
        bool any = false;
        for (size_t i = 0; i < items.size(); ++i) {
          if (e.value.kind == RValue::Kind::WordList && i > 0) l.text += ' ';
          l.segments.push_back({l.text.size(), items[i].loc});
          l.text += items[i].s;
          any = any || !items[i].s.empty() || i > 0;
        }
        if (!any) return;  // SingleLine "": no field
        emit(std::move(l));
        return;
      }
      case RValue::Kind::LineList:
      case RValue::Kind::CommaList: {
        if (items.empty()) return;
        emit({ind + e.name + ":", {{ind.size(), e.loc}}});
        std::string inner = ind + "  ";
        for (size_t i = 0; i < items.size(); ++i) {
          std::string prefix = e.value.kind == RValue::Kind::CommaList && i > 0 ? ", " : "  ";
          OutLine l;
          l.text = inner + prefix;
          l.segments.push_back({l.text.size(), items[i].loc});
          l.text += items[i].s;
          emit(std::move(l));
        }
        return;
      }
    }
  }

  RenderedCabal& out_;
};

// ---- values ---------------------------------------------------------------------

// Haskell's showLitChar escapes.
std::string haskell_char_escape(char32_t c, bool& numeric) {
  static const char* const names[] = {"NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "a",  "b",  "t",  "n",
                                      "v",   "f",   "r",   "SO",  "SI",  "DLE", "DC1", "DC2", "DC3", "DC4", "NAK",
                                      "SYN", "ETB", "CAN", "EM",  "SUB", "ESC", "FS",  "GS",  "RS",  "US"};
  numeric = false;
  if (c == '"') return "\\\"";
  if (c == '\\') return "\\\\";
  if (c < 0x20) return std::string("\\") + names[c];
  if (c == 0x7f) return "\\DEL";
  if (c < 0x7f) return std::string(1, static_cast<char>(c));
  numeric = true;
  return "\\" + std::to_string(static_cast<unsigned long>(c));
}

std::vector<char32_t> decode_utf8(std::string_view s) {
  std::vector<char32_t> out;
  for (size_t i = 0; i < s.size();) {
    auto b = static_cast<unsigned char>(s[i]);
    size_t n = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 1;
    if (i + n > s.size()) n = 1;
    char32_t c = n == 1 ? b : n == 2 ? (b & 0x1f) : n == 3 ? (b & 0x0f) : (b & 0x07);
    for (size_t k = 1; k < n; ++k) c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3f);
    out.push_back(c);
    i += n;
  }
  return out;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

RValue render_paths(const Strs& paths) {
  Strs out;
  for (const auto& p : paths) {
    bool quote = std::any_of(p.s.begin(), p.s.end(), [](char c) { return is_space(c) || c == ','; });
    out.push_back(Str{quote ? haskell_show(p.s) : p.s, p.loc});
  }
  return list(RValue::Kind::LineList, out);
}

RValue render_directories(const Strs& dirs) {
  Strs out;
  for (const auto& d : dirs) out.push_back(Str{d.s == "." ? "./" : d.s, d.loc});
  return list(RValue::Kind::LineList, out);
}

std::string render_constraint(const Constraint& c) { return c.any ? "" : " " + c.range; }

std::vector<Element> render_dependencies(const std::string& name, const Dependencies& deps, Loc loc) {
  Strs rendered, mixins;
  for (const auto& [dep, info] : deps) {
    rendered.push_back(Str{dep + render_constraint(info.version.constraint), info.loc});
    for (const auto& m : info.mixins) mixins.push_back(Str{dep + " " + m.s, m.loc});
  }
  return {field(name, list(RValue::Kind::CommaList, rendered), loc),
          field("mixins", list(RValue::Kind::CommaList, mixins), loc)};
}

// ---- sections ------------------------------------------------------------------

struct Env {
  CabalVersion cabal_version;
  std::string package;
};

std::vector<Element> add_verbatim(const std::vector<Verbatim>& verbatim, std::vector<Element> fields) {
  std::vector<std::string> names;
  for (const auto& v : verbatim)
    for (const auto& [k, x] : v.fields) names.push_back(k);
  std::vector<Element> out;
  for (auto& f : fields)
    if (f.kind != Element::Kind::Field || std::find(names.begin(), names.end(), f.name) == names.end())
      out.push_back(std::move(f));
  for (const auto& v : verbatim) {
    if (v.literal) {
      Element e;
      e.kind = Element::Kind::Verbatim;
      e.verbatim = v.text;
      out.push_back(std::move(e));
      continue;
    }
    for (const auto& [k, x] : v.fields) {
      Loc kl = v.field_locs.count(k) ? v.field_locs.at(k) : x.loc;
      // `lines` of the value: one line is a Literal, several a list.
      Strs lines;
      size_t i = 0;
      while (i < x.text.size()) {
        size_t j = x.text.find('\n', i);
        if (j == std::string::npos) j = x.text.size();
        lines.push_back(Str{x.text.substr(i, j - i), x.loc});
        i = j + 1;
      }
      if (lines.size() == 1) out.push_back(field(k, literal(lines[0]), kl));
      else out.push_back(field(k, list(RValue::Kind::LineList, lines), kl));
    }
  }
  return out;
}

std::vector<Element> render_build_tools(const Env& env, const Section& s) {
  Strs tools, depends;
  bool supports_build_tools = !env.cabal_version.at_least({2});
  static const char* const known[] = {"alex", "c2hs", "cpphs", "greencard", "haddock", "happy", "hsc2hs", "hscolour"};
  for (const auto& [key, t] : s.resolved_build_tools) {
    std::string version = render_constraint(t.version.constraint);
    if (key.local) {
      if (supports_build_tools) tools.push_back(Str{key.executable + version, t.loc});
      else depends.push_back(Str{env.package + ":" + key.executable + version, t.loc});
    } else {
      bool is_known = key.package == key.executable &&
                      std::any_of(std::begin(known), std::end(known), [&key = key](const char* k) { return key.executable == k; });
      if (supports_build_tools && is_known) tools.push_back(Str{key.executable + version, t.loc});
      else depends.push_back(Str{key.package + ":" + key.executable + version, t.loc});
    }
  }
  for (const auto& [name, t] : s.resolved_system_tools) tools.push_back(Str{name + render_constraint(t.constraint), t.loc});
  return {field("build-tools", list(RValue::Kind::CommaList, tools)),
          field("build-tool-depends", list(RValue::Kind::CommaList, depends))};
}

Strs bool_item(bool b, Loc loc) { return {Str{b ? "True" : "False", loc}}; }

std::vector<Element> render_section(const Env& env, const Section& s, SectionKind kind, std::vector<Element> start);

Element render_conditional(const Env& env, const Conditional& c, SectionKind kind) {
  std::string cond = c.condition.is_bool ? (c.condition.value ? "true" : "false") : c.condition.expression;
  Element if_ = stanza("if " + cond, render_section(env, c.branches[0], kind, {}), c.condition.loc);
  if (c.branches.size() < 2) return if_;
  Element group;
  group.kind = Element::Kind::Group;
  group.children.push_back(std::move(if_));
  group.children.push_back(stanza("else", render_section(env, c.branches[1], kind, {}), c.branches[1].loc));
  return group;
}

std::vector<Element> render_section(const Env& env, const Section& s, SectionKind kind, std::vector<Element> e) {
  using K = RValue::Kind;
  if (kind == SectionKind::Library) {
    if (s.lib.exposed) e.push_back(field("exposed", list(K::Literal, bool_item(s.lib.exposed->value, s.lib.exposed->loc))));
    if (s.lib.visibility) e.push_back(field("visibility", literal(*s.lib.visibility)));
    e.push_back(field("exposed-modules", list(K::LineList, s.exposed_modules), loc_of(s.exposed_modules)));
    e.push_back(field("other-modules", list(K::LineList, s.other_modules), loc_of(s.other_modules)));
    e.push_back(field("autogen-modules", list(K::LineList, s.generated_modules), loc_of(s.generated_modules)));
    Strs reexported = s.lib.reexported_modules ? *s.lib.reexported_modules : Strs{};
    Strs signatures = s.lib.signatures ? *s.lib.signatures : Strs{};
    e.push_back(field("reexported-modules", list(K::CommaList, reexported), loc_of(reexported)));
    e.push_back(field("signatures", list(K::CommaList, signatures), loc_of(signatures)));
  } else if (kind == SectionKind::Executable) {
    if (s.exe.main) e.push_back(field("main-is", literal(*s.exe.main), s.exe.main->loc));
    e.push_back(field("other-modules", list(K::LineList, s.other_modules), loc_of(s.other_modules)));
    e.push_back(field("autogen-modules", list(K::LineList, s.generated_modules), loc_of(s.generated_modules)));
  }
  auto words = [&](const char* name, const Strs& xs) { e.push_back(field(name, list(K::WordList, xs), loc_of(xs))); };
  auto lines = [&](const char* name, const Strs& xs) { e.push_back(field(name, list(K::LineList, xs), loc_of(xs))); };
  e.push_back(field("hs-source-dirs", render_directories(s.source_dirs), loc_of(s.source_dirs)));
  lines("default-extensions", s.default_extensions);
  lines("other-extensions", s.other_extensions);
  words("ghc-options", s.ghc_options);
  words("ghc-prof-options", s.ghc_prof_options);
  words("ghc-shared-options", s.ghc_shared_options);
  words("ghcjs-options", s.ghcjs_options);
  words("cpp-options", s.cpp_options);
  words("asm-options", s.asm_options);
  words("cc-options", s.cc_options);
  words("cxx-options", s.cxx_options);
  e.push_back(field("include-dirs", render_directories(s.include_dirs), loc_of(s.include_dirs)));
  lines("install-includes", s.install_includes);
  e.push_back(field("asm-sources", render_paths(s.asm_sources), loc_of(s.asm_sources)));
  e.push_back(field("c-sources", render_paths(s.c_sources), loc_of(s.c_sources)));
  e.push_back(field("cxx-sources", render_paths(s.cxx_sources), loc_of(s.cxx_sources)));
  e.push_back(field("js-sources", render_paths(s.js_sources), loc_of(s.js_sources)));
  e.push_back(field("extra-lib-dirs", render_directories(s.extra_lib_dirs), loc_of(s.extra_lib_dirs)));
  lines("extra-libraries", s.extra_libraries);
  e.push_back(field("extra-frameworks-dirs", render_directories(s.extra_frameworks_dirs), loc_of(s.extra_frameworks_dirs)));
  lines("frameworks", s.frameworks);
  words("ld-options", s.ld_options);
  e.push_back(field("pkgconfig-depends", list(K::CommaList, s.pkg_config_dependencies), loc_of(s.pkg_config_dependencies)));
  for (auto& x : render_build_tools(env, s)) e.push_back(std::move(x));
  Loc deps_loc = s.dependencies.empty() ? Loc{} : s.dependencies.begin()->second.loc;
  for (auto& x : render_dependencies("build-depends", s.dependencies, deps_loc)) e.push_back(std::move(x));
  if (s.buildable) e.push_back(field("buildable", list(K::Literal, bool_item(s.buildable->value, s.buildable->loc))));
  if (s.language && *s.language) e.push_back(field("default-language", literal(**s.language), (*s.language)->loc));
  for (const auto& c : s.when) e.push_back(render_conditional(env, c, kind));
  return add_verbatim(s.verbatim, std::move(e));
}

// formatDescription: later lines indented to the alignment (16), empty ones
// as "." before cabal-version 3.
std::string format_description(const CabalVersion& v, const std::string& d) {
  std::vector<std::string> ls;
  size_t i = 0;
  while (i < d.size()) {
    size_t j = d.find('\n', i);
    if (j == std::string::npos) j = d.size();
    ls.push_back(d.substr(i, j - i));
    i = j + 1;
  }
  auto empty = [](const std::string& s) { return std::all_of(s.begin(), s.end(), is_space); };
  std::string out;
  for (size_t k = 0; k < ls.size(); ++k) {
    std::string l = ls[k];
    if (empty(l) && !v.at_least({3})) l = ".";
    if (k > 0) out += '\n' + (empty(l) ? "" : std::string(16, ' ') + l);
    else out += l;
  }
  return out;
}

// formatList: the values joined by ",\n" and the alignment.
RValue format_list(const std::string& name, const Strs& values) {
  if (values.empty()) return literal("");
  size_t n = std::max<size_t>(16, name.size() + 2);
  Str joined{values[0].s, values[0].loc};
  for (size_t i = 1; i < values.size(); ++i) joined.s += ",\n" + std::string(n, ' ') + values[i].s;
  return literal(joined);
}

}  // namespace

std::string haskell_show(std::string_view s) {
  std::string out = "\"";
  bool prev_numeric = false;
  std::string prev;
  for (char32_t c : decode_utf8(s)) {
    bool numeric;
    std::string esc = haskell_char_escape(c, numeric);
    // "\&" keeps "\1234" from running into a digit and "\SO" into an 'H'.
    if ((prev_numeric && c >= '0' && c <= '9') || (prev == "\\SO" && c == 'H')) out += "\\&";
    out += esc;
    prev_numeric = numeric;
    prev = esc;
  }
  return out + "\"";
}

void render_package(const Package& p, RenderedCabal& out) {
  Renderer r(out);
  Env env{p.cabal_version, p.name.s};
  r.emit({"cabal-version: " + p.cabal_version.show(), {{15, Loc{}}}});
  r.blank();

  // Header fields.
  std::vector<Element> header;
  auto opt = [&](const char* name, const std::optional<Str>& v) {
    if (v) header.push_back(field(name, literal(*v), v->loc));
  };
  header.push_back(field("name", literal(p.name), p.name.loc));
  header.push_back(field("version", literal(p.version), p.version.loc));
  opt("synopsis", p.synopsis);
  if (p.description)
    header.push_back(field("description", literal(Str{format_description(p.cabal_version, p.description->s), p.description->loc}),
                           p.description->loc));
  header.push_back(field("category", format_list("category", p.category), loc_of(p.category)));
  opt("stability", p.stability);
  opt("homepage", p.homepage);
  opt("bug-reports", p.bug_reports);
  header.push_back(field("author", format_list("author", p.author), loc_of(p.author)));
  header.push_back(field("maintainer", format_list("maintainer", p.maintainer), loc_of(p.maintainer)));
  header.push_back(field("copyright", format_list("copyright", p.copyright), loc_of(p.copyright)));
  opt("license", p.license);
  if (p.license_files.size() == 1) header.push_back(field("license-file", literal(p.license_files[0]), p.license_files[0].loc));
  else header.push_back(field("license-files", format_list("license-files", p.license_files), loc_of(p.license_files)));
  header.push_back(field("build-type", literal(p.build_type), p.build_type.loc));
  header.push_back(field("tested-with", list(RValue::Kind::CommaList, p.tested_with), loc_of(p.tested_with)));
  header.push_back(field("extra-source-files", render_paths(p.extra_source_files), loc_of(p.extra_source_files)));
  header.push_back(field("extra-doc-files", render_paths(p.extra_doc_files), loc_of(p.extra_doc_files)));
  header.push_back(field("extra-files", render_paths(p.extra_files), loc_of(p.extra_files)));
  header.push_back(field("data-files", render_paths(p.data_files), loc_of(p.data_files)));
  if (p.data_dir) header.push_back(field("data-dir", literal(*p.data_dir), p.data_dir->loc));
  for (const auto& e : add_verbatim(p.verbatim, std::move(header))) r.render(e, 0, 16);

  // Stanzas.
  std::vector<Element> stanzas;
  if (p.source_repository) {
    const auto& sr = *p.source_repository;
    stanzas.push_back(stanza("source-repository head",
                             {field("type", literal("git")), field("location", literal(sr.url), sr.url.loc),
                              field("subdir", sr.subdir ? literal(*sr.subdir) : literal(""))},
                             sr.url.loc));
  }
  if (p.custom_setup)
    stanzas.push_back(stanza("custom-setup", render_dependencies("setup-depends", *p.custom_setup, p.custom_setup_loc),
                             p.custom_setup_loc));
  for (const auto& f : p.flags) {
    std::vector<Element> fs;
    if (f.description) fs.push_back(field("description", literal(*f.description), f.description->loc));
    fs.push_back(field("manual", literal(f.manual ? "True" : "False", f.loc)));
    fs.push_back(field("default", literal(f.default_value ? "True" : "False", f.loc)));
    stanzas.push_back(stanza("flag " + f.name, std::move(fs), f.loc));
  }
  if (p.library) stanzas.push_back(stanza("library", render_section(env, *p.library, SectionKind::Library, {}), p.library->loc));
  for (const auto& [n, s] : p.internal_libraries)
    stanzas.push_back(stanza("library " + n, render_section(env, s, SectionKind::Library, {}), s.loc));
  for (const auto& [n, s] : p.executables)
    stanzas.push_back(stanza("executable " + n, render_section(env, s, SectionKind::Executable, {}), s.loc));
  auto type_field = [] { return std::vector<Element>{field("type", literal("exitcode-stdio-1.0"))}; };
  for (const auto& [n, s] : p.tests)
    stanzas.push_back(stanza("test-suite " + n, render_section(env, s, SectionKind::Executable, type_field()), s.loc));
  for (const auto& [n, s] : p.benchmarks)
    stanzas.push_back(stanza("benchmark " + n, render_section(env, s, SectionKind::Executable, type_field()), s.loc));
  for (const auto& s : stanzas) {
    r.blank();
    r.render(s, 0, 0);
  }
}

}  // namespace mhu::stack::hpack
