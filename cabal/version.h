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
VersionRange intersect(VersionRange a, VersionRange b);

// Parsers in Cabal's grammar for the given spec version (which operators and
// forms are allowed). On failure they record an error on the cursor and
// return false. Leading and trailing spaces are the caller's business.
bool parse_version(ValueCursor& cur, Version& out);
bool parse_version_range(ValueCursor& cur, VersionRange& out);

// Whole-string conveniences (the entire text must be one version / range).
bool parse_version(std::string_view text, Version& out);
bool parse_version_range(std::string_view text, CabalSpec spec, VersionRange& out,
                         std::string* error = nullptr);

}  // namespace mhu::cabal
