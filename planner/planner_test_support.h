// Builders shared by the planner's tests: packages from .cabal text and
// installed packages by hand.
#pragma once

#include <catch2/catch.hpp>
#include <string_view>

#include "cabal/package_parser.h"
#include "planner/units.h"

namespace mhu::planner::test {

inline LocalPackage local_package(std::string_view text, const std::string& dir) {
  LocalPackage p;
  p.dir = dir;
  cabal::Diagnostics d;
  bool ok = cabal::parse_package_description(text, p.description, d);
  INFO((d.first_error() ? d.first_error()->message : std::string()));
  REQUIRE(ok);
  p.cabal_file = dir + "/" + p.description.name + ".cabal";
  return p;
}

inline cabal::VersionRange version_range(const std::string& text) {
  cabal::VersionRange r;
  REQUIRE(cabal::parse_version_range(text, cabal::CabalSpec::V3_0, r));
  return r;
}

inline InstalledPackage installed(const std::string& name, const std::string& version,
                                  std::vector<std::string> depends = {}, const std::string& lib = "") {
  InstalledPackage p;
  p.name = name;
  p.lib_name = lib;
  REQUIRE(cabal::parse_version(version, p.version));
  p.id = name + "-" + version + (lib.empty() ? "" : "-" + lib) + "-abc";
  p.depends = std::move(depends);
  return p;
}

}  // namespace mhu::planner::test
