#include "planner/package_db.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <set>
#include <tuple>

#include "cabal/fields.h"
#include "planner/cache_file.h"
#include "planner/process.h"

namespace mhu::planner {

namespace fs = std::filesystem;

// ---------------------------------------------------------------------------
// `ghc-pkg dump`

namespace {

bool is_sep(char c) { return c == ' ' || c == '\t' || c == ',' || c == '\r' || c == '\n'; }

// Whitespace- and comma-separated words, in order.
template <class F>
void each_word(std::string_view s, F&& f) {
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && is_sep(s[i])) ++i;
    size_t start = i;
    while (i < s.size() && !is_sep(s[i])) ++i;
    if (i > start) f(s.substr(start, i - start));
  }
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_sep(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_sep(s.back())) s.remove_suffix(1);
  return s;
}

std::string first_word(const cabal::Field& f) {
  for (const auto& l : f.lines)
    if (auto t = trim(l.text); !t.empty()) return std::string(t);
  return "";
}

bool is_true(const cabal::Field& f) {
  std::string v = first_word(f);
  return !(v == "False" || v == "false" || v == "FALSE");
}

// `exposed-modules`: `A, B from unit:Orig, C` -- the module names only.
void module_names(const cabal::Field& f, std::vector<std::string>& out) {
  bool skip = false;
  for (const auto& l : f.lines) {
    each_word(l.text, [&](std::string_view w) {
      if (skip)
        skip = false;
      else if (w == "from")
        skip = true;
      else
        out.emplace_back(w);
    });
  }
}

void words(const cabal::Field& f, std::vector<std::string>& out) {
  for (const auto& l : f.lines) each_word(l.text, [&](std::string_view w) { out.emplace_back(w); });
}

void shift_errors(const cabal::Diagnostics& from, int line_offset, cabal::Diagnostics& to) {
  for (const auto& d : from.items)
    if (d.severity == cabal::Severity::Error)
      to.error({d.pos.line + line_offset, d.pos.col}, "ghc-pkg dump: " + d.message);
}

// A quoted name or version (Cabal's MQuoted): "base" or base.
std::string unquoted(const cabal::Field& f) {
  std::string v = first_word(f);
  if (v.size() >= 2 && v.front() == '"' && v.back() == '"') return v.substr(1, v.size() - 2);
  return v;
}

// Cabal's decodeCompatPackageName: `z-PKG-z-LIB` (with `z`-runs in the parts
// escaped by one more `z`) is library LIB of package PKG.
void decode_munged(const std::string& munged, std::string& pkg, std::string& lib) {
  pkg = munged;
  lib.clear();
  if (munged.compare(0, 2, "z-") != 0) return;
  std::vector<std::string> parts{""};
  size_t i = 2;
  while (true) {
    size_t dash = munged.find('-', i);
    std::string seg = munged.substr(i, dash == std::string::npos ? std::string::npos : dash - i);
    if (seg.empty()) return;  // not of that form: an ordinary name
    if (seg == "z") {
      parts.emplace_back();
    } else {
      if (seg.find_first_not_of('z') == std::string::npos) seg.pop_back();
      if (!parts.back().empty()) parts.back() += '-';
      parts.back() += seg;
    }
    if (dash == std::string::npos) break;
    i = dash + 1;
  }
  if (parts.size() != 2 || parts[0].empty() || parts[1].empty()) return;
  pkg = parts[0];
  lib = parts[1];
}

// The fields whose meaning depends on others (Cabal's basicFieldGrammar).
struct Basic {
  std::string name, package_name, lib_name, visibility;
};

bool set_field(const cabal::Field& f, InstalledPackage& p, Basic& b) {
  const std::string& n = f.name;
  if (n == "id")
    p.id = first_word(f);
  else if (n == "name")
    b.name = unquoted(f);
  else if (n == "package-name")
    b.package_name = first_word(f);
  else if (n == "lib-name")
    b.lib_name = first_word(f);
  else if (n == "version")
    return cabal::parse_version(unquoted(f), p.version);
  else if (n == "exposed")
    p.exposed = is_true(f);
  else if (n == "exposed-modules")
    module_names(f, p.exposed_modules);
  else if (n == "hidden-modules")
    words(f, p.hidden_modules);
  else if (n == "depends")
    words(f, p.depends);
  else if (n == "visibility")
    b.visibility = first_word(f);
  return true;
}

// Name and library as Cabal combines `name:` (possibly munged), `package-name:`
// and `lib-name:`; a main library is public whatever `visibility:` says, any
// other library private unless it says `public`.
void resolve_basic(const Basic& b, InstalledPackage& p) {
  std::string munged_lib;
  decode_munged(b.name, p.name, munged_lib);
  if (!b.package_name.empty()) p.name = b.package_name;
  p.lib_name = !munged_lib.empty() ? munged_lib : b.lib_name;
  p.visibility_public = p.lib_name.empty() || b.visibility == "public";
}

bool parse_entry(std::string_view entry, int line_offset, InstalledPackage& p,
                 cabal::Diagnostics& diags) {
  std::vector<cabal::Field> fields;
  cabal::Diagnostics local;
  if (!cabal::read_fields(entry, fields, local)) {
    shift_errors(local, line_offset, diags);
    return false;
  }
  Basic basic;
  p.exposed = false;  // Cabal's default when `exposed:` is absent
  for (const auto& f : fields) {
    if (f.is_section || set_field(f, p, basic)) continue;
    diags.error({f.pos.line + line_offset, f.pos.col},
                "ghc-pkg dump: invalid " + f.name + ": " + first_word(f));
    return false;
  }
  resolve_basic(basic, p);
  if (p.id.empty()) {
    diags.error({line_offset + 1, 1}, "ghc-pkg dump: a package without an id");
    return false;
  }
  return true;
}

bool blank(std::string_view s) { return trim(s).empty(); }

}  // namespace

bool parse_ghc_pkg_dump(std::string_view text, std::vector<InstalledPackage>& out,
                        cabal::Diagnostics& diags) {
  size_t start = 0, pos = 0;
  int line = 0, start_line = 0;
  auto flush = [&](size_t end) {
    std::string_view entry = text.substr(start, end - start);
    if (blank(entry)) return true;
    InstalledPackage p;
    if (!parse_entry(entry, start_line, p, diags)) return false;
    out.push_back(std::move(p));
    return true;
  };
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    size_t next = eol == std::string_view::npos ? text.size() : eol + 1;
    ++line;
    if (text.compare(pos, 3, "---") == 0) {
      if (!flush(pos)) return false;
      start = next;
      start_line = line;
    }
    pos = next;
  }
  return flush(text.size());
}

// ---------------------------------------------------------------------------
// The cache: one line per package, fields separated by tabs, lists by spaces.

namespace {

constexpr std::string_view kDbMagic = "mhu-pkgdb 1";

void put_list(std::string& out, const std::vector<std::string>& xs) {
  for (size_t i = 0; i < xs.size(); ++i) {
    if (i) out += ' ';
    out += xs[i];
  }
}

std::string encode_cache(const std::string& key, const std::vector<InstalledPackage>& pkgs) {
  std::string out = std::string(kDbMagic) + "\n" + key + "\n";
  for (const auto& p : pkgs) {
    out += p.id + '\t' + p.name + '\t' + p.lib_name + '\t' + cabal::to_string(p.version) + '\t';
    out += p.exposed ? "1\t" : "0\t";
    out += p.visibility_public ? "1\t" : "0\t";
    put_list(out, p.exposed_modules);
    out += '\t';
    put_list(out, p.hidden_modules);
    out += '\t';
    put_list(out, p.depends);
    out += '\n';
  }
  return out + "end\n";
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> r;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == sep) {
      r.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return r;
}

void get_list(std::string_view s, std::vector<std::string>& out) {
  each_word(s, [&](std::string_view w) { out.emplace_back(w); });
}

bool decode_record(std::string_view line, InstalledPackage& p) {
  auto f = split(line, '\t');
  if (f.size() != 9 || f[0].empty() || !cabal::parse_version(f[3], p.version)) return false;
  p.id = f[0];
  p.name = f[1];
  p.lib_name = f[2];
  p.exposed = f[4] == "1";
  p.visibility_public = f[5] == "1";
  get_list(f[6], p.exposed_modules);
  get_list(f[7], p.hidden_modules);
  get_list(f[8], p.depends);
  return true;
}

bool decode_cache(std::string_view text, const std::string& key,
                  std::vector<InstalledPackage>& out) {
  std::string head = std::string(kDbMagic) + "\n" + key + "\n";
  if (text.substr(0, head.size()) != head) return false;
  text.remove_prefix(head.size());
  std::vector<InstalledPackage> pkgs;
  while (!text.empty()) {
    size_t eol = text.find('\n');
    if (eol == std::string_view::npos) return false;
    std::string_view line = text.substr(0, eol);
    text.remove_prefix(eol + 1);
    if (line == "end") {
      if (!text.empty()) return false;
      out = std::move(pkgs);
      return true;
    }
    InstalledPackage p;
    if (!decode_record(line, p)) return false;
    pkgs.push_back(std::move(p));
  }
  return false;
}

// ---------------------------------------------------------------------------
// Reading one database.

bool dump_db(const CompilerInfo& compiler, const std::string& db, bool global,
             std::vector<InstalledPackage>& out, std::string& error) {
  if (compiler.ghc_pkg.empty()) {
    std::string tried;
    for (const auto& c : ghc_pkg_candidates(compiler.ghc_path.empty() ? compiler.ghc : compiler.ghc_path))
      tried += (tried.empty() ? "" : ", ") + c;
    error = "no ghc-pkg found for " + (compiler.ghc_path.empty() ? compiler.ghc : compiler.ghc_path) +
            " (needed to read " + db + "); looked for " + tried;
    return false;
  }
  std::vector<std::string> argv{compiler.ghc_pkg, "dump", "--no-user-package-db",
                                global ? "--global" : "--package-db=" + db};
  ProcessResult r;
  if (!run_process(argv, r, error)) return false;
  if (r.exit_code != 0) {
    std::string err = r.err;
    while (!err.empty() && std::isspace(static_cast<unsigned char>(err.back()))) err.pop_back();
    error = "`" + compiler.ghc_pkg + " dump` of " + db + " failed (exit code " +
            std::to_string(r.exit_code) + ")" + (err.empty() ? "" : ": " + err);
    return false;
  }
  cabal::Diagnostics diags;
  if (!parse_ghc_pkg_dump(r.out, out, diags)) {
    const auto* d = diags.first_error();
    error = "cannot read `" + compiler.ghc_pkg + " dump` of " + db + ": line " +
            std::to_string(d ? d->pos.line : 0) + ": " + (d ? d->message : "error");
    return false;
  }
  return true;
}

// Where the database is seen from here, "" when it cannot be seen. A compiler
// in a chroot or container ($MHU_COMPILER_ROOT) has its global database under
// that root; the other databases (the store, stack's, --package-db) are the
// host's, which the compiler sees at the same paths.
std::string seen_db(const CompilerInfo& compiler, const std::string& db, bool global) {
  std::string inside = compiler.sysroot.empty() ? "" : compiler.seen_path(db);
  if (global && !inside.empty() && !file_stamp(inside).empty()) return inside;
  if (!file_stamp(db).empty()) return db;
  return !inside.empty() && !file_stamp(inside).empty() ? inside : "";
}

// "" when the database cannot be seen from here (then it is not cached).
std::string db_key(const std::string& db, const std::string& seen) {
  if (seen.empty()) return "";
  std::string dir = file_stamp(seen);
  if (dir.empty()) return "";
  std::string cache = file_stamp((fs::path(seen) / "package.cache").string());
  return db + "\t" + (cache.empty() ? "-" : cache) + "\t" + dir;
}

// The largest package.cache that cannot hold a package: GHC 9.10's empty
// one is 40 bytes (header and two empty lists); one entry alone takes more
// than 100 (its id, name, version, ... each with an 8-byte length).
constexpr std::uintmax_t kEmptyPackageCacheMax = 64;

// A database directory read as `ghc-pkg dump` reads it, without starting
// ghc-pkg (one tool call less, 25-70 ms, when the compiler runs in a chroot):
// ghc-pkg lists the entries of package.cache, which it builds from the
// `*.conf` files of the directory, each one entry in the syntax of the dump
// (ghc-pkg writes both with showInstalledPackageInfo; the path fields where
// they differ, ${pkgroot}, are not read). The files are taken in name order,
// while the dump has the cache's order; the order only matters where one
// database registers a library with the same name and version twice
// (find_library takes the later one), so such a database is left to ghc-pkg,
// as is one whose package.cache has entries but no `*.conf` is there, and
// any file that does not read as exactly one entry. False: run ghc-pkg.
bool read_conf_files(const std::string& dir, std::vector<InstalledPackage>& out) {
  std::error_code ec;
  std::vector<std::string> confs;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name.size() > 5 && name.compare(name.size() - 5, 5, ".conf") == 0) confs.push_back(it->path().string());
  }
  if (ec) return false;
  if (confs.empty()) {
    auto size = fs::file_size(fs::path(dir) / "package.cache", ec);
    return ec ? !fs::exists(fs::path(dir) / "package.cache") : size <= kEmptyPackageCacheMax;
  }
  std::sort(confs.begin(), confs.end());
  std::vector<InstalledPackage> pkgs;
  pkgs.reserve(confs.size());
  std::set<std::tuple<std::string, std::string, std::string>> libraries;
  for (const auto& file : confs) {
    std::string text;
    std::vector<InstalledPackage> one;
    cabal::Diagnostics diags;
    if (!read_whole_file(file, text) || !parse_ghc_pkg_dump(text, one, diags) || one.size() != 1) return false;
    if (!libraries.emplace(one[0].name, one[0].lib_name, cabal::to_string(one[0].version)).second) return false;
    pkgs.push_back(std::move(one[0]));
  }
  out = std::move(pkgs);
  return true;
}

std::string db_cache_file(const std::string& cache_dir, const std::string& db) {
  return (fs::path(cache_dir) / ("pkgdb-" + hash_hex(db) + ".txt")).string();
}

bool read_db(const CompilerInfo& compiler, const std::string& db, const std::string& cache_dir,
             std::vector<InstalledPackage>& out, std::string& error) {
  bool global = !compiler.global_db.empty() && db == compiler.global_db;
  std::string seen = seen_db(compiler, db, global);
  std::string key = db_key(db, seen);
  std::string file = key.empty() || cache_dir.empty() ? "" : db_cache_file(cache_dir, db);
  std::string text;
  if (!file.empty() && read_whole_file(file, text) && decode_cache(text, key, out)) return true;
  out.clear();
  if ((seen.empty() || !read_conf_files(seen, out)) && !dump_db(compiler, db, global, out, error)) return false;
  if (!file.empty()) write_file_atomic(file, encode_cache(key, out));
  return true;
}

}  // namespace

bool load_package_dbs(const CompilerInfo& compiler, const std::vector<std::string>& dbs,
                      const std::string& cache_dir, PackageDbStack& out, std::string& error) {
  out = PackageDbStack{};
  for (const auto& db : dbs) {
    bool global = !compiler.global_db.empty() && db == compiler.global_db;
    std::error_code ec;
    if (!global && !fs::exists(db, ec)) continue;
    std::vector<InstalledPackage> pkgs;
    if (!read_db(compiler, db, cache_dir, pkgs, error)) return false;
    out.dbs.push_back(db);
    for (auto& p : pkgs) {
      p.db = db;
      out.packages.push_back(std::move(p));
    }
  }
  return true;
}

}  // namespace mhu::planner
