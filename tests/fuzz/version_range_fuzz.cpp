// Version ranges: a range that parses prints as text that parses back to a
// range printing the same, and its intervals can be computed.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "cabal/version.h"

using namespace mhu::cabal;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  // The first byte picks the cabal-version the range is read under.
  auto spec = static_cast<CabalSpec>(data[0] % (static_cast<int>(kLatestCabalSpec) + 1));
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  VersionRange range;
  std::string error;
  if (!parse_version_range(text, spec, range, &error)) return 0;
  as_version_intervals(range);
  std::string printed = to_string(range);
  VersionRange again;
  if (!parse_version_range(printed, kLatestCabalSpec, again, &error) || to_string(again) != printed) {
    std::fprintf(stderr, "range %s does not read back: %s\n", printed.c_str(), error.c_str());
    std::abort();
  }
  return 0;
}
