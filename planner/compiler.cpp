#include "planner/compiler.h"

#include <array>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <string_view>
#include <utility>

#include "cabal/value_cursor.h"
#include "planner/cache_file.h"
#include "planner/process.h"

namespace mhu::planner {

namespace fs = std::filesystem;

// ---------------------------------------------------------------------------
// `ghc --info`: a Haskell list of pairs of strings, as `show` prints it.

namespace {

// Haskell's named ASCII escapes (\NUL .. \US, \SP, \DEL); SOH before SO.
constexpr std::array<std::pair<std::string_view, char>, 34> kAsciiNames{{
    {"NUL", 0},  {"SOH", 1},  {"STX", 2},  {"ETX", 3},  {"EOT", 4},  {"ENQ", 5},   {"ACK", 6},
    {"BEL", 7},  {"BS", 8},   {"HT", 9},   {"LF", 10},  {"VT", 11},  {"FF", 12},   {"CR", 13},
    {"SO", 14},  {"SI", 15},  {"DLE", 16}, {"DC1", 17}, {"DC2", 18}, {"DC3", 19},  {"DC4", 20},
    {"NAK", 21}, {"SYN", 22}, {"ETB", 23}, {"CAN", 24}, {"EM", 25},  {"SUB", 26},  {"ESC", 27},
    {"FS", 28},  {"GS", 29},  {"RS", 30},  {"US", 31},  {"SP", 32},  {"DEL", 127},
}};

class HaskellReader {
 public:
  explicit HaskellReader(std::string_view s) : s_(s) {}

  void skip_space() {
    while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_]))) ++i_;
  }
  bool eat(char c) {
    skip_space();
    if (i_ < s_.size() && s_[i_] == c) return ++i_, true;
    return false;
  }
  bool at_end() { return skip_space(), i_ >= s_.size(); }
  size_t pos() const { return i_; }

  bool string(std::string& out) {
    if (!eat('"')) return false;
    while (i_ < s_.size()) {
      char c = s_[i_++];
      if (c == '"') return true;
      if (c != '\\') {
        out += c;
      } else if (!escape(out)) {
        return false;
      }
    }
    return false;
  }

 private:
  bool number(int base, unsigned long& v) {
    size_t start = i_;
    v = 0;
    while (i_ < s_.size()) {
      int d = digit(s_[i_], base);
      if (d < 0) break;
      v = v * base + d;
      if (v > 0x10FFFF) return false;
      ++i_;
    }
    return i_ > start;
  }
  bool code_point(int base, std::string& out) {
    unsigned long v = 0;
    if (!number(base, v)) return false;
    cabal::append_utf8(out, static_cast<char32_t>(v));
    return true;
  }
  static int digit(char c, int base) {
    int d = std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
            : (c >= 'a' && c <= 'f')                    ? c - 'a' + 10
            : (c >= 'A' && c <= 'F')                    ? c - 'A' + 10
                                                        : 99;
    return d < base ? d : -1;
  }

  bool escape(std::string& out) {
    if (i_ >= s_.size()) return false;
    char c = s_[i_];
    if (std::isdigit(static_cast<unsigned char>(c))) return code_point(10, out);
    if (c == 'x') return ++i_, code_point(16, out);
    if (c == 'o') return ++i_, code_point(8, out);
    if (std::isspace(static_cast<unsigned char>(c))) {  // a string gap: \   \ .
      skip_space();
      return i_ < s_.size() && s_[i_++] == '\\';
    }
    if (c == '^' && i_ + 1 < s_.size()) {
      i_ += 2;
      out += static_cast<char>(s_[i_ - 1] - '@');
      return true;
    }
    static constexpr std::string_view from = "abfnrtv\\\"'&", to = "\a\b\f\n\r\t\v\\\"'";
    if (auto k = from.find(c); k != std::string_view::npos) {
      ++i_;
      if (c != '&') out += to[k];
      return true;
    }
    for (const auto& [name, code] : kAsciiNames) {
      if (s_.substr(i_, name.size()) == name) {
        i_ += name.size();
        out += code;
        return true;
      }
    }
    return false;
  }

  std::string_view s_;
  size_t i_ = 0;
};

bool read_info_list(const std::string& text, std::map<std::string, std::string>& out,
                    std::string& error) {
  HaskellReader r(text);
  auto fail = [&] {
    error = "cannot read `ghc --info` output (at offset " + std::to_string(r.pos()) + ")";
    return false;
  };
  if (!r.eat('[')) return fail();
  if (r.eat(']')) return r.at_end() || fail();
  do {
    std::string key, value;
    if (!r.eat('(') || !r.string(key) || !r.eat(',') || !r.string(value) || !r.eat(')'))
      return fail();
    out.emplace(std::move(key), std::move(value));
  } while (r.eat(','));
  if (!r.eat(']') || !r.at_end()) return fail();
  return true;
}

// ---------------------------------------------------------------------------
// Platform names (Cabal-syntax Distribution.System, Permissive classification).

std::string classify_os(std::string_view name) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 27> kOs{{
      {"linux", "linux"},
      {"windows", "windows"},
      {"osx", "osx"},
      {"freebsd", "freebsd"},
      {"openbsd", "openbsd"},
      {"netbsd", "netbsd"},
      {"dragonfly", "dragonfly"},
      {"solaris", "solaris"},
      {"aix", "aix"},
      {"hpux", "hpux"},
      {"irix", "irix"},
      {"halvm", "halvm"},
      {"hurd", "hurd"},
      {"ios", "ios"},
      {"android", "android"},
      {"ghcjs", "ghcjs"},
      {"wasi", "wasi"},
      {"haiku", "haiku"},
      {"mingw32", "windows"},
      {"win32", "windows"},
      {"cygwin32", "windows"},
      {"darwin", "osx"},
      {"gnu", "hurd"},
      {"kfreebsdgnu", "freebsd"},
      {"solaris2", "solaris"},
      {"linux-android", "android"},
      {"linux-androideabi", "android"},
  }};
  std::string l = cabal::ascii_lower(name);
  if (l == "linux-androideabihf") return "android";
  for (const auto& [alias, os] : kOs)
    if (l == alias) return std::string(os);
  return std::string(name);  // OtherOS keeps its spelling
}

std::string classify_arch(std::string_view name) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 31> kArch{{
      {"i386", "i386"},
      {"x86_64", "x86_64"},
      {"ppc", "ppc"},
      {"ppc64", "ppc64"},
      {"ppc64le", "ppc64le"},
      {"sparc", "sparc"},
      {"sparc64", "sparc64"},
      {"arm", "arm"},
      {"aarch64", "aarch64"},
      {"mips", "mips"},
      {"sh", "sh"},
      {"ia64", "ia64"},
      {"s390", "s390"},
      {"s390x", "s390x"},
      {"alpha", "alpha"},
      {"hppa", "hppa"},
      {"rs6000", "rs6000"},
      {"m68k", "m68k"},
      {"vax", "vax"},
      {"riscv64", "riscv64"},
      {"loongarch64", "loongarch64"},
      {"javascript", "javascript"},
      {"wasm32", "wasm32"},
      {"powerpc", "ppc"},
      {"powerpc64", "ppc64"},
      {"powerpc64le", "ppc64le"},
      {"mipsel", "mips"},
      {"mipseb", "mips"},
      {"armeb", "arm"},
      {"armel", "arm"},
      {"arm64", "aarch64"},
  }};
  std::string l = cabal::ascii_lower(name);
  for (const auto& [alias, arch] : kArch)
    if (l == alias) return std::string(arch);
  return std::string(name);
}

bool word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// Cabal's platformFromTriple: ARCH-VENDOR-OS, ARCH and VENDOR of [A-Za-z0-9_]+,
// OS an identifier (a letter, then letters, digits, '_' and '-').
bool platform_from_triple(std::string_view t, std::string& os, std::string& arch) {
  size_t a = 0;
  while (a < t.size() && word_char(t[a])) ++a;
  if (a == 0 || a >= t.size() || t[a] != '-') return false;
  size_t v = a + 1;
  while (v < t.size() && word_char(t[v])) ++v;
  if (v == a + 1 || v >= t.size() || t[v] != '-') return false;
  std::string_view o = t.substr(v + 1);
  if (o.empty() || !std::isalpha(static_cast<unsigned char>(o[0]))) return false;
  for (char c : o)
    if (!word_char(c) && c != '-') return false;
  arch = classify_arch(t.substr(0, a));
  os = classify_os(o);
  return true;
}

// GHC's own names ("OSLinux", "ArchAArch64", "ArchPPC_64 {ppc_64ABI = ELF_V2}").
std::string ghc_word(std::string_view s, std::string_view prefix) {
  if (s.substr(0, prefix.size()) == prefix) s.remove_prefix(prefix.size());
  size_t n = 0;
  while (n < s.size() && word_char(s[n])) ++n;
  return std::string(s.substr(0, n));
}

std::string os_from_ghc(std::string_view s) {
  std::string w = cabal::ascii_lower(ghc_word(s, "OS"));
  if (w == "darwin") return "osx";
  if (w == "mingw32") return "windows";
  if (w == "kfreebsd") return "freebsd";
  if (w == "solaris2") return "solaris";
  if (w == "qnxnto") return "nto-qnx";
  return classify_os(w);
}

std::string arch_from_ghc(std::string_view s) {
  std::string w = cabal::ascii_lower(ghc_word(s, "Arch"));
  if (w == "x86") return "i386";
  if (w == "ppc_64") return s.find("ELF_V2") != std::string_view::npos ? "ppc64le" : "ppc64";
  if (w == "mipseb" || w == "mipsel") return "mips";
  return classify_arch(w);
}

std::string lookup(const std::map<std::string, std::string>& m, const std::string& key) {
  auto it = m.find(key);
  return it == m.end() ? std::string() : it->second;
}

}  // namespace

cabal::Platform CompilerInfo::platform() const {
  cabal::Platform p;
  if (!target_os.empty()) p.os = target_os;
  if (!target_arch.empty()) p.arch = target_arch;
  p.compiler = "ghc";
  if (!version.numbers.empty()) p.compiler_version = version;
  return p;
}

std::string CompilerInfo::compiler_id() const { return "ghc-" + cabal::to_string(version); }

std::string CompilerInfo::abi_tag() const {
  std::string prefix = compiler_id() + "-";
  if (project_unit_id.compare(0, prefix.size(), prefix) != 0) return "";
  return project_unit_id.substr(prefix.size());
}

bool parse_ghc_info(const std::string& text, CompilerInfo& out, std::string& error) {
  std::map<std::string, std::string> info;
  if (!read_info_list(text, info, error)) return false;
  std::string version = lookup(info, "Project version");
  if (!cabal::parse_version(version, out.version)) {
    error = "`ghc --info` has no valid \"Project version\" (\"" + version + "\")";
    return false;
  }
  out.project_unit_id = lookup(info, "Project Unit Id");
  out.global_db = lookup(info, "Global Package DB");
  out.libdir = lookup(info, "LibDir");
  if (!platform_from_triple(lookup(info, "Target platform"), out.target_os, out.target_arch)) {
    out.target_os = os_from_ghc(lookup(info, "target os"));
    out.target_arch = arch_from_ghc(lookup(info, "target arch"));
  }
  out.properties = std::move(info);
  return true;
}

// ---------------------------------------------------------------------------
// Finding ghc-pkg beside ghc.

namespace {

std::string version_suffix(const fs::path& p) {
  std::string name = p.filename().string();
  if (name.size() > 4 && cabal::ascii_lower(name.substr(name.size() - 4)) == ".exe")
    name.resize(name.size() - 4);
  size_t n = name.size();
  while (n > 0 && (std::isdigit(static_cast<unsigned char>(name[n - 1])) || name[n - 1] == '.' ||
                   name[n - 1] == '-'))
    --n;
  return name.substr(n);
}

void add_guesses(const fs::path& ghc, std::vector<fs::path>& out) {
  std::string suf = version_suffix(ghc);
  fs::path dir = ghc.parent_path();
  std::string exe = ghc.extension() == ".exe" ? ".exe" : "";
  if (!suf.empty()) {
    out.push_back(dir / ("ghc-pkg-ghc" + suf + exe));
    out.push_back(dir / ("ghc-pkg" + suf + exe));
  }
  out.push_back(dir / ("ghc-pkg" + exe));
}

}  // namespace

namespace {

std::vector<fs::path> ghc_pkg_guesses(const std::string& ghc_path) {
  std::error_code ec;
  fs::path given = ghc_path;
  fs::path real = fs::canonical(given, ec);
  if (ec) real = given;
  std::vector<fs::path> guesses;
  if (real != given) add_guesses(real, guesses);
  add_guesses(given, guesses);
  return guesses;
}

}  // namespace

std::string find_ghc_pkg(const std::string& ghc_path) {
  std::error_code ec;
  for (const auto& g : ghc_pkg_guesses(ghc_path))
    if (fs::is_regular_file(g, ec)) return g.string();
  return find_program("ghc-pkg");
}

std::vector<std::string> ghc_pkg_candidates(const std::string& ghc_path) {
  std::vector<std::string> out;
  for (const auto& g : ghc_pkg_guesses(ghc_path)) out.push_back(g.string());
  out.push_back("ghc-pkg on PATH");
  return out;
}

// ---------------------------------------------------------------------------
// Running `ghc --info`, with a cache.

namespace {

constexpr std::string_view kInfoMagic = "mhu-ghc-info 1\n";

std::string info_cache_file(const std::string& cache_dir, const std::string& ghc_path) {
  return (fs::path(cache_dir) / ("ghc-info-" + hash_hex(ghc_path) + ".txt")).string();
}

// The cached info text when the cache file is for `key`; "" otherwise.
std::string read_info_cache(const std::string& file, const std::string& key) {
  std::string text;
  if (!read_whole_file(file, text)) return "";
  std::string head = std::string(kInfoMagic) + key + "\n";
  if (text.compare(0, head.size(), head) != 0) return "";
  return text.substr(head.size());
}

// The first line of a tool's output, shortened, for a message.
std::string first_line(const std::string& text) {
  std::string line = text.substr(0, text.find('\n'));
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
  return line.size() > 80 ? line.substr(0, 77) + "..." : line;
}

bool run_ghc_info(const std::string& ghc_path, std::string& text, std::string& error) {
  ProcessResult r;
  if (!run_process({ghc_path, "--info"}, r, error)) return false;
  if (r.exit_code != 0) {
    error = "`" + ghc_path + " --info` failed (exit code " + std::to_string(r.exit_code) + ")";
    std::string err = r.err;
    while (!err.empty() && std::isspace(static_cast<unsigned char>(err.back()))) err.pop_back();
    if (!err.empty()) error += ": " + err;
    return false;
  }
  text = std::move(r.out);
  return true;
}

// The compiler's full path; "" with `error` when it is not there or not a program.
std::string resolve_program(const std::string& ghc, std::string& error) {
  if (ghc.empty()) return error = "the compiler's name is empty", "";
  if (ghc.find('/') == std::string::npos) {
    std::string found = find_program(ghc);
    if (found.empty()) {
      const char* path = std::getenv("PATH");
      error = "cannot find the compiler '" + ghc + "' on PATH (" + (path ? path : "PATH is not set") + ")";
    }
    return found;
  }
  std::error_code ec;
  auto st = fs::status(ghc, ec);
  if (!fs::exists(st)) return error = "cannot find the compiler " + ghc + ": " + (ec ? ec.message() : "no such file"), "";
  if (fs::is_directory(st)) return error = "the compiler " + ghc + " is a directory, not a program", "";
  fs::path abs = fs::absolute(ghc, ec);
  return ec ? ghc : abs.lexically_normal().string();
}

}  // namespace

bool query_compiler(const std::string& ghc, const std::string& cache_dir, CompilerInfo& out,
                    std::string& error) {
  std::string path = resolve_program(ghc, error);
  if (path.empty()) return false;
  std::string key = path + "\t" + file_stamp(path);
  std::string file = cache_dir.empty() ? "" : info_cache_file(cache_dir, path);
  std::string text = file.empty() ? "" : read_info_cache(file, key);
  CompilerInfo info;
  if (text.empty() || !parse_ghc_info(text, info, error)) {
    if (!run_ghc_info(path, text, error)) return false;
    if (!parse_ghc_info(text, info, error)) {
      error = "`" + path + " --info` printed " +
              (text.empty() ? std::string("nothing") : "\"" + first_line(text) + "\"") +
              ", not GHC's information (" + error + "): is it GHC?";
      return false;
    }
    if (!file.empty()) write_file_atomic(file, std::string(kInfoMagic) + key + "\n" + text);
  }
  error.clear();
  info.ghc = ghc;
  info.ghc_path = path;
  info.ghc_pkg = find_ghc_pkg(path);
  out = std::move(info);
  return true;
}

// ---------------------------------------------------------------------------
// cabal-install's store.

namespace {

std::optional<std::string> real_env(const std::string& name) {
  const char* v = std::getenv(name.c_str());
  if (!v) return std::nullopt;
  return std::string(v);
}

// System.Directory getXdgDirectory: the variable when it is an absolute path,
// else the default under the home directory.
fs::path xdg_dir(const EnvLookup& env, const char* var, const fs::path& fallback) {
  auto v = env(var);
  if (v && fs::path(*v).is_absolute()) return *v;
  return fallback;
}

}  // namespace

std::string cabal_store_root(const EnvLookup& env_in) {
  EnvLookup env = env_in ? env_in : EnvLookup(real_env);
  if (auto dir = env("CABAL_DIR")) return (fs::path(*dir) / "store").string();
  fs::path home = env("HOME").value_or("");
  std::error_code ec;
  fs::path dot_cabal = home / ".cabal";
  fs::path xdg_config = xdg_dir(env, "XDG_CONFIG_HOME", home / ".config") / "cabal" / "config";
  auto config = fs::status(xdg_config, ec);  // doesFileExist: exists, not a directory
  if (fs::is_directory(dot_cabal, ec) && (!fs::exists(config) || fs::is_directory(config)))
    return (dot_cabal / "store").string();
  return (xdg_dir(env, "XDG_STATE_HOME", home / ".local" / "state") / "cabal" / "store").string();
}

std::string cabal_store_db_path(const CompilerInfo& compiler, const EnvLookup& env) {
  std::string id = compiler.compiler_id();
  if (std::string tag = compiler.abi_tag(); !tag.empty()) id += "-" + tag;
  return (fs::path(cabal_store_root(env)) / id / "package.db").string();
}

std::string cabal_store_db(const CompilerInfo& compiler) {
  std::string path = cabal_store_db_path(compiler);
  std::error_code ec;
  return fs::is_directory(path, ec) ? path : "";
}

std::string CompilerInfo::seen_path(const std::string& path) const {
  if (sysroot.empty()) return path;
  // Walk the components, re-rooting absolute link targets at sysroot (a few
  // dozen links at most, so a link cycle cannot loop for ever).
  namespace fs = std::filesystem;
  std::vector<std::string> todo;
  for (const auto& part : fs::path(path).relative_path()) todo.insert(todo.begin(), part.string());
  fs::path inside = "/";
  for (int links = 0; !todo.empty();) {
    std::string part = todo.back();
    todo.pop_back();
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      inside = inside.parent_path();
      continue;
    }
    fs::path next = inside / part;
    std::error_code ec;
    fs::path here = fs::path(sysroot) / next.relative_path();
    if (fs::is_symlink(here, ec) && ++links < 40) {
      fs::path target = fs::read_symlink(here, ec);
      if (target.is_absolute()) inside = "/";
      std::vector<std::string> parts;
      for (const auto& t : target.relative_path()) parts.push_back(t.string());
      for (auto it = parts.rbegin(); it != parts.rend(); ++it) todo.push_back(*it);
      continue;
    }
    inside = next;
  }
  return (fs::path(sysroot) / inside.relative_path()).string();
}

}  // namespace mhu::planner
