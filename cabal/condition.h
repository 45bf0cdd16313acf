// Conditions of `if`/`elif` sections: flag(), os(), arch(), impl(), literals,
// !, &&, || and parentheses (Cabal-syntax's Condition ConfVar).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "cabal/diagnostic.h"
#include "cabal/fields.h"
#include "cabal/version.h"

namespace mhu::cabal {

struct Condition {
  enum class Kind { Literal, Flag, Os, Arch, Impl, Not, And, Or };
  Kind kind = Kind::Literal;
  bool value = true;          // Literal
  std::string name;           // Flag (lower-cased), Os/Arch (lower-cased canonical), Impl (flavor)
  VersionRange range;         // Impl
  std::vector<Condition> operands;  // Not: 1, And/Or: 2
};

// Parse the arguments of an `if`/`elif` section. On error, records it and
// returns false.
bool parse_condition(const std::vector<SectionArg>& args, Position section_pos, Condition& out,
                     Diagnostics& diags);

// The platform and compiler conditions are resolved against.
struct Platform {
  std::string os = "linux";
  std::string arch = "x86_64";
  std::string compiler = "ghc";
  Version compiler_version{{9, 10, 3}};
};

// The OS name Cabal's `os()` compares, with its aliases (darwin -> osx, ...).
std::string canonical_os(std::string_view name);

// Evaluate with every flag's value given by flag_value(name).
template <class FlagValue>
bool evaluate(const Condition& c, const Platform& p, const FlagValue& flag_value);

// Names of the flags a condition mentions.
void collect_flags(const Condition& c, std::vector<std::string>& out);

template <class FlagValue>
bool evaluate(const Condition& c, const Platform& p, const FlagValue& flag_value) {
  switch (c.kind) {
    case Condition::Kind::Literal: return c.value;
    case Condition::Kind::Flag: return flag_value(c.name);
    case Condition::Kind::Os: return c.name == p.os;
    case Condition::Kind::Arch: return c.name == p.arch;
    case Condition::Kind::Impl: return c.name == p.compiler && c.range.contains(p.compiler_version);
    case Condition::Kind::Not: return !evaluate(c.operands[0], p, flag_value);
    case Condition::Kind::And:
      return evaluate(c.operands[0], p, flag_value) && evaluate(c.operands[1], p, flag_value);
    case Condition::Kind::Or:
      return evaluate(c.operands[0], p, flag_value) || evaluate(c.operands[1], p, flag_value);
  }
  return false;
}

}  // namespace mhu::cabal
