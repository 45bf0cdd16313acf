// Reading cabal.project files (cabal-install 3.12's ProjectConfig.Legacy:
// parseProjectSkeleton for imports and conditionals, then the legacy field
// descriptions for the fields and sections).
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <system_error>

#include "cabal/dependency.h"
#include "cabal/file_io.h"
#include "cabal/field_grammar.h"
#include "cabal/field_lists.h"
#include "cabal/fields.h"
#include "cabal/project.h"
#include "cabal/project_values.h"

namespace fs = std::filesystem;

namespace mhu::cabal {

namespace {

using namespace project_detail;

// Cabal's known programs (Distribution.Simple.Program.Builtin): the
// `PROG-options` and `PROG-location` fields exist for these.
constexpr std::string_view kPrograms[] = {
    "alex",  "ar",       "c2hs",     "cpphs",      "doctest",   "gcc",
    "ghc",   "ghc-pkg",  "ghcjs",    "ghcjs-pkg",  "greencard", "haddock",
    "happy", "haskell-suite", "haskell-suite-pkg", "hmake", "hpc", "hsc2hs",
    "hscolour", "jhc",   "ld",       "pkg-config", "runghc",    "strip",
    "tar",   "uhc",
};

bool is_program_field(std::string_view name, std::string_view suffix) {
  if (!name.ends_with(suffix)) return false;
  std::string_view prog = name.substr(0, name.size() - suffix.size());
  return std::find(std::begin(kPrograms), std::end(kPrograms), prog) != std::end(kPrograms);
}

// legacyPackageConfigFieldDescrs: the per-package fields (top level, where
// they apply to the project's packages, and in `package` sections).
const std::set<std::string_view>& package_config_fields() {
  static const std::set<std::string_view> s = {
      // configureOptions, as filtered
      "with-compiler", "with-hc-pkg", "program-prefix", "program-suffix", "library-vanilla",
      "library-profiling", "shared", "static", "executable-dynamic", "executable-static", "profiling",
      "executable-profiling", "profiling-detail", "library-profiling-detail", "library-for-ghci",
      "split-objs", "split-sections", "executable-stripping", "library-stripping", "tests", "benchmarks",
      "coverage", "library-coverage", "relocatable",
      // added list fields
      "extra-include-dirs", "extra-lib-dirs", "extra-lib-dirs-static", "extra-framework-dirs",
      "extra-prog-path", "configure-options", "flags", "build-info",
      // overridden
      "compiler", "optimization", "debug-info",
      // installOptions
      "documentation", "run-tests",
      // haddockOptions, prefixed
      "haddock-hoogle", "haddock-html", "haddock-html-location", "haddock-foreign-libraries",
      "haddock-executables", "haddock-tests", "haddock-benchmarks", "haddock-all", "haddock-internal",
      "haddock-css", "haddock-hyperlink-source", "haddock-quickjump", "haddock-hscolour-css",
      "haddock-contents-location", "haddock-index-location", "haddock-keep-temp-files",
      "haddock-base-url", "haddock-lib", "haddock-output-dir", "haddock-for-hackage",
      // testOptions', prefixed
      "test-log", "test-machine-log", "test-show-details", "test-keep-tix-files", "test-wrapper",
      "test-fail-when-no-test-suites", "test-options",
      // benchmarkOptions'
      "benchmark-options",
  };
  return s;
}

// legacyProjectConfigFieldDescrs and legacySharedConfigFieldDescrs: the
// fields only the top level has.
const std::set<std::string_view>& project_only_fields() {
  static const std::set<std::string_view> s = {
      "packages", "optional-packages", "extra-packages",
      // global flags
      "remote-repo-cache", "logs-dir", "store-dir", "ignore-expiry", "http-transport",
      "active-repositories", "extra-prog-path-shared-only",
      // shared configure flags
      "verbose", "builddir", "prefix", "bindir", "libdir", "libsubdir", "dynlibdir", "libexecdir",
      "libexecsubdir", "datadir", "datasubdir", "docdir", "htmldir", "haddockdir", "sysconfdir",
      "package-dbs",
      // configure-ex flags
      "cabal-lib-version", "solver", "write-ghc-environment-files", "constraints", "preferences",
      "allow-older", "allow-newer",
      // install flags
      "doc-index-file", "root-cmd", "symlink-bindir", "build-log", "remote-build-reporting",
      "report-planning-failure", "jobs", "semaphore", "keep-going", "offline", "per-component",
      "max-backjumps", "reorder-goals", "count-conflicts", "fine-grained-conflicts",
      "minimize-conflict-set", "independent-goals", "prefer-oldest", "strong-flags",
      "allow-boot-library-installs", "reject-unconstrained-dependencies", "index-state", "build-summary",
      // client install flags
      "lib", "package-env", "overwrite-policy", "install-method", "installdir",
      // project flags
      "project-dir", "project-file", "ignore-project",
      "multi-repl",
  };
  return s;
}

std::string trim(std::string_view s) {
  while (!s.empty() && is_hs_space(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && is_hs_space(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return std::string(s);
}

std::string canonical_path(const fs::path& p) {
  std::error_code ec;
  fs::path c = fs::weakly_canonical(fs::absolute(p, ec), ec);
  if (ec) c = fs::absolute(p);
  return c.lexically_normal().string();
}

bool is_file(const std::string& p) {
  std::error_code ec;
  return fs::is_regular_file(p, ec);
}

void merge_settings(PackageSettings& into, const PackageSettings& from) {
  for (const auto& [name, value] : from.flags) {
    auto it = std::find_if(into.flags.begin(), into.flags.end(), [&name = name](const auto& p) { return p.first == name; });
    if (it != into.flags.end()) it->second = value;
    else into.flags.emplace_back(name, value);
  }
  into.ghc_options.insert(into.ghc_options.end(), from.ghc_options.begin(), from.ghc_options.end());
  if (from.tests) into.tests = from.tests;
  if (from.benchmarks) into.benchmarks = from.benchmarks;
}

class Reader {
 public:
  Reader(const ProjectLocation& loc, const Platform& platform, ProjectConfig& out, Diagnostics& diags)
      : loc_(loc), platform_(platform), out_(out), diags_(diags) {}

  bool ok() const { return ok_; }

  // Read one file of the project (the project file, an import, the freeze
  // or local file) into target.
  void read_file(const std::string& path, ProjectConfig& target, bool under_conditional) {
    std::string content, why;
    if (!read_regular_file(path, content, why)) {
      error(path, {}, "cannot read the project file '" + path + "': " + why);
      return;
    }
    if (std::find(out_.files.begin(), out_.files.end(), path) == out_.files.end()) out_.files.push_back(path);

    std::vector<Field> fields;
    Diagnostics local;
    bool parsed = read_fields(content, fields, local);
    for (auto& d : local.items) {
      d.file = path;
      if (d.severity == Severity::Error) ok_ = false;
      diags_.items.push_back(std::move(d));
    }
    if (!parsed) {
      ok_ = false;
      return;
    }
    stack_.push_back(canonical_path(path));
    block(fields, path, target, under_conditional);
    stack_.pop_back();
  }

 private:
  void error(const std::string& file, Position pos, std::string msg) {
    diags_.error_in(file, pos, std::move(msg));
    ok_ = false;
  }
  void warning(const std::string& file, Position pos, std::string msg) {
    diags_.warning_in(file, pos, std::move(msg));
  }

  // A path for messages: relative to the project root when inside it.
  std::string shown(const std::string& path) const {
    for (const std::string& root : {loc_.root_dir, canonical_path(loc_.root_dir)}) {
      fs::path rel = fs::path(path).lexically_relative(root);
      if (!rel.empty() && *rel.begin() != "..") return rel.string();
    }
    return path;
  }

  // The fields of one file or conditional branch, in order
  // (parseProjectSkeleton's go).
  void block(const std::vector<Field>& fields, const std::string& file, ProjectConfig& target, bool under_cond) {
    for (size_t i = 0; i < fields.size(); ++i) {
      const Field& f = fields[i];
      if (!f.is_section) {
        if (f.name == "import") import(f, file, target, under_cond);
        else top_field(f, file, target, under_cond);
        continue;
      }
      if (f.name == "if") {
        // if, then elif*, then else?: every branch is read (as cabal parses
        // them all), only the chosen one into target.
        std::vector<const Field*> chain{&f};
        size_t j = i + 1;
        while (j < fields.size() && fields[j].is_section && fields[j].name == "elif") chain.push_back(&fields[j++]);
        if (j < fields.size() && fields[j].is_section && fields[j].name == "else") chain.push_back(&fields[j++]);
        i = j - 1;
        bool taken = false;
        for (const Field* b : chain) {
          bool cond = b->name == "else" || condition(*b, file);
          ProjectConfig scratch;
          if (!deeper(*b, file)) return;
          if (cond && !taken) {
            taken = true;
            block(b->children, file, target, true);
          } else {
            block(b->children, file, scratch, true);
          }
          --depth_;
        }
        continue;
      }
      if (f.name == "elif" || f.name == "else") {
        warning(file, f.pos, "unrecognized section '" + f.name + "': there is no 'if' section before it");
        continue;
      }
      section(f, file, target);
    }
  }

  bool condition(const Field& f, const std::string& file) {
    Condition c;
    Diagnostics local;
    if (!parse_condition(f.args, f.pos, c, local)) {
      for (auto& d : local.items) {
        d.file = file;
        if (d.severity == Severity::Error) ok_ = false;
        diags_.items.push_back(std::move(d));
      }
      ok_ = false;
      return false;
    }
    std::vector<std::string> flags;
    collect_flags(c, flags);
    if (!flags.empty()) {
      error(file, f.pos,
            "flag(" + flags.front() + ") in a condition of a project file: projects can only test os(), "
            "arch(), impl(), true and false");
      return false;
    }
    return evaluate(c, platform_, [](const std::string&) { return false; });
  }

  void import(const Field& f, const std::string& file, ProjectConfig& target, bool under_cond) {
    std::string value = trim(join_field_lines(f.lines));
    if (value.empty()) {
      error(file, f.pos, "field 'import': expecting the path of a project file to import");
      return;
    }
    if (is_url(value)) {
      error(file, f.pos, "import of '" + value + "': importing project configuration from a URL is not supported");
      return;
    }
    fs::path p(value);
    if (p.is_relative()) p = fs::path(file).parent_path() / p;
    std::string path = canonical_path(p);
    auto cyc = std::find(stack_.begin(), stack_.end(), path);
    if (cyc != stack_.end()) {
      std::string chain;
      for (auto it = cyc; it != stack_.end(); ++it) chain += shown(*it) + " -> ";
      chain += shown(path);
      error(file, f.pos, "cyclical import of '" + shown(path) + "': " + chain);
      return;
    }
    if (!is_file(path)) {
      std::error_code ec;
      if (fs::exists(path, ec)) error(file, f.pos, "imported path '" + value + "' is not a file (" + path + ")");
      else error(file, f.pos, "imported file '" + value + "' does not exist (" + path + ")");
      return;
    }
    if (++imports_ > kMaxImports) {
      if (imports_ == kMaxImports + 1)
        error(file, f.pos, "more than " + std::to_string(kMaxImports) +
                               " imports in all (a file imported over and over?)");
      return;
    }
    if (stack_.size() > kMaxImportDepth) {
      error(file, f.pos, "imports nested too deeply (more than " + std::to_string(kMaxImportDepth) + " levels)");
      return;
    }
    if (!deeper(f, file)) return;
    read_file(path, target, under_cond);
    --depth_;
  }

  // Conditionals and imports open around what is being read: each is a
  // recursion here, so their total (across files; read_fields limits
  // sections within one) is limited. False, with an error at f, past it.
  bool deeper(const Field& f, const std::string& file) {
    if (depth_ == kMaxDepth) {
      error(file, f.pos, "conditionals and imports nested too deeply (more than " +
                             std::to_string(kMaxDepth) + " levels)");
      return false;
    }
    ++depth_;
    return true;
  }

  // Run a value parser over a field's value, reporting what it records.
  template <class Parse>
  bool parse_value(const Field& f, const std::string& file, Parse parse) {
    std::string text = join_field_lines(f.lines);
    ValueDiags vd;
    ValueCursor cur(text, kLatestCabalSpec, vd);
    bool good = parse(cur);
    for (const auto& d : vd) {
      Position p = value_position(f, d.offset);
      std::string msg = "field '" + f.name + "': " + d.message;
      if (d.is_error) error(file, p, std::move(msg));
      else warning(file, p, std::move(msg));
    }
    if (!good && std::none_of(vd.begin(), vd.end(), [](const ValueDiag& d) { return d.is_error; }))
      error(file, f.pos, "field '" + f.name + "': invalid value");
    return good;
  }

  bool bool_value(const Field& f, const std::string& file, std::optional<bool>& out) {
    std::string text = trim(join_field_lines(f.lines));
    bool b;
    if (!parse_project_bool(text, b)) {
      error(file, f.lines.empty() ? f.pos : f.lines.front().pos,
            "field '" + f.name + "': expecting True or False, found '" + text + "'");
      return false;
    }
    out = b;
    return true;
  }

  void flags_value(const Field& f, const std::string& file, FlagAssignment& out) {
    PackageSettings parsed;
    if (!parse_value(f, file, [&](ValueCursor& cur) { return parse_project_flags(cur, parsed.flags); })) return;
    PackageSettings merged;
    merged.flags = std::move(out);
    merge_settings(merged, parsed);
    out = std::move(merged.flags);
  }

  void top_field(const Field& f, const std::string& file, ProjectConfig& target, bool under_cond) {
    const std::string& n = f.name;
    if (n == "packages" || n == "optional-packages") {
      std::vector<LocatedToken> toks;
      if (!parse_value(f, file, [&](ValueCursor& cur) { return parse_package_locations(cur, toks); })) return;
      for (auto& t : toks) {
        PackageEntry e;
        e.pattern = std::move(t.text);
        e.optional = n == "optional-packages";
        e.file = file;
        e.pos = value_position(f, t.offset);
        target.packages.push_back(std::move(e));
      }
    } else if (n == "extra-packages") {
      warning(file, f.pos, "field 'extra-packages' is ignored: mhu reads the project's local packages only");
    } else if (n == "with-compiler" || n == "with-hc-pkg" || n == "compiler") {
      if (under_cond) {
        error(file, f.pos,
              "field '" + n + "' in a conditional: cabal cannot set the compiler in a conditional clause of a "
              "project file");
        return;
      }
      if (n == "with-compiler") target.with_compiler = trim(join_field_lines(f.lines));
      else if (n == "with-hc-pkg") target.with_hc_pkg = trim(join_field_lines(f.lines));
    } else if (n == "tests" || n == "benchmarks") {
      std::optional<bool> v;
      if (!bool_value(f, file, v)) return;
      if (n == "tests") target.tests = target.local_packages.tests = v;
      else target.benchmarks = target.local_packages.benchmarks = v;
    } else if (n == "flags") {
      flags_value(f, file, target.local_packages.flags);
    } else if (n == "constraints") {
      std::vector<UserConstraint> cs;
      std::vector<bool> setup;
      bool good = parse_value(f, file, [&](ValueCursor& cur) {
        return parse_list(cur, ListSep::CommaVCat,
                          [&](ValueCursor& c, UserConstraint& u) {
                            c.skip_spaces();
                            size_t at = c.offset();
                            bool s = false;
                            if (!parse_user_constraint(c, u, s)) return false;
                            u.pos = value_position(f, at);
                            setup.push_back(s);
                            return true;
                          },
                          cs);
      });
      if (!good) return;
      for (size_t i = 0; i < cs.size(); ++i) {
        if (setup[i]) continue;  // constraints on setup dependencies: nothing for mhu
        cs[i].file = file;
        target.constraints.push_back(std::move(cs[i]));
      }
    } else if (n == "package-dbs") {
      std::vector<std::string> dbs;
      if (!parse_value(f, file, [&](ValueCursor& cur) {
            return parse_token_list(cur, ListSep::CommaVCat, TokenKind::Token, dbs);
          }))
        return;
      for (auto& d : dbs) {
        if (d == "clear") target.package_dbs.clear();
        else if (d == "global" || d == "user") continue;
        else target.package_dbs.push_back(std::move(d));
      }
    } else if (n == "ghc-options" || is_program_field(n, "-options")) {
      warning(file, f.pos,
              "unrecognized field '" + n + "': cabal ignores it at the top level of a project file (put it in a "
              "'program-options' or 'package *' section)");
    } else if (package_config_fields().count(n) || project_only_fields().count(n)) {
      // Known to cabal, no bearing on the session.
    } else {
      warning(file, f.pos, "unrecognized field '" + n + "'");
    }
  }

  void section(const Field& f, const std::string& file, ProjectConfig& target) {
    const std::string& n = f.name;
    if (n == "package") {
      std::string arg = section_args_string(f.args);
      PackageSettings* settings = nullptr;
      if (arg == "*") settings = &target.all_packages;
      else if (is_valid_package_name(arg)) settings = &target.packages_settings[arg];
      else {
        error(file, f.pos,
              "a 'package' section requires a package name or '*' as its argument, found '" + arg + "'");
        return;
      }
      package_section(f, file, *settings);
    } else if (n == "program-options") {
      if (!f.args.empty()) {
        error(file, f.pos, "the section 'program-options' takes no arguments");
        return;
      }
      for (const auto& c : f.children) {
        if (c.is_section) {
          warning(file, c.pos, "unrecognized section '" + c.name + "' in 'program-options'");
        } else if (c.name == "ghc-options") {
          auto words = split_args(join_field_lines(c.lines));
          auto& g = target.all_packages.ghc_options;
          g.insert(g.end(), words.begin(), words.end());
        } else if (!is_program_field(c.name, "-options")) {
          warning(file, c.pos, "unrecognized field '" + c.name + "' in 'program-options'");
        }
      }
    } else if (n == "program-locations") {
      if (!f.args.empty()) {
        error(file, f.pos, "the section 'program-locations' takes no arguments");
        return;
      }
      for (const auto& c : f.children) {
        if (c.is_section) warning(file, c.pos, "unrecognized section '" + c.name + "' in 'program-locations'");
        else if (!is_program_field(c.name, "-location"))
          warning(file, c.pos, "unrecognized field '" + c.name + "' in 'program-locations'");
      }
    } else if (n == "repository") {
      // Package repositories: nothing for mhu.
    } else if (n == "source-repository-package") {
      error(file, f.pos, "source-repository-package is not supported: mhu reads local packages only");
    } else {
      warning(file, f.pos, "unrecognized section '" + n + "'");
    }
  }

  void package_section(const Field& f, const std::string& file, PackageSettings& s) {
    for (const auto& c : f.children) {
      if (c.is_section) {
        warning(file, c.pos, "unrecognized section '" + c.name + "' in a 'package' section");
      } else if (c.name == "flags") {
        flags_value(c, file, s.flags);
      } else if (c.name == "ghc-options") {
        auto words = split_args(join_field_lines(c.lines));
        s.ghc_options.insert(s.ghc_options.end(), words.begin(), words.end());
      } else if (c.name == "tests") {
        bool_value(c, file, s.tests);
      } else if (c.name == "benchmarks") {
        bool_value(c, file, s.benchmarks);
      } else if (package_config_fields().count(c.name) || is_program_field(c.name, "-options") ||
                 is_program_field(c.name, "-location")) {
        // Known to cabal, no bearing on the session.
      } else {
        warning(file, c.pos, "unrecognized field '" + c.name + "' in a 'package' section");
      }
    }
  }

  const ProjectLocation& loc_;
  const Platform& platform_;
  ProjectConfig& out_;
  Diagnostics& diags_;
  bool ok_ = true;
  std::vector<std::string> stack_;  // the import chain being read
  static constexpr int kMaxDepth = 1000;
  static constexpr size_t kMaxImportDepth = 100;  // a file read is a deep recursion
  int depth_ = 0;
  // Every branch's imports are read, so a file imported twice by each of a
  // chain of files is read 2^n times; the total is limited.
  static constexpr int kMaxImports = 10000;
  int imports_ = 0;
};

}  // namespace

PackageSettings package_settings(const ProjectConfig& config, std::string_view package,
                                 bool project_package) {
  PackageSettings s;
  merge_settings(s, config.all_packages);
  if (project_package) merge_settings(s, config.local_packages);
  auto it = config.packages_settings.find(std::string(package));
  if (it != config.packages_settings.end()) merge_settings(s, it->second);
  return s;
}

bool read_project(const ProjectLocation& location, const Platform& platform, ProjectConfig& out,
                  Diagnostics& diags) {
  out = ProjectConfig{};
  out.location = location;
  Reader reader(location, platform, out, diags);
  std::string base;
  if (location.project_file.empty()) {
    PackageEntry e;
    e.pattern = "./*.cabal";
    e.file = location.root_dir;
    out.packages.push_back(std::move(e));
    base = (fs::path(location.root_dir) / "cabal.project").string();
  } else {
    base = location.project_file;
    reader.read_file(base, out, false);
  }
  for (const char* ext : {".freeze", ".local"}) {
    std::string extra = base + ext;
    if (is_file(extra)) reader.read_file(extra, out, false);
  }
  std::stable_partition(out.packages.begin(), out.packages.end(),
                        [](const PackageEntry& e) { return !e.optional; });
  return reader.ok();
}

}  // namespace mhu::cabal
