// `defaults:` (Hpack.Syntax.Defaults, Hpack.Defaults, expandDefaults): github
// defaults from hpack's cache (never downloaded), local defaults files
// relative to the file naming them, read recursively with cycle detection;
// their fields come before the section's own.
#include <cstdlib>
#include <filesystem>

#include "stack/package_yaml_internal.h"

namespace mhu::stack::hpack {

namespace fs = std::filesystem;

namespace {

using Kind = Value::Kind;

bool is_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool valid_owner(const std::string& s) {
  if (s.empty() || s.front() == '-' || s.back() == '-' || s.find("--") != std::string::npos) return false;
  for (char c : s)
    if (!is_alnum(c) && c != '-') return false;
  return true;
}

bool valid_repo(const std::string& s) {
  if (s.empty() || s == "." || s == "..") return false;
  for (char c : s)
    if (!is_alnum(c) && c != '_' && c != '.' && c != '-') return false;
  return true;
}

std::vector<std::string> split_directories(const std::string& p) {
  std::vector<std::string> out;
  size_t i = 0;
  if (!p.empty() && p[0] == '/') {
    out.push_back("/");
    while (i < p.size() && p[i] == '/') ++i;
  }
  while (i < p.size()) {
    size_t j = p.find('/', i);
    if (j == std::string::npos) j = p.size();
    out.push_back(p.substr(i, j - i));
    while (j < p.size() && p[j] == '/') ++j;
    i = j;
  }
  return out;
}

// Hpack.Syntax.Git's isValidRef (git check-ref-format).
bool valid_ref(const std::string& ref) {
  if (ref.empty() || ref == "@") return false;
  for (const auto& c : split_directories(ref)) {
    if (c.size() >= 5 && c.compare(c.size() - 5, 5, ".lock") == 0) return false;
    if (!c.empty() && c[0] == '.') return false;
  }
  if (ref.find("..") != std::string::npos || ref.find("//") != std::string::npos ||
      ref.find("@{") != std::string::npos)
    return false;
  if (ref.front() == '/' || ref.back() == '/' || ref.back() == '.') return false;
  for (unsigned char c : ref)
    if (c < 040 || c == 0177 || std::string_view(" ~^:?*[\\").find(static_cast<char>(c)) != std::string_view::npos)
      return false;
  return true;
}

bool parse_github(Context& ctx, const Value& v, const std::string& path, const std::string& s, DefaultsRef& out) {
  auto slash = s.find('/');
  out.owner = s.substr(0, slash);
  out.repo = slash == std::string::npos ? "" : s.substr(slash + 1);
  if (!valid_owner(out.owner)) {
    ctx.decode_error(v.loc, path, "invalid owner name \"" + out.owner + "\"");
    return false;
  }
  if (!valid_repo(out.repo)) {
    ctx.decode_error(v.loc, path, "invalid repository name \"" + out.repo + "\"");
    return false;
  }
  return true;
}

bool parse_ref(Context& ctx, const Value& v, const std::string& path, const std::string& s, DefaultsRef& out) {
  if (!valid_ref(s)) {
    ctx.decode_error(v.loc, path, "invalid Git reference \"" + s + "\"");
    return false;
  }
  out.ref = s;
  return true;
}

bool parse_path(Context& ctx, const Value& v, const std::string& path, const std::string& s, DefaultsRef& out) {
  auto fail = [&](const std::string& m) {
    ctx.decode_error(v.loc, path, m);
    return false;
  };
  if (s.find('\\') != std::string::npos)
    return fail("rejecting '\\' in \"" + s + "\", please use '/' to separate path components");
  if (s.find(':') != std::string::npos) return fail("rejecting ':' in \"" + s + "\"");
  auto parts = split_directories(s);
  for (const auto& p : parts) {
    if (p == "/") return fail("rejecting absolute path \"" + s + "\"");
    if (p == "..") return fail("rejecting \"..\" in \"" + s + "\"");
  }
  out.path = parts;
  return true;
}

bool read_one_default(Context& ctx, const Value& v, const std::string& path, DefaultsRef& out) {
  out.loc = v.loc;
  out.path = {".hpack", "defaults.yaml"};
  if (v.is(Kind::String)) {
    auto at = v.text.find('@');
    if (at == std::string::npos) {
      ctx.decode_error(v.loc, path, "missing Git reference for \"" + v.text + "\", the expected format is owner/repo@ref");
      return false;
    }
    return parse_github(ctx, v, path, v.text.substr(0, at), out) && parse_ref(ctx, v, path, v.text.substr(at + 1), out);
  }
  if (!v.is(Kind::Object)) {
    ctx.type_mismatch(v, path, "Object or String");
    return false;
  }
  ObjectReader r(ctx, v, path);
  bool ok = true;
  if (r.has("local")) {
    out.local = true;
    Str s;
    ok = read_string(ctx, r.get("local")->value, r.path_of("local"), s);
    out.local_path = s.s;
  } else if (r.has("github")) {
    Str s;
    const Member* gh = r.get("github");
    ok = read_string(ctx, gh->value, r.path_of("github"), s) && parse_github(ctx, gh->value, r.path_of("github"), s.s, out);
    const Member* ref = r.get("ref");
    if (!ref) {
      ctx.decode_error(v.loc, path, "key \"ref\" not present");
      ok = false;
    } else {
      ok = read_string(ctx, ref->value, r.path_of("ref"), s) && parse_ref(ctx, ref->value, r.path_of("ref"), s.s, out) && ok;
    }
    if (const Member* p = r.get("path"))
      ok = read_string(ctx, p->value, r.path_of("path"), s) && parse_path(ctx, p->value, r.path_of("path"), s.s, out) && ok;
  } else {
    ctx.decode_error(v.loc, path, "neither key \"github\" nor key \"local\" present");
    return false;
  }
  r.finish();
  return ok;
}

std::string cache_dir(const Context& ctx) {
  if (!ctx.options.defaults_cache_dir.empty()) return ctx.options.defaults_cache_dir;
  const char* home = std::getenv("HOME");
  return (fs::path(home ? home : "") / ".hpack" / "defaults").string();
}

bool expand(Context& ctx, const std::string& dir, SectionKind kind, const std::vector<DefaultsRef>& refs,
            Section& section, std::vector<std::string> seen);

// One defaults file: its section fields (for `kind`), its own defaults first.
bool read_defaults_file(Context& ctx, const DefaultsRef& ref, const std::string& dir, SectionKind kind,
                        const std::vector<std::string>& seen, Section& out) {
  fs::path file;
  if (ref.local) {
    file = fs::path(dir) / ref.local_path;
  } else {
    file = fs::path(cache_dir(ctx)) / ref.owner / ref.repo / ref.ref;
    for (const auto& p : ref.path) file /= p;
  }
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) {
    if (ref.local) {
      ctx.error(ref.loc, "Invalid value for \"defaults\"! File " + file.string() + " does not exist!");
    } else {
      std::string path;
      for (const auto& p : ref.path) path += (path.empty() ? "" : "/") + p;
      ctx.error(ref.loc, "the github defaults " + ref.owner + "/" + ref.repo + "@" + ref.ref + " (" + path +
                             ") are not in hpack's defaults cache: " + file.string() +
                             " does not exist; mhu does not download defaults, run hpack once to fetch them");
    }
    return false;
  }
  fs::path canon = fs::weakly_canonical(file, ec);
  std::string key = (ec ? file : canon).string();
  std::vector<std::string> seen2 = seen;
  seen2.push_back(key);
  for (size_t i = 0; i + 1 < seen2.size(); ++i) {
    if (seen2[i] != key) continue;
    std::string chain;
    for (const auto& s : seen2) chain += (chain.empty() ? "" : " -> ") + s;
    ctx.error(ref.loc, "cycle in defaults (" + chain + ")");
    return false;
  }
  std::string text, err;
  if (!ctx.read_file(file.string(), text, err)) {
    ctx.error(ref.loc, "cannot read defaults file " + file.string() + ": " + err);
    return false;
  }
  int index = ctx.add_file(file.string());
  Value root;
  if (!load_yaml(ctx, text, index, file.parent_path().string(), root)) return false;
  if (!root.is(Kind::Object)) {
    ctx.type_mismatch(root, "$", "Object");
    return false;
  }
  ObjectReader r(ctx, root, "$");
  if (!read_spec_version(ctx, r)) return false;
  std::vector<DefaultsRef> nested;
  read_section_fields(ctx, r, kind, out, &nested);
  r.finish();
  if (ctx.failed) return false;
  return expand(ctx, file.parent_path().string(), kind, nested, out, seen2);
}

bool expand(Context& ctx, const std::string& dir, SectionKind kind, const std::vector<DefaultsRef>& refs,
            Section& section, std::vector<std::string> seen) {
  if (refs.empty()) return true;
  Section merged;
  merged.kind = kind;
  for (const auto& ref : refs) {
    Section d;
    d.kind = kind;
    if (!read_defaults_file(ctx, ref, dir, kind, seen, d)) return false;
    append_section(merged, d);
  }
  Loc loc = section.loc;
  append_section(merged, section);
  merged.loc = loc;
  section = std::move(merged);
  return true;
}

}  // namespace

bool read_defaults_list(Context& ctx, const Value& v, const std::string& path, std::vector<DefaultsRef>& out) {
  if (!v.is(Kind::Array)) {
    DefaultsRef r;
    if (!read_one_default(ctx, v, path, r)) return false;
    out.push_back(std::move(r));
    return true;
  }
  bool ok = true;
  for (size_t i = 0; i < v.items.size(); ++i) {
    DefaultsRef r;
    if (read_one_default(ctx, v.items[i], path + "[" + std::to_string(i) + "]", r)) out.push_back(std::move(r));
    else ok = false;
  }
  return ok;
}

bool expand_defaults(Context& ctx, const std::string& dir, SectionKind kind, const std::vector<DefaultsRef>& defaults,
                     Section& section) {
  return expand(ctx, dir, kind, defaults, section, {});
}

}  // namespace mhu::stack::hpack
