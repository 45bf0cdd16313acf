#include "responsefiles/preprocess.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <system_error>
#include <unistd.h>

#include "cabal/file_io.h"
#include "planner/process.h"
#include "responsefiles/response_file.h"

namespace mhu::responsefiles {

namespace fs = std::filesystem;
using cabal::ComponentKind;

namespace {

std::string absolute_in(const std::string& dir, const std::string& path) {
  if (path.empty()) return dir;
  if (fs::path(path).is_absolute()) return path;
  if (path == ".") return dir;
  std::string p = path;
  while (p.rfind("./", 0) == 0) p.erase(0, 2);
  while (p.size() > 1 && p.back() == '/') p.pop_back();
  if (p.empty() || p == ".") return dir;
  return dir + "/" + p;
}

bool is_file(const std::string& path) {
  std::error_code ec;
  return fs::is_regular_file(path, ec);
}

std::string module_path(const std::string& module) {
  std::string p = module;
  std::replace(p.begin(), p.end(), '.', '/');
  return p;
}

// The command's text for messages.
std::string show_command(const std::vector<std::string>& argv) {
  std::string s;
  for (const auto& a : argv) {
    if (!s.empty()) s += ' ';
    bool plain = !a.empty() && a.find_first_of(" \t\n'\"\\$`") == std::string::npos;
    if (plain) {
      s += a;
    } else {
      s += '\'';
      for (char c : a) s += c == '\'' ? std::string("'\\''") : std::string(1, c);
      s += '\'';
    }
  }
  return s;
}

// Cabal's GHC getFlags: a Haskell [String] literal, else words (double quotes group).
std::vector<std::string> info_flags(const planner::CompilerInfo& compiler, const std::string& key) {
  auto it = compiler.properties.find(key);
  if (it == compiler.properties.end()) return {};
  const std::string& s = it->second;
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size() && s[i] == ' ') ++i;
  if (i < s.size() && s[i] == '[') {
    // ["a","b"]
    bool ok = true;
    ++i;
    while (ok && i < s.size()) {
      while (i < s.size() && (s[i] == ' ' || s[i] == ',')) ++i;
      if (i < s.size() && s[i] == ']') return out;
      if (i >= s.size() || s[i] != '"') {
        ok = false;
        break;
      }
      std::string w;
      for (++i; i < s.size() && s[i] != '"'; ++i) {
        if (s[i] == '\\' && i + 1 < s.size()) ++i;
        w += s[i];
      }
      ++i;
      out.push_back(w);
    }
    out.clear();
  }
  std::string w;
  bool in_word = false, quoted = false;
  for (char c : s) {
    if (c == '"') {
      quoted = !quoted;
      in_word = true;
    } else if (!quoted && (c == ' ' || c == '\t' || c == '\n')) {
      if (in_word) out.push_back(w);
      w.clear();
      in_word = false;
    } else {
      w += c;
      in_word = true;
    }
  }
  if (in_word) out.push_back(w);
  return out;
}

std::string c_compiler(const planner::CompilerInfo& compiler) {
  auto it = compiler.properties.find("C compiler command");
  return it == compiler.properties.end() || it->second.empty() ? std::string("gcc") : it->second;
}

// GHC's 4.8.2 -> 408 numbering (Cabal's versionInt).
std::string version_int(const cabal::Version& v) {
  if (v.numbers.empty()) return "1";
  if (v.numbers.size() == 1) return std::to_string(v.numbers[0]);
  std::string s2 = std::to_string(v.numbers[1]);
  return std::to_string(v.numbers[0]) + (s2.size() >= 2 ? "" : "0") + s2;
}

std::string os_define(const std::string& os) {
  if (os == "windows") return "mingw32";
  if (os == "osx") return "darwin";
  if (os == "solaris") return "solaris2";
  if (os == "halvm") return "";
  static const char* const kSame[] = {"linux", "freebsd", "openbsd", "netbsd", "dragonfly", "aix",  "hpux",
                                      "irix",  "ios",     "android", "ghcjs",  "wasi",      "hurd", "haiku"};
  for (const char* s : kSame)
    if (os == s) return os;
  return "";
}

std::string arch_define(const std::string& arch) {
  if (arch == "ppc") return "powerpc";
  if (arch == "ppc64") return "powerpc64";
  if (arch == "ppc64le") return "powerpc64le";
  if (arch == "sh") return "";
  static const char* const kSame[] = {"i386",  "x86_64", "sparc", "sparc64", "arm",         "aarch64",    "mips",
                                      "ia64",  "s390",   "s390x", "alpha",   "hppa",        "rs6000",     "m68k",
                                      "vax",   "riscv64", "loongarch64", "javascript", "wasm32"};
  for (const char* s : kSame)
    if (arch == s) return arch;
  return "";
}

// Cabal's getCppOptions, include dirs made absolute.
std::vector<std::string> cpp_options(const planner::Unit& unit, const planner::CompilerInfo& compiler) {
  const auto& bi = unit.data.build_info;
  std::vector<std::string> out = platform_defines(compiler);
  out.insert(out.end(), bi.cpp_options.begin(), bi.cpp_options.end());
  for (const auto& d : bi.include_dirs) out.push_back("-I" + absolute_in(unit.package_dir, d));
  for (const auto* opts : {&bi.cc_options, &bi.cxx_options})
    for (const auto& o : *opts)
      if (o.size() >= 2 && o[0] == '-' && (o[1] == 'D' || o[1] == 'I' || o[1] == 'U')) out.push_back(o);
  return out;
}

std::vector<std::string> dep_includes(const planner::CompilerInfo& compiler, const PreprocessOptions& options) {
  return options.dep_include_dirs ? *options.dep_include_dirs : compiler_include_dirs(compiler);
}

bool is_elf(const std::string& os) { return os != "osx" && os != "windows" && os != "aix" && os != "ios"; }

fs::file_time_type mtime(const std::string& path, bool& exists) {
  std::error_code ec;
  auto t = fs::last_write_time(path, ec);
  exists = !ec;
  return t;
}

// What a command file records: one argument per line.
std::string command_text(const std::vector<std::string>& argv) {
  std::string text;
  for (const auto& a : argv) text += a + '\n';
  return text;
}

std::string read_whole(const std::string& path) {
  std::string text, why;
  return cabal::read_regular_file(path, text, why) ? text : "";
}

std::string failure(const std::string& what, const std::vector<std::string>& argv, const planner::ProcessResult& r) {
  std::string msg = what + " failed (exit code " + std::to_string(r.exit_code) + "): " + show_command(argv);
  std::string out = r.err;
  if (!r.out.empty()) out = r.out + (out.empty() ? "" : "\n" + out);
  while (!out.empty() && out.back() == '\n') out.pop_back();
  if (!out.empty()) msg += "\n" + out;
  return msg;
}

void add_error(std::string& error, const std::string& msg) {
  if (!error.empty()) error += "\n";
  error += msg;
}

}  // namespace

std::vector<std::string> platform_defines(const planner::CompilerInfo& compiler) {
  std::vector<std::string> out{"-D__GLASGOW_HASKELL__=" + version_int(compiler.version)};
  std::string os = os_define(compiler.target_os), arch = arch_define(compiler.target_arch);
  // The build platform is the host's: mhu does not cross-compile, so it is the target's.
  if (!os.empty()) out.push_back("-D" + os + "_BUILD_OS=1");
  if (!arch.empty()) out.push_back("-D" + arch + "_BUILD_ARCH=1");
  if (!os.empty()) out.push_back("-D" + os + "_HOST_OS=1");
  if (!arch.empty()) out.push_back("-D" + arch + "_HOST_ARCH=1");
  return out;
}

std::vector<std::string> compiler_include_dirs(const planner::CompilerInfo& compiler) {
  std::vector<std::string> base, internal, rts;
  if (compiler.libdir.empty()) return {};
  const std::string& lib = compiler.libdir;
  std::string seen = compiler.seen_path(lib);
  std::error_code ec;
  auto has_dir = [&](const std::string& rel) { return fs::is_directory(seen + "/" + rel, ec); };
  // Older layouts: LIBDIR/include (HsFFI.h there), LIBDIR/rts/include.
  if (fs::is_regular_file(seen + "/include/HsFFI.h", ec)) rts.push_back(lib + "/include");
  if (has_dir("rts/include")) rts.push_back(lib + "/rts/include");
  // LIBDIR/x86_64-linux-ghc-9.10.3/rts-1.0.2/include and its siblings.
  std::vector<std::string> platforms;
  for (fs::directory_iterator it(seen, ec), end; !ec && it != end; it.increment(ec))
    if (it->is_directory(ec)) platforms.push_back(it->path().filename().string());
  std::sort(platforms.begin(), platforms.end());
  for (const auto& p : platforms) {
    std::vector<std::string> pkgs;
    for (fs::directory_iterator it(seen + "/" + p, ec), end; !ec && it != end; it.increment(ec))
      if (it->is_directory(ec)) pkgs.push_back(it->path().filename().string());
    ec.clear();
    std::sort(pkgs.begin(), pkgs.end());
    for (const auto& k : pkgs) {
      std::string rel = p + "/" + k + "/include";
      if (!has_dir(rel)) continue;
      if (k.rfind("rts-", 0) == 0 || k == "rts")
        rts.push_back(lib + "/" + rel);
      else if (k.rfind("ghc-internal-", 0) == 0)
        internal.push_back(lib + "/" + rel);
      else if (k.rfind("base-", 0) == 0)
        base.push_back(lib + "/" + rel);
    }
    ec.clear();
  }
  std::vector<std::string> out = base;
  out.insert(out.end(), internal.begin(), internal.end());
  out.insert(out.end(), rts.begin(), rts.end());
  return out;
}

std::string tool_program(const std::string& tool, const planner::CompilerInfo& compiler,
                         const std::map<std::string, std::string>& programs) {
  if (auto it = programs.find(tool); it != programs.end() && !it->second.empty()) return it->second;
  if (tool == "ghc") return compiler.ghc.empty() ? "ghc" : compiler.ghc;
  if (!compiler.ghc.empty()) {
    std::string ghc = compiler.ghc.find('/') != std::string::npos ? compiler.ghc : planner::find_program(compiler.ghc);
    if (!ghc.empty()) {
      std::error_code ec;
      std::vector<std::string> dirs{fs::path(ghc).parent_path().string()};
      std::string real = fs::canonical(ghc, ec).string();
      if (!ec && real != ghc) dirs.insert(dirs.begin(), fs::path(real).parent_path().string());
      std::string ver = cabal::to_string(compiler.version);
      for (const auto& d : dirs)
        for (const std::string& name : {tool + "-ghc-" + ver, tool + "-" + ver, tool}) {
          std::string p = d + "/" + name;
          if (fs::is_regular_file(p, ec) && ::access(p.c_str(), X_OK) == 0) return p;
        }
    }
  }
  return tool;
}

std::vector<std::string> source_dirs(const planner::Unit& unit) {
  std::vector<std::string> out;
  for (const auto& d : unit.data.build_info.hs_source_dirs) {
    std::string a = absolute_in(unit.package_dir, d);
    if (std::find(out.begin(), out.end(), a) == out.end()) out.push_back(a);
  }
  if (out.empty()) out.push_back(unit.package_dir);
  return out;
}

std::vector<PreprocessorInput> find_preprocessor_inputs(const planner::Unit& unit, const Layout& layout) {
  static const std::pair<const char*, const char*> kHandlers[] = {
      {"gc", "greencard"}, {"chs", "c2hs"},  {"hsc", "hsc2hs"}, {"x", "alex"},
      {"y", "happy"},      {"ly", "happy"}, {"cpphs", "ghc"}};
  static const char* const kPlain[] = {"hs", "lhs", "hsig", "lhsig"};
  std::vector<std::string> dirs = source_dirs(unit);
  std::string autogen = layout.autogen_dir(unit.id);
  std::vector<PreprocessorInput> out;
  auto look = [&](const std::string& module, const std::string& stem) {
    for (const auto& d : dirs)
      for (const char* ext : kPlain)
        if (is_file(d + "/" + stem + "." + ext)) return;
    for (const auto& d : dirs)
      for (const auto& [suffix, tool] : kHandlers) {
        std::string src = d + "/" + stem + "." + suffix;
        if (is_file(src)) {
          out.push_back({module, src, suffix, tool, autogen + "/" + stem + ".hs"});
          return;
        }
      }
  };
  std::vector<std::string> modules = unit.data.exposed_modules;
  const auto& bi = unit.data.build_info;
  modules.insert(modules.end(), bi.other_modules.begin(), bi.other_modules.end());
  if (!unit.data.test_module.empty()) modules.push_back(unit.data.test_module);
  std::vector<std::string> seen;
  for (const auto& m : modules) {
    if (std::find(seen.begin(), seen.end(), m) != seen.end()) continue;
    if (std::find(bi.autogen_modules.begin(), bi.autogen_modules.end(), m) != bi.autogen_modules.end()) continue;
    seen.push_back(m);
    look(m, module_path(m));
  }
  bool has_main = unit.kind == ComponentKind::Executable || unit.kind == ComponentKind::TestSuite ||
                  unit.kind == ComponentKind::Benchmark;
  if (has_main && !unit.data.main_is.empty() && !fs::path(unit.data.main_is).is_absolute()) {
    // dropExtensions: Main.hs -> Main, app/Main.hs -> app/Main.
    fs::path p(unit.data.main_is);
    std::string name = p.filename().string();
    name = name.substr(0, name.find('.'));
    std::string stem = (p.parent_path() / name).string();
    if (!name.empty()) look("", stem);
  }
  return out;
}

std::vector<std::string> preprocessor_command(const PreprocessorInput& in, const planner::Unit& unit,
                                              const Layout& layout, const planner::CompilerInfo& compiler,
                                              const PreprocessOptions& options) {
  const auto& bi = unit.data.build_info;
  const std::string& out = in.output;
  std::string macros = layout.cabal_macros(unit.id);
  std::string autogen = layout.autogen_dir(unit.id);
  std::string prog = tool_program(in.tool, compiler, options.programs);
  if (in.tool == "alex") return {prog, "-g", "-o", out, in.source};
  if (in.tool == "happy") return {prog, "-agc", "-o", out, in.source};
  if (in.tool == "greencard") return {prog, "-tffi", "-o" + out, in.source};
  if (in.tool == "ghc")  // ppCpp with GHC
  {
    std::vector<std::string> argv{prog, "-E", "-cpp", "-x", "hs",
                                  "-optP-include", "-optP" + macros, "-o", out, in.source};
    for (auto& o : cpp_options(unit, compiler)) argv.push_back(o);
    return argv;
  }
  if (in.tool == "c2hs") {
    std::string cc = c_compiler(compiler);
    std::vector<std::string> argv{prog, "--cpp=" + cc, "--cppopts=-E"};
    for (auto& o : cpp_options(unit, compiler)) argv.push_back("--cppopts=" + o);
    argv.push_back("--cppopts=-include" + macros);
    argv.push_back("--include=" + autogen);
    for (const auto& d : dep_includes(compiler, options)) argv.push_back("--cppopts=-I" + d);
    std::string rel = out.substr(autogen.size() + 1);
    argv.push_back("--output-dir=" + autogen);
    argv.push_back("--output=" + rel);
    argv.push_back(in.source);
    return argv;
  }
  // hsc2hs (ppHsc2hs, hsc2hs >= 0.68.8: --cc/--ld before hsc2hs-options).
  std::vector<std::string> argv{prog};
  std::vector<std::string> gcc_args = info_flags(compiler, "C compiler flags");
  for (auto& f : info_flags(compiler, "Gcc Linker flags")) gcc_args.push_back(f);
  for (auto& f : info_flags(compiler, "C compiler link flags")) gcc_args.push_back(f);
  for (const auto& o : gcc_args) argv.push_back("--cflag=" + o);
  for (const auto& o : gcc_args) argv.push_back("--lflag=" + o);
  for (const auto& o : platform_defines(compiler)) argv.push_back("--cflag=" + o);
  for (const auto& d : bi.include_dirs) argv.push_back("--cflag=-I" + absolute_in(unit.package_dir, d));
  for (const auto& o : bi.cc_options) argv.push_back("--cflag=" + o);
  for (const auto& o : bi.cpp_options) argv.push_back("--cflag=" + o);
  argv.push_back("--cflag=-I" + autogen);
  argv.push_back("--cflag=-include");
  argv.push_back("--cflag=" + macros);
  bool elf = is_elf(compiler.target_os);
  for (const auto& d : bi.extra_lib_dirs) argv.push_back("--lflag=-L" + absolute_in(unit.package_dir, d));
  if (elf)
    for (const auto& d : bi.extra_lib_dirs) argv.push_back("--lflag=-Wl,-R," + absolute_in(unit.package_dir, d));
  for (const auto& l : bi.extra_libraries) argv.push_back("--lflag=-l" + l);
  for (const auto& o : bi.ld_options) argv.push_back("--lflag=" + o);
  for (const auto& d : dep_includes(compiler, options)) argv.push_back("--cflag=-I" + d);
  std::string cc = c_compiler(compiler);
  argv.push_back("--cc=" + cc);
  argv.push_back("--ld=" + cc);
  for (const auto& o : bi.hsc2hs_options) argv.push_back(o);
  argv.push_back("-o");
  argv.push_back(out);
  argv.push_back(in.source);
  return argv;
}

bool preprocess_unit(const planner::Unit& unit, const Layout& layout, const planner::CompilerInfo& compiler,
                     const PreprocessOptions& options, PreprocessResult& result, std::string& error) {
  return preprocess_unit(unit, layout, compiler, options, find_preprocessor_inputs(unit, layout), result, error);
}

bool preprocess_unit(const planner::Unit& unit, const Layout& layout, const planner::CompilerInfo& compiler,
                     const PreprocessOptions& options, std::vector<PreprocessorInput> inputs,
                     PreprocessResult& result, std::string& error) {
  result = PreprocessResult{};
  result.inputs = std::move(inputs);
  bool ok = true;
  std::string manifest_text;
  for (const auto& in : result.inputs) {
    manifest_text += in.output + "\n";
    bool src_exists = false, out_exists = false;
    auto src_time = mtime(in.source, src_exists);
    auto out_time = mtime(in.output, out_exists);
    std::string out_stem = in.output.substr(0, in.output.size() - 3);  // without .hs
    auto argv = preprocessor_command(in, unit, layout, compiler, options);
    std::string cmd_file = in.output + ".cmd", cmd = command_text(argv);
    if (!out_exists || src_time > out_time || read_whole(cmd_file) != cmd) {
      std::error_code ec;
      // The output is trusted only with its command file, written after the
      // tool succeeded: a run killed while the tool writes leaves a partial
      // output, newer than its source, that must not look up to date.
      fs::remove(cmd_file, ec);
      fs::create_directories(fs::path(in.output).parent_path(), ec);
      if (ec) {
        add_error(error, "cannot create the directory " + fs::path(in.output).parent_path().string() + ": " +
                             ec.message());
        ok = false;
        continue;
      }
      if (options.on_run) options.on_run(in.tool + " " + in.source, argv);
      planner::ProcessResult r;
      std::string run_error;
      if (!planner::run_process(argv, r, run_error)) {
        add_error(error, in.tool + " for " + in.source + ": " + run_error);
        ok = false;
        continue;
      }
      if (r.exit_code != 0) {
        // A failed run may leave a partial output, which must not look up to date.
        fs::remove(in.output, ec);
        add_error(error, failure(in.tool, argv, r));
        ok = false;
        continue;
      }
      std::string write_error;
      if (!write_if_changed(cmd_file, cmd, write_error)) {
        add_error(error, write_error);
        ok = false;
        continue;
      }
      ++result.ran;
    }
    // GHC wants Foo.hs-boot beside Foo.hs.
    std::string boot_in = fs::path(in.source).replace_extension("hs-boot").string();
    std::error_code ec;
    if (is_file(boot_in)) {
      std::string boot_error;
      if (!write_if_changed(out_stem + ".hs-boot", read_whole(boot_in), boot_error)) {
        add_error(error, boot_error);
        ok = false;
      }
    } else {
      fs::remove(out_stem + ".hs-boot", ec);
    }
    if (in.tool == "hsc2hs" && is_file(out_stem + "_hsc.c")) result.c_sources.push_back(out_stem + "_hsc.c");
    if (in.tool == "c2hs" && is_file(out_stem + ".chs.c")) result.c_sources.push_back(out_stem + ".chs.c");
  }
  // Outputs of inputs that are gone (a Foo.x that became Foo.hs) must not
  // shadow the module's new source: remove what the last run made and this
  // one did not.
  std::string manifest = layout.autogen_dir(unit.id) + "/.mhu-preprocessed";
  std::string old = read_whole(manifest);
  for (size_t i = 0, j; i < old.size(); i = j + 1) {
    j = old.find('\n', i);
    if (j == std::string::npos) j = old.size();
    std::string path = old.substr(i, j - i);
    if (path.size() < 4 || manifest_text.find(path + "\n") == 0 ||
        manifest_text.find("\n" + path + "\n") != std::string::npos)
      continue;
    std::error_code ec;
    std::string stem = path.substr(0, path.size() - 3);
    for (const std::string& f : {path, path + ".cmd", stem + ".hs-boot", stem + "_hsc.c", stem + "_hsc.h", stem + ".chs.c",
                                 stem + ".chs.h", stem + ".chi"})
      fs::remove(f, ec);
  }
  if (!(manifest_text.empty() && old.empty())) {
    std::string write_error;
    if (!write_if_changed(manifest, manifest_text, write_error)) {
      add_error(error, write_error);
      ok = false;
    }
  }
  return ok;
}

// --- C sources ----------------------------------------------------------------------

std::string c_object_path(const planner::Unit& unit, const Layout& layout, const std::string& source) {
  std::string rel;
  fs::path p(source);
  std::string pkg = unit.package_dir;
  if (p.is_absolute()) {
    if (!pkg.empty() && source.size() > pkg.size() && source.compare(0, pkg.size(), pkg) == 0 &&
        source[pkg.size()] == '/')
      rel = source.substr(pkg.size() + 1);
    else
      rel = "__abs" + source;
  } else {
    rel = source;
  }
  std::string clean;
  for (const auto& part : fs::path(rel)) {
    std::string s = part.string();
    if (s.empty() || s == "." || s == "/") continue;
    if (!clean.empty()) clean += "/";
    clean += s == ".." ? "__" : s;
  }
  return layout.output_dir(unit.id) + "/" + fs::path(clean).replace_extension(".o").string();
}

std::vector<std::string> c_compile_command(const planner::Unit& unit, const Layout& layout,
                                           const planner::CompilerInfo& compiler, const PreprocessOptions& options,
                                           const std::string& source, const std::string& object) {
  const auto& bi = unit.data.build_info;
  std::string ext = fs::path(source).extension().string();
  bool cxx = ext == ".cpp" || ext == ".cc" || ext == ".cxx" || ext == ".c++" || ext == ".C";
  std::vector<std::string> argv{compiler.ghc.empty() ? "ghc" : compiler.ghc, "-c"};
  auto dyn = compiler.properties.find("GHC Dynamic");
  if (dyn != compiler.properties.end() && dyn->second == "YES") argv.push_back("-dynamic");
  argv.push_back("-fPIC");
  std::vector<std::string> includes{layout.autogen_dir(unit.id), layout.output_dir(unit.id)};
  for (const auto& d : bi.include_dirs) includes.push_back(absolute_in(unit.package_dir, d));
  for (const auto& d : options.extra_include_dirs) includes.push_back(d);
  std::vector<std::string> seen;
  for (const auto& d : includes)
    if (std::find(seen.begin(), seen.end(), d) == seen.end()) {
      seen.push_back(d);
      argv.push_back("-I" + d);
    }
  std::string opt = cxx ? "-optcxx" : "-optc";
  argv.push_back(opt + "-O2");
  for (const auto& o : cxx ? bi.cxx_options : bi.cc_options) argv.push_back(opt + o);
  auto cc = compiler.properties.find("C compiler command");
  if (!cxx && cc != compiler.properties.end() && !cc->second.empty()) {
    argv.push_back("-pgmc");
    argv.push_back(cc->second);
  }
  argv.push_back("-hide-all-packages");
  if (!options.package_dbs.empty()) {
    argv.push_back("-no-user-package-db");
    for (const auto& db : options.package_dbs) {
      argv.push_back("-package-db");
      argv.push_back(db);
    }
    for (const auto& id : unit.installed_deps) {
      argv.push_back("-package-id");
      argv.push_back(id);
    }
  }
  argv.push_back(source);
  argv.push_back("-o");
  argv.push_back(object);
  for (const auto& o : unit.ghc_options) argv.push_back(o);
  return argv;
}

bool compile_c_sources(const planner::Unit& unit, const Layout& layout, const planner::CompilerInfo& compiler,
                       const PreprocessOptions& options, const std::vector<std::string>& extra_sources,
                       std::vector<std::string>& objects, std::string& error, int* compiled) {
  objects.clear();
  if (compiled) *compiled = 0;
  const auto& bi = unit.data.build_info;
  std::vector<std::string> sources;
  for (const auto* list : {&bi.c_sources, &bi.cxx_sources})
    for (const auto& s : *list) sources.push_back(absolute_in(unit.package_dir, s));
  sources.insert(sources.end(), extra_sources.begin(), extra_sources.end());
  bool ok = true;
  std::vector<std::string> done;
  for (const auto& src : sources) {
    if (std::find(done.begin(), done.end(), src) != done.end()) continue;
    done.push_back(src);
    std::string obj = c_object_path(unit, layout, src);
    auto argv = c_compile_command(unit, layout, compiler, options, src, obj);
    std::string cmd_file = obj + ".cmd";
    std::string cmd = command_text(argv);
    bool src_exists = false, obj_exists = false;
    auto src_time = mtime(src, src_exists);
    auto obj_time = mtime(obj, obj_exists);
    if (!src_exists || !is_file(src)) {
      // Not a FIFO either: the C compiler would wait for a writer.
      add_error(error, "the C source " + src + (src_exists ? " is not a regular file" : " does not exist"));
      ok = false;
      continue;
    }
    if (obj_exists && !(src_time > obj_time) && read_whole(cmd_file) == cmd) {
      objects.push_back(obj);
      continue;
    }
    std::error_code ec;
    // As for preprocessor outputs: no command file while the object is made.
    fs::remove(cmd_file, ec);
    fs::create_directories(fs::path(obj).parent_path(), ec);
    if (ec) {
      add_error(error, "cannot create the directory " + fs::path(obj).parent_path().string() + ": " + ec.message());
      ok = false;
      continue;
    }
    if (options.on_run) options.on_run("compiling " + src, argv);
    planner::ProcessResult r;
    std::string run_error;
    if (!planner::run_process(argv, r, run_error)) {
      add_error(error, "compiling " + src + ": " + run_error);
      ok = false;
      continue;
    }
    if (r.exit_code != 0) {
      fs::remove(obj, ec);
      add_error(error, failure("compiling " + src, argv, r));
      ok = false;
      continue;
    }
    std::string write_error;
    if (!write_if_changed(cmd_file, cmd, write_error)) add_error(error, write_error), ok = false;
    if (compiled) ++*compiled;
    objects.push_back(obj);
  }
  return ok;
}

}  // namespace mhu::responsefiles
