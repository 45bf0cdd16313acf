#include "stack/stack_yaml.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "cabal/dependency.h"
#include "cabal/file_io.h"
#include "cabal/value_cursor.h"
#include "stack/yaml_emit.h"
#include "stack/yaml_error.h"

namespace mhu::stack {

namespace fs = std::filesystem;
using cabal::Diagnostics;
using cabal::Position;

namespace {

std::string normal(const fs::path& p) {
  std::string s = p.lexically_normal().string();
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  return s;
}

// The archive an extra-dep mapping names (pantry's parseArchiveLocationObject:
// `url`, `filepath`, `archive` or the legacy `location`; or a `github` repo),
// as written; "" when none.
std::string archive_field(const YAML::Node& item) {
  for (const char* k : {"url", "filepath", "archive", "location", "github"})
    if (const YAML::Node v = item[k]; v && v.IsScalar() && !v.Scalar().empty()) return v.Scalar();
  return "";
}

}  // namespace

// ---------------------------------------------------------------------------
// Finding stack.yaml

std::string find_stack_yaml_upwards(const std::string& start_dir) {
  fs::path dir = fs::absolute(fs::path(start_dir)).lexically_normal();
  std::error_code ec;
  while (true) {
    fs::path candidate = dir / "stack.yaml";
    if (fs::is_regular_file(candidate, ec)) return normal(candidate);
    if (!dir.has_relative_path()) return "";  // the root
    fs::path parent = dir.parent_path();
    if (parent == dir) return "";
    dir = parent;
  }
}

bool find_stack_yaml(const std::string& start_dir, const std::string& explicit_file,
                     const std::optional<std::string>& env_stack_yaml, std::string& out, Diagnostics& diags) {
  auto named = [&](const std::string& file, const char* how) {
    std::string path = absolute_under(fs::absolute(start_dir).string(), file);
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) {
      diags.error({0, 0}, std::string("the stack.yaml named by ") + how + " (" + file + ") " + cabal::why_not_a_file(path));
      return false;
    }
    out = path;
    return true;
  };
  if (!explicit_file.empty()) return named(explicit_file, "--stack-yaml");
  if (env_stack_yaml && !env_stack_yaml->empty()) return named(*env_stack_yaml, "$STACK_YAML");
  out = find_stack_yaml_upwards(start_dir);
  if (out.empty()) {
    diags.error({0, 0}, "no stack.yaml in " + normal(fs::absolute(start_dir)) + " or any parent directory");
    return false;
  }
  return true;
}

bool find_stack_yaml(const std::string& start_dir, const std::string& explicit_file, std::string& out,
                     Diagnostics& diags) {
  std::optional<std::string> env;
  if (const char* e = std::getenv("STACK_YAML")) env = e;
  return find_stack_yaml(start_dir, explicit_file, env, out, diags);
}

// ---------------------------------------------------------------------------
// Small parsers

bool split_ghc_options(std::string_view text, std::vector<std::string>& out, std::string& error) {
  // Data.Attoparsec.Args.argsParser Escaping:
  //   many (skipSpace *> (quoted <|> unquoted)) <* skipSpace <* endOfInput
  // where unquoted is one or more characters other than '"' and ' ', and
  // quoted is '"' (('\\' anyChar) | not '"')* '"'.
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; };
  size_t i = 0, n = text.size();
  std::vector<std::string> words;
  while (true) {
    while (i < n && is_space(text[i])) ++i;
    if (i == n) break;
    if (text[i] == '"') {
      std::string w;
      size_t j = i + 1;
      bool closed = false;
      while (j < n) {
        if (text[j] == '\\' && j + 1 < n) {
          w += text[j + 1];
          j += 2;
        } else if (text[j] == '"') {
          closed = true;
          ++j;
          break;
        } else {
          w += text[j++];
        }
      }
      if (!closed) {
        error = "unterminated string";
        return false;
      }
      words.push_back(std::move(w));
      i = j;
    } else {
      size_t j = i;
      while (j < n && text[j] != '"' && text[j] != ' ') ++j;
      words.emplace_back(text.substr(i, j - i));
      i = j;
    }
  }
  out.insert(out.end(), words.begin(), words.end());
  return true;
}

std::optional<cabal::Version> parse_wanted_ghc(std::string_view text) {
  if (!text.starts_with("ghc-") || text.starts_with("ghc-git-")) return std::nullopt;
  cabal::Version v;
  if (!cabal::parse_version(text.substr(4), v)) return std::nullopt;
  return v;
}

std::optional<cabal::Version> wanted_ghc_version(const StackYaml& y) {
  if (!y.compiler.empty()) return parse_wanted_ghc(y.compiler);
  return parse_wanted_ghc(y.snapshot);
}

namespace {

// pantry's parsePackageIdentifierRevision: NAME-VERSION, then optionally
// @sha256:..., @rev:N or @gitsha1:... (not checked further).
bool parse_hackage_dep(const std::string& text, std::string& name, cabal::Version& version) {
  std::string id = text.substr(0, text.find('@'));
  size_t dash = id.rfind('-');
  if (dash == std::string::npos || dash == 0) return false;
  std::string v = id.substr(dash + 1);
  if (v.empty() || !std::all_of(v.begin(), v.end(), [](char c) { return (c >= '0' && c <= '9') || c == '.'; }))
    return false;
  if (!cabal::parse_version(v, version)) return false;
  name = id.substr(0, dash);
  return cabal::is_valid_package_name(name);
}

bool has_archive_extension(const std::string& t) {
  for (const char* ext : {".zip", ".tar", ".tar.gz"})
    if (t.ends_with(ext)) return true;
  return false;
}

// ---------------------------------------------------------------------------
// The reader

const std::set<std::string>& ignored_fields() {
  // Stack.Types.ProjectAndConfigMonoid and Stack.Types.ConfigMonoid fields
  // that do not change what a session loads.
  static const std::set<std::string> s = {
      "user-message", "curator", "work-dir", "build", "docker", "nix", "configure-options",
      "connection-count", "hide-th-loading", "build-output-timestamps", "urls", "package-index",
      "system-ghc", "install-ghc", "install-msys", "skip-ghc-check", "skip-msys", "msys-environment",
      "require-stack-version", "arch", "ghc-variant", "ghc-build", "jobs", "custom-preprocessor-extensions",
      "with-gcc", "with-hpack", "hpack-force", "concurrent-tests", "local-bin-path", "file-watch-hook",
      "templates", "compiler-check", "compiler-repository", "compiler-target", "compiler-bindist-path",
      "extra-path", "setup-info-locations", "setup-info", "local-programs-path", "pvp-bounds",
      "modify-code-page", "rebuild-ghc-options", "apply-prog-options", "allow-newer", "allow-newer-deps",
      "default-init-snapshot", "default-template", "allow-different-user", "dump-logs",
      "save-hackage-creds", "hackage-base-url", "color", "colour", "stack-colors", "stack-colours",
      "hide-source-paths", "recommend-stack-upgrade", "notify-if-nix-on-path", "notify-if-ghc-untested",
      "notify-if-cabal-untested", "notify-if-arch-unknown", "notify-if-no-run-tests",
      "notify-if-no-run-benchmarks", "notify-if-base-not-boot", "casa", "casa-repo-prefix",
      "snapshot-location-base", "global-hints-location", "script-no-run-compile", "stack-developer-mode",
  };
  return s;
}

Position pos_of(const YAML::Node& n) {
  YAML::Mark m = n.Mark();
  if (m.is_null()) return {0, 0};
  return {m.line + 1, m.column + 1};
}

const char* kind_name(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Null: return "nothing";
    case YAML::NodeType::Scalar: return "a single value";
    case YAML::NodeType::Sequence: return "a list";
    case YAML::NodeType::Map: return "a mapping";
    default: return "nothing";
  }
}

struct Reader {
  StackYaml& out;
  Diagnostics& diags;
  bool ok = true;

  void error(const YAML::Node& n, std::string msg) {
    diags.error(pos_of(n), std::move(msg));
    ok = false;
  }
  void expected(const YAML::Node& n, const std::string& field, const std::string& what) {
    error(n, "`" + field + "`: expected " + what + ", found " + kind_name(n));
  }

  // A text value (any scalar).
  bool text(const YAML::Node& n, const std::string& field, std::string& v) {
    if (!n.IsScalar()) return expected(n, field, "a string"), false;
    v = n.Scalar();
    return true;
  }

  // A list of text values; null is the empty list.
  bool texts(const YAML::Node& n, const std::string& field, std::vector<std::pair<std::string, Position>>& v) {
    if (n.IsNull()) return true;
    if (!n.IsSequence()) return expected(n, field, "a list of strings"), false;
    bool good = true;
    for (const auto& item : n) {
      std::string s;
      if (text(item, field, s)) v.emplace_back(s, pos_of(item));
      else good = false;
    }
    return good;
  }

  // YAML 1.1 booleans in a plain scalar, as Data.Yaml reads them.
  bool boolean(const YAML::Node& n, const std::string& field, bool& v) {
    if (n.IsScalar() && n.Tag() != "!") {
      static const std::set<std::string> yes = {"y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"};
      static const std::set<std::string> no = {"n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"};
      if (yes.count(n.Scalar())) return v = true, true;
      if (no.count(n.Scalar())) return v = false, true;
    }
    if (n.IsScalar()) error(n, "`" + field + "`: expected true or false, found '" + n.Scalar() + "'");
    else expected(n, field, "true or false");
    return false;
  }

  void packages(const YAML::Node& n) {
    if (n.IsNull()) return;  // the default, "."
    if (!n.IsSequence()) return expected(n, "packages", "a list of package directories");
    out.packages.clear();
    for (const auto& item : n) {
      if (!item.IsScalar()) {
        expected(item, "packages", "a package directory (a string; stack 2 and later take other locations in `extra-deps`)");
        continue;
      }
      out.packages.push_back({item.Scalar(), absolute_under(out.root_dir, item.Scalar()), pos_of(item)});
    }
  }

  void extra_dep_object(const YAML::Node& item) {
    ExtraDep d;
    d.pos = pos_of(item);
    auto field = [&](const char* k) -> std::string {
      const YAML::Node v = item[k];
      return v && v.IsScalar() ? v.Scalar() : "";
    };
    if (!field("git").empty() || !field("hg").empty()) {
      d.kind = ExtraDep::Kind::Repo;
      d.text = !field("git").empty() ? field("git") : field("hg");
      if (!field("commit").empty()) d.text += "@" + field("commit");
    } else if (!field("hackage").empty()) {
      d.text = field("hackage");
      d.kind = ExtraDep::Kind::Hackage;
      if (!parse_hackage_dep(d.text, d.package, d.version))
        return error(item, "`extra-deps`: '" + d.text + "' is not a package identifier (NAME-VERSION)");
    } else if (std::string a = archive_field(item); !a.empty()) {
      d.kind = ExtraDep::Kind::Archive;
      d.text = a;
    } else {
      return error(item, "`extra-deps`: an entry that is a mapping needs `git`, `hg`, `hackage`, `url`, `filepath`, "
                         "`archive`, `location` or `github`");
    }
    out.extra_deps.push_back(std::move(d));
  }

  void extra_deps(const YAML::Node& n) {
    if (n.IsNull()) return;
    if (!n.IsSequence()) return expected(n, "extra-deps", "a list of package locations");
    for (const auto& item : n) {
      if (item.IsMap()) {
        extra_dep_object(item);
        continue;
      }
      if (!item.IsScalar()) {
        expected(item, "extra-deps", "a package location (a string or a mapping)");
        continue;
      }
      ExtraDep d;
      d.text = item.Scalar();
      d.pos = pos_of(item);
      if (d.text.find("://") != std::string::npos || has_archive_extension(d.text)) {
        d.kind = ExtraDep::Kind::Archive;
      } else if (parse_hackage_dep(d.text, d.package, d.version)) {
        d.kind = ExtraDep::Kind::Hackage;
      } else {
        d.kind = ExtraDep::Kind::LocalDir;
        d.dir = absolute_under(out.root_dir, d.text);
      }
      out.extra_deps.push_back(std::move(d));
    }
  }

  void flags(const YAML::Node& n) {
    if (n.IsNull()) return;
    if (!n.IsMap()) return expected(n, "flags", "a mapping from package names to flag settings");
    for (const auto& kv : n) {
      std::string pkg;
      if (!text(kv.first, "flags", pkg)) continue;
      if (!cabal::is_valid_package_name(pkg)) {
        error(kv.first, "`flags`: invalid package name '" + pkg + "'");
        continue;
      }
      const YAML::Node& v = kv.second;
      if (v.IsNull()) continue;
      if (!v.IsMap()) {
        expected(v, "flags." + pkg, "a mapping from flag names to true or false");
        continue;
      }
      PackageFlags pf{pkg, {}, pos_of(kv.first)};
      for (const auto& f : v) {
        std::string name;
        bool value = false;
        if (!text(f.first, "flags." + pkg, name)) continue;
        if (name.empty()) {
          error(f.first, "`flags." + pkg + "`: empty flag name");
          continue;
        }
        if (!boolean(f.second, "flags." + pkg + "." + name, value)) continue;
        pf.flags.emplace_back(cabal::ascii_lower(name), value);
      }
      out.flags.push_back(std::move(pf));
    }
  }

  bool options_value(const YAML::Node& v, const std::string& field, std::vector<std::string>& words) {
    if (v.IsNull()) return true;
    if (!v.IsScalar()) return expected(v, field, "a string of options (stack takes one string, e.g. \"-Wall -O2\")"), false;
    std::string err;
    if (!split_ghc_options(v.Scalar(), words, err)) return error(v, "`" + field + "`: " + err), false;
    return true;
  }

  void ghc_options(const YAML::Node& n) {
    if (n.IsNull()) return;
    if (!n.IsMap()) return expected(n, "ghc-options", "a mapping ($everything, $locals, $targets or package names to options)");
    bool have_star = false, have_everything = false;
    std::vector<std::string> star, everything;
    for (const auto& kv : n) {
      std::string key;
      if (!text(kv.first, "ghc-options", key)) continue;
      std::string field = "ghc-options." + key;
      if (key == "*") {
        if (options_value(kv.second, field, star)) have_star = true;
        diags.warning(pos_of(kv.first),
                      "`ghc-options`: the `*` key is not recommended. Consider using $locals, or if really needed, $everything");
      } else if (key == "$everything") {
        if (options_value(kv.second, field, everything)) have_everything = true;
      } else if (key == "$locals") {
        options_value(kv.second, field, out.ghc_options.locals);
      } else if (key == "$targets") {
        options_value(kv.second, field, out.ghc_options.targets);
      } else if (!cabal::is_valid_package_name(key)) {
        error(kv.first, "`ghc-options`: invalid package name '" + key + "' (keys are $everything, $locals, $targets or package names)");
      } else {
        std::vector<std::string> words;
        if (options_value(kv.second, field, words)) out.ghc_options.by_package.emplace_back(key, std::move(words));
      }
    }
    if (have_star && have_everything) error(n, "`ghc-options`: cannot specify both `*` and `$everything`");
    out.ghc_options.everything = have_everything ? everything : star;
  }

  void apply_ghc_options(const YAML::Node& n) {
    std::string v;
    if (n.IsNull() || !text(n, "apply-ghc-options", v)) return;
    if (v == "locals") out.apply_ghc_options = ApplyGhcOptions::Locals;
    else if (v == "targets") out.apply_ghc_options = ApplyGhcOptions::Targets;
    else if (v == "everything") out.apply_ghc_options = ApplyGhcOptions::Everything;
    else error(n, "`apply-ghc-options`: expected locals, targets or everything, found '" + v + "'");
  }

  void dirs(const YAML::Node& n, const std::string& field, const std::string& base, std::vector<std::string>& v) {
    std::vector<std::pair<std::string, Position>> items;
    texts(n, field, items);
    for (const auto& [s, p] : items) v.push_back(absolute_under(base, s));
  }

  void read(const YAML::Node& root) {
    if (root.IsNull()) {
      diags.error({1, 1}, "stack.yaml is empty; it needs at least `snapshot:`");
      ok = false;
      return;
    }
    if (!root.IsMap()) return expected(root, "stack.yaml", "a mapping of fields");
    out.packages = {{".", out.root_dir, {0, 0}}};
    bool have_snapshot = false, have_snapshot_field = false, have_resolver_field = false;
    std::set<std::string> seen;
    for (const auto& kv : root) {
      std::string key;
      if (!kv.first.IsScalar()) {
        error(kv.first, "stack.yaml: expected a field name, found " + std::string(kind_name(kv.first)));
        continue;
      }
      key = kv.first.Scalar();
      const YAML::Node& v = kv.second;
      if (!seen.insert(key).second) diags.warning(pos_of(kv.first), "duplicate field `" + key + "`; the last one counts");
      if (key == "packages") packages(v);
      else if (key == "extra-deps") extra_deps(v);
      else if (key == "flags") flags(v);
      else if (key == "ghc-options") ghc_options(v);
      else if (key == "apply-ghc-options") apply_ghc_options(v);
      else if (key == "snapshot" || key == "resolver") {
        if (v.IsNull()) continue;
        std::string s;
        if (v.IsScalar()) {
          s = v.Scalar();
        } else if (v.IsMap()) {  // {compiler: ...}, {url: ...}, {filepath: ...}
          for (const char* k : {"compiler", "url", "filepath"})
            if (v[k] && v[k].IsScalar()) {
              s = v[k].Scalar();
              break;
            }
          if (s.empty()) {
            error(v, "`" + key + "`: expected a mapping with `compiler`, `url` or `filepath`");
            continue;
          }
        } else {
          expected(v, key, "a snapshot (lts-22.43, nightly-2025-01-01, ghc-9.10.3, a URL or a file)");
          continue;
        }
        if (s.empty()) {
          error(v, "`" + key + "`: expected a snapshot (lts-22.43, nightly-2025-01-01, ghc-9.10.3, a URL or a file), "
                   "found an empty string");
          continue;
        }
        // `snapshot` is looked for first: it wins over `resolver` (a null
        // one is absent: stack reads both with `..:?`).
        if (key == "snapshot" || !have_snapshot_field) out.snapshot = s;
        bool both_before = have_snapshot_field && have_resolver_field;
        (key == "snapshot" ? have_snapshot_field : have_resolver_field) = true;
        if (!both_before && have_snapshot_field && have_resolver_field)
          diags.warning(pos_of(kv.first), "both `snapshot` and `resolver` are given; stack uses `snapshot`");
        have_snapshot = true;
      } else if (key == "compiler") {
        if (!v.IsNull()) text(v, key, out.compiler);
      } else if (key == "drop-packages") {
        std::vector<std::pair<std::string, Position>> items;
        texts(v, key, items);
        for (auto& [s, p] : items) out.drop_packages.push_back(s);
      } else if (key == "extra-include-dirs") dirs(v, key, out.root_dir, out.extra_include_dirs);
      else if (key == "extra-lib-dirs") dirs(v, key, out.root_dir, out.extra_lib_dirs);
      else if (key == "extra-package-dbs") dirs(v, key, out.root_dir, out.extra_package_dbs);
      else if (!ignored_fields().count(key))
        diags.warning(pos_of(kv.first), "unrecognized field `" + key + "` (stack would warn about it too); ignored");
    }
    if (!have_snapshot) {
      diags.error({0, 0}, "stack.yaml has no `snapshot` (or `resolver`) field; stack needs one");
      ok = false;
    }
  }
};

// Where the first thing in the text, after blank lines, comments and a
// `---`, is a ',': {0, 0} when it is not.
Position leading_comma(std::string_view text) {
  int line = 1;
  size_t i = 0, line_start = 0;
  while (i < text.size()) {
    char c = text[i];
    if (c == '\n') {
      ++line;
      line_start = ++i;
    } else if (c == ' ' || c == '\t' || c == '\r') {
      ++i;
    } else if (c == '#') {
      while (i < text.size() && text[i] != '\n') ++i;
    } else if (i == line_start && text.substr(i, 3) == "---") {
      i += 3;
    } else {
      if (c == ',') return {line, static_cast<int>(i - line_start) + 1};
      break;
    }
  }
  return {0, 0};
}

// yaml-cpp's document for `text`; false with `at` and `message` for invalid
// YAML, and for a document starting with ',', which yaml-cpp 0.7 reads as an
// empty one.
bool load_yaml(std::string_view text, YAML::Node& out, Position& at, std::string& message) {
  try {
    out = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    at = e.mark.is_null() ? Position{0, 0} : Position{e.mark.line + 1, e.mark.column + 1};
    message = "invalid YAML: " + yaml_error_message(e);
    return false;
  }
  if (out.IsNull()) {
    if (Position comma = leading_comma(text); comma.line) {
      at = comma;
      message = "invalid YAML: unexpected ',' outside a flow collection ([...] or {...})";
      return false;
    }
  }
  return true;
}

// Data.Yaml.Include, as stack reads stack.yaml (Stack.Config): a scalar
// tagged `!include` is the YAML of that file (relative to the including
// file's directory), and a `<<` key merges the keys of its mapping (or list
// of mappings) not given before it; a key given after it replaces a merged
// one. Only documents that use either are rebuilt (the others keep yaml-cpp's
// nodes, duplicate keys and all, for the reader's warnings).
constexpr int kMaxIncludeDepth = 100;

bool uses_includes(const YAML::Node& n) {
  if (n.IsScalar()) return n.Tag() == "!include";
  if (n.IsSequence()) {
    for (const auto& item : n)
      if (uses_includes(item)) return true;
  } else if (n.IsMap()) {
    for (const auto& kv : n)
      if ((kv.first.IsScalar() && kv.first.Scalar() == "<<") || uses_includes(kv.second)) return true;
  }
  return false;
}

struct Includer {
  Diagnostics& diags;
  std::vector<std::string> chain;  // the files being included, outermost first
  std::vector<std::string>& included;
  bool ok = true;

  void error(const YAML::Node& at, const std::string& message) {
    diags.error(pos_of(at), message);
    ok = false;
  }

  YAML::Node include(const YAML::Node& at, const fs::path& dir) {
    std::string file = normal(fs::path(at.Scalar()).is_absolute() ? fs::path(at.Scalar()) : dir / at.Scalar());
    if (std::find(chain.begin(), chain.end(), file) != chain.end()) {
      error(at, "`!include " + at.Scalar() + "`: " + file + " includes itself (a cycle)");
      return {};
    }
    if (static_cast<int>(chain.size()) >= kMaxIncludeDepth) {
      error(at, "`!include " + at.Scalar() + "`: includes nested more than " + std::to_string(kMaxIncludeDepth) +
                    " deep");
      return {};
    }
    std::string text, why;
    if (!cabal::read_regular_file(file, text, why)) {
      error(at, "`!include " + at.Scalar() + "`: cannot read " + file + ": " + why);
      return {};
    }
    if (std::find(included.begin(), included.end(), file) == included.end()) included.push_back(file);
    YAML::Node loaded;
    Position where;
    std::string message;
    if (!load_yaml(text, loaded, where, message)) {
      error(at, "`!include " + at.Scalar() + "`: " + file + ":" + std::to_string(where.line) + ":" +
                    std::to_string(where.col) + ": " + message);
      return {};
    }
    chain.push_back(file);
    YAML::Node out = expand(loaded, fs::path(file).parent_path());
    chain.pop_back();
    return out;
  }

  YAML::Node expand(const YAML::Node& n, const fs::path& dir) {
    if (!ok) return {};
    if (n.IsScalar() && n.Tag() == "!include") return include(n, dir);
    if (n.IsSequence()) {
      YAML::Node out(YAML::NodeType::Sequence);
      for (const auto& item : n) out.push_back(expand(item, dir));
      return out;
    }
    if (!n.IsMap()) return n;
    std::vector<std::pair<YAML::Node, YAML::Node>> entries;
    std::map<std::string, size_t> index;
    for (const auto& kv : n) {
      if (!kv.first.IsScalar()) {
        entries.emplace_back(kv.first, expand(kv.second, dir));
        continue;
      }
      YAML::Node v = expand(kv.second, dir);
      if (kv.first.Scalar() == "<<" && (v.IsMap() || v.IsSequence())) {
        std::vector<YAML::Node> maps;
        if (v.IsMap()) maps.push_back(v);
        else
          for (const auto& item : v)
            if (item.IsMap()) maps.push_back(item);
        for (const auto& m : maps)
          for (const auto& mkv : m)
            if (mkv.first.IsScalar() && !index.count(mkv.first.Scalar())) {
              index[mkv.first.Scalar()] = entries.size();
              entries.emplace_back(mkv.first, mkv.second);
            }
        continue;
      }
      if (auto it = index.find(kv.first.Scalar()); it != index.end()) {
        entries[it->second].second = v;
      } else {
        index[kv.first.Scalar()] = entries.size();
        entries.emplace_back(kv.first, v);
      }
    }
    YAML::Node out(YAML::NodeType::Map);
    for (auto& [k, v] : entries) out.force_insert(k, v);
    return out;
  }
};

}  // namespace

std::string absolute_under(const std::string& base, const std::string& p) {
  fs::path path(p);
  return normal(path.is_absolute() ? path : fs::path(base) / path);
}

bool parse_stack_yaml(std::string_view text, const std::string& file, StackYaml& out, Diagnostics& diags) {
  out = StackYaml{};
  out.file = normal(fs::absolute(file));
  out.root_dir = normal(fs::path(out.file).parent_path());
  out.text = std::string(text);
  YAML::Node root;
  Position at;
  std::string message;
  if (!load_yaml(text, root, at, message)) {
    diags.error(at, message);
    return false;
  }
  if (uses_includes(root)) {
    Includer inc{diags, {out.file}, out.included_files};
    root = inc.expand(root, out.root_dir);
    if (!inc.ok) return false;
    // The probe (stack_yaml_probe.h) is made from the document as stack sees it.
    std::string expanded, why;
    if (emit_yaml(root, expanded, why)) out.text = expanded;
  }
  Reader r{out, diags};
  try {
    r.read(root);
  } catch (const YAML::Exception& e) {
    Position p = e.mark.is_null() ? Position{0, 0} : Position{e.mark.line + 1, e.mark.column + 1};
    diags.error(p, "invalid YAML: " + yaml_error_message(e));
    return false;
  }
  return r.ok;
}

bool read_stack_yaml(const std::string& file, StackYaml& out, Diagnostics& diags) {
  std::string text, why;
  if (!cabal::read_regular_file(file, text, why)) {
    diags.error({0, 0}, "cannot read " + file + ": " + why);
    return false;
  }
  return parse_stack_yaml(text, file, out, diags);
}

}  // namespace mhu::stack
