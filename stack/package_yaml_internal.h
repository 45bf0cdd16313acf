// The inside of the package.yaml reader (stack/package_yaml.h): hpack's
// types, one step of Hpack.Config per source file.
//
//   package_yaml_value.cpp     YAML -> Value, typed as Data.Yaml types it; field
//                              access with hpack's unknown-field warnings
//   package_yaml_reader.cpp    Value -> sections (common options, `when`,
//                              dependencies, build tools, verbatim); merging
//   package_yaml_defaults.cpp  `defaults:` (github cache, local files)
//   package_yaml_modules.cpp   globs, module inference, `main`
//   package_yaml_package.cpp   toPackage: sections, cabal-version, Paths_
//   package_yaml_render.cpp    Package -> .cabal text (Hpack.Render)
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cabal/diagnostic.h"
#include "stack/package_yaml.h"

namespace mhu::stack::hpack {

// A place in package.yaml (file 0) or in another YAML file hpack read.
struct Loc {
  int file = 0;
  int line = 0;  // 1-based; 0: unknown
  int col = 0;
};

// ---- YAML values (aeson's Value as Data.Yaml builds it) ----------------------

struct Member;
struct Value {
  enum class Kind { Null, Bool, Number, String, Array, Object };
  Kind kind = Kind::Null;
  // String: the text. Number: hpack's scientificToVersion of it ("1.10",
  // "100" for 1e2, "16" for 0x10). Bool: "true"/"false".
  std::string text;
  bool boolean = false;
  std::vector<Value> items;     // Array
  std::vector<Member> members;  // Object: sorted by key, keys unique
  Loc loc;

  bool is(Kind k) const { return kind == k; }
  const Member* find(std::string_view key) const;
};
struct Member {
  std::string key;
  Loc key_loc;
  Value value;
};

// aeson's names for the kinds in type errors: "Null", "Boolean", ...
const char* kind_name(Value::Kind k);

// ---- the reading context ---------------------------------------------------

struct Context {
  Context(cabal::Diagnostics& d, const PackageYamlOptions& o) : diags(d), options(o) {}
  cabal::Diagnostics& diags;
  const PackageYamlOptions& options;
  std::string package_dir;          // canonical
  std::vector<std::string> files{""};  // Loc::file -> path ("" for package.yaml)
  // The largest spec-version of all files read (hpack's SpecVersion state).
  std::optional<std::vector<int>> spec_version;
  bool failed = false;

  void error(Loc at, std::string message);
  void warning(Loc at, std::string message);
  // "Error while parsing $.path - message", as hpack words its decode errors.
  void decode_error(Loc at, const std::string& path, const std::string& message) {
    error(at, "Error while parsing " + path + " - " + message);
  }
  void type_mismatch(const Value& v, const std::string& path, const std::string& expected) {
    decode_error(v.loc, path, "expected " + expected + ", but encountered " + kind_name(v.kind));
  }
  int add_file(const std::string& path);
  bool read_file(const std::string& path, std::string& out, std::string& error) const;
};

// Parse YAML text (file index `file`, in directory `dir` for !include) into
// a Value. False after an error (syntax, several documents, bad include).
bool load_yaml(Context& ctx, std::string_view text, int file, const std::string& dir, Value& out);

// Field access on one object with hpack's bookkeeping: every key looked at
// is consumed; finish() warns about the others ("Ignoring unrecognized field
// $.path") except those starting with '_'.
class ObjectReader {
 public:
  ObjectReader(Context& ctx, const Value& object, std::string path)
      : ctx_(ctx), object_(object), path_(std::move(path)), consumed_(object.members.size(), false) {}
  const Value& object() const { return object_; }
  const std::string& path() const { return path_; }
  std::string path_of(std::string_view key) const { return path_ + "." + std::string(key); }
  bool has(std::string_view key) const { return object_.find(key) != nullptr; }
  // The value of `key`, consumed; null when absent.
  const Member* get(std::string_view key);
  // hpack's Alias: `alias` is read when it is present and `key` is not (with
  // "... is deprecated, use ... instead" when deprecated).
  const Member* get_alias(std::string_view key, std::string_view alias, bool deprecated);
  void finish();

 private:
  Context& ctx_;
  const Value& object_;
  std::string path_;
  std::vector<bool> consumed_;
};

// Scalars and lists of hpack's FromValue instances. Each reports a type
// error (and returns false) for a value of the wrong kind.
struct Str {
  std::string s;
  Loc loc;
};
using Strs = std::vector<Str>;

bool read_string(Context& ctx, const Value& v, const std::string& path, Str& out);
bool read_bool(Context& ctx, const Value& v, const std::string& path, bool& out);
// hpack's `List a`: an array of them, or one.
bool read_string_list(Context& ctx, const Value& v, const std::string& path, Strs& out);
// Number or String (hpack's PackageVersion and spec-version).
bool read_version_text(Context& ctx, const Value& v, const std::string& path, Str& out);
// Data.Version's parseVersion: numbers separated by dots (tags ignored).
std::optional<std::vector<int>> parse_data_version(std::string_view s);
std::string show_version(const std::vector<int>& v);

// ---- hpack's syntax: dependencies, build tools, conditions, verbatim ---------

// VersionConstraint: AnyVersion, or a range as hpack renders it.
struct Constraint {
  bool any = true;
  std::string range;
};
// DependencyVersion: the source (git/github/path) only matters for whether
// there is one.
struct DepVersion {
  bool has_source = false;
  Constraint constraint;
};
struct DepInfo {
  Strs mixins;
  DepVersion version;
  Loc loc;  // the dependency's name
};
using Dependencies = std::map<std::string, DepInfo>;

struct ParsedBuildTool {
  bool qualified = false;  // pkg:exe
  std::string package;     // qualified only
  std::string executable;
  DepVersion version;
  Loc loc;
};
using BuildTools = std::vector<ParsedBuildTool>;

struct SystemTool {
  Constraint constraint;
  Loc loc;
};
using SystemBuildTools = std::map<std::string, SystemTool>;

// hpack's BuildTool: a package's executable, or one of this package's.
struct BuildToolKey {
  bool local = false;
  std::string package;  // not local
  std::string executable;
  friend bool operator<(const BuildToolKey& a, const BuildToolKey& b) {
    if (a.local != b.local) return !a.local;  // BuildTool before LocalBuildTool
    if (a.package != b.package) return a.package < b.package;
    return a.executable < b.executable;
  }
};
struct ResolvedBuildTool {
  DepVersion version;
  Loc loc;
};

struct VerbatimValue {
  std::string text;  // verbatimValueToString
  Loc loc;
};
struct Verbatim {
  bool literal = false;
  Str text;                                       // literal
  std::map<std::string, VerbatimValue> fields;    // object
  std::map<std::string, Loc> field_locs;          // object: where each key is
};

struct Cond {
  bool is_bool = false;
  bool value = false;
  std::string expression;
  Loc loc;
};

struct OptBool {
  bool value = false;
  Loc loc;
};

// ---- sections ---------------------------------------------------------------

// Which data a section has besides the common options (hpack's `a`): none at
// the top level and in its `when`, LibrarySection, ExecutableSection.
enum class SectionKind { Global, Library, Executable };

struct LibraryData {
  std::optional<OptBool> exposed;
  std::optional<Str> visibility;
  std::optional<Strs> exposed_modules, generated_exposed_modules, other_modules, generated_other_modules,
      reexported_modules, signatures;
};
struct ExecutableData {
  std::optional<Str> main;
  std::optional<Strs> other_modules, generated_other_modules;
};

struct Section;
struct Conditional {
  Cond condition;
  std::vector<Section> branches;  // [then] or [then, else]
};

// hpack's `WithCommonOptions a` as read, then its `Section a`: the same
// struct carries the later steps' results.
struct Section {
  SectionKind kind = SectionKind::Global;
  Loc loc;  // the section's key (its stanza header)

  // CommonOptions (a missing list is an empty one: hpack's fromMaybeList)
  Strs source_dirs;
  Dependencies dependencies;
  Strs pkg_config_dependencies, default_extensions, other_extensions;
  std::optional<std::optional<Str>> language;  // Last (Maybe Language): null unsets
  Strs ghc_options, ghc_prof_options, ghc_shared_options, ghcjs_options, cpp_options, cc_options,
      asm_options, asm_sources, c_sources, cxx_options, cxx_sources, js_sources, extra_lib_dirs,
      extra_libraries, extra_frameworks_dirs, frameworks, include_dirs, install_includes, ld_options;
  std::optional<OptBool> buildable;
  std::vector<Conditional> when;
  BuildTools build_tools;
  SystemBuildTools system_build_tools;
  std::vector<Verbatim> verbatim;

  LibraryData lib;
  ExecutableData exe;

  // toSection: build-tools split into package tools and system tools.
  std::map<BuildToolKey, ResolvedBuildTool> resolved_build_tools;
  SystemBuildTools resolved_system_tools;

  // Module inference: Library's exposed / other / generated modules,
  // Executable's other / generated modules (other includes generated).
  Strs exposed_modules, other_modules, generated_modules;
};

// hpack's `<>` on WithCommonOptions: a's fields then b's; b wins for the
// single-valued ones and for dependencies of the same name.
void append_section(Section& a, const Section& b);

// Read a section object (`library:`, an executable, a `then:`, ...): its
// common options, its data for `kind`, and (when allow_defaults) `defaults`,
// whose entries go to `defaults`. Consumes the keys in `reader`.
struct DefaultsRef;
void read_section_fields(Context& ctx, ObjectReader& reader, SectionKind kind, Section& out,
                         std::vector<DefaultsRef>* defaults);
bool read_dependencies(Context& ctx, const Value& v, const std::string& path, Dependencies& out);

// ---- defaults ---------------------------------------------------------------

struct DefaultsRef {
  bool local = false;
  std::string local_path;  // local
  std::string owner, repo, ref;
  std::vector<std::string> path;  // github
  Loc loc;
};
bool read_defaults_list(Context& ctx, const Value& v, const std::string& path, std::vector<DefaultsRef>& out);

// expandDefaults: the section with the fields of its defaults files (read
// recursively, relative to `dir`) before its own.
bool expand_defaults(Context& ctx, const std::string& dir, SectionKind kind, const std::vector<DefaultsRef>& defaults,
                     Section& section);

// ---- the package ------------------------------------------------------------

// hpack's CheckSpecVersion: `spec-version` (recorded in ctx.spec_version);
// false with an error when it is newer than hpack 0.38.3.
bool read_spec_version(Context& ctx, ObjectReader& r);

struct CabalVersion {
  std::vector<int> version;          // when not verbatim
  std::optional<std::string> verbatim;  // unparsable verbatim cabal-version
  // hpack's Ord: any verbatim string is above every version.
  bool at_least(const std::vector<int>& v) const { return verbatim || !(version < v); }
  std::string show() const { return verbatim ? *verbatim : show_version(version); }
};

struct Flag {
  std::string name;
  std::optional<Str> description;
  bool manual = false;
  bool default_value = false;
  Loc loc;
};

struct SourceRepository {
  Str url;
  std::optional<Str> subdir;
};

struct Package {
  CabalVersion cabal_version{{1, 12}, std::nullopt};
  Str name;
  Str version;
  std::optional<Str> synopsis, description, homepage, bug_reports, stability, license, data_dir;
  Strs category, author, maintainer, copyright, license_files, tested_with;
  Str build_type;
  std::vector<Flag> flags;
  Strs extra_source_files, extra_doc_files, extra_files, data_files;
  std::optional<SourceRepository> source_repository;
  std::optional<Dependencies> custom_setup;
  Loc custom_setup_loc;
  std::optional<Section> library;
  std::map<std::string, Section> internal_libraries, executables, tests, benchmarks;
  std::vector<Verbatim> verbatim;
};

// The whole of Hpack.Config: package.yaml's text to the Package hpack renders.
bool read_package(Context& ctx, std::string_view text, Package& out);

// Steps used by read_package (package_yaml_modules.cpp).
// expandGlobs: patterns relative to `dir`, matches sorted, literal
// non-matching names kept; warnings for patterns without matches.
Strs expand_globs(Context& ctx, const std::string& field, const std::string& dir, const Strs& patterns);
// Globs in asm-sources, c-sources, cxx-sources and js-sources, recursively.
void expand_foreign_sources(Context& ctx, Section& s);
// hpack's getModules: the modules under one source directory, sorted.
std::vector<std::string> modules_in(const std::string& package_dir, const std::string& source_dir);
// `main: Foo.Bar` -> main-is Foo/Bar.hs and -main-is, recursively.
void expand_main(Section& s);
// inferModules for a library / an executable (pathsModule: hpack's Paths_
// module name, "" when hpack does not add it).
void infer_library_modules(Context& ctx, Section& s, const std::string& paths_module);
void infer_executable_modules(Context& ctx, Section& s, const std::string& paths_module);

// Hpack.Render: the .cabal text.
void render_package(const Package& p, RenderedCabal& out);

// Parse a version constraint as hpack does ("== " ++ s first, then s).
bool parse_constraint_text(std::string_view text, Constraint& out);
// Haskell's `show` on a string (for quoted paths).
std::string haskell_show(std::string_view s);
// hpack's `sort`: by lower-cased text, then by the text.
bool hpack_less(const std::string& a, const std::string& b);

}  // namespace mhu::stack::hpack
