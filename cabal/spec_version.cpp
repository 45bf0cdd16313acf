#include "cabal/spec_version.h"

#include <algorithm>
#include <iterator>

namespace mhu::cabal {

namespace {
struct SpecName {
  CabalSpec spec;
  int major, minor;
};
constexpr SpecName kSpecs[] = {
    {CabalSpec::V1_0, 1, 0},   {CabalSpec::V1_2, 1, 2},   {CabalSpec::V1_4, 1, 4},
    {CabalSpec::V1_6, 1, 6},   {CabalSpec::V1_8, 1, 8},   {CabalSpec::V1_10, 1, 10},
    {CabalSpec::V1_12, 1, 12}, {CabalSpec::V1_18, 1, 18}, {CabalSpec::V1_20, 1, 20},
    {CabalSpec::V1_22, 1, 22}, {CabalSpec::V1_24, 1, 24}, {CabalSpec::V2_0, 2, 0},
    {CabalSpec::V2_2, 2, 2},   {CabalSpec::V2_4, 2, 4},   {CabalSpec::V3_0, 3, 0},
    {CabalSpec::V3_4, 3, 4},   {CabalSpec::V3_6, 3, 6},   {CabalSpec::V3_8, 3, 8},
    {CabalSpec::V3_12, 3, 12},
};
}  // namespace

std::string spec_to_string(CabalSpec spec) {
  const auto& s = kSpecs[static_cast<int>(spec)];
  return std::to_string(s.major) + "." + std::to_string(s.minor);
}

std::vector<int> spec_to_version_digits(CabalSpec spec) {
  const auto& s = kSpecs[static_cast<int>(spec)];
  return {s.major, s.minor};
}

std::optional<CabalSpec> spec_from_version_digits(const std::vector<int>& v) {
  // From 2.0 on only exact versions exist; below, any version rounds up to
  // the next spec that changed something (1.11 reads as 1.12).
  if (v.size() == 2 && v[0] >= 2) {
    for (const auto& s : kSpecs)
      if (s.major == v[0] && s.minor == v[1]) return s.spec;
    return std::nullopt;
  }
  // v >= {a, b}, compared as lists (no temporary vector).
  auto ge = [&](int a, int b) {
    const int w[2] = {a, b};
    return !std::lexicographical_compare(v.begin(), v.end(), std::begin(w), std::end(w));
  };
  if (ge(2, 0)) return std::nullopt;  // 2.0.1, 2.1, 3.0.0 ...
  if (ge(1, 25)) return std::nullopt;
  if (ge(1, 23)) return CabalSpec::V1_24;
  if (ge(1, 21)) return CabalSpec::V1_22;
  if (ge(1, 19)) return CabalSpec::V1_20;
  if (ge(1, 17)) return CabalSpec::V1_18;
  if (ge(1, 11)) return CabalSpec::V1_12;
  if (ge(1, 9)) return CabalSpec::V1_10;
  if (ge(1, 7)) return CabalSpec::V1_8;
  if (ge(1, 5)) return CabalSpec::V1_6;
  if (ge(1, 3)) return CabalSpec::V1_4;
  if (ge(1, 1)) return CabalSpec::V1_2;
  return CabalSpec::V1_0;
}

}  // namespace mhu::cabal
