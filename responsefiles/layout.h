// Where a session's generated files live: everything under the project's
// dist-mhu/ directory, one directory per unit.
#pragma once

#include <string>

namespace mhu::responsefiles {

struct Layout {
  std::string project_root;  // absolute
  std::string dist_dir;      // absolute; project_root + "/dist-mhu" by default

  std::string unit_dir(const std::string& unit_id) const { return dist_dir + "/build/" + unit_id; }
  // Generated sources: Paths_PKG.hs, PackageInfo_PKG.hs, preprocessor output.
  std::string autogen_dir(const std::string& unit_id) const { return unit_dir(unit_id) + "/autogen"; }
  std::string cabal_macros(const std::string& unit_id) const { return autogen_dir(unit_id) + "/cabal_macros.h"; }
  // Objects and interfaces: -outputdir, -odir, -hidir, -stubdir.
  std::string output_dir(const std::string& unit_id) const { return unit_dir(unit_id) + "/out"; }
  std::string hie_dir(const std::string& unit_id) const { return unit_dir(unit_id) + "/hie"; }
  std::string response_file(const std::string& unit_id) const { return dist_dir + "/units/" + unit_id; }
  std::string bin_dir() const { return dist_dir + "/bin"; }
  // The one session of a GHC without multiple home units (merged_session):
  // its objects and interfaces (-outputdir) and .hie files.
  std::string merged_dir() const { return dist_dir + "/merged"; }
  std::string merged_output_dir() const { return merged_dir() + "/out"; }
  std::string merged_hie_dir() const { return merged_dir() + "/hie"; }
};

inline Layout default_layout(const std::string& project_root) { return {project_root, project_root + "/dist-mhu"}; }

}  // namespace mhu::responsefiles
