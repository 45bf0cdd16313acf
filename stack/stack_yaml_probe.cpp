#include "stack/stack_yaml_probe.h"

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <set>

#include "stack/yaml_emit.h"

namespace mhu::stack {

namespace fs = std::filesystem;

namespace {

// Fields copied as they are: none of them names a path or a package.
const std::set<std::string>& copied_fields() {
  static const std::set<std::string> s = {
      "compiler", "system-ghc", "install-ghc", "skip-ghc-check", "compiler-check", "require-stack-version",
      "arch", "ghc-variant", "ghc-build", "recommend-stack-upgrade", "allow-newer", "allow-newer-deps",
      "apply-ghc-options", "apply-prog-options", "rebuild-ghc-options", "user-message", "allow-different-user",
      "build", "pvp-bounds", "save-hackage-creds", "hackage-base-url", "connection-count", "hide-th-loading",
      "concurrent-tests", "dump-logs", "color", "colour", "stack-colors", "stack-colours", "hide-source-paths",
      "custom-preprocessor-extensions", "jobs", "templates", "package-index", "urls", "snapshot-location-base",
      "casa", "casa-repo-prefix", "modify-code-page", "build-output-timestamps", "hpack-force", "with-hpack",
      "default-init-snapshot", "default-template", "script-no-run-compile", "stack-developer-mode",
      "notify-if-nix-on-path", "notify-if-ghc-untested", "notify-if-cabal-untested", "notify-if-arch-unknown",
      "notify-if-no-run-tests", "notify-if-no-run-benchmarks", "notify-if-base-not-boot", "install-msys",
      "skip-msys", "msys-environment",
  };
  return s;
}

// Fields whose value is a path or a list of paths: copied when absolute
// (relative ones would be read against the probe's directory).
const std::set<std::string>& path_fields() {
  static const std::set<std::string> s = {"local-programs-path", "local-bin-path", "extra-path", "with-gcc"};
  return s;
}

bool is_absolute(const YAML::Node& n) {
  if (n.IsScalar()) return fs::path(n.Scalar()).is_absolute();
  if (!n.IsSequence()) return false;
  for (const auto& item : n)
    if (!item.IsScalar() || !fs::path(item.Scalar()).is_absolute()) return false;
  return true;
}

// pantry's parseRawSnapshotLocation: anything but these is a file path.
bool snapshot_is_path(const std::string& s) {
  for (const char* prefix : {"lts-", "nightly-", "ghc-", "ghcjs-", "github:"})
    if (s.starts_with(prefix)) return false;
  return s.find("://") == std::string::npos;
}

YAML::Node probe_snapshot(const YAML::Node& v, const std::string& root) {
  if (v.IsScalar()) return snapshot_is_path(v.Scalar()) ? YAML::Node(absolute_under(root, v.Scalar())) : YAML::Clone(v);
  YAML::Node out = YAML::Clone(v);
  if (v.IsMap() && v["filepath"] && v["filepath"].IsScalar()) out["filepath"] = absolute_under(root, v["filepath"].Scalar());
  return out;
}

// A package-keyed mapping (flags, ghc-options, configure-options) without
// the local packages' entries.
YAML::Node without_locals(const YAML::Node& v, const std::set<std::string>& locals) {
  if (!v.IsMap()) return YAML::Clone(v);
  YAML::Node out(YAML::NodeType::Map);
  for (const auto& kv : v)
    if (!kv.first.IsScalar() || !locals.count(kv.first.Scalar())) out[YAML::Clone(kv.first)] = YAML::Clone(kv.second);
  return out;
}

bool relative_path(const std::string& s) { return s.find("://") == std::string::npos && !fs::path(s).is_absolute(); }

// Whether an archive or repository extra-dep is given by a relative path:
// a scalar archive, `filepath`/`archive`/`location`, or a `git`/`hg` that is
// neither a URL nor scp-like (host:path) nor absolute. `url`, `github` and
// Hackage entries never are.
bool relative_location(const YAML::Node& item) {
  if (item.IsScalar()) return relative_path(item.Scalar());
  if (!item.IsMap()) return false;
  for (const char* k : {"filepath", "archive", "location"})
    if (const YAML::Node v = item[k]; v && v.IsScalar()) return relative_path(v.Scalar());
  for (const char* k : {"git", "hg"})
    if (const YAML::Node v = item[k]; v && v.IsScalar())
      return relative_path(v.Scalar()) && v.Scalar().find(':') == std::string::npos;
  return false;
}

// The extra-deps the probe keeps: all but the local directories. An archive
// or repository given by a relative path would be read against the probe's
// directory: false then.
bool probe_extra_deps(const YAML::Node& v, const StackYaml& y, YAML::Node& out, std::string& why_not) {
  out = YAML::Node(YAML::NodeType::Sequence);
  if (v.IsNull()) return true;
  if (!v.IsSequence() || v.size() != y.extra_deps.size()) {
    why_not = "its extra-deps are not a plain list";
    return false;
  }
  for (size_t i = 0; i < v.size(); ++i) {
    const ExtraDep& d = y.extra_deps[i];
    if (d.kind == ExtraDep::Kind::LocalDir) continue;
    if ((d.kind == ExtraDep::Kind::Archive || d.kind == ExtraDep::Kind::Repo) && relative_location(v[i])) {
      why_not = "extra-dep '" + d.text + "' is a relative path";
      return false;
    }
    out.push_back(YAML::Clone(v[i]));
  }
  return true;
}

YAML::Node absolute_list(const std::vector<std::string>& dirs) {
  YAML::Node out(YAML::NodeType::Sequence);
  for (const auto& d : dirs) out.push_back(d);
  return out;
}

bool relative_inside(const std::string& p) {
  fs::path path(p);
  if (path.is_absolute()) return false;
  for (const auto& part : path.lexically_normal())
    if (part == "..") return false;
  return true;
}

}  // namespace

bool make_stack_probe(const StackYaml& y, const std::vector<std::string>& local_names, std::string& out,
                      std::string& why_not) {
  std::set<std::string> locals(local_names.begin(), local_names.end());
  YAML::Node root;
  try {
    root = YAML::Load(y.text);
  } catch (const YAML::Exception&) {
    why_not = "stack.yaml cannot be read again";
    return false;
  }
  if (!root.IsMap()) {
    why_not = "stack.yaml is not a mapping";
    return false;
  }
  YAML::Node probe(YAML::NodeType::Map);
  std::set<std::string> drop(y.drop_packages.begin(), y.drop_packages.end());
  drop.insert(locals.begin(), locals.end());
  for (const auto& kv : root) {
    if (!kv.first.IsScalar()) {
      why_not = "stack.yaml has a field name that is not text";
      return false;
    }
    const std::string key = kv.first.Scalar();
    const YAML::Node& v = kv.second;
    if (key == "packages" || key == "drop-packages") continue;
    if (key == "snapshot" || key == "resolver") {
      // As the reader takes them: a null one (a duplicate key) does not count.
      if (!v.IsNull()) probe[key] = probe_snapshot(v, y.root_dir);
    } else if (key == "extra-deps") {
      YAML::Node deps;
      if (!probe_extra_deps(v, y, deps, why_not)) return false;
      probe[key] = deps;
    } else if (key == "flags" || key == "ghc-options" || key == "configure-options") {
      probe[key] = without_locals(v, locals);
    } else if (key == "extra-package-dbs") {
      probe[key] = absolute_list(y.extra_package_dbs);
    } else if (key == "extra-include-dirs") {
      probe[key] = absolute_list(y.extra_include_dirs);
    } else if (key == "extra-lib-dirs") {
      probe[key] = absolute_list(y.extra_lib_dirs);
    } else if (key == "work-dir") {
      if (!v.IsScalar() || !relative_inside(v.Scalar())) {
        why_not = "its work-dir is not a directory inside the project";
        return false;
      }
      probe[key] = YAML::Clone(v);
    } else if (key == "nix") {
      // Nix settings name no path but `shell-file` (relative to the project).
      if (v.IsMap() && v["shell-file"]) {
        why_not = "its nix settings name a shell-file";
        return false;
      }
      probe[key] = YAML::Clone(v);
    } else if (path_fields().count(key)) {
      if (!v.IsNull() && !is_absolute(v)) {
        why_not = "its " + key + " is a relative path";
        return false;
      }
      probe[key] = YAML::Clone(v);
    } else if (copied_fields().count(key)) {
      probe[key] = YAML::Clone(v);
    } else {
      why_not = "it sets `" + key + "`";
      return false;
    }
  }
  probe["packages"] = YAML::Node(YAML::NodeType::Sequence);
  if (!drop.empty()) {
    YAML::Node d(YAML::NodeType::Sequence);
    for (const auto& name : drop) d.push_back(name);
    probe["drop-packages"] = d;
  }
  std::string text, error;
  if (!emit_yaml(probe, text, error)) {
    why_not = "the probe could not be written: " + error;
    return false;
  }
  out = "# written by mhu from " + y.file + ": where stack keeps this project's package databases\n" + text + "\n";
  return true;
}

}  // namespace mhu::stack
