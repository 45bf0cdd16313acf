// `mhu describe`: each .cabal file with its conditionals resolved, as text or
// as one JSON object per file (the schema of shared/corpus/README.md).
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include "cabal/configuration.h"
#include "cabal/package_parser.h"
#include "cabal/pretty.h"
#include "cli/commands.h"
#include "cli/json.h"
#include "cli/output.h"
#include "cli/parallel.h"
#include "stack/package_yaml.h"

namespace mhu::cli {

namespace {

using namespace mhu::cabal;

const char* kDescribeUsage =
    "usage: mhu describe [--json] [--os OS] [--arch ARCH] [--compiler ghc-X.Y.Z] [-f FLAGS] [-j N] FILE.cabal...\n"
    "\n"
    "Reads each file as Cabal 3.12 does, resolves its conditionals for the given\n"
    "platform, compiler and flags (defaults: this machine's, ghc-9.10.3, each flag's\n"
    "default), and prints the package: readable text, or with --json one object per\n"
    "file per line. A package.yaml (any FILE.yaml or FILE.yml) is read as the .cabal\n"
    "file hpack 0.38.3 would generate from it.\n"
    "\n"
    "Files are read on N threads (-j N; default: the CPUs this process may use);\n"
    "the output is the same, in the order of the files given.\n"
    "\n"
    "examples:\n"
    "  mhu describe foo.cabal\n"
    "  mhu describe --json -f -threaded --os windows foo.cabal bar.cabal\n";

// The main-is Cabal reports: tests and benchmarks only through their interface.
std::string reported_main_is(const ResolvedComponent& c) {
  if (c.kind == ComponentKind::Executable) return c.data.main_is;
  return c.data.interface == ComponentData::Interface::ExeV10 ? c.data.main_is : "";
}

void json_strings(std::string& out, const std::vector<std::string>& xs) {
  out += '[';
  for (size_t i = 0; i < xs.size(); ++i) {
    if (i) out += ',';
    json_string(out, xs[i]);
  }
  out += ']';
}

// A version range as a JSON string: its text needs no escapes.
void json_range(std::string& out, const VersionRange& r) {
  out += '"';
  append_version_range(out, r);
  out += '"';
}

void write_component_json(std::string& out, const ResolvedComponent& c) {
  const BuildInfo& bi = c.data.build_info;
  out += "{\"kind\":";
  json_string(out, component_kind_name(c.kind));
  out += ",\"name\":";
  json_string(out, c.name.empty() ? c.name : show_token(c.name));
  if (c.kind == ComponentKind::Library) {
    out += ",\"exposed-modules\":";
    json_strings(out, c.data.exposed_modules);
    out += ",\"reexported-modules\":[";
    for (size_t i = 0; i < c.data.reexported_modules.size(); ++i) {
      if (i) out += ',';
      json_string(out, to_string(c.data.reexported_modules[i]));
    }
    out += "],\"visibility\":";
    out += c.name.empty() || c.data.public_visibility ? "\"public\"" : "\"private\"";
  } else {
    out += ",\"main-is\":";
    json_string(out, reported_main_is(c));
  }
  out += bi.buildable ? ",\"buildable\":true" : ",\"buildable\":false";
  out += ",\"hs-source-dirs\":";
  json_strings(out, bi.hs_source_dirs);
  out += ",\"other-modules\":";
  json_strings(out, bi.other_modules);
  out += ",\"autogen-modules\":";
  json_strings(out, bi.autogen_modules);
  out += ",\"default-language\":";
  json_string(out, bi.default_language ? std::string_view(*bi.default_language) : std::string_view());
  out += ",\"default-extensions\":";
  json_strings(out, bi.default_extensions);
  out += ",\"ghc-options\":";
  json_strings(out, bi.ghc_options);
  out += ",\"cpp-options\":";
  json_strings(out, bi.cpp_options);
  out += ",\"cc-options\":";
  json_strings(out, bi.cc_options);
  out += ",\"ld-options\":";
  json_strings(out, bi.ld_options);
  out += ",\"include-dirs\":";
  json_strings(out, bi.include_dirs);
  out += ",\"c-sources\":";
  json_strings(out, bi.c_sources);
  out += ",\"extra-libraries\":";
  json_strings(out, bi.extra_libraries);
  out += ",\"extra-lib-dirs\":";
  json_strings(out, bi.extra_lib_dirs);
  out += ",\"build-depends\":[";
  for (size_t i = 0; i < c.build_depends.size(); ++i) {
    const Dependency& d = c.build_depends[i];
    out += i ? ",{\"package\":" : "{\"package\":";
    json_string(out, d.package);
    out += ",\"range\":";
    json_range(out, d.range);
    out += ",\"libs\":";
    json_strings(out, d.libraries);
    out += '}';
  }
  out += "],\"build-tool-depends\":[";
  for (size_t i = 0; i < bi.build_tool_depends.size(); ++i) {
    const ExeDependency& d = bi.build_tool_depends[i];
    out += i ? ",{\"package\":" : "{\"package\":";
    json_string(out, d.package);
    out += ",\"exe\":";
    json_string(out, d.executable);
    out += ",\"range\":";
    json_range(out, d.range);
    out += '}';
  }
  out += "],\"mixins\":[";
  for (size_t i = 0; i < bi.mixins.size(); ++i) {
    if (i) out += ',';
    json_string(out, to_string(bi.mixins[i]));
  }
  out += "]}";
}

void write_package_json(std::string& out, const std::string& file, const ResolvedPackage& p) {
  out += "{\"file\":";
  json_string(out, file);
  out += ",\"name\":";
  json_string(out, p.name);
  out += ",\"version\":\"";
  append_version(out, p.version);
  out += "\",\"cabal-version\":";
  json_string(out, spec_to_string(p.spec));
  out += ",\"flags\":[";
  for (size_t i = 0; i < p.flags.size(); ++i) {
    if (i) out += ',';
    out += '"';
    json_escaped(out, p.flags[i].first);
    out += p.flags[i].second ? "=true\"" : "=false\"";
  }
  out += "],\"components\":[";
  bool first = true;
  for (const auto& c : p.components) {
    if (c.kind == ComponentKind::ForeignLibrary) continue;
    if (!first) out += ',';
    first = false;
    write_component_json(out, c);
  }
  out += "]}\n";
}

void write_error_json(std::string& out, const std::string& file, const std::string& message) {
  out += "{\"file\":";
  json_string(out, file);
  out += ",\"error\":";
  json_string(out, message);
  out += "}\n";
}

void text_list(std::string& out, const char* label, const std::vector<std::string>& xs) {
  if (xs.empty()) return;
  out += "    ";
  out += label;
  out += ':';
  for (const auto& x : xs) out += ' ' + x;
  out += '\n';
}

void write_package_text(std::string& out, const ResolvedPackage& p) {
  out += p.name + " " + to_string(p.version) + " (cabal-version " + spec_to_string(p.spec) + ")\n";
  if (!p.flags.empty()) {
    out += "  flags:";
    for (const auto& [n, v] : p.flags) out += (v ? " +" : " -") + n;
    out += '\n';
  }
  for (const auto& c : p.components) {
    const BuildInfo& bi = c.data.build_info;
    out += "  ";
    out += component_kind_name(c.kind);
    if (!c.name.empty()) out += ":" + c.name;
    if (!bi.buildable) out += " (not buildable)";
    if (c.kind == ComponentKind::Library && !c.name.empty())
      out += c.data.public_visibility ? " (public)" : " (private)";
    out += '\n';
    if (std::string m = reported_main_is(c); !m.empty()) out += "    main-is: " + m + "\n";
    text_list(out, "hs-source-dirs", bi.hs_source_dirs);
    text_list(out, "exposed-modules", c.data.exposed_modules);
    std::vector<std::string> reexports;
    for (const auto& r : c.data.reexported_modules) reexports.push_back(to_string(r));
    text_list(out, "reexported-modules", reexports);
    text_list(out, "other-modules", bi.other_modules);
    text_list(out, "autogen-modules", bi.autogen_modules);
    if (bi.default_language) out += "    default-language: " + *bi.default_language + "\n";
    text_list(out, "default-extensions", bi.default_extensions);
    text_list(out, "ghc-options", bi.ghc_options);
    text_list(out, "cpp-options", bi.cpp_options);
    std::vector<std::string> deps;
    for (const auto& d : c.build_depends) {
      std::string s = d.package;
      if (d.libraries.size() != 1 || !d.libraries[0].empty()) {
        s += ":{";
        for (size_t i = 0; i < d.libraries.size(); ++i)
          s += (i ? "," : "") + (d.libraries[i].empty() ? d.package : d.libraries[i]);
        s += "}";
      }
      std::string r = to_string(d.range);
      if (r != ">=0") s += " " + r;
      deps.push_back(s + (&d == &c.build_depends.back() ? "" : ","));
    }
    text_list(out, "build-depends", deps);
    std::vector<std::string> mixins;
    for (const auto& m : bi.mixins) mixins.push_back(to_string(m));
    text_list(out, "mixins", mixins);
  }
}

struct DescribeOptions {
  bool json = false;
  ResolveOptions resolve;
  std::vector<std::string> files;
  unsigned jobs = 0;  // 0: one per CPU this process may run on
};

// A file's bytes, read with open/read into storage kept from file to file
// (no stdio buffer per file, no zero-filling).
class FileBuffer {
 public:
  // The whole file, or false with a message as read_file's.
  bool read(const std::string& path, std::string& error) {
    size_ = 0;
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      error = path + ": error: cannot open: " + std::strerror(errno);
      return false;
    }
    struct stat st;
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) reserve(static_cast<size_t>(st.st_size) + 1);
    while (true) {
      if (size_ == cap_) reserve(cap_ ? cap_ * 2 : 65536);
      ssize_t r = ::read(fd, data_.get() + size_, cap_ - size_);
      if (r < 0) {
        if (errno == EINTR) continue;
        int e = errno;
        ::close(fd);
        error = path + ": error: cannot read: " + std::strerror(e);
        return false;
      }
      if (r == 0) break;
      size_ += static_cast<size_t>(r);
    }
    ::close(fd);
    return true;
  }
  std::string_view text() const { return {data_.get(), size_}; }

 private:
  void reserve(size_t n) {
    if (n <= cap_) return;
    std::unique_ptr<char[]> bigger(new char[n]);
    if (size_) std::memcpy(bigger.get(), data_.get(), size_);
    data_ = std::move(bigger);
    cap_ = n;
  }
  std::unique_ptr<char[]> data_;
  size_t size_ = 0, cap_ = 0;
};

// Describe one file: its JSON or text to `out`, its diagnostics to `err`.
// False when the file is rejected (or cannot be read).
bool describe_file(const DescribeOptions& o, const std::string& file, FileBuffer& buffer, std::string& out,
                   std::string& err) {
  std::string read_error;
  if (!buffer.read(file, read_error)) {
    err += read_error;
    err += '\n';
    if (o.json) write_error_json(out, file, read_error);
    return false;
  }
  GenericPackageDescription gpd;
  Diagnostics diags;
  ResolvedPackage resolved;
  std::string_view text = buffer.text();
  // A package.yaml is read as hpack would turn it into a .cabal file.
  bool parsed = stack::is_package_yaml_path(file)
                    ? stack::parse_package_yaml(text, std::filesystem::path(file).parent_path().string(), gpd, diags)
                    : parse_package_description(text, gpd, diags);
  // The description is not needed after resolving: let resolution take it apart.
  bool ok = parsed && resolve_package(std::move(gpd), o.resolve, resolved, diags);
  for (const auto& d : diags.items) {
    err += format_diagnostic(file, d);
    err += '\n';
  }
  if (!ok) {
    const Diagnostic* e = diags.first_error();
    std::string msg = e ? e->message : "the file was rejected";
    if (o.json) {
      std::string where = e && e->pos.line > 0 ? std::to_string(e->pos.line) + ":" + std::to_string(e->pos.col) + ": " : "";
      write_error_json(out, file, where + msg);
    }
    return false;
  }
  if (o.json) write_package_json(out, file, resolved);
  else write_package_text(out, resolved);
  return true;
}

void write_out(std::string& out) {
  std::fwrite(out.data(), 1, out.size(), stdout);
  out.clear();
}

// One thread: the files in order, the output written as it grows.
int describe_serial(const DescribeOptions& o) {
  int status = 0;
  std::string out, err_out;
  FileBuffer buffer;
  for (const auto& file : o.files) {
    if (!describe_file(o, file, buffer, out, err_out)) status = 1;
    if (out.size() > (1 << 20)) write_out(out);
  }
  write_out(out);
  std::fflush(stdout);
  write_stderr(err_out);
  return status;
}

// Several threads take runs of files (chunks) in turn; the main thread, one
// of them, writes every finished chunk whose predecessors are written, so the
// output is exactly the serial one.
int describe_parallel(const DescribeOptions& o, unsigned jobs) {
  constexpr size_t kChunk = 16;
  struct Chunk {
    std::string out, err;
    bool failed = false;
    std::atomic<bool> done{false};
  };
  size_t n_chunks = (o.files.size() + kChunk - 1) / kChunk;
  std::unique_ptr<Chunk[]> chunks(new Chunk[n_chunks]);
  std::atomic<size_t> next{0};
  auto run_chunk = [&](size_t k, FileBuffer& buffer) {
    Chunk& c = chunks[k];
    size_t end = std::min(o.files.size(), (k + 1) * kChunk);
    for (size_t i = k * kChunk; i < end; ++i)
      if (!describe_file(o, o.files[i], buffer, c.out, c.err)) c.failed = true;
    c.done.store(true, std::memory_order_release);
  };
  auto worker = [&] {
    FileBuffer buffer;
    for (size_t k; (k = next.fetch_add(1, std::memory_order_relaxed)) < n_chunks;) run_chunk(k, buffer);
  };

  int status = 0;
  std::string err_out;
  size_t written = 0;
  auto write_ready = [&] {
    for (; written < n_chunks && chunks[written].done.load(std::memory_order_acquire); ++written) {
      Chunk& c = chunks[written];
      write_out(c.out);
      std::string().swap(c.out);
      err_out += c.err;
      std::string().swap(c.err);
      if (c.failed) status = 1;
    }
  };

  std::vector<std::thread> threads;
  for (unsigned t = 1; t < jobs; ++t) {
    try {
      threads.emplace_back(worker);
    } catch (const std::system_error&) {
      break;  // no more threads to be had: the ones running (and this one) do it all
    }
  }
  FileBuffer buffer;
  for (size_t k; (k = next.fetch_add(1, std::memory_order_relaxed)) < n_chunks;) {
    run_chunk(k, buffer);
    write_ready();
  }
  for (auto& t : threads) t.join();
  write_ready();
  std::fflush(stdout);
  write_stderr(err_out);
  return status;
}

bool parse_compiler(const std::string& s, Platform& p) {
  auto dash = s.rfind('-');
  if (dash == std::string::npos || dash == 0) return false;
  Version v;
  if (!parse_version(std::string_view(s).substr(dash + 1), v)) return false;
  p.compiler = ascii_lower(std::string_view(s).substr(0, dash));
  p.compiler_version = v;
  return true;
}

int usage_error(const std::string& message) {
  print_error(message);
  std::fprintf(stderr, "\n%s", kDescribeUsage);
  return 2;
}

}  // namespace

int run_describe(const Args& args) {
  DescribeOptions o;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](std::string& out) {
      if (i + 1 >= args.size()) return false;
      out = args[++i];
      return true;
    };
    std::string v;
    if (a == "--help" || a == "-h") {
      std::fputs(kDescribeUsage, stdout);
      return 0;
    } else if (a == "--json") {
      o.json = true;
    } else if (a == "--os") {
      if (!value(v)) return usage_error("--os needs a value");
      o.resolve.platform.os = canonical_os(v);
    } else if (a == "--arch") {
      if (!value(v)) return usage_error("--arch needs a value");
      o.resolve.platform.arch = ascii_lower(v);
    } else if (a == "--compiler") {
      if (!value(v) || !parse_compiler(v, o.resolve.platform))
        return usage_error("--compiler needs a value like ghc-9.10.3");
    } else if (a == "-f" || a == "--flags") {
      std::string err;
      if (!value(v)) return usage_error(a + " needs a value");
      if (!parse_flag_assignment(v, o.resolve.user_flags, err)) return usage_error(err);
    } else if (a == "-j" || a == "--jobs") {
      if (!value(v)) return usage_error(a + " needs a value");
      char* end = nullptr;
      unsigned long n = std::strtoul(v.c_str(), &end, 10);
      if (v.empty() || *end || n == 0 || n > 1024) return usage_error(a + " needs a number of threads (1 or more)");
      o.jobs = static_cast<unsigned>(n);
    } else if (a.rfind("--flags=", 0) == 0) {
      std::string err;
      if (!parse_flag_assignment(a.substr(8), o.resolve.user_flags, err)) return usage_error(err);
    } else if (!a.empty() && a[0] == '-' && a != "-") {
      return usage_error("unknown option '" + a + "'");
    } else {
      o.files.push_back(a);
    }
  }
  if (o.files.empty()) return usage_error("no .cabal file given");

  unsigned jobs = o.jobs ? o.jobs : usable_cpus();
  // A chunk of files per thread at the very least, or threads do not pay.
  jobs = static_cast<unsigned>(std::min<size_t>(jobs, (o.files.size() + 63) / 64));
  return jobs > 1 ? describe_parallel(o, jobs) : describe_serial(o);
}

}  // namespace mhu::cli
