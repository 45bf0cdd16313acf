#include "cli/mhu_toml.h"

#include <filesystem>

#include <toml++/toml.h>

#include "cli/commands.h"

namespace mhu::cli {

namespace {

using cabal::Diagnostics;
using cabal::Position;

Position position(const toml::source_region& r) {
  return {static_cast<int>(r.begin.line), static_cast<int>(r.begin.column)};
}

const char* type_name(const toml::node& n) {
  switch (n.type()) {
    case toml::node_type::table: return "a table";
    case toml::node_type::array: return "an array";
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a number";
    case toml::node_type::boolean: return "a boolean";
    case toml::node_type::date: return "a date";
    case toml::node_type::time: return "a time";
    case toml::node_type::date_time: return "a date-time";
    default: return "nothing";
  }
}

void wrong_type(const std::string& key, const toml::node& n, const char* expected, Diagnostics& d) {
  d.error(position(n.source()), "`" + key + "` must be " + expected + ", not " + type_name(n));
}

bool take_string(const std::string& key, const toml::node& n, std::string& out, Diagnostics& d) {
  const auto* s = n.as_string();
  if (!s) return wrong_type(key, n, "a string", d), false;
  if (s->get().empty()) return d.error(position(n.source()), "`" + key + "` must not be empty"), false;
  out = s->get();
  return true;
}

bool take_strings(const std::string& key, const toml::node& n, std::vector<std::string>& out, Diagnostics& d) {
  const auto* a = n.as_array();
  if (!a) return wrong_type(key, n, "an array of strings", d), false;
  bool ok = true;
  for (const auto& item : *a) {
    const auto* s = item.as_string();
    if (!s) {
      d.error(position(item.source()),
              "`" + key + "` must be an array of strings; this element is " + type_name(item));
      ok = false;
    } else {
      out.push_back(s->get());
    }
  }
  return ok;
}

void unknown_key(const std::string& where, const toml::key& k, const char* known, Diagnostics& d) {
  d.warning(position(k.source()), "unknown key `" + where + std::string(k.str()) + "` (known: " + known + "); ignored");
}

// The ghc-options and ghci-options of a [package.NAME] or [unit."..."] table.
bool take_options_table(const std::string& where, const toml::node& n, MhuTomlOptions& out, Diagnostics& d) {
  const auto* t = n.as_table();
  if (!t) return wrong_type(where, n, "a table (with ghc-options, ghci-options)", d), false;
  out.pos = position(n.source());
  bool ok = true;
  for (const auto& [k, v] : *t) {
    if (k == "ghc-options") ok &= take_strings(where + ".ghc-options", v, out.ghc_options, d);
    else if (k == "ghci-options") ok &= take_strings(where + ".ghci-options", v, out.ghci_options, d);
    else unknown_key(where + ".", k, "ghc-options, ghci-options", d);
  }
  return ok;
}

// [package.NAME] or [unit."NAME"]: a table of tables.
bool take_named_tables(const std::string& key, const toml::node& n, std::map<std::string, MhuTomlOptions>& out,
                       Diagnostics& d) {
  const auto* t = n.as_table();
  if (!t) return wrong_type(key, n, "a table of tables", d), false;
  bool ok = true;
  for (const auto& [k, v] : *t) {
    std::string name(k.str());
    ok &= take_options_table(key + "." + name, v, out[name], d);
  }
  return ok;
}

}  // namespace

bool parse_mhu_toml(std::string_view text, const std::string& file, MhuToml& out, Diagnostics& d) {
  out.file = file;
  toml::table root;
  try {
    root = toml::parse(text, file);
  } catch (const toml::parse_error& e) {
    d.error(position(e.source()), "TOML syntax: " + std::string(e.description()));
    return false;
  }
  bool ok = true;
  for (const auto& [k, v] : root) {
    if (k == "ghc") ok &= take_string("ghc", v, out.ghc, d);
    else if (k == "front-end") {
      std::string fe;
      if (!take_string("front-end", v, fe, d)) ok = false;
      else if (fe != "cabal" && fe != "stack")
        d.error(position(v.source()), "`front-end` must be \"cabal\" or \"stack\", not \"" + fe + "\""), ok = false;
      else out.front_end = fe;
    } else if (k == "targets") {
      ok &= take_strings("targets", v, out.targets, d);
      for (const auto& t : out.targets)
        if (t.empty()) d.error(position(v.source()), "`targets` must not contain an empty string"), ok = false;
    } else if (k == "dist-dir") ok &= take_string("dist-dir", v, out.dist_dir, d);
    else if (k == "ghc-options") ok &= take_strings("ghc-options", v, out.all.ghc_options, d);
    else if (k == "ghci-options") ok &= take_strings("ghci-options", v, out.all.ghci_options, d);
    else if (k == "package") ok &= take_named_tables("package", v, out.packages, d);
    else if (k == "unit") ok &= take_named_tables("unit", v, out.units, d);
    else
      unknown_key("", k,
                  "ghc, front-end, targets, dist-dir, ghc-options, ghci-options, [package.NAME], [unit.\"TARGET\"]",
                  d);
  }
  return ok;
}

bool read_mhu_toml(const std::string& dir, MhuToml& out, Diagnostics& d) {
  std::string path = (std::filesystem::path(dir) / "mhu.toml").string();
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return true;
  std::string text, error;
  if (!read_file(path, text, error)) {
    // read_file's message starts with "PATH: error: ".
    size_t at = error.find(": error: ");
    return d.error_in(path, {}, at == std::string::npos ? error : error.substr(at + 9)), false;
  }
  return parse_mhu_toml(text, path, out, d);
}

}  // namespace mhu::cli
