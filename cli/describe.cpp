// `mhu describe`: each .cabal file with its conditionals resolved, as text or
// as one JSON object per file (the schema of shared/corpus/README.md).
#include <cstdio>
#include <string>

#include "cabal/configuration.h"
#include "cabal/package_parser.h"
#include "cabal/pretty.h"
#include "cli/commands.h"
#include "cli/json.h"

namespace mhu::cli {

namespace {

using namespace mhu::cabal;

const char* kDescribeUsage =
    "usage: mhu describe [--json] [--os OS] [--arch ARCH] [--compiler ghc-X.Y.Z] [-f FLAGS] FILE.cabal...\n"
    "\n"
    "Reads each file as Cabal 3.12 does, resolves its conditionals for the given\n"
    "platform, compiler and flags (defaults: this machine's, ghc-9.10.3, each flag's\n"
    "default), and prints the package: readable text, or with --json one object per\n"
    "file per line.\n"
    "\n"
    "examples:\n"
    "  mhu describe foo.cabal\n"
    "  mhu describe --json -f -threaded --os windows foo.cabal bar.cabal\n";

// The main-is Cabal reports: tests and benchmarks only through their interface.
std::string reported_main_is(const ResolvedComponent& c) {
  if (c.kind == ComponentKind::Executable) return c.data.main_is;
  return c.data.interface == ComponentData::Interface::ExeV10 ? c.data.main_is : "";
}

std::string exe_dependency_range(const ExeDependency& d) { return to_string(d.range); }

void write_component_json(JsonWriter& w, const ResolvedComponent& c) {
  const BuildInfo& bi = c.data.build_info;
  w.begin_object();
  w.key("kind"), w.string(component_kind_name(c.kind));
  w.key("name"), w.string(c.name.empty() ? c.name : show_token(c.name));
  if (c.kind == ComponentKind::Library) {
    w.key("exposed-modules"), w.strings(c.data.exposed_modules);
    w.key("reexported-modules");
    w.begin_array();
    for (const auto& r : c.data.reexported_modules) w.string(to_string(r));
    w.end_array();
    w.key("visibility"), w.string(c.name.empty() || c.data.public_visibility ? "public" : "private");
  } else {
    w.key("main-is"), w.string(reported_main_is(c));
  }
  w.key("buildable"), w.boolean(bi.buildable);
  w.key("hs-source-dirs"), w.strings(bi.hs_source_dirs);
  w.key("other-modules"), w.strings(bi.other_modules);
  w.key("autogen-modules"), w.strings(bi.autogen_modules);
  w.key("default-language"), w.string(bi.default_language.value_or(""));
  w.key("default-extensions"), w.strings(bi.default_extensions);
  w.key("ghc-options"), w.strings(bi.ghc_options);
  w.key("cpp-options"), w.strings(bi.cpp_options);
  w.key("cc-options"), w.strings(bi.cc_options);
  w.key("ld-options"), w.strings(bi.ld_options);
  w.key("include-dirs"), w.strings(bi.include_dirs);
  w.key("c-sources"), w.strings(bi.c_sources);
  w.key("extra-libraries"), w.strings(bi.extra_libraries);
  w.key("extra-lib-dirs"), w.strings(bi.extra_lib_dirs);
  w.key("build-depends");
  w.begin_array();
  for (const auto& d : c.build_depends) {
    w.begin_object();
    w.key("package"), w.string(d.package);
    w.key("range"), w.string(to_string(d.range));
    w.key("libs"), w.strings(d.libraries);
    w.end_object();
  }
  w.end_array();
  w.key("build-tool-depends");
  w.begin_array();
  for (const auto& d : bi.build_tool_depends) {
    w.begin_object();
    w.key("package"), w.string(d.package);
    w.key("exe"), w.string(d.executable);
    w.key("range"), w.string(exe_dependency_range(d));
    w.end_object();
  }
  w.end_array();
  w.key("mixins");
  w.begin_array();
  for (const auto& m : bi.mixins) w.string(to_string(m));
  w.end_array();
  w.end_object();
}

void write_package_json(std::string& out, const std::string& file, const ResolvedPackage& p) {
  JsonWriter w(out);
  w.begin_object();
  w.key("file"), w.string(file);
  w.key("name"), w.string(p.name);
  w.key("version"), w.string(to_string(p.version));
  w.key("cabal-version"), w.string(spec_to_string(p.spec));
  w.key("flags");
  w.begin_array();
  for (const auto& [name, value] : p.flags) w.string(name + (value ? "=true" : "=false"));
  w.end_array();
  w.key("components");
  w.begin_array();
  for (const auto& c : p.components)
    if (c.kind != ComponentKind::ForeignLibrary) write_component_json(w, c);
  w.end_array();
  w.end_object();
  out += '\n';
}

void write_error_json(std::string& out, const std::string& file, const std::string& message) {
  JsonWriter w(out);
  w.begin_object();
  w.key("file"), w.string(file);
  w.key("error"), w.string(message);
  w.end_object();
  out += '\n';
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
};

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
  std::fprintf(stderr, "mhu describe: %s\n\n%s", message.c_str(), kDescribeUsage);
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

  int status = 0;
  std::string out, err_out, text;
  for (const auto& file : o.files) {
    std::string read_error;
    if (!read_file(file, text, read_error)) {
      err_out += read_error + "\n";
      if (o.json) write_error_json(out, file, read_error);
      status = 1;
      continue;
    }
    GenericPackageDescription gpd;
    Diagnostics diags;
    ResolvedPackage resolved;
    bool ok = parse_package_description(text, gpd, diags) && resolve_package(gpd, o.resolve, resolved, diags);
    for (const auto& d : diags.items) err_out += format_diagnostic(file, d) + "\n";
    if (!ok) {
      status = 1;
      const Diagnostic* e = diags.first_error();
      std::string msg = e ? e->message : "the file was rejected";
      if (o.json) {
        std::string where = e && e->pos.line > 0 ? std::to_string(e->pos.line) + ":" + std::to_string(e->pos.col) + ": " : "";
        write_error_json(out, file, where + msg);
      }
      continue;
    }
    if (o.json) write_package_json(out, file, resolved);
    else write_package_text(out, resolved);
    if (out.size() > (1 << 20)) {
      std::fwrite(out.data(), 1, out.size(), stdout);
      out.clear();
    }
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  std::fflush(stdout);
  std::fwrite(err_out.data(), 1, err_out.size(), stderr);
  return status;
}

}  // namespace mhu::cli
