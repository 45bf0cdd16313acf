// The installed-package-info reader (`ghc-pkg dump` output).
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "planner/package_db.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<mhu::planner::InstalledPackage> packages;
  mhu::cabal::Diagnostics diags;
  bool ok = mhu::planner::parse_ghc_pkg_dump(text, packages, diags);
  if (ok == diags.has_error()) std::abort();
  return 0;
}
