// The file system part of hpack: glob expansion (Hpack.Util.expandGlobs with
// the Glob library's `*`, `?` and `**/`), modules found under source
// directories (Hpack.Module.getModules), `main` (Hpack.Util.parseMain) and
// module inference (Hpack.Config.inferModules, determineModules).
#include <algorithm>
#include <cctype>
#include <filesystem>

#include "cabal/value_cursor.h"
#include "stack/package_yaml_internal.h"

namespace mhu::stack::hpack {

namespace fs = std::filesystem;

bool hpack_less(const std::string& a, const std::string& b) {
  auto lower = [](const std::string& s) {
    std::string out = s;
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
  };
  std::string la = lower(a), lb = lower(b);
  if (la != lb) return la < lb;
  return a < b;
}

namespace {

void hpack_sort(std::vector<std::string>& xs) { std::stable_sort(xs.begin(), xs.end(), hpack_less); }

// hpack's nub: the first of each, in order.
template <class T, class Key>
void nub_by(std::vector<T>& xs, Key key) {
  std::vector<T> out;
  std::vector<std::string> seen;
  for (auto& x : xs) {
    const std::string& k = key(x);
    if (std::find(seen.begin(), seen.end(), k) != seen.end()) continue;
    seen.push_back(k);
    out.push_back(std::move(x));
  }
  xs = std::move(out);
}

// Haskell's (\\): each element of ys removes the first equal element of xs.
std::vector<std::string> list_diff(std::vector<std::string> xs, const std::vector<std::string>& ys) {
  for (const auto& y : ys) {
    auto it = std::find(xs.begin(), xs.end(), y);
    if (it != xs.end()) xs.erase(it);
  }
  return xs;
}

// ---- globs ----------------------------------------------------------------------

bool has_wildcard(std::string_view s) { return s.find_first_of("*?") != std::string_view::npos; }

// One path component against one pattern component (`*` and `?` never match
// a leading '.', as the Glob library's default matchDotsImplicitly = False).
bool match_component(std::string_view pat, std::string_view name) {
  if (!name.empty() && name[0] == '.' && (pat.empty() || pat[0] != '.')) return false;
  size_t p = 0, n = 0, star_p = std::string_view::npos, star_n = 0;
  while (n < name.size()) {
    if (p < pat.size() && (pat[p] == '?' || pat[p] == name[n])) {
      ++p, ++n;
    } else if (p < pat.size() && pat[p] == '*') {
      star_p = p++;
      star_n = n;
    } else if (star_p != std::string_view::npos) {
      p = star_p + 1;
      n = ++star_n;
    } else {
      return false;
    }
  }
  while (p < pat.size() && pat[p] == '*') ++p;
  return p == pat.size();
}

std::vector<std::string> split_on(const std::string& s, char c) {
  std::vector<std::string> out;
  size_t i = 0;
  while (true) {
    size_t j = s.find(c, i);
    if (j == std::string::npos) {
      out.push_back(s.substr(i));
      return out;
    }
    out.push_back(s.substr(i, j - i));
    i = j + 1;
  }
}

// Directory levels followed at most (a symbolic link may make a cycle).
constexpr size_t kMaxDepth = 64;

// A directory reached through symbolic links may be one the walk is already
// inside (src/Loop -> ..): entering it again would never end, or end only at
// the depth limit after exponentially many paths when there are several such
// links. `on_path` holds the canonical directories of the walk's current path;
// a directory already on it is not entered (hpack would loop).
bool enters_loop(const fs::path& dir, std::vector<fs::path>& on_path, fs::path& canon) {
  std::error_code ec;
  canon = fs::canonical(dir, ec);
  return ec || std::find(on_path.begin(), on_path.end(), canon) != on_path.end();
}

void glob_walk(const fs::path& base, const std::string& rel, const std::vector<std::string>& comps, size_t i,
               std::vector<std::string>& out, size_t depth, std::vector<fs::path>& on_path) {
  if (depth > kMaxDepth) return;
  std::error_code ec;
  fs::path here = rel.empty() ? base : base / rel;
  auto join = [&](const std::string& name) { return rel.empty() ? name : rel + "/" + name; };
  if (i == comps.size()) {
    out.push_back(rel);
    return;
  }
  const std::string& c = comps[i];
  bool last = i + 1 == comps.size();
  if (c == "**" && !last) {
    glob_walk(base, rel, comps, i + 1, out, depth, on_path);  // no directory
    std::vector<std::string> dirs;
    for (fs::directory_iterator it(here, ec), end; !ec && it != end; it.increment(ec)) {
      const fs::directory_entry& e = *it;
      std::string name = e.path().filename().string();
      std::error_code ec2;
      if (name.empty() || name[0] == '.') continue;
      if (fs::is_directory(e.path(), ec2)) dirs.push_back(name);
    }
    std::sort(dirs.begin(), dirs.end());
    if (on_path.empty()) on_path.push_back(fs::canonical(here, ec));
    for (const auto& d : dirs) {
      fs::path canon;
      if (enters_loop(here / d, on_path, canon)) continue;
      on_path.push_back(canon);
      glob_walk(base, join(d), comps, i, out, depth + 1, on_path);
      on_path.pop_back();
    }
    return;
  }
  if (c.empty()) {  // "a//b", "dir/"
    if (last) {
      if (!rel.empty()) out.push_back(rel + "/");
      return;
    }
    glob_walk(base, rel, comps, i + 1, out, depth, on_path);
    return;
  }
  if (!has_wildcard(c)) {
    fs::path p = here / c;
    if (!fs::exists(p, ec)) return;
    if (!last && !fs::is_directory(p, ec)) return;
    glob_walk(base, join(c), comps, i + 1, out, depth + 1, on_path);
    return;
  }
  std::vector<std::string> names;
  for (fs::directory_iterator it(here, ec), end; !ec && it != end; it.increment(ec)) {
    const fs::directory_entry& e = *it;
    std::string name = e.path().filename().string();
    if (!match_component(c, name)) continue;
    std::error_code ec2;
    if (!last && !fs::is_directory(e.path(), ec2)) continue;
    names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  for (const auto& n : names) glob_walk(base, join(n), comps, i + 1, out, depth + 1, on_path);
}

// ---- module names ----------------------------------------------------------------

// Haskell's isUpper / isAlphaNum on the first code point / all of a UTF-8 text.
bool is_module_name_component(std::string_view s) {
  if (s.empty()) return false;
  cabal::ValueDiags vd;
  cabal::ValueCursor cur(s, cabal::kLatestCabalSpec, vd);
  char32_t first = cur.next();
  if (!cabal::is_hs_upper(first)) return false;
  while (!cur.at_end()) {
    char32_t c = cur.next();
    if (!cabal::is_hs_alnum(c) && c != '_' && c != '\'') return false;
  }
  return true;
}

bool is_identifier(std::string_view s) {
  static const char* const reserved[] = {"case", "class", "data", "default", "deriving", "do", "else", "foreign",
                                         "if", "import", "in", "infix", "infixl", "infixr", "instance", "let",
                                         "module", "newtype", "of", "then", "type", "where", "_"};
  if (s.empty()) return false;
  cabal::ValueDiags vd;
  cabal::ValueCursor cur(s, cabal::kLatestCabalSpec, vd);
  if (!cabal::is_hs_lower(cur.next())) return false;
  while (!cur.at_end()) {
    char32_t c = cur.next();
    if (!cabal::is_hs_alnum(c) && c != '_' && c != '\'') return false;
  }
  for (const char* r : reserved)
    if (s == r) return false;
  return true;
}

bool is_module(const std::vector<std::string>& parts) {
  return !parts.empty() && std::all_of(parts.begin(), parts.end(), [](const std::string& p) {
           return is_module_name_component(p);
         });
}


std::string join(const std::vector<std::string>& xs, const std::string& sep) {
  std::string out;
  for (size_t i = 0; i < xs.size(); ++i) out += (i ? sep : "") + xs[i];
  return out;
}

// System.FilePath's splitExtension on a file name: the last '.' (not at the start).
std::pair<std::string, std::string> split_extension(const std::string& name) {
  auto dot = name.rfind('.');
  if (dot == std::string::npos) return {name, ""};
  return {name.substr(0, dot), name.substr(dot)};
}

bool is_source_file(const std::string& name) {
  auto [base, ext] = split_extension(name);
  static const char* const exts[] = {".hs", ".lhs", ".chs", ".hsc", ".y", ".ly", ".x"};
  return std::any_of(std::begin(exts), std::end(exts), [&ext = ext](const char* e) { return ext == e; }) &&
         is_module_name_component(base);
}

// on_path: the canonical directories from base to this one (see enters_loop).
void module_files(const fs::path& base, const std::vector<std::string>& rel, std::vector<std::string>& out,
                  std::vector<fs::path>& on_path) {
  if (rel.size() > kMaxDepth) return;
  fs::path dir = base;
  for (const auto& r : rel) dir /= r;
  std::error_code ec;
  std::vector<std::string> subdirs;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const fs::directory_entry& e = *it;
    std::string name = e.path().filename().string();
    std::error_code ec2;
    if (is_source_file(name) && fs::is_regular_file(e.path(), ec2)) {
      std::vector<std::string> parts = rel;
      parts.push_back(split_extension(name).first);
      out.push_back(join(parts, "."));
    } else if (is_module_name_component(name) && fs::is_directory(e.path(), ec2)) {
      subdirs.push_back(name);
    }
  }
  for (const auto& d : subdirs) {
    fs::path canon = on_path.back() / d;
    std::error_code ec2;
    if (fs::is_symlink(dir / d, ec2) && enters_loop(dir / d, on_path, canon)) continue;
    std::vector<std::string> parts = rel;
    parts.push_back(d);
    on_path.push_back(canon);
    module_files(base, parts, out, on_path);
    on_path.pop_back();
  }
}

// Hpack.Module.toModule on a file path: components joined by '.', the
// file's extension dropped.
std::string path_to_module(const std::string& path) {
  std::vector<std::string> parts;
  for (auto& p : split_on(path, '/'))
    if (!p.empty()) parts.push_back(p);
  if (path.size() > 0 && path[0] == '/') parts.insert(parts.begin(), "/");
  if (parts.empty()) return "";
  auto [base, ext] = split_extension(parts.back());
  parts.back() = base;
  return join(parts, ".");
}

// hpack's parseMain.
std::pair<std::string, std::string> parse_main(const std::string& main) {
  std::vector<std::string> name = split_on(main, '.');
  const std::string& x = name.back();
  std::vector<std::string> init(name.begin(), name.end() - 1);
  if (name.size() >= 2 && is_identifier(x) && is_module(init) && x != "hs" && x != "lhs")
    return {join(init, "/") + ".hs", "-main-is " + main};
  if (is_module(name)) return {join(name, "/") + ".hs", "-main-is " + main};
  return {main, ""};
}

std::vector<std::string> names(const Strs& xs) {
  std::vector<std::string> out;
  for (const auto& x : xs) out.push_back(x.s);
  return out;
}

void append_names(std::vector<std::string>& a, const std::optional<Strs>& b) {
  if (b)
    for (const auto& x : *b) a.push_back(x.s);
}

// The modules a section and its conditionals mention (getMentioned*Modules,
// folded over the whole section).
void mentioned_library(const Section& s, std::vector<std::string>& out) {
  append_names(out, s.lib.exposed_modules);
  append_names(out, s.lib.generated_exposed_modules);
  append_names(out, s.lib.other_modules);
  append_names(out, s.lib.generated_other_modules);
  for (const auto& c : s.when)
    for (const auto& b : c.branches) mentioned_library(b, out);
}
void mentioned_executable(const Section& s, std::vector<std::string>& out) {
  if (s.exe.main) out.push_back(path_to_module(s.exe.main->s));
  append_names(out, s.exe.other_modules);
  append_names(out, s.exe.generated_other_modules);
  for (const auto& c : s.when)
    for (const auto& b : c.branches) mentioned_executable(b, out);
}

Strs as_strs(const std::vector<std::string>& xs, Loc loc) {
  Strs out;
  for (const auto& x : xs) out.push_back(Str{x, loc});
  return out;
}

// A module list as hpack would render it: given ones keep their place in
// package.yaml, inferred ones point at the section.
Strs concat(std::initializer_list<const Strs*> parts) {
  Strs out;
  for (const Strs* p : parts) out.insert(out.end(), p->begin(), p->end());
  return out;
}
const Strs& or_empty(const std::optional<Strs>& x) {
  static const Strs empty;
  return x ? *x : empty;
}

Loc modules_loc(const Section& s) { return s.loc; }

std::vector<std::string> list_modules(const Context& ctx, const Section& s) {
  std::vector<std::string> out;
  for (const auto& d : s.source_dirs) {
    auto ms = modules_in(ctx.package_dir, d.s);
    out.insert(out.end(), ms.begin(), ms.end());
  }
  return out;
}

Strs diff_strs(const Strs& xs, const std::vector<std::string>& ys) {
  Strs out = xs;
  for (const auto& y : ys) {
    auto it = std::find_if(out.begin(), out.end(), [&](const Str& s) { return s.s == y; });
    if (it != out.end()) out.erase(it);
  }
  return out;
}

void remove_always_false(Section& s) {
  s.when.erase(std::remove_if(s.when.begin(), s.when.end(),
                              [](const Conditional& c) { return c.condition.is_bool && !c.condition.value; }),
               s.when.end());
}

void infer_library(Context& ctx, Section& s, bool top, const std::vector<std::string>& paths_module,
                   const std::vector<std::string>& outer) {
  std::vector<std::string> modules = list_modules(ctx, s);
  std::vector<std::string> mentioned;
  mentioned_library(s, mentioned);
  Strs inferable = as_strs(list_diff(list_diff(modules, outer), mentioned), modules_loc(s));
  Strs paths = as_strs(list_diff(list_diff(paths_module, outer), mentioned), modules_loc(s));
  const LibraryData& l = s.lib;
  if (top) {
    // determineModules
    s.generated_modules = concat({&or_empty(l.generated_exposed_modules), &or_empty(l.generated_other_modules)});
    s.exposed_modules = concat({l.exposed_modules ? &*l.exposed_modules : &inferable, &or_empty(l.generated_exposed_modules)});
    if (l.other_modules) {
      s.other_modules = *l.other_modules;
    } else {
      s.other_modules = diff_strs(inferable, names(s.exposed_modules));
      s.other_modules.insert(s.other_modules.end(), paths.begin(), paths.end());
    }
    s.other_modules.insert(s.other_modules.end(), or_empty(l.generated_other_modules).begin(),
                           or_empty(l.generated_other_modules).end());
  } else {
    // fromLibrarySectionInConditional
    s.exposed_modules = concat({&or_empty(l.exposed_modules), &or_empty(l.generated_exposed_modules)});
    s.other_modules = concat({&or_empty(l.other_modules), &or_empty(l.generated_other_modules)});
    s.generated_modules = concat({&or_empty(l.generated_other_modules), &or_empty(l.generated_exposed_modules)});
    if (!l.exposed_modules && !l.other_modules) s.other_modules.insert(s.other_modules.begin(), inferable.begin(), inferable.end());
  }
  std::vector<std::string> acc = outer;
  for (const auto& m : s.exposed_modules) acc.push_back(m.s);
  for (const auto& m : s.other_modules) acc.push_back(m.s);
  for (auto& c : s.when)
    for (auto& b : c.branches) infer_library(ctx, b, false, {}, acc);
}

void infer_executable(Context& ctx, Section& s, const std::vector<std::string>& paths_module,
                      const std::vector<std::string>& outer) {
  std::vector<std::string> modules = list_modules(ctx, s);
  std::vector<std::string> mentioned;
  mentioned_executable(s, mentioned);
  Strs inferable = as_strs(list_diff(list_diff(modules, outer), mentioned), modules_loc(s));
  Strs paths = as_strs(list_diff(list_diff(paths_module, outer), mentioned), modules_loc(s));
  const ExecutableData& e = s.exe;
  if (e.other_modules) {
    s.other_modules = *e.other_modules;
  } else {
    s.other_modules = inferable;
    s.other_modules.insert(s.other_modules.end(), paths.begin(), paths.end());
  }
  s.generated_modules = or_empty(e.generated_other_modules);
  s.other_modules.insert(s.other_modules.end(), s.generated_modules.begin(), s.generated_modules.end());
  std::vector<std::string> acc = outer;
  for (const auto& m : s.other_modules) acc.push_back(m.s);
  for (auto& c : s.when)
    for (auto& b : c.branches) infer_executable(ctx, b, {}, acc);
}

}  // namespace

Strs expand_globs(Context& ctx, const std::string& field, const std::string& dir, const Strs& patterns) {
  Strs out;
  std::vector<std::string> seen;
  for (const auto& pat : patterns) {
    // Like the Glob library, "." and ".." stay in the names found.
    const std::string& p = pat.s;
    std::vector<std::string> found;
    std::vector<fs::path> on_path;
    if (!p.empty() && p[0] != '/') glob_walk(fs::path(dir), "", split_on(p, '/'), 0, found, 0, on_path);
    std::vector<std::string> files;
    std::error_code ec;
    for (const auto& f : found)
      if (fs::is_regular_file(fs::path(dir) / f, ec)) files.push_back(f);
    hpack_sort(files);
    if (files.empty()) {
      bool literal = !has_wildcard(pat.s);
      ctx.warning(pat.loc, std::string(literal ? "Specified file \"" : "Specified pattern \"") + pat.s + "\" for " + field +
                               (literal ? " does not exist" : " does not match any files"));
      if (literal) files.push_back(pat.s);
    }
    for (const auto& f : files) {
      if (std::find(seen.begin(), seen.end(), f) != seen.end()) continue;
      seen.push_back(f);
      out.push_back(Str{f, pat.loc});
    }
  }
  return out;
}

void expand_foreign_sources(Context& ctx, Section& s) {
  s.asm_sources = expand_globs(ctx, "asm-sources", ctx.package_dir, s.asm_sources);
  s.c_sources = expand_globs(ctx, "c-sources", ctx.package_dir, s.c_sources);
  s.cxx_sources = expand_globs(ctx, "cxx-sources", ctx.package_dir, s.cxx_sources);
  s.js_sources = expand_globs(ctx, "js-sources", ctx.package_dir, s.js_sources);
  for (auto& c : s.when)
    for (auto& b : c.branches) expand_foreign_sources(ctx, b);
}

std::vector<std::string> modules_in(const std::string& package_dir, const std::string& source_dir) {
  std::error_code ec;
  fs::path src = fs::path(package_dir) / source_dir;
  if (!fs::is_directory(src, ec)) return {};
  fs::path canon = fs::canonical(src, ec);
  if (ec) return {};
  std::vector<std::string> out;
  std::vector<fs::path> on_path{canon};
  module_files(canon, {}, out, on_path);
  nub_by(out, [](const std::string& s) -> const std::string& { return s; });
  if (canon == fs::path(package_dir)) out.erase(std::remove(out.begin(), out.end(), "Setup"), out.end());
  hpack_sort(out);
  return out;
}

void expand_main(Section& s) {
  if (s.exe.main) {
    auto [file, option] = parse_main(s.exe.main->s);
    Loc loc = s.exe.main->loc;
    s.exe.main = Str{file, loc};
    if (!option.empty()) s.ghc_options.push_back(Str{option, loc});
  }
  for (auto& c : s.when)
    for (auto& b : c.branches) expand_main(b);
}

void infer_library_modules(Context& ctx, Section& s, const std::string& paths_module) {
  std::vector<std::string> paths;
  if (!paths_module.empty()) paths.push_back(paths_module);
  infer_library(ctx, s, true, paths, {});
  remove_always_false(s);
}

void infer_executable_modules(Context& ctx, Section& s, const std::string& paths_module) {
  std::vector<std::string> paths;
  if (!paths_module.empty()) paths.push_back(paths_module);
  infer_executable(ctx, s, paths, {});
  remove_always_false(s);
}

}  // namespace mhu::stack::hpack
