// The package.yaml reader: hpack's rendering, then the .cabal reader on the
// result (diagnostics mapped back to package.yaml). The package directory is
// an empty scratch directory, so module inference and globs find nothing.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "fuzz_dir.h"
#include "stack/package_yaml.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  mhu::cabal::GenericPackageDescription gpd;
  mhu::cabal::Diagnostics diags;
  bool ok = mhu::stack::parse_package_yaml(text, mhu::fuzz::scratch_dir(), gpd, diags);
  if (ok == diags.has_error()) std::abort();
  return 0;
}
