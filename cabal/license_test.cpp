#include "cabal/license.h"

#include <catch2/catch.hpp>

using namespace mhu::cabal;

namespace {

struct Result {
  bool ok = false;
  std::string pretty;
  std::string rest;   // unconsumed input
  std::string error;  // first error message
  size_t error_offset = 0;
  bool warned = false;
};

Result lic(std::string_view text, CabalSpec spec) {
  ValueDiags diags;
  ValueCursor cur(text, spec, diags);
  Result r;
  r.ok = parse_license(cur, spec >= CabalSpec::V2_2, &r.pretty);
  r.rest = std::string(text.substr(cur.offset()));
  for (const auto& d : diags) {
    if (d.is_error && r.error.empty()) {
      r.error = d.message;
      r.error_offset = d.offset;
    }
    if (!d.is_error) r.warned = true;
  }
  if (!r.ok) CHECK(!r.error.empty());
  return r;
}

// The whole text is accepted; returns the pretty form.
std::string spdx(std::string_view text, CabalSpec spec = CabalSpec::V3_12) {
  Result r = lic(text, spec);
  if (!r.ok) return "ERROR: " + r.error;
  if (!r.rest.empty()) return "REST: " + r.rest;
  return r.pretty;
}

}  // namespace

TEST_CASE("SPDX list version by cabal-version") {
  CHECK(spdx_list_version(CabalSpec::V2_2) == SpdxListVersion::V3_0);
  CHECK(spdx_list_version(CabalSpec::V2_4) == SpdxListVersion::V3_2);
  CHECK(spdx_list_version(CabalSpec::V3_0) == SpdxListVersion::V3_6);
  CHECK(spdx_list_version(CabalSpec::V3_4) == SpdxListVersion::V3_9);
  CHECK(spdx_list_version(CabalSpec::V3_6) == SpdxListVersion::V3_10);
  CHECK(spdx_list_version(CabalSpec::V3_8) == SpdxListVersion::V3_16);
  CHECK(spdx_list_version(CabalSpec::V3_12) == SpdxListVersion::V3_23);
  CHECK(spdx_list_version(CabalSpec::V1_10) == SpdxListVersion::V3_0);
}

TEST_CASE("SPDX id tables") {
  CHECK(is_spdx_license_id("MIT", SpdxListVersion::V3_0));
  CHECK(is_spdx_license_id("0BSD", SpdxListVersion::V3_23));
  CHECK(is_spdx_license_id("AGPL-1.0", SpdxListVersion::V3_0));
  CHECK_FALSE(is_spdx_license_id("AGPL-1.0", SpdxListVersion::V3_2));
  CHECK_FALSE(is_spdx_license_id("AGPL-1.0-only", SpdxListVersion::V3_0));
  CHECK(is_spdx_license_id("AGPL-1.0-only", SpdxListVersion::V3_2));
  CHECK(is_spdx_license_id("blessing", SpdxListVersion::V3_6));
  CHECK_FALSE(is_spdx_license_id("Blessing", SpdxListVersion::V3_6));  // case-sensitive
  CHECK_FALSE(is_spdx_license_id("mit", SpdxListVersion::V3_23));
  CHECK_FALSE(is_spdx_license_id("GPL-2.0", SpdxListVersion::V3_0));  // Cabal leaves out deprecated ids
  CHECK(is_spdx_exception_id("Classpath-exception-2.0", SpdxListVersion::V3_0));
  CHECK(is_spdx_exception_id("Nokia-Qt-exception-1.1", SpdxListVersion::V3_0));
  CHECK_FALSE(is_spdx_exception_id("LLVM-exception", SpdxListVersion::V3_0));
  CHECK(is_spdx_exception_id("LLVM-exception", SpdxListVersion::V3_2));
  CHECK_FALSE(is_spdx_exception_id("MIT", SpdxListVersion::V3_23));
}

TEST_CASE("SPDX simple expressions") {
  CHECK(spdx("MIT") == "MIT");
  CHECK(spdx("BSD-3-Clause") == "BSD-3-Clause");
  CHECK(spdx("GPL-2.0-or-later") == "GPL-2.0-or-later");
  CHECK(spdx("Apache-2.0+") == "Apache-2.0+");
  CHECK(spdx("GPL-2.0-only+") == "GPL-2.0-only+");
  CHECK(spdx("NONE") == "NONE");
  CHECK(spdx("LicenseRef-Foo.1") == "LicenseRef-Foo.1");
  CHECK(spdx("LicenseRef-") == "LicenseRef-");
  CHECK(spdx("DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2") ==
        "DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2");
  CHECK(spdx("GPL-2.0-only WITH Classpath-exception-2.0") ==
        "GPL-2.0-only WITH Classpath-exception-2.0");
}

TEST_CASE("SPDX compound expressions and their pretty form") {
  CHECK(spdx("MIT AND BSD-3-Clause") == "MIT AND BSD-3-Clause");
  CHECK(spdx("MIT OR Apache-2.0") == "(MIT OR Apache-2.0)");  // Cabal parenthesises OR
  CHECK(spdx("MIT OR Apache-2.0 OR ISC") == "(MIT OR Apache-2.0 OR ISC)");
  CHECK(spdx("MIT AND ISC OR Apache-2.0") == "(MIT AND ISC OR Apache-2.0)");
  CHECK(spdx("MIT AND (ISC OR Apache-2.0)") == "MIT AND (ISC OR Apache-2.0)");
  CHECK(spdx("(MIT)") == "MIT");
  CHECK(spdx("( MIT AND ISC)") == "MIT AND ISC");
  CHECK(spdx("MIT\n  AND\tISC") == "MIT AND ISC");
  CHECK(spdx("(MIT OR ISC) AND (BSD-2-Clause OR Apache-2.0)") ==
        "(MIT OR ISC) AND (BSD-2-Clause OR Apache-2.0)");
}

TEST_CASE("SPDX errors") {
  Result r = lic("BSD3", CabalSpec::V2_2);
  CHECK_FALSE(r.ok);
  CHECK(r.error ==
        "Unknown SPDX license identifier: 'BSD3', expected an identifier of SPDX License List 3.0 (the list for "
        "cabal-version 2.2). Do you mean BSD-3-Clause?");
  CHECK(r.error_offset == 4);  // after the identifier, as Cabal reports it
  CHECK(lic("AGPL-1.0", CabalSpec::V2_4).error ==
        "Unknown SPDX license identifier: 'AGPL-1.0', expected an identifier of SPDX License List 3.2 (the list for "
        "cabal-version 2.4), but 'AGPL-1.0' is only in list 3.0");
  CHECK(spdx("AGPL-1.0", CabalSpec::V2_2) == "AGPL-1.0");
  CHECK(lic("AGPL-1.0-only", CabalSpec::V2_2).error ==
        "Unknown SPDX license identifier: 'AGPL-1.0-only', expected an identifier of SPDX License List 3.0 (the list "
        "for cabal-version 2.2), but 'AGPL-1.0-only' is only in lists 3.2, 3.6, 3.9, 3.10, 3.16, 3.23");
  CHECK(lic("GPL-3.0", CabalSpec::V2_2).error ==
        "Unknown SPDX license identifier: 'GPL-3.0', expected an identifier of SPDX License List 3.0 (the list for "
        "cabal-version 2.2). SPDX license list 3.0 deprecated suffixless variants of GNU family of licenses. Use "
        "GPL-3.0-only or GPL-3.0-or-later.");
  CHECK(lic("GPL-3", CabalSpec::V3_0).error ==
        "Unknown SPDX license identifier: 'GPL-3', expected an identifier of SPDX License List 3.6 (the list for "
        "cabal-version 3.0)");
  CHECK(lic("OtherLicense", CabalSpec::V3_0).error.find("SPDX license list contains plenty") !=
        std::string::npos);
  CHECK(spdx("mit").rfind("ERROR: Unknown SPDX license identifier: 'mit'", 0) == 0);
  CHECK(spdx("MIT WITH Foo-exception") ==
        "ERROR: Unknown SPDX license exception identifier: Foo-exception");
  CHECK(spdx("MIT AND") == "REST:  AND");  // no space after AND: not an operator
  CHECK(spdx("MIT AND ").rfind("ERROR", 0) == 0);
  CHECK(spdx("(MIT)AND(ISC)") == "REST: AND(ISC)");
  CHECK(spdx("(MIT ) ").rfind("ERROR", 0) == 0);  // no space before ')'
  CHECK(spdx("(MIT").rfind("ERROR", 0) == 0);
  CHECK(spdx("MITAND ISC").rfind("ERROR", 0) == 0);
  CHECK(spdx("MIT and ISC") == "REST:  and ISC");  // operators are upper case
  CHECK(spdx("LicenseRef-x+") == "REST: +");
  CHECK(spdx("NONE AND MIT") == "REST:  AND MIT");
  CHECK(spdx("NONEX") == "REST: X");
  CHECK(spdx("DocumentRef-x").rfind("ERROR", 0) == 0);
  CHECK(spdx("DocumentRef-x:LicenseRef-").rfind("ERROR", 0) == 0);
  CHECK(spdx("").rfind("ERROR", 0) == 0);
  CHECK(spdx("MIT WITH").rfind("REST", 0) == 0);
}

TEST_CASE("legacy licenses") {
  auto legacy = [](std::string_view t) { return spdx(t, CabalSpec::V1_10); };
  CHECK(legacy("BSD3") == "BSD3");
  CHECK(legacy("GPL") == "GPL");
  CHECK(legacy("GPL-3") == "GPL-3");
  CHECK(legacy("LGPL-2.1") == "LGPL-2.1");
  CHECK(legacy("MPL-2.0") == "MPL-2.0");
  CHECK(legacy("Apache-2.0") == "Apache-2.0");
  CHECK(legacy("PublicDomain") == "PublicDomain");
  CHECK(legacy("OtherLicense") == "OtherLicense");
  CHECK(legacy("AllRightsReserved") == "AllRightsReserved");
  CHECK(legacy("MIT") == "MIT");
  CHECK(legacy("Foo") == "Foo");            // UnknownLicense
  CHECK(legacy("BSD3-1") == "BSD3-1");      // UnknownLicense "BSD3-1"
  CHECK(legacy("bsd3") == "bsd3");          // UnknownLicense
  CHECK(legacy("BSD-3-Clause") == "BSD-3");  // version 3 with tag "Clause", tag dropped
  Result r = lic("BSD-3-Clause", CabalSpec::V2_0);
  CHECK(r.ok);
  CHECK(r.warned);  // "version with tags"
  CHECK(legacy("GPL-").rfind("ERROR", 0) == 0);     // '-' must be followed by a version
  CHECK(legacy("GPL-x").rfind("ERROR", 0) == 0);
  CHECK(legacy("").rfind("ERROR", 0) == 0);
  CHECK(legacy("MIT OR BSD3") == "REST:  OR BSD3");
  CHECK(legacy("GPL-2.0+") == "REST: +");
}

TEST_CASE("migration messages") {
  CHECK(spdx_migration_message("GPL-2.0") ==
        "SPDX license list 3.0 deprecated suffixless variants of GNU family of licenses. Use "
        "GPL-2.0-only or GPL-2.0-or-later.");
  CHECK(spdx_migration_message("BSD2") == "Do you mean BSD-2-Clause?");
  CHECK(spdx_migration_message("AllRightsReserved") == "You can use NONE as a value of license field.");
  CHECK(spdx_migration_message("Foo").empty());
}
