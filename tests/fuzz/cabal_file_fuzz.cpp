// The .cabal reader: any bytes are either a package or diagnostics with at
// least one error, and a package resolves for the default platform.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "cabal/configuration.h"
#include "cabal/package_parser.h"

using namespace mhu::cabal;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  GenericPackageDescription gpd;
  Diagnostics diags;
  bool ok = parse_package_description(text, gpd, diags);
  if (ok == diags.has_error()) std::abort();  // success exactly when there is no error
  if (!ok) return 0;
  ResolvedPackage resolved;
  Diagnostics rdiags;
  resolve_package(gpd, ResolveOptions{}, resolved, rdiags);
  return 0;
}
