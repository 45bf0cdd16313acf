// Hpack.Config's readPackageConfig and toPackage: the top-level fields, the
// sections with the top level and their defaults merged in (toSection,
// toBuildTool), module inference, and the cabal-version hpack infers
// (ensureRequiredCabalVersion, addPathsModuleToGeneratedModules).
#include <algorithm>
#include <filesystem>

#include "cabal/license.h"
#include "stack/package_yaml_internal.h"

namespace mhu::stack::hpack {

namespace fs = std::filesystem;

namespace {

using Kind = Value::Kind;
using V = std::vector<int>;

const V kHpackVersion{0, 38, 3};

// ---- top-level fields ---------------------------------------------------------

void read_opt_string(Context& ctx, ObjectReader& r, std::string_view key, std::optional<Str>& out) {
  if (const Member* m = r.get(key)) {
    Str s;
    if (read_string(ctx, m->value, r.path_of(key), s)) out = s;
  }
}

// Maybe (Maybe String): null means "none", overriding what hpack would infer.
void read_nullable_string(Context& ctx, ObjectReader& r, std::string_view key, bool& given,
                          std::optional<Str>& out) {
  const Member* m = r.get(key);
  given = m != nullptr;
  if (!m || m->value.is(Kind::Null)) return;
  Str s;
  if (read_string(ctx, m->value, r.path_of(key), s)) out = s;
}

void read_list(Context& ctx, ObjectReader& r, std::string_view key, Strs& out) {
  if (const Member* m = r.get(key)) read_string_list(ctx, m->value, r.path_of(key), out);
}

struct ParsedSection {
  Section section;
  std::vector<DefaultsRef> defaults;
};

bool read_section(Context& ctx, const Member& m, const std::string& path, SectionKind kind, ParsedSection& out) {
  if (!m.value.is(Kind::Object)) {
    ctx.type_mismatch(m.value, path, "Object");
    return false;
  }
  ObjectReader r(ctx, m.value, path);
  read_section_fields(ctx, r, kind, out.section, &out.defaults);
  out.section.loc = m.key_loc;
  r.finish();
  return true;
}

void read_named_sections(Context& ctx, ObjectReader& r, std::string_view key, SectionKind kind,
                         std::optional<std::map<std::string, ParsedSection>>& out) {
  const Member* m = r.get(key);
  if (!m) return;
  std::string path = r.path_of(key);
  if (!m->value.is(Kind::Object)) {
    ctx.type_mismatch(m->value, path, "Object");
    return;
  }
  out.emplace();
  for (const auto& mem : m->value.members) {
    ParsedSection s;
    if (read_section(ctx, mem, path + "." + mem.key, kind, s)) (*out)[mem.key] = std::move(s);
  }
}

// ---- toSection ------------------------------------------------------------------

bool contains(const std::vector<std::string>& xs, const std::string& x) {
  return std::find(xs.begin(), xs.end(), x) != xs.end();
}

// toBuildTool: a build tool of this package, of another package, or (legacy
// names without a source) a system tool.
void resolve_build_tools(Context& ctx, const std::string& package, const std::vector<std::string>& exes, Section& s) {
  static const std::pair<const char*, const char*> legacy_tools[] = {
      {"gtk2hsTypeGen", "gtk2hs-buildtools"}, {"gtk2hsHookGenerator", "gtk2hs-buildtools"},
      {"gtk2hsC2hs", "gtk2hs-buildtools"},    {"cabal", "cabal-install"},
      {"grgen", "cgen"},                      {"cgen-hs", "cgen"}};
  static const std::vector<std::string> legacy_system_tools = {
      "ghc", "git", "llvm-config", "gfortran", "gcc", "couchdb", "mcc", "nix-store", "nix-instantiate",
      "nix-hash", "nix-env", "nix-build"};
  SystemBuildTools system;
  for (const auto& t : s.build_tools) {
    BuildToolKey key;
    if (t.qualified) {
      if (t.package == package && contains(exes, t.executable)) {
        key = {true, "", t.executable};
      } else {
        key = {false, t.package, t.executable};
      }
    } else if (contains(exes, t.executable)) {
      key = {true, "", t.executable};
    } else {
      const char* legacy = nullptr;
      for (auto [exe, pkg] : legacy_tools)
        if (t.executable == exe) legacy = pkg;
      if (legacy) {
        ctx.warning(t.loc, "Usage of the unqualified build-tool name \"" + t.executable +
                               "\" is deprecated! Please use the qualified name \"" + legacy + ":" + t.executable +
                               "\" instead!");
        key = {false, legacy, t.executable};
      } else if (contains(legacy_system_tools, t.executable) && !t.version.has_source) {
        ctx.warning(t.loc, "Listing \"" + t.executable +
                               "\" under build-tools is deperecated! Please list system executables under "
                               "system-build-tools instead!");
        system[t.executable] = SystemTool{t.version.constraint, t.loc};
        continue;
      } else {
        key = {false, t.executable, t.executable};
      }
    }
    s.resolved_build_tools[key] = ResolvedBuildTool{t.version, t.loc};
  }
  // Those from build-tools win over system-build-tools of the same name.
  for (const auto& [name, t] : s.system_build_tools) system.emplace(name, t);
  s.resolved_system_tools = std::move(system);
}

void to_section(Context& ctx, const std::string& package, const std::vector<std::string>& exes, Section& s) {
  Strs dirs;
  for (const auto& d : s.source_dirs)
    if (std::none_of(dirs.begin(), dirs.end(), [&](const Str& x) { return x.s == d.s; })) dirs.push_back(d);
  s.source_dirs = std::move(dirs);
  resolve_build_tools(ctx, package, exes, s);
  for (auto& c : s.when)
    for (auto& b : c.branches) to_section(ctx, package, exes, b);
}

// ---- cabal-version --------------------------------------------------------------

using MaybeV = std::optional<V>;
MaybeV vmax(MaybeV a, const MaybeV& b) {
  if (!a) return b;
  if (b && *a < *b) return b;
  return a;
}
MaybeV when(bool c, V v) { return c ? MaybeV(std::move(v)) : std::nullopt; }

template <class P>
bool satisfies(const Section& s, const P& p) {
  if (p(s)) return true;
  for (const auto& c : s.when)
    for (const auto& b : c.branches)
      if (satisfies(b, p)) return true;
  return false;
}

template <class F>
void each_node(const Section& s, const F& f) {
  f(s);
  for (const auto& c : s.when)
    for (const auto& b : c.branches) each_node(b, f);
}

bool has_module(const Strs& xs, const std::string& m) {
  return std::any_of(xs.begin(), xs.end(), [&](const Str& x) { return x.s == m; });
}

std::string module_name_from_package(const std::string& name) {
  std::string out = name;
  std::replace(out.begin(), out.end(), '-', '_');
  return out;
}

MaybeV system_tool_version(const std::string& name) {
  static const std::vector<std::string> known_1_10 = {"ghc", "ghc-pkg", "hmake", "jhc", "uhc", "gcc",
                                                      "ar", "strip", "ld", "tar", "pkg-config"};
  if (contains(known_1_10, name)) return std::nullopt;
  if (name == "hpc") return V{1, 14};
  if (name == "ghcjs" || name == "ghcjs-pkg") return V{1, 22};
  return V{2, 0};
}

MaybeV section_cabal_version(const Section& s, const std::string& package, bool library) {
  MaybeV v;
  v = vmax(v, when(satisfies(s, [](const Section& x) { return !x.cxx_sources.empty(); }), {2, 2}));
  v = vmax(v, when(satisfies(s, [](const Section& x) { return !x.cxx_options.empty(); }), {2, 2}));
  v = vmax(v, when(satisfies(s, [](const Section& x) { return !x.asm_options.empty(); }), {3, 0}));
  v = vmax(v, when(satisfies(s, [](const Section& x) { return !x.asm_sources.empty(); }), {3, 0}));
  v = vmax(v, when(satisfies(s, [](const Section& x) {
                     return std::any_of(x.dependencies.begin(), x.dependencies.end(),
                                        [](const auto& d) { return !d.second.mixins.empty(); });
                   }), {2, 0}));
  v = vmax(v, when(satisfies(s, [](const Section& x) {
                     return std::any_of(x.dependencies.begin(), x.dependencies.end(),
                                        [](const auto& d) { return d.first.find(':') != std::string::npos; });
                   }), {3, 0}));
  std::vector<std::string> extensions;
  std::vector<std::string> system_tools;
  bool mentions_paths = false;
  std::string paths = "Paths_" + module_name_from_package(package);
  each_node(s, [&](const Section& x) {
    for (const auto& e : x.default_extensions) extensions.push_back(e.s);
    for (const auto& [name, t] : x.resolved_system_tools)
      if (!contains(system_tools, name)) system_tools.push_back(name);
    if (has_module(x.other_modules, paths) || (library && has_module(x.exposed_modules, paths))) mentions_paths = true;
  });
  bool rebindable = contains(extensions, "RebindableSyntax") &&
                    (contains(extensions, "OverloadedStrings") || contains(extensions, "OverloadedLists"));
  v = vmax(v, when(rebindable && mentions_paths, {2, 2}));
  for (const auto& t : system_tools) v = vmax(v, system_tool_version(t));
  return v;
}

MaybeV library_cabal_version(const Section& s, const std::string& package) {
  std::string package_info = "PackageInfo_" + module_name_from_package(package);
  MaybeV v;
  v = vmax(v, when(satisfies(s, [](const Section& x) { return x.lib.reexported_modules && !x.lib.reexported_modules->empty(); }), {1, 22}));
  v = vmax(v, when(satisfies(s, [](const Section& x) { return x.lib.signatures && !x.lib.signatures->empty(); }), {2, 0}));
  v = vmax(v, when(satisfies(s, [](const Section& x) { return !x.generated_modules.empty(); }), {2, 0}));
  v = vmax(v, when(satisfies(s, [&](const Section& x) { return has_module(x.generated_modules, package_info); }), {3, 12}));
  v = vmax(v, when(satisfies(s, [](const Section& x) { return x.lib.visibility.has_value(); }), {3, 0}));
  return vmax(v, section_cabal_version(s, package, true));
}

MaybeV executable_cabal_version(const Section& s, const std::string& package) {
  std::string package_info = "PackageInfo_" + module_name_from_package(package);
  MaybeV v;
  v = vmax(v, when(satisfies(s, [](const Section& x) { return !x.generated_modules.empty(); }), {2, 0}));
  v = vmax(v, when(satisfies(s, [&](const Section& x) { return has_module(x.generated_modules, package_info); }), {3, 12}));
  return vmax(v, section_cabal_version(s, package, false));
}

// ---- licenses --------------------------------------------------------------------

// Cabal's knownLicenses (and BSD4) as hpack matches them, with licenseToSPDX.
const std::pair<const char*, const char*> kCabalLicenses[] = {
    {"GPL", "LicenseRef-GPL"},
    {"GPL-2", "GPL-2.0-only"},
    {"GPL-3", "GPL-3.0-only"},
    {"LGPL", "LicenseRef-LGPL"},
    {"LGPL-2.1", "LGPL-2.1-only"},
    {"LGPL-3", "LGPL-3.0-only"},
    {"AGPL", "LicenseRef-AGPL"},
    {"AGPL-3", "AGPL-3.0-only"},
    {"BSD2", "BSD-2-Clause"},
    {"BSD3", "BSD-3-Clause"},
    {"BSD4", "BSD-4-Clause"},
    {"MIT", "MIT"},
    {"ISC", "ISC"},
    {"MPL-2.0", "MPL-2.0"},
    {"Apache", "LicenseRef-Apache"},
    {"Apache-2.0", "Apache-2.0"},
    {"PublicDomain", "LicenseRef-PublicDomain"},
    {"AllRightsReserved", "NONE"},
    {"OtherLicense", "LicenseRef-OtherLicense"},
};

struct License {
  enum class Kind { DontTouch, CanSpdx, MustSpdx } kind = Kind::DontTouch;
  std::string cabal, spdx;
};

License classify_license(const std::string& s) {
  for (auto [cabal, spdx] : kCabalLicenses)
    if (s == cabal) return {License::Kind::CanSpdx, cabal, spdx};
  cabal::ValueDiags vd;
  cabal::ValueCursor cur(s, cabal::kLatestCabalSpec, vd);
  std::string pretty;
  if (cabal::parse_license(cur, true, &pretty) && cur.at_end()) return {License::Kind::MustSpdx, "", pretty};
  return {License::Kind::DontTouch, s, ""};
}

// ---- Paths_ in autogen-modules ---------------------------------------------------

void add_paths_to_generated(Section& s, const std::string& paths, bool library) {
  bool present = has_module(s.other_modules, paths) || (library && has_module(s.exposed_modules, paths));
  if (present && !has_module(s.generated_modules, paths)) s.generated_modules.insert(s.generated_modules.begin(), Str{paths, s.loc});
  for (auto& c : s.when)
    for (auto& b : c.branches) add_paths_to_generated(b, paths, library);
}

}  // namespace

bool read_spec_version(Context& ctx, ObjectReader& r) {
  const Member* m = r.get("spec-version");
  if (!m) return true;
  Str s;
  if (!read_version_text(ctx, m->value, r.path_of("spec-version"), s)) return false;
  auto v = parse_data_version(s.s);
  if (!v) {
    ctx.decode_error(m->value.loc, r.path_of("spec-version"), "invalid value \"" + s.s + "\"");
    return false;
  }
  if (kHpackVersion < *v) {
    ctx.error(m->value.loc, "The file requires version " + show_version(*v) +
                                " of the Hpack package specification, however mhu reads package.yaml as hpack " +
                                show_version(kHpackVersion) + " does, which only supports versions up to " +
                                show_version(kHpackVersion) + ".");
    return false;
  }
  if (!ctx.spec_version || *ctx.spec_version < *v) ctx.spec_version = *v;
  return true;
}

bool read_package(Context& ctx, std::string_view text, Package& pkg) {
  Value root;
  if (!load_yaml(ctx, text, 0, ctx.package_dir, root)) return false;
  if (!root.is(Kind::Object)) {
    ctx.type_mismatch(root, "$", "Object");
    return false;
  }
  ObjectReader r(ctx, root, "$");
  if (!read_spec_version(ctx, r)) return false;

  Section global;
  std::vector<DefaultsRef> global_defaults;
  read_section_fields(ctx, r, SectionKind::Global, global, &global_defaults);

  std::optional<Str> name, version_value;
  read_opt_string(ctx, r, "name", name);
  if (const Member* m = r.get("version")) {
    Str s;
    if (read_version_text(ctx, m->value, r.path_of("version"), s)) version_value = s;
  }
  read_opt_string(ctx, r, "synopsis", pkg.synopsis);
  read_opt_string(ctx, r, "description", pkg.description);
  bool homepage_given = false, bug_reports_given = false, license_given = false;
  std::optional<Str> homepage, bug_reports;
  read_nullable_string(ctx, r, "homepage", homepage_given, homepage);
  read_nullable_string(ctx, r, "bug-reports", bug_reports_given, bug_reports);
  read_list(ctx, r, "category", pkg.category);
  read_opt_string(ctx, r, "stability", pkg.stability);
  bool author_given = r.has("author");
  read_list(ctx, r, "author", pkg.author);
  std::optional<Strs> maintainer;  // nullopt: not given; {} for null
  if (const Member* m = r.get("maintainer")) {
    maintainer.emplace();
    if (!m->value.is(Kind::Null)) read_string_list(ctx, m->value, r.path_of("maintainer"), *maintainer);
  }
  read_list(ctx, r, "copyright", pkg.copyright);
  std::optional<Str> build_type;
  if (const Member* m = r.get("build-type")) {
    Str s;
    if (read_string(ctx, m->value, r.path_of("build-type"), s)) {
      if (s.s == "Simple" || s.s == "Configure" || s.s == "Make" || s.s == "Custom") build_type = s;
      else ctx.decode_error(m->value.loc, r.path_of("build-type"), "expected one of Simple, Configure, Make, or Custom");
    }
  }
  std::optional<Str> license;
  read_nullable_string(ctx, r, "license", license_given, license);
  bool license_file_given = r.has("license-file");
  Strs license_files;
  read_list(ctx, r, "license-file", license_files);
  read_list(ctx, r, "tested-with", pkg.tested_with);
  if (const Member* m = r.get("flags")) {
    std::string path = r.path_of("flags");
    if (!m->value.is(Kind::Object)) {
      ctx.type_mismatch(m->value, path, "Object");
    } else {
      for (const auto& f : m->value.members) {
        std::string fp = path + "." + f.key;
        if (!f.value.is(Kind::Object)) {
          ctx.type_mismatch(f.value, fp, "Object");
          continue;
        }
        ObjectReader fr(ctx, f.value, fp);
        Flag flag;
        flag.name = f.key;
        flag.loc = f.key_loc;
        read_opt_string(ctx, fr, "description", flag.description);
        for (auto [key, target] : {std::pair{"manual", &flag.manual}, std::pair{"default", &flag.default_value}}) {
          const Member* b = fr.get(key);
          if (!b) ctx.decode_error(f.value.loc, fp, std::string("key \"") + key + "\" not present");
          else read_bool(ctx, b->value, fr.path_of(key), *target);
        }
        fr.finish();
        pkg.flags.push_back(std::move(flag));
      }
    }
  }
  Strs extra_source_files, extra_doc_files, extra_files, data_files;
  read_list(ctx, r, "extra-source-files", extra_source_files);
  read_list(ctx, r, "extra-doc-files", extra_doc_files);
  read_list(ctx, r, "extra-files", extra_files);
  read_list(ctx, r, "data-files", data_files);
  read_opt_string(ctx, r, "data-dir", pkg.data_dir);
  std::optional<Str> github, git;
  if (const Member* m = r.get("github")) {
    Str s;
    if (read_string(ctx, m->value, r.path_of("github"), s)) {
      std::vector<std::string> parts;
      size_t i = 0;
      while (true) {
        size_t j = s.s.find('/', i);
        parts.push_back(s.s.substr(i, j == std::string::npos ? std::string::npos : j - i));
        if (j == std::string::npos) break;
        i = j + 1;
      }
      if (parts.size() == 2 || parts.size() == 3) {
        pkg.source_repository = SourceRepository{Str{"https://github.com/" + parts[0] + "/" + parts[1], s.loc}, std::nullopt};
        if (parts.size() == 3) pkg.source_repository->subdir = Str{parts[2], s.loc};
        github = s;
      } else {
        ctx.decode_error(m->value.loc, r.path_of("github"),
                         "expected owner/repo or owner/repo/subdir, but encountered \"" + s.s + "\"");
      }
    }
  }
  read_opt_string(ctx, r, "git", git);
  if (const Member* m = r.get("custom-setup")) {
    std::string path = r.path_of("custom-setup");
    if (!m->value.is(Kind::Object)) {
      ctx.type_mismatch(m->value, path, "Object");
    } else {
      ObjectReader cr(ctx, m->value, path);
      pkg.custom_setup.emplace();
      pkg.custom_setup_loc = m->key_loc;
      if (const Member* d = cr.get("dependencies")) read_dependencies(ctx, d->value, cr.path_of("dependencies"), *pkg.custom_setup);
      cr.finish();
    }
  }
  std::optional<ParsedSection> library, executable;
  if (const Member* m = r.get("library")) {
    library.emplace();
    if (!read_section(ctx, *m, r.path_of("library"), SectionKind::Library, *library)) library.reset();
  }
  std::optional<std::map<std::string, ParsedSection>> internal_libraries, executables, tests, benchmarks;
  read_named_sections(ctx, r, "internal-libraries", SectionKind::Library, internal_libraries);
  if (const Member* m = r.get("executable")) {
    executable.emplace();
    if (!read_section(ctx, *m, r.path_of("executable"), SectionKind::Executable, *executable)) executable.reset();
  }
  read_named_sections(ctx, r, "executables", SectionKind::Executable, executables);
  read_named_sections(ctx, r, "tests", SectionKind::Executable, tests);
  read_named_sections(ctx, r, "benchmarks", SectionKind::Executable, benchmarks);
  r.finish();
  if (ctx.failed) return false;

  // expandDefaultsInConfig
  const std::string& dir = ctx.package_dir;
  if (!expand_defaults(ctx, dir, SectionKind::Global, global_defaults, global)) return false;
  auto expand_section = [&](ParsedSection& p) {
    return expand_defaults(ctx, dir, p.section.kind, p.defaults, p.section);
  };
  if (library && !expand_section(*library)) return false;
  if (executable && !expand_section(*executable)) return false;
  for (auto* group : {&internal_libraries, &executables, &tests, &benchmarks})
    if (*group)
      for (auto& [n, p] : **group)
        if (!expand_section(p)) return false;

  // setDefaultLanguage "Haskell2010"
  if (!global.language) global.language.emplace(Str{"Haskell2010", {}});

  // expandForeignSources
  expand_foreign_sources(ctx, global);
  if (library) expand_foreign_sources(ctx, library->section);
  if (executable) expand_foreign_sources(ctx, executable->section);
  for (auto* group : {&internal_libraries, &executables, &tests, &benchmarks})
    if (*group)
      for (auto& [n, p] : **group) expand_foreign_sources(ctx, p.section);

  // toPackage_
  if (name) {
    pkg.name = *name;
  } else {
    pkg.name = Str{fs::path(dir).stem().string(), {}};  // takeBaseName
    ctx.warning({}, "Package name not specified, inferred \"" + pkg.name.s + "\"");
  }
  const std::string& package = pkg.name.s;
  if (executable) {
    if (executables) ctx.warning(r.get("executables")->key_loc, "Ignoring field \"executables\" in favor of \"executable\"");
    executables.emplace();
    (*executables)[package] = std::move(*executable);
  }
  std::vector<std::string> exe_names;
  if (executables)
    for (const auto& [n, p] : *executables) exe_names.push_back(n);

  pkg.verbatim = global.verbatim;
  global.verbatim.clear();

  auto to_sect = [&](Section s) {
    Section merged = global;
    merged.kind = s.kind;
    merged.loc = s.loc;
    append_section(merged, s);
    to_section(ctx, package, exe_names, merged);
    return merged;
  };
  bool add_paths = !(ctx.spec_version && !(*ctx.spec_version < V{0, 36, 0}));
  std::string paths_module = add_paths ? "Paths_" + module_name_from_package(package) : "";
  if (library) {
    pkg.library = to_sect(library->section);
    infer_library_modules(ctx, *pkg.library, paths_module);
  }
  if (internal_libraries)
    for (auto& [n, p] : *internal_libraries) {
      Section s = to_sect(p.section);
      infer_library_modules(ctx, s, paths_module);
      pkg.internal_libraries[n] = std::move(s);
    }
  auto to_executables = [&](std::optional<std::map<std::string, ParsedSection>>& in, std::map<std::string, Section>& out) {
    if (!in) return;
    for (auto& [n, p] : *in) {
      Section s = to_sect(p.section);
      expand_main(s);
      infer_executable_modules(ctx, s, paths_module);
      out[n] = std::move(s);
    }
  };
  to_executables(executables, pkg.executables);
  to_executables(tests, pkg.tests);
  to_executables(benchmarks, pkg.benchmarks);

  std::error_code ec;
  bool license_file_exists = fs::is_regular_file(fs::path(dir) / "LICENSE", ec);
  std::vector<std::string> missing;
  auto check_dirs = [&](const Section& s) {
    for (const auto& d : s.source_dirs)
      if (!fs::is_directory(fs::path(dir) / d.s, ec) && !contains(missing, d.s)) missing.push_back(d.s);
  };
  if (pkg.library) check_dirs(*pkg.library);
  for (auto* group : {&pkg.internal_libraries, &pkg.executables, &pkg.tests, &pkg.benchmarks})
    for (const auto& [n, s] : *group) check_dirs(s);
  std::sort(missing.begin(), missing.end(), hpack_less);

  pkg.extra_source_files = expand_globs(ctx, "extra-source-files", dir, extra_source_files);
  pkg.extra_doc_files = expand_globs(ctx, "extra-doc-files", dir, extra_doc_files);
  pkg.extra_files = expand_globs(ctx, "extra-files", dir, extra_files);
  std::string data_base = pkg.data_dir ? (fs::path(dir) / pkg.data_dir->s).string() : dir;
  pkg.data_files = expand_globs(ctx, "data-files", data_base, data_files);

  if (license_file_given) pkg.license_files = license_files;
  else if (license_file_exists) pkg.license_files = {Str{"LICENSE", {}}};
  if (!license_given && pkg.license_files.size() == 1)
    ctx.warning(pkg.license_files[0].loc, "no license given: hpack would infer it from the text of " +
                                              pkg.license_files[0].s + " (if it recognises it); mhu does not, "
                                              "the package gets no license field");

  pkg.version = version_value ? *version_value : Str{"0.0.0", {}};
  pkg.build_type = build_type ? *build_type : Str{pkg.custom_setup ? "Custom" : "Simple", {}};
  pkg.license = license;
  if (homepage_given) pkg.homepage = homepage;
  else if (github) pkg.homepage = Str{pkg.source_repository->url.s + "#readme", github->loc};
  if (bug_reports_given) pkg.bug_reports = bug_reports;
  else if (github) pkg.bug_reports = Str{pkg.source_repository->url.s + "/issues", github->loc};
  if (!github && git) pkg.source_repository = SourceRepository{*git, std::nullopt};
  if (maintainer) pkg.maintainer = *maintainer;
  else if (author_given) pkg.maintainer = pkg.author;

  for (const auto& m : missing) ctx.warning({}, "Specified source-dir \"" + m + "\" does not exist");

  // ensureRequiredCabalVersion
  std::optional<std::string> verbatim_version;
  for (auto& vb : pkg.verbatim) {
    if (vb.literal) continue;
    auto it = vb.fields.find("cabal-version");
    if (it == vb.fields.end()) continue;
    if (!verbatim_version) verbatim_version = it->second.text;
    vb.fields.erase(it);
    vb.field_locs.erase("cabal-version");
  }
  License lic = pkg.license ? classify_license(pkg.license->s) : License{};
  MaybeV inferred;
  inferred = vmax(inferred, when(pkg.license && lic.kind == License::Kind::MustSpdx, {2, 2}));
  inferred = vmax(inferred, when(pkg.custom_setup.has_value(), {1, 24}));
  inferred = vmax(inferred, when(!pkg.extra_doc_files.empty(), {1, 18}));
  inferred = vmax(inferred, when(!pkg.extra_files.empty(), {3, 14}));
  if (pkg.library) inferred = vmax(inferred, library_cabal_version(*pkg.library, package));
  if (!pkg.internal_libraries.empty()) {
    MaybeV v = V{2, 0};
    for (const auto& [n, s] : pkg.internal_libraries) v = vmax(v, library_cabal_version(s, package));
    inferred = vmax(inferred, v);
  }
  for (auto* group : {&pkg.executables, &pkg.tests, &pkg.benchmarks})
    for (const auto& [n, s] : *group) inferred = vmax(inferred, executable_cabal_version(s, package));
  if (verbatim_version) {
    if (auto v = parse_data_version(*verbatim_version)) pkg.cabal_version = {*v, std::nullopt};
    else pkg.cabal_version = {{}, *verbatim_version};
  } else {
    pkg.cabal_version = {inferred ? *inferred : V{1, 12}, std::nullopt};
  }
  if (pkg.license) {
    switch (lic.kind) {
      case License::Kind::MustSpdx: pkg.license->s = lic.spdx; break;
      case License::Kind::CanSpdx: pkg.license->s = pkg.cabal_version.at_least({2, 2}) ? lic.spdx : lic.cabal; break;
      case License::Kind::DontTouch: break;
    }
  }

  // addPathsModuleToGeneratedModules
  if (pkg.cabal_version.at_least({2})) {
    std::string paths = "Paths_" + module_name_from_package(package);
    if (pkg.library) add_paths_to_generated(*pkg.library, paths, true);
    for (auto& [n, s] : pkg.internal_libraries) add_paths_to_generated(s, paths, true);
    for (auto* group : {&pkg.executables, &pkg.tests, &pkg.benchmarks})
      for (auto& [n, s] : *group) add_paths_to_generated(s, paths, false);
  }
  return !ctx.failed;
}

}  // namespace mhu::stack::hpack
