// Fields and sections: the layout structure of a .cabal-style file
// (Cabal-syntax's Distribution.Fields.Parser), before any field is interpreted.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "cabal/diagnostic.h"

namespace mhu::cabal {

struct FieldLine {
  Position pos;
  std::string_view text;  // points into the input, which must outlive the fields
};

struct SectionArg {
  enum class Kind { Name, Str, Other } kind;
  Position pos;
  std::string_view text;
};

struct Field {
  std::string name;  // lower-cased, as Cabal compares names
  Position pos;
  bool is_section = false;
  std::vector<FieldLine> lines;  // a field's value lines
  std::vector<SectionArg> args;  // a section's arguments
  std::vector<Field> children;   // a section's fields and sections
};

// Read the layout of a whole file. Lexer warnings (tabs, non-breaking spaces,
// byte-order mark, inconsistent indentation) are added to diags; a syntax error
// is added as an error and false returned.
bool read_fields(std::string_view input, std::vector<Field>& out, Diagnostics& diags);

// The field's value lines joined with '\n' (Cabal's fieldlinesToBS).
std::string join_field_lines(const std::vector<FieldLine>& lines);

}  // namespace mhu::cabal
