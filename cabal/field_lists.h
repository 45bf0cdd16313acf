// List syntaxes of .cabal field values (Cabal-syntax's FieldGrammar.Newtypes):
// which separators a field takes depends on the field and the spec version.
#pragma once

#include <string>
#include <vector>

#include "cabal/value_cursor.h"

namespace mhu::cabal {

enum class ListSep {
  CommaVCat,    // commas required (leading comma allowed from 2.2)
  CommaFSep,    // same rules as CommaVCat
  VCat,         // commas optional (leading comma allowed from 3.0)
  FSep,         // same rules as VCat
  NoCommaFSep,  // whitespace only
};

// Parse the whole value as a list of items, each read by item(cur, T&), with
// the separator rules of `sep` at cur.spec(). Spaces around items are skipped;
// anything left over is an error. Returns false after recording an error.
template <class T, class ItemParser>
bool parse_list(ValueCursor& cur, ListSep sep, ItemParser item, std::vector<T>& out);

// Common item kinds.
enum class TokenKind {
  Token,       // parsecToken: string literal or run of non-space, non-comma
  TokenPrime,  // parsecToken': string literal or run of non-space (commas allowed)
  FilePath,    // FilePathNT: Token, but not empty
};
// Cabal's FilePathNT: a token that is not empty.
bool parse_file_path(ValueCursor& cur, std::string& out);
bool parse_token_list(ValueCursor& cur, ListSep sep, TokenKind kind, std::vector<std::string>& out);
// Module names, each optionally in double quotes (MQuoted).
bool parse_module_name_list(ValueCursor& cur, ListSep sep, std::vector<std::string>& out);

}  // namespace mhu::cabal

#include "cabal/field_lists_impl.h"
