#include "cabal/spec_version.h"

#include <catch2/catch.hpp>

using namespace mhu::cabal;

namespace {
using Spec = std::optional<CabalSpec>;
Spec from(std::vector<int> digits) { return spec_from_version_digits(digits); }
}  // namespace

TEST_CASE("versions below 2.0 round up to the next spec that changed something") {
  // Cabal's cabalSpecFromVersionDigits.
  CHECK(from({0}) == CabalSpec::V1_0);
  CHECK(from({0, 9}) == CabalSpec::V1_0);
  CHECK(from({1}) == CabalSpec::V1_0);  // [1] < [1,1]
  CHECK(from({1, 0}) == CabalSpec::V1_0);
  CHECK(from({1, 0, 99}) == CabalSpec::V1_0);
  CHECK(from({1, 1}) == CabalSpec::V1_2);
  CHECK(from({1, 2}) == CabalSpec::V1_2);
  CHECK(from({1, 2, 3}) == CabalSpec::V1_2);
  CHECK(from({1, 3}) == CabalSpec::V1_4);
  CHECK(from({1, 5}) == CabalSpec::V1_6);
  CHECK(from({1, 6}) == CabalSpec::V1_6);
  CHECK(from({1, 7}) == CabalSpec::V1_8);
  CHECK(from({1, 8}) == CabalSpec::V1_8);
  CHECK(from({1, 9}) == CabalSpec::V1_10);
  CHECK(from({1, 10}) == CabalSpec::V1_10);
  CHECK(from({1, 10, 0}) == CabalSpec::V1_10);
  CHECK(from({1, 11}) == CabalSpec::V1_12);
  CHECK(from({1, 12}) == CabalSpec::V1_12);
  CHECK(from({1, 16}) == CabalSpec::V1_12);  // no spec between 1.12 and 1.18
  CHECK(from({1, 17}) == CabalSpec::V1_18);
  CHECK(from({1, 18}) == CabalSpec::V1_18);
  CHECK(from({1, 19}) == CabalSpec::V1_20);
  CHECK(from({1, 21}) == CabalSpec::V1_22);
  CHECK(from({1, 22, 1}) == CabalSpec::V1_22);
  CHECK(from({1, 23}) == CabalSpec::V1_24);
  CHECK(from({1, 24}) == CabalSpec::V1_24);
  CHECK(from({1, 24, 9}) == CabalSpec::V1_24);
  CHECK(from({1, 25}) == std::nullopt);
  CHECK(from({1, 99}) == std::nullopt);
}

TEST_CASE("from 2.0 on only the exact two-digit versions of a spec exist") {
  CHECK(from({2, 0}) == CabalSpec::V2_0);
  CHECK(from({2, 2}) == CabalSpec::V2_2);
  CHECK(from({2, 4}) == CabalSpec::V2_4);
  CHECK(from({3, 0}) == CabalSpec::V3_0);
  CHECK(from({3, 4}) == CabalSpec::V3_4);
  CHECK(from({3, 6}) == CabalSpec::V3_6);
  CHECK(from({3, 8}) == CabalSpec::V3_8);
  CHECK(from({3, 12}) == CabalSpec::V3_12);
  // No rounding up any more.
  CHECK(from({2, 1}) == std::nullopt);
  CHECK(from({2, 3}) == std::nullopt);
  CHECK(from({3, 2}) == std::nullopt);
  CHECK(from({3, 10}) == std::nullopt);
  CHECK(from({3, 14}) == std::nullopt);
  CHECK(from({4, 0}) == std::nullopt);
  // Nor other lengths.
  CHECK(from({2}) == std::nullopt);
  CHECK(from({3}) == std::nullopt);
  CHECK(from({2, 0, 0}) == std::nullopt);
  CHECK(from({3, 0, 1}) == std::nullopt);
  CHECK(from({3, 12, 0}) == std::nullopt);
}

TEST_CASE("spec_to_string prints major.minor; digits round-trip") {
  CHECK(spec_to_string(CabalSpec::V1_0) == "1.0");
  CHECK(spec_to_string(CabalSpec::V1_2) == "1.2");
  CHECK(spec_to_string(CabalSpec::V1_10) == "1.10");
  CHECK(spec_to_string(CabalSpec::V1_24) == "1.24");
  CHECK(spec_to_string(CabalSpec::V2_0) == "2.0");
  CHECK(spec_to_string(CabalSpec::V3_0) == "3.0");
  CHECK(spec_to_string(CabalSpec::V3_12) == "3.12");
  CHECK(kLatestCabalSpec == CabalSpec::V3_12);

  // Every spec, in order: the table and the enum agree.
  std::vector<std::string> all;
  for (int i = 0; i <= static_cast<int>(kLatestCabalSpec); ++i) {
    auto s = static_cast<CabalSpec>(i);
    INFO(spec_to_string(s));
    CHECK(spec_from_version_digits(spec_to_version_digits(s)) == s);
    all.push_back(spec_to_string(s));
  }
  CHECK(all == std::vector<std::string>{"1.0", "1.2", "1.4", "1.6", "1.8", "1.10", "1.12", "1.18", "1.20", "1.22",
                                        "1.24", "2.0", "2.2", "2.4", "3.0", "3.4", "3.6", "3.8", "3.12"});
  CHECK(spec_to_version_digits(CabalSpec::V1_18) == std::vector<int>{1, 18});
}

TEST_CASE("specs compare in version order") {
  CHECK(CabalSpec::V1_10 < CabalSpec::V1_12);
  CHECK(CabalSpec::V1_24 < CabalSpec::V2_0);
  CHECK(CabalSpec::V3_8 < CabalSpec::V3_12);
}
