#include "cabal/version.h"

#include <catch2/catch.hpp>

using namespace mhu::cabal;

namespace {

struct RangeResult {
  bool ok = false;
  std::string printed;
  VersionRange range;
  ValueDiags diags;
  size_t warnings() const {
    size_t n = 0;
    for (const auto& d : diags) n += !d.is_error;
    return n;
  }
  std::string error() const {
    for (const auto& d : diags)
      if (d.is_error) return d.message;
    return "";
  }
};

// Parse a whole value as a field would: spaces around, nothing left over.
RangeResult range(std::string_view text, CabalSpec spec = kLatestCabalSpec) {
  RangeResult r;
  ValueCursor cur(text, spec, r.diags);
  cur.skip_spaces();
  r.ok = parse_version_range(cur, r.range);
  if (r.ok) {
    cur.skip_spaces();
    if (!cur.at_end()) r.ok = cur.fail_expecting("end of input");
  }
  if (r.ok) r.printed = to_string(r.range);
  return r;
}

std::string show(std::string_view text, CabalSpec spec = kLatestCabalSpec) {
  auto r = range(text, spec);
  return r.ok ? r.printed : "ERROR: " + r.error();
}

bool fails(std::string_view text, CabalSpec spec = kLatestCabalSpec) { return !range(text, spec).ok; }

Version ver(std::string_view s) {
  Version v;
  REQUIRE(parse_version(s, v));
  return v;
}

}  // namespace

TEST_CASE("versions", "[version]") {
  CHECK(ver("1.2.3").numbers == std::vector<int>{1, 2, 3});
  CHECK(ver("0").numbers == std::vector<int>{0});
  CHECK(ver(" 4.10.0.0 ").numbers == std::vector<int>{4, 10, 0, 0});
  CHECK(ver("123456789").numbers == std::vector<int>{123456789});
  Version v;
  CHECK_FALSE(parse_version("01", v));
  CHECK_FALSE(parse_version("1.01", v));
  CHECK_FALSE(parse_version("1234567890", v));
  CHECK_FALSE(parse_version("1.2.", v));
  CHECK_FALSE(parse_version(".1", v));
  CHECK_FALSE(parse_version("", v));
  CHECK_FALSE(parse_version("1..2", v));
  CHECK_FALSE(parse_version("1.2 3", v));
  CHECK_FALSE(parse_version("1.0-", v));
  CHECK(to_string(Version{{1, 10, 0}}) == "1.10.0");
  CHECK(Version{{1, 2}} < Version{{1, 2, 0}});
  CHECK(Version{{1, 10}} > Version{{1, 9, 9}});
}

TEST_CASE("version tags are accepted with a warning", "[version]") {
  ValueDiags diags;
  ValueCursor cur("1.0-beta-2 rest", kLatestCabalSpec, diags);
  Version v;
  REQUIRE(parse_version(cur, v));
  CHECK(v.numbers == std::vector<int>{1, 0});
  CHECK(cur.offset() == 10);
  REQUIRE(diags.size() == 1);
  CHECK_FALSE(diags[0].is_error);
  CHECK(show(">=1.0-rc1") == ">=1.0");
  CHECK(range(">=1.0-rc1").warnings() == 1);
}

TEST_CASE("every version operator", "[version]") {
  CHECK(show("==1.2.3") == "==1.2.3");
  CHECK(show("> 1") == ">1");
  CHECK(show(">=1.0") == ">=1.0");
  CHECK(show("<2") == "<2");
  CHECK(show("<= 2.1") == "<=2.1");
  CHECK(show("^>=1.2") == "^>=1.2");
  CHECK(show("^>= 0.4.1") == "^>=0.4.1");
  CHECK(range("==1").range.op == VersionRange::Op::This);
  CHECK(range(">1").range.op == VersionRange::Op::Later);
  CHECK(range(">=1").range.op == VersionRange::Op::OrLater);
  CHECK(range("<1").range.op == VersionRange::Op::Earlier);
  CHECK(range("<=1").range.op == VersionRange::Op::OrEarlier);
  CHECK(range("^>=1").range.op == VersionRange::Op::MajorBound);
  // Not operators.
  CHECK(fails("=1"));
  CHECK(fails("=>1"));
  CHECK(fails("=<1"));
  CHECK(fails("!=1"));
  CHECK(fails(">>1"));
  CHECK(fails("1.0"));
  CHECK(fails(">="));
  CHECK(fails(""));
  CHECK(fails(">= 1."));
  CHECK(fails(">=01"));
  CHECK(fails(">=1234567890"));
  CHECK(show(">=123456789") == ">=123456789");
}

TEST_CASE("whitespace around and inside ranges", "[version]") {
  CHECK(show("  >= 4.10   &&   < 5  ") == ">=4.10 && <5");
  CHECK(show(">=4.10&&<5") == ">=4.10 && <5");
  CHECK(show(">=1\n  && <2\n  || ==3") == ">=1 && <2 || ==3");
  CHECK(show("( >=1 )") == ">=1");
  CHECK(fails(">=1 & <2"));
  CHECK(fails(">=1 | <2"));
  CHECK(fails(">=1 &&"));
  CHECK(fails(">=1 ||"));
  CHECK(fails("&& >=1"));
  CHECK(fails(">=1 <2"));
}

TEST_CASE("precedence and parentheses when printing", "[version]") {
  // && binds tighter than ||; both nest to the right.
  auto r = range("<1 || >2 && <3");
  REQUIRE(r.ok);
  CHECK(r.range.op == VersionRange::Op::Union);
  CHECK(r.range.operands[1].op == VersionRange::Op::Intersection);
  CHECK(r.printed == "<1 || >2 && <3");
  CHECK(show(">2 && <3 || <1") == ">2 && <3 || <1");
  CHECK(show("(<1 || >2) && <3") == "(<1 || >2) && <3");
  CHECK(show("<3 && (<1 || >2)") == "<3 && (<1 || >2)");
  // Explicit left nesting is kept and shown.
  CHECK(show("(>=1 && <2) && <3") == "(>=1 && <2) && <3");
  CHECK(show(">=1 && (<2 && <3)") == ">=1 && <2 && <3");
  CHECK(show("(<1 || <2) || <3") == "(<1 || <2) || <3");
  CHECK(show("<1 || (<2 || <3)") == "<1 || <2 || <3");
  CHECK(show("((>=1))") == ">=1");
  CHECK(show("(>=1 || <0) && (<2 || >3)") == "(>=1 || <0) && (<2 || >3)");
  CHECK(fails("(>=1"));
  CHECK(fails(">=1)"));
  CHECK(fails("()"));
  // Built with intersect/unite.
  CHECK(to_string(intersect(range(">=1 || <0").range, range("<2").range)) == "(>=1 || <0) && <2");
  CHECK(to_string(intersect(range(">=1 && <2").range, range("<3").range)) == "(>=1 && <2) && <3");
  CHECK(to_string(unite(range(">=1 && <2").range, range("==3").range)) == ">=1 && <2 || ==3");
  CHECK(to_string(VersionRange::any()) == ">=0");
}

TEST_CASE("wildcards", "[version]") {
  CHECK(show("==1.2.*") == ">=1.2 && <1.3");
  CHECK(show("== 1.*") == ">=1 && <2");
  CHECK(show("==0.4.1.*") == ">=0.4.1 && <0.4.2");
  CHECK(show("==2.* || ==3.*") == ">=2 && <3 || >=3 && <4");
  CHECK(show("==1.2.* && <1.2.5") == "(>=1.2 && <1.3) && <1.2.5");
  CHECK(fails(">= 1.2.*"));
  CHECK(fails("<1.*"));
  CHECK(fails("^>=1.2.*"));
  CHECK(fails("==*"));
  CHECK(fails("==1.*.2"));
  CHECK(fails("==1.2.*-tag"));
  // Before 1.6 only a warning.
  auto old = range("==1.2.*", CabalSpec::V1_4);
  CHECK(old.ok);
  CHECK(old.warnings() == 1);
  CHECK(range("==1.2.*", CabalSpec::V1_6).warnings() == 0);
}

TEST_CASE("ranges: -any and -none by spec version", "[version]") {
  CHECK(show("-any", CabalSpec::V1_0) == ">=0");
  CHECK(show("-any", CabalSpec::V3_0) == ">=0");
  CHECK(fails("-any", CabalSpec::V3_4));
  CHECK(fails("-any", CabalSpec::V3_12));
  CHECK(fails("-none", CabalSpec::V1_20));
  CHECK(show("-none", CabalSpec::V1_22) == "<0");
  CHECK(show("-none", CabalSpec::V3_0) == "<0");
  CHECK(fails("-none", CabalSpec::V3_4));
  CHECK(fails("-anything", CabalSpec::V3_0));
  CHECK(fails("- any", CabalSpec::V3_0));
  CHECK(fails("--any", CabalSpec::V3_0));
  CHECK(show("-any || ==1", CabalSpec::V1_24) == ">=0 || ==1");
  CHECK(range("-any", CabalSpec::V3_4).error().find("3.4") != std::string::npos);
}

TEST_CASE("^>= needs 2.0", "[version]") {
  CHECK(fails("^>=1.2", CabalSpec::V1_24));
  CHECK(range("^>=1.2", CabalSpec::V1_24).error().find(">=1.2 && <1.3") != std::string::npos);
  CHECK(show("^>=1.2", CabalSpec::V2_0) == "^>=1.2");
}

TEST_CASE("version sets need 3.0", "[version]") {
  CHECK(show("=={1.0, 1.1}", CabalSpec::V3_0) == "==1.0 || ==1.1");
  CHECK(show("== { 0.0.1.0 , 0.0.2.0 , 0.1.0.0 }") == "==0.0.1.0 || ==0.0.2.0 || ==0.1.0.0");
  CHECK(show("^>= { 1.2 , 1.3 }", CabalSpec::V3_0) == "^>=1.2 || ^>=1.3");
  CHECK(show("=={1}") == "==1");
  CHECK(show("=={1,2} && <2") == "(==1 || ==2) && <2");
  auto r = range("=={1,2,3}");
  REQUIRE(r.ok);
  CHECK(r.range.op == VersionRange::Op::Union);
  CHECK(r.range.operands[1].op == VersionRange::Op::Union);  // right-nested
  CHECK(fails("=={1.0, 1.1}", CabalSpec::V2_4));
  CHECK(fails("^>={1.0}", CabalSpec::V2_4));
  CHECK(fails("=={}"));
  CHECK(fails("=={1,}"));
  CHECK(fails("=={1.*}"));
  CHECK(fails("=={1-tag}"));
  CHECK(show(">={1}") == "ERROR: unexpected '{' after '>=', expecting a version (only '==' and '^>=' take a version set {...})");
  CHECK(fails("=={1"));
}

TEST_CASE("operators before 1.8 only warn", "[version]") {
  auto r = range(">=1 && <2 || ==3", CabalSpec::V1_6);
  CHECK(r.ok);
  CHECK(r.warnings() == 2);
  CHECK(range(">=1 && <2", CabalSpec::V1_8).warnings() == 0);
}

TEST_CASE("the whole-string parser", "[version]") {
  VersionRange r;
  std::string err;
  CHECK(parse_version_range(" >= 1.10 ", CabalSpec::V1_10, r, &err));
  CHECK(to_string(r) == ">=1.10");
  CHECK_FALSE(parse_version_range(">= 1.10 foo", CabalSpec::V1_10, r, &err));
  CHECK(err.find("'f'") != std::string::npos);
  CHECK_FALSE(parse_version_range(">= 1.2.*", CabalSpec::V3_0, r, &err));
  CHECK(err.find("wildcard") != std::string::npos);
}

TEST_CASE("contains", "[version]") {
  auto in = [](std::string_view r, std::string_view v) { return range(r).range.contains(ver(v)); };
  CHECK(in(">=1.2 && <1.3", "1.2.5"));
  CHECK_FALSE(in(">=1.2 && <1.3", "1.3"));
  CHECK(in("^>=1.2.3", "1.2.9"));
  CHECK_FALSE(in("^>=1.2.3", "1.2.2"));
  CHECK_FALSE(in("^>=1.2.3", "1.3"));
  CHECK(in("^>=1", "1.0.5"));
  CHECK_FALSE(in("^>=1", "1.1"));
  CHECK(in("==1.2.*", "1.2"));
  CHECK(in("==1.2.*", "1.2.99"));
  CHECK_FALSE(in("==1.2.*", "1.3"));
  CHECK(in("==1.0", "1.0"));
  CHECK_FALSE(in("==1.0", "1.0.0"));
  CHECK(in(">1", "1.0"));
  CHECK_FALSE(in(">1", "1"));
  CHECK(in("<=1", "1"));
  CHECK(in("<1 || >2", "3"));
  CHECK_FALSE(in("<1 || >2", "1.5"));
  CHECK(VersionRange::any().contains(Version{{0}}));
  CHECK_FALSE(range("-none", CabalSpec::V3_0).range.contains(Version{{0}}));
}

TEST_CASE("version intervals", "[version]") {
  auto iv = [](std::string_view r) { return as_version_intervals(range(r).range); };
  auto one = iv("^>=1.2 || >=1.2.5 && <1.4");
  REQUIRE(one.size() == 1);
  CHECK(one[0].lower == Version{{1, 2}});
  CHECK(one[0].lower_inclusive);
  CHECK(one[0].has_upper);
  CHECK(one[0].upper == Version{{1, 4}});
  CHECK_FALSE(one[0].upper_inclusive);
  CHECK(iv("<0").empty());
  CHECK(iv(">=2 && <1").empty());
  CHECK(iv("<1 || >2").size() == 2);
  CHECK(iv(">1 || ==1").size() == 1);
  CHECK(iv("<1 || >1").size() == 2);
  CHECK(iv("<=1 || >1").size() == 1);
  CHECK(is_any_version(range(">=0").range));
  CHECK(is_any_version(range("<1 || >=1").range));
  CHECK_FALSE(is_any_version(range(">=1").range));
  CHECK_FALSE(is_any_version(range(">0").range));
  // Chains of one operator (walked by a loop) and their mixtures: the
  // intervals hold exactly the versions the range contains.
  for (std::string_view r : {">=1 && <5 && >=2 && <=4", "==1 || ==3 || ==5 || >9", ">=1 && <5 && >=2 || ==7 || >9 && <10",
                             "<2 || >=3 && <4 || ^>=6.1 && >=6.1.5", ">=1 && (<2 || >3) && <5"}) {
    auto intervals = iv(r);
    auto in_intervals = [&](const Version& v) {
      for (const auto& i : intervals)
        if ((v > i.lower || (i.lower_inclusive && v == i.lower)) &&
            (!i.has_upper || v < i.upper || (i.upper_inclusive && v == i.upper)))
          return true;
      return false;
    };
    const VersionRange parsed = range(r).range;
    for (int major = 0; major <= 11; ++major)
      for (int minor : {-1, 0, 1, 5, 9}) {
        Version v = minor < 0 ? Version{{major}} : Version{{major, minor}};
        CAPTURE(r, to_string(v));
        CHECK(in_intervals(v) == parsed.contains(v));
      }
  }
  CHECK(major_upper_bound(Version{{1}}) == Version{{1, 1}});
  CHECK(major_upper_bound(Version{{0, 4, 1}}) == Version{{0, 5}});
  CHECK(wildcard_upper_bound(Version{{0, 4, 1}}) == Version{{0, 4, 2}});
}

TEST_CASE("version_range_starts", "[version]") {
  ValueDiags d;
  CHECK(version_range_starts(ValueCursor(">=1", kLatestCabalSpec, d)));
  CHECK(version_range_starts(ValueCursor("(>=1)", kLatestCabalSpec, d)));
  CHECK(version_range_starts(ValueCursor("^>=1", kLatestCabalSpec, d)));
  CHECK_FALSE(version_range_starts(ValueCursor(", foo", kLatestCabalSpec, d)));
  CHECK_FALSE(version_range_starts(ValueCursor("", kLatestCabalSpec, d)));
  CHECK_FALSE(version_range_starts(ValueCursor("-any", CabalSpec::V3_4, d)));
  CHECK(version_range_starts(ValueCursor("-any", CabalSpec::V3_0, d)));
}

TEST_CASE("range spellings found in the Hackage corpus", "[version]") {
  CHECK(show(">= 4.5 && < 4.20") == ">=4.5 && <4.20");
  CHECK(show(">=0.3.1 && < 0.4 || >= 0.5 && < 0.6") == ">=0.3.1 && <0.4 || >=0.5 && <0.6");
  CHECK(show("== 2.*") == ">=2 && <3");
  CHECK(show("^>=4.14.0.0 || ^>=4.15") == "^>=4.14.0.0 || ^>=4.15");
  CHECK(show(">=1.2.3 && <1.3 || ^>=1.3") == ">=1.2.3 && <1.3 || ^>=1.3");
  CHECK(show("(>= 1 && < 2) || (>= 3 && < 4)") == ">=1 && <2 || >=3 && <4");
}

TEST_CASE("errors after a version are reported after it, as Cabal does", "[version]") {
  auto at = [](std::string_view text, CabalSpec spec = kLatestCabalSpec) {
    auto r = range(text, spec);
    for (const auto& d : r.diags)
      if (d.is_error) return d.offset;
    return std::string_view::npos;
  };
  CHECK(at(">=1.02.3") == 6);            // after the digits "02"
  CHECK(at("<1.1234567890") == 13);      // after the ten digits
  CHECK(at("> 2.*") == 5);               // after the '*'
  CHECK(at("^>= 1.2.*") == 9);
  CHECK(at("-none", CabalSpec::V1_20) == 5);
  CHECK(at("^>= 0.6.7", CabalSpec::V1_24) == 9);
  CHECK(at("=={1, 2}", CabalSpec::V2_4) == 8);
  CHECK(at("=> 1.0") == 6);              // an unknown operator, after its version
  CHECK(range(">=1.02").error() == "version number part '02' has a leading zero, expected a number without leading zeros");
  CHECK(range(">= 2.*").error() ==
        "wildcard version '2.*' after '>=', expected a plain version (only '==' takes a version ending in '.*')");
  CHECK(range("=> 1.0").error() == "unknown version operator '=>', expected one of ==, >=, >, <=, <, ^>=");
}
