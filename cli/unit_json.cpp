#include "cli/unit_json.h"

namespace mhu::cli {

void write_unit_json(JsonWriter& w, const planner::Unit& u) {
  const auto& bi = u.data.build_info;
  w.begin_object();
  w.key("unit-id"), w.string(u.id);
  w.key("package-name"), w.string(u.package_name);
  w.key("package-version"), w.string(cabal::to_string(u.package_version));
  w.key("component"), w.string(planner::component_selector(u));
  w.key("target"), w.string(planner::stack_target(u));
  w.key("buildable"), w.boolean(u.buildable);
  w.key("enabled"), w.boolean(u.enabled);
  w.key("package-dir"), w.string(u.package_dir);
  w.key("cabal-file"), w.string(u.cabal_file);
  w.key("source-dirs"), w.strings(bi.hs_source_dirs);
  w.key("main-is"), w.string(u.data.main_is);
  w.key("exposed-modules"), w.strings(u.data.exposed_modules);
  w.key("hidden-modules"), w.strings(u.hidden_modules);
  w.key("reexported-modules");
  w.begin_array();
  for (const auto& r : u.data.reexported_modules) {
    w.begin_object();
    w.key("name"), w.string(r.name);
    w.key("original"), w.string(r.original);
    w.key("package"), w.string(r.package.value_or(""));
    w.end_object();
  }
  w.end_array();
  w.key("signatures"), w.strings(u.data.signatures);
  w.key("language"), w.string(bi.default_language.value_or(""));
  w.key("extensions"), w.strings(bi.default_extensions);
  w.key("ghc-options"), w.strings(u.ghc_options);
  w.key("cpp-options"), w.strings(bi.cpp_options);
  w.key("include-dirs"), w.strings(bi.include_dirs);
  w.key("c-sources"), w.strings(bi.c_sources);
  w.key("depends");
  w.begin_object();
  w.key("home"), w.strings(u.home_deps);
  w.key("installed"), w.strings(u.installed_deps);
  w.end_object();
  w.end_object();
}

}  // namespace mhu::cli
