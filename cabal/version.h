// Versions and version ranges as the .cabal format writes them
// (Cabal-syntax's Version and VersionRange).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "cabal/value_cursor.h"

namespace mhu::cabal {

struct Version {
  std::vector<int> numbers;  // 1.2.3 -> {1, 2, 3}; never empty once parsed
  friend auto operator<=>(const Version&, const Version&) = default;
  friend bool operator==(const Version&, const Version&) = default;
};

std::string to_string(const Version& v);

// A version range as Cabal keeps it after parsing: `-any` is `>=0`, `-none` is
// `<0`, `==1.2.*` is `>=1.2 && <1.3`, `== {1, 2}` is `==1 || ==2`.
struct VersionRange {
  enum class Op {
    This,          // ==v
    Later,         // >v
    OrLater,       // >=v
    Earlier,       // <v
    OrEarlier,     // <=v
    MajorBound,    // ^>=v
    Union,         // operands[0] || operands[1]
    Intersection,  // operands[0] && operands[1]
  };
  Op op = Op::OrLater;
  Version version{{0}};
  std::vector<VersionRange> operands;

  static VersionRange any() { return {}; }
  bool contains(const Version& v) const;
};

// As Cabal's prettyShow prints it: ">=4.10 && <5", "^>=1.2 || ==2.0".
std::string to_string(const VersionRange& r);
// The same text appended to `out` (no temporary string).
void append_version(std::string& out, const Version& v);
void append_version_range(std::string& out, const VersionRange& r);
VersionRange intersect(VersionRange a, VersionRange b);
VersionRange unite(VersionRange a, VersionRange b);  // a || b
VersionRange make_range(VersionRange::Op op, Version v);  // a leaf: ==v, >=v, ...

// ^>=1.2.3 allows up to 1.3 (exclusive); ^>=1 up to 1.1.
Version major_upper_bound(const Version& v);
// ==1.2.* allows up to 1.3 (exclusive).
Version wildcard_upper_bound(const Version& v);

// A range as Cabal's asVersionIntervals sees it: sorted, disjoint, non-empty
// intervals. An empty list is the empty range.
struct VersionInterval {
  Version lower;
  bool lower_inclusive = true;
  bool has_upper = false;  // false: no upper bound
  Version upper;
  bool upper_inclusive = false;
};
std::vector<VersionInterval> as_version_intervals(const VersionRange& r);
// Cabal's isAnyVersion: the range admits every version (it is >=0 in meaning).
bool is_any_version(const VersionRange& r);

// Parsers in Cabal's grammar for the given spec version (which operators and
// forms are allowed). On failure they record an error on the cursor and
// return false. Leading and trailing spaces are the caller's business (the
// range parser, like Cabal's, also skips spaces before and after the range).
bool parse_version(ValueCursor& cur, Version& out);
bool parse_version_range(ValueCursor& cur, VersionRange& out);
// The same grammar with Cabal's lax digits (P.integral: leading zeros and any
// length allowed), as pkgconfig-depends uses before cabal-version 3.0.
bool parse_version_range_integral_digits(ValueCursor& cur, VersionRange& out);
// Whether the text at the cursor starts a version range, i.e. whether Cabal's
// range parser would consume input here ('(' or an operator character). Where
// a range is optional (after a dependency's name) it is read only then.
bool version_range_starts(const ValueCursor& cur);

// Whole-string conveniences (the entire text must be one version / range;
// surrounding white space is allowed, as in a field value).
bool parse_version(std::string_view text, Version& out);
bool parse_version_range(std::string_view text, CabalSpec spec, VersionRange& out,
                         std::string* error = nullptr);

}  // namespace mhu::cabal
