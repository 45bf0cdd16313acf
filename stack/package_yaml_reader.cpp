// From hpack's Value to sections: CommonOptions, LibrarySection,
// ExecutableSection and ConditionalSection as Hpack.Config reads them, the
// dependency and build-tool forms of Hpack.Syntax.*, `verbatim`, and the
// Semigroup that merges the top level and defaults into each section.
#include <algorithm>

#include "cabal/dependency.h"
#include "cabal/version.h"
#include "stack/package_yaml_internal.h"

namespace mhu::stack::hpack {

namespace {

using cabal::CabalSpec;
using cabal::ValueCursor;
using cabal::ValueDiags;
using cabal::VersionRange;
using Kind = Value::Kind;

std::string index_path(const std::string& path, size_t i) { return path + "[" + std::to_string(i) + "]"; }

// hpack parses with Cabal's parsers at the latest spec version (eitherParsec).
constexpr CabalSpec kLatest = cabal::kLatestCabalSpec;

// ---- version constraints ----------------------------------------------------

VersionRange expand_major_bounds(const VersionRange& r) {
  using Op = VersionRange::Op;
  if (r.op == Op::MajorBound)
    return cabal::intersect(cabal::make_range(Op::OrLater, r.version),
                            cabal::make_range(Op::Earlier, cabal::major_upper_bound(r.version)));
  if (r.op == Op::Union || r.op == Op::Intersection) {
    VersionRange out = r;
    for (auto& o : out.operands) o = expand_major_bounds(o);
    return out;
  }
  return r;
}

// Hpack.Syntax.DependencyVersion's versionConstraintFromCabal: any version is
// no constraint; ^>= is spelled out; a top-level `>=x && <y` where y bumps the
// last component of x is `==x.*`; the rest as Cabal prints it.
Constraint constraint_from_range(const VersionRange& range) {
  using Op = VersionRange::Op;
  if (cabal::is_any_version(range)) return {};
  VersionRange r = expand_major_bounds(range);
  if (r.op == Op::Intersection && r.operands[0].op == Op::OrLater && r.operands[1].op == Op::Earlier) {
    const auto& x = r.operands[0].version.numbers;
    const auto& y = r.operands[1].version.numbers;
    if (!x.empty() && x.size() == y.size() && std::equal(x.begin(), x.end() - 1, y.begin()) &&
        x.back() + 1 == y.back())
      return {false, "==" + cabal::to_string(r.operands[0].version) + ".*"};
  }
  return {false, cabal::to_string(r)};
}

// The first error a Cabal parser recorded, for messages.
std::string first_message(const ValueDiags& vd) {
  for (const auto& d : vd)
    if (d.is_error) return d.message;
  return "";
}

bool parse_range_text(std::string_view text, VersionRange& out) {
  return cabal::parse_version_range(text, kLatest, out);
}

// A whole string with one of Cabal's value parsers (eitherParsec).
template <class T, class P>
bool parse_whole(std::string_view text, P parse, T& out, std::string& detail) {
  ValueDiags vd;
  ValueCursor cur(text, kLatest, vd);
  bool ok = parse(cur, out);
  if (ok) {
    cur.skip_spaces();
    if (!cur.at_end()) {
      ok = false;
      if (vd.empty()) cur.fail_expecting("end of input");
    }
  }
  if (!ok) detail = first_message(vd);
  return ok;
}

std::string with_detail(std::string msg, const std::string& detail) {
  return detail.empty() ? msg : msg + " (" + detail + ")";
}

// Hpack's versionConstraint: null, a number (==n), or a string.
bool read_constraint(Context& ctx, const Value& v, const std::string& path, Constraint& out) {
  switch (v.kind) {
    case Kind::Null:
      out = {};
      return true;
    case Kind::Number:
      out = {false, "==" + v.text};
      return true;
    case Kind::String:
      if (parse_constraint_text(v.text, out)) return true;
      ctx.decode_error(v.loc, path, "invalid constraint \"" + v.text + "\"");
      return false;
    default:
      ctx.type_mismatch(v, path, "Null, Number, or String");
      return false;
  }
}

// objectDependency: `version`, and a source (path, or git/github with ref).
bool read_object_dependency(Context& ctx, ObjectReader& o, DepVersion& out) {
  bool ok = true;
  out = {};
  if (const Member* m = o.get("version")) ok = read_constraint(ctx, m->value, o.path_of("version"), out.constraint);
  bool any_source = o.has("path") || o.has("git") || o.has("github") || o.has("ref") || o.has("subdir");
  if (!any_source) return ok;
  out.has_source = true;
  if (const Member* p = o.get("path")) {
    Str s;
    return read_string(ctx, p->value, o.path_of("path"), s) && ok;
  }
  const Member* gh = o.get("github");
  const Member* git = gh ? nullptr : o.get("git");
  if (!gh && !git) {
    ctx.decode_error(o.object().loc, o.path(), "neither key \"git\" nor key \"github\" present");
    return false;
  }
  Str s;
  if (gh) ok = read_string(ctx, gh->value, o.path_of("github"), s) && ok;
  else ok = read_string(ctx, git->value, o.path_of("git"), s) && ok;
  const Member* ref = o.get("ref");
  if (!ref) {
    ctx.decode_error(o.object().loc, o.path(), "key \"ref\" not present");
    return false;
  }
  ok = read_string(ctx, ref->value, o.path_of("ref"), s) && ok;
  if (const Member* sd = o.get("subdir")) ok = read_string(ctx, sd->value, o.path_of("subdir"), s) && ok;
  return ok;
}

// withDependencyVersion: null, an object, a number or a string.
bool read_dependency_version(Context& ctx, const Value& v, const std::string& path, DepVersion& out,
                             Strs* mixins) {
  out = {};
  switch (v.kind) {
    case Kind::Null: return true;
    case Kind::Object: {
      ObjectReader o(ctx, v, path);
      bool ok = read_object_dependency(ctx, o, out);
      if (mixins)
        if (const Member* m = o.get("mixin")) ok = read_string_list(ctx, m->value, o.path_of("mixin"), *mixins) && ok;
      o.finish();
      return ok;
    }
    case Kind::Number:
    case Kind::String: return read_constraint(ctx, v, path, out.constraint);
    default: ctx.type_mismatch(v, path, "Null, Object, Number, or String"); return false;
  }
}

// The name hpack gives a parsed Cabal dependency: pkg, pkg:lib, or pkg:{a,b}
// (sub-libraries only: a main library among several is dropped).
std::string dependency_name(const cabal::Dependency& d) {
  if (d.libraries.size() == 1 && d.libraries[0].empty()) return d.package;
  if (d.libraries.size() == 1) return d.package + ":" + d.libraries[0];
  std::string names;
  for (const auto& l : d.libraries)
    if (!l.empty()) names += (names.empty() ? "" : ",") + l;
  return d.package + ":{" + names + "}";
}

// parseDependency "dependency"/"build tool": Cabal's Dependency parser.
bool parse_dependency_string(Context& ctx, const Value& v, const std::string& path, const char* subject,
                             std::string& name, DepVersion& version) {
  cabal::Dependency d;
  std::string detail;
  if (!parse_whole(v.text, cabal::parse_dependency, d, detail)) {
    ctx.decode_error(v.loc, path, with_detail(std::string("invalid ") + subject + " \"" + v.text + "\"", detail));
    return false;
  }
  name = dependency_name(d);
  version = {false, constraint_from_range(d.range)};
  return true;
}

// parseDependencies: a string, a list of strings and {name: ...} objects, or
// an object from names to versions.
template <class FromString, class FromListObject, class FromDictValue>
bool read_dependency_forms(Context& ctx, const Value& v, const std::string& path, FromString from_string,
                           FromListObject from_list_object, FromDictValue from_dict_value) {
  switch (v.kind) {
    case Kind::String: return from_string(v, path);
    case Kind::Array: {
      bool ok = true;
      for (size_t i = 0; i < v.items.size(); ++i) {
        const Value& item = v.items[i];
        std::string ip = index_path(path, i);
        if (item.is(Kind::String)) {
          ok = from_string(item, ip) && ok;
        } else if (item.is(Kind::Object)) {
          ObjectReader o(ctx, item, ip);
          const Member* n = o.get("name");
          Str name;
          if (!n) {
            ctx.decode_error(item.loc, ip, "key \"name\" not present");
            ok = false;
          } else if (!read_string(ctx, n->value, o.path_of("name"), name)) {
            ok = false;
          } else {
            ok = from_list_object(o, name) && ok;
          }
          o.finish();
        } else {
          ctx.type_mismatch(item, ip, "Object or String");
          ok = false;
        }
      }
      return ok;
    }
    case Kind::Object: {
      bool ok = true;
      for (const auto& m : v.members) ok = from_dict_value(m, path + "." + m.key) && ok;
      return ok;
    }
    default: ctx.type_mismatch(v, path, "Array, Object, or String"); return false;
  }
}

bool read_build_tools(Context& ctx, const Value& v, const std::string& path, BuildTools& out) {
  auto name_to_tool = [](const std::string& name, Loc loc) {
    ParsedBuildTool t;
    auto colon = name.find(':');
    if (colon == std::string::npos) {
      t.executable = name;
    } else {
      t.qualified = true;
      t.package = name.substr(0, colon);
      t.executable = name.substr(colon + 1);
    }
    t.loc = loc;
    return t;
  };
  return read_dependency_forms(
      ctx, v, path,
      [&](const Value& s, const std::string& p) {
        ParsedBuildTool t;
        t.loc = s.loc;
        cabal::ExeDependency e;
        std::string detail;
        if (parse_whole(s.text, cabal::parse_exe_dependency, e, detail)) {
          t.qualified = true;
          t.package = e.package;
          t.executable = e.executable;
          t.version = {false, constraint_from_range(e.range)};
        } else if (!parse_dependency_string(ctx, s, p, "build tool", t.executable, t.version)) {
          return false;
        }
        out.push_back(std::move(t));
        return true;
      },
      [&](ObjectReader& o, const Str& name) {
        ParsedBuildTool t = name_to_tool(name.s, name.loc);
        bool ok = read_object_dependency(ctx, o, t.version);
        out.push_back(std::move(t));
        return ok;
      },
      [&](const Member& m, const std::string& p) {
        ParsedBuildTool t = name_to_tool(m.key, m.key_loc);
        bool ok = read_dependency_version(ctx, m.value, p, t.version, nullptr);
        out.push_back(std::move(t));
        return ok;
      });
}

bool read_system_build_tools(Context& ctx, const Value& v, const std::string& path, SystemBuildTools& out) {
  return read_dependency_forms(
      ctx, v, path,
      [&](const Value& s, const std::string& p) {
        cabal::LegacyExeDependency d;
        std::string detail;
        if (!parse_whole(s.text, cabal::parse_legacy_exe_dependency, d, detail)) {
          ctx.decode_error(s.loc, p, with_detail("invalid system build tool \"" + s.text + "\"", detail));
          return false;
        }
        out[d.name] = SystemTool{constraint_from_range(d.range), s.loc};
        return true;
      },
      [&](ObjectReader& o, const Str& name) {
        const Member* ver = o.get("version");
        if (!ver) {
          ctx.decode_error(o.object().loc, o.path(), "key \"version\" not present");
          return false;
        }
        SystemTool t{{}, name.loc};
        if (!read_constraint(ctx, ver->value, o.path_of("version"), t.constraint)) return false;
        out[name.s] = t;
        return true;
      },
      [&](const Member& m, const std::string& p) {
        SystemTool t{{}, m.key_loc};
        if (!read_constraint(ctx, m.value, p, t.constraint)) return false;
        out[m.key] = t;
        return true;
      });
}

bool read_verbatim(Context& ctx, const Value& v, const std::string& path, std::vector<Verbatim>& out) {
  auto one = [&](const Value& x, const std::string& p) {
    Verbatim vb;
    if (x.is(Kind::String)) {
      vb.literal = true;
      vb.text = Str{x.text, x.loc};
    } else if (x.is(Kind::Object)) {
      bool ok = true;
      for (const auto& m : x.members) {
        const Value& fv = m.value;
        std::string text;
        switch (fv.kind) {
          case Kind::String:
          case Kind::Number: text = fv.text; break;
          case Kind::Bool: text = fv.boolean ? "True" : "False"; break;
          case Kind::Null: break;
          default:
            ctx.type_mismatch(fv, p + "." + m.key, "String, Number, Bool, or Null");
            ok = false;
            continue;
        }
        vb.fields[m.key] = VerbatimValue{text, fv.loc};
        vb.field_locs[m.key] = m.key_loc;
      }
      if (!ok) return false;
    } else {
      ctx.type_mismatch(x, p, "String or Object");
      return false;
    }
    out.push_back(std::move(vb));
    return true;
  };
  if (!v.is(Kind::Array)) return one(v, path);
  bool ok = true;
  for (size_t i = 0; i < v.items.size(); ++i) ok = one(v.items[i], index_path(path, i)) && ok;
  return ok;
}

bool read_cond(Context& ctx, const Value& v, const std::string& path, Cond& out) {
  out.loc = v.loc;
  if (v.is(Kind::String)) {
    out.expression = v.text;
    return true;
  }
  if (v.is(Kind::Bool)) {
    out.is_bool = true;
    out.value = v.boolean;
    return true;
  }
  ctx.type_mismatch(v, path, "Boolean or String");
  return false;
}

void read_list_field(Context& ctx, ObjectReader& r, std::string_view key, Strs& out) {
  if (const Member* m = r.get(key)) read_string_list(ctx, m->value, r.path_of(key), out);
}
void read_opt_list_field(Context& ctx, ObjectReader& r, std::string_view key, std::optional<Strs>& out) {
  if (const Member* m = r.get(key)) {
    Strs xs;
    if (read_string_list(ctx, m->value, r.path_of(key), xs)) out = std::move(xs);
  }
}

void read_conditional(Context& ctx, const Value& v, const std::string& path, SectionKind kind,
                      std::vector<Conditional>& out);

void read_when(Context& ctx, const Value& v, const std::string& path, SectionKind kind, std::vector<Conditional>& out) {
  if (!v.is(Kind::Array)) {
    read_conditional(ctx, v, path, kind, out);
    return;
  }
  for (size_t i = 0; i < v.items.size(); ++i) read_conditional(ctx, v.items[i], index_path(path, i), kind, out);
}

// A branch of a conditional (`then:`, `else:`, or the flat form's fields):
// the section's fields without `defaults`.
void read_branch(Context& ctx, ObjectReader& r, SectionKind kind, Section& out) {
  out.kind = kind;
  out.loc = r.object().loc;
  read_section_fields(ctx, r, kind, out, nullptr);
}

void read_conditional(Context& ctx, const Value& v, const std::string& path, SectionKind kind,
                      std::vector<Conditional>& out) {
  if (!v.is(Kind::Object)) {
    ctx.type_mismatch(v, path, "Object");
    return;
  }
  ObjectReader r(ctx, v, path);
  Conditional c;
  bool ok = true;
  if (r.has("then") || r.has("else")) {
    const Member* t = r.get("then");
    const Member* e = r.get("else");
    for (auto [m, name] : {std::pair{t, "then"}, std::pair{e, "else"}}) {
      if (!m) {
        ctx.decode_error(v.loc, path, std::string("key \"") + name + "\" not present");
        ok = false;
        continue;
      }
      if (!m->value.is(Kind::Object)) {
        ctx.type_mismatch(m->value, r.path_of(name), "Object");
        ok = false;
        continue;
      }
      ObjectReader br(ctx, m->value, r.path_of(name));
      Section s;
      read_branch(ctx, br, kind, s);
      s.loc = m->key_loc;
      br.finish();
      c.branches.push_back(std::move(s));
    }
    const Member* cm = r.get("condition");
    if (!cm) {
      ctx.decode_error(v.loc, path, "key \"condition\" not present");
      ok = false;
    } else if (!read_cond(ctx, cm->value, r.path_of("condition"), c.condition)) {
      ok = false;
    }
    // hpack rejects an empty then / else (when the condition is a string).
    if (ok && !c.condition.is_bool) {
      for (auto [m, name] : {std::pair{t, "then"}, std::pair{e, "else"}}) {
        if (m->value.members.empty()) {
          std::string other = std::string(name) == "then" ? "else" : "then";
          std::string cond = std::string(name) == "then" ? "!(" + c.condition.expression + ")" : c.condition.expression;
          ctx.decode_error(m->value.loc, path,
                           "an empty \"" + std::string(name) + "\" section is not allowed, try the following instead: "
                           "a flat `when` with `condition: '" + cond + "'` and the fields of \"" + other + "\"");
          ok = false;
        }
      }
    }
  } else {
    Section s;
    read_branch(ctx, r, kind, s);
    s.loc = v.loc;
    const Member* cm = r.get("condition");
    if (!cm) {
      ctx.decode_error(v.loc, path, "key \"condition\" not present");
      ok = false;
    } else if (!read_cond(ctx, cm->value, r.path_of("condition"), c.condition)) {
      ok = false;
    }
    c.branches.push_back(std::move(s));
  }
  r.finish();
  if (ok && !c.branches.empty()) out.push_back(std::move(c));
}

void set_kind(Section& s, SectionKind kind) {
  s.kind = kind;
  for (auto& c : s.when)
    for (auto& b : c.branches) set_kind(b, kind);
}

template <class T>
void append_opt(std::optional<std::vector<T>>& a, const std::optional<std::vector<T>>& b) {
  if (!b) return;
  if (!a) a.emplace();
  a->insert(a->end(), b->begin(), b->end());
}

template <class T>
void append(std::vector<T>& a, const std::vector<T>& b) {
  a.insert(a.end(), b.begin(), b.end());
}

}  // namespace

bool parse_constraint_text(std::string_view text, Constraint& out) {
  VersionRange r;
  if (!parse_range_text("== " + std::string(text), r) && !parse_range_text(text, r)) return false;
  out = constraint_from_range(r);
  return true;
}

bool read_dependencies(Context& ctx, const Value& v, const std::string& path, Dependencies& out) {
  return read_dependency_forms(
      ctx, v, path,
      [&](const Value& s, const std::string& p) {
        std::string name;
        DepInfo info;
        info.loc = s.loc;
        if (!parse_dependency_string(ctx, s, p, "dependency", name, info.version)) return false;
        out[name] = std::move(info);
        return true;
      },
      [&](ObjectReader& o, const Str& name) {
        DepInfo info;
        info.loc = name.loc;
        bool ok = read_object_dependency(ctx, o, info.version);
        if (const Member* m = o.get("mixin")) ok = read_string_list(ctx, m->value, o.path_of("mixin"), info.mixins) && ok;
        out[name.s] = std::move(info);
        return ok;
      },
      [&](const Member& m, const std::string& p) {
        DepInfo info;
        info.loc = m.key_loc;
        bool ok = read_dependency_version(ctx, m.value, p, info.version, &info.mixins);
        out[m.key] = std::move(info);
        return ok;
      });
}

void read_section_fields(Context& ctx, ObjectReader& r, SectionKind kind, Section& out,
                         std::vector<DefaultsRef>* defaults) {
  out.kind = kind;
  if (defaults)
    if (const Member* m = r.get("defaults")) read_defaults_list(ctx, m->value, r.path_of("defaults"), *defaults);

  // CommonOptions, in hpack's field order.
  if (const Member* m = r.get_alias("source-dirs", "hs-source-dirs", true))
    read_string_list(ctx, m->value, r.path_of(m->key), out.source_dirs);
  if (const Member* m = r.get_alias("dependencies", "build-depends", true))
    read_dependencies(ctx, m->value, r.path_of(m->key), out.dependencies);
  if (const Member* m = r.get_alias("pkg-config-dependencies", "pkgconfig-depends", false))
    read_string_list(ctx, m->value, r.path_of(m->key), out.pkg_config_dependencies);
  read_list_field(ctx, r, "default-extensions", out.default_extensions);
  read_list_field(ctx, r, "other-extensions", out.other_extensions);
  if (const Member* m = r.get_alias("language", "default-language", true)) {
    if (m->value.is(Kind::Null)) {
      out.language.emplace(std::nullopt);
    } else {
      Str s;
      if (read_string(ctx, m->value, r.path_of(m->key), s)) out.language.emplace(s);
    }
  }
  read_list_field(ctx, r, "ghc-options", out.ghc_options);
  read_list_field(ctx, r, "ghc-prof-options", out.ghc_prof_options);
  read_list_field(ctx, r, "ghc-shared-options", out.ghc_shared_options);
  read_list_field(ctx, r, "ghcjs-options", out.ghcjs_options);
  read_list_field(ctx, r, "cpp-options", out.cpp_options);
  read_list_field(ctx, r, "cc-options", out.cc_options);
  read_list_field(ctx, r, "asm-options", out.asm_options);
  read_list_field(ctx, r, "asm-sources", out.asm_sources);
  read_list_field(ctx, r, "c-sources", out.c_sources);
  read_list_field(ctx, r, "cxx-options", out.cxx_options);
  read_list_field(ctx, r, "cxx-sources", out.cxx_sources);
  read_list_field(ctx, r, "js-sources", out.js_sources);
  read_list_field(ctx, r, "extra-lib-dirs", out.extra_lib_dirs);
  read_list_field(ctx, r, "extra-libraries", out.extra_libraries);
  read_list_field(ctx, r, "extra-frameworks-dirs", out.extra_frameworks_dirs);
  read_list_field(ctx, r, "frameworks", out.frameworks);
  read_list_field(ctx, r, "include-dirs", out.include_dirs);
  read_list_field(ctx, r, "install-includes", out.install_includes);
  read_list_field(ctx, r, "ld-options", out.ld_options);
  if (const Member* m = r.get("buildable")) {
    OptBool b{false, m->value.loc};
    if (read_bool(ctx, m->value, r.path_of("buildable"), b.value)) out.buildable = b;
  }
  if (const Member* m = r.get("when")) read_when(ctx, m->value, r.path_of("when"), kind, out.when);
  if (const Member* m = r.get_alias("build-tools", "build-tool-depends", true))
    read_build_tools(ctx, m->value, r.path_of(m->key), out.build_tools);
  if (const Member* m = r.get("system-build-tools"))
    read_system_build_tools(ctx, m->value, r.path_of("system-build-tools"), out.system_build_tools);
  if (const Member* m = r.get("verbatim")) read_verbatim(ctx, m->value, r.path_of("verbatim"), out.verbatim);

  if (kind == SectionKind::Library) {
    LibraryData& l = out.lib;
    if (const Member* m = r.get("exposed")) {
      OptBool b{false, m->value.loc};
      if (read_bool(ctx, m->value, r.path_of("exposed"), b.value)) l.exposed = b;
    }
    if (const Member* m = r.get("visibility")) {
      Str s;
      if (read_string(ctx, m->value, r.path_of("visibility"), s)) l.visibility = s;
    }
    read_opt_list_field(ctx, r, "exposed-modules", l.exposed_modules);
    read_opt_list_field(ctx, r, "generated-exposed-modules", l.generated_exposed_modules);
    read_opt_list_field(ctx, r, "other-modules", l.other_modules);
    read_opt_list_field(ctx, r, "generated-other-modules", l.generated_other_modules);
    read_opt_list_field(ctx, r, "reexported-modules", l.reexported_modules);
    read_opt_list_field(ctx, r, "signatures", l.signatures);
  } else if (kind == SectionKind::Executable) {
    ExecutableData& e = out.exe;
    if (const Member* m = r.get_alias("main", "main-is", true)) {
      Str s;
      if (read_string(ctx, m->value, r.path_of(m->key), s)) e.main = s;
    }
    read_opt_list_field(ctx, r, "other-modules", e.other_modules);
    read_opt_list_field(ctx, r, "generated-other-modules", e.generated_other_modules);
  }
}

void append_section(Section& a, const Section& b) {
  append(a.source_dirs, b.source_dirs);
  // Dependencies: `b <> a`, a left-biased union: b's version of a name wins.
  for (const auto& [name, info] : b.dependencies) a.dependencies[name] = info;
  append(a.pkg_config_dependencies, b.pkg_config_dependencies);
  append(a.default_extensions, b.default_extensions);
  append(a.other_extensions, b.other_extensions);
  if (b.language) a.language = b.language;
  append(a.ghc_options, b.ghc_options);
  append(a.ghc_prof_options, b.ghc_prof_options);
  append(a.ghc_shared_options, b.ghc_shared_options);
  append(a.ghcjs_options, b.ghcjs_options);
  append(a.cpp_options, b.cpp_options);
  append(a.cc_options, b.cc_options);
  append(a.asm_options, b.asm_options);
  append(a.asm_sources, b.asm_sources);
  append(a.c_sources, b.c_sources);
  append(a.cxx_options, b.cxx_options);
  append(a.cxx_sources, b.cxx_sources);
  append(a.js_sources, b.js_sources);
  append(a.extra_lib_dirs, b.extra_lib_dirs);
  append(a.extra_libraries, b.extra_libraries);
  append(a.extra_frameworks_dirs, b.extra_frameworks_dirs);
  append(a.frameworks, b.frameworks);
  append(a.include_dirs, b.include_dirs);
  append(a.install_includes, b.install_includes);
  append(a.ld_options, b.ld_options);
  if (b.buildable) a.buildable = b.buildable;
  append(a.when, b.when);
  // The top level's conditionals become the section's (with its kind of data).
  for (auto& c : a.when)
    for (auto& br : c.branches) set_kind(br, a.kind);
  append(a.build_tools, b.build_tools);
  // System build tools: `b <> a`, b wins.
  for (const auto& [name, t] : b.system_build_tools) a.system_build_tools[name] = t;
  append(a.verbatim, b.verbatim);

  if (b.lib.exposed) a.lib.exposed = b.lib.exposed;
  if (b.lib.visibility) a.lib.visibility = b.lib.visibility;
  append_opt(a.lib.exposed_modules, b.lib.exposed_modules);
  append_opt(a.lib.generated_exposed_modules, b.lib.generated_exposed_modules);
  append_opt(a.lib.other_modules, b.lib.other_modules);
  append_opt(a.lib.generated_other_modules, b.lib.generated_other_modules);
  append_opt(a.lib.reexported_modules, b.lib.reexported_modules);
  append_opt(a.lib.signatures, b.lib.signatures);
  if (b.exe.main) a.exe.main = b.exe.main;
  append_opt(a.exe.other_modules, b.exe.other_modules);
  append_opt(a.exe.generated_other_modules, b.exe.generated_other_modules);
}

}  // namespace mhu::stack::hpack
