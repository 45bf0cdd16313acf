// List separators of field values (Cabal-syntax's FieldGrammar.Newtypes Sep
// instances and Distribution.Parsec's parsec*CommaList combinators).
#include "cabal/field_lists.h"

#include "cabal/dependency.h"

namespace mhu::cabal {

namespace detail {

ListReader::ListReader(ValueCursor& cur, ListSep sep) : cur_(cur), sep_(sep) {}

bool ListReader::finish() {
  if (cur_.at_end()) return false;
  ok_ = false;
  cur_.fail_expecting("',' or the end of the list");
  return false;
}

bool ListReader::fail_comma(const char* what) {
  ok_ = false;
  cur_.fail(std::string("unexpected ") + cur_.describe_next() + ", expecting a list item: " + what);
  return false;
}

bool ListReader::next() {
  // Spaces before the value and after every item (Cabal's `p <* spaces`).
  cur_.skip_spaces();
  if (first_) {
    first_ = false;
    CabalSpec spec = cur_.spec();
    switch (sep_) {
      case ListSep::CommaVCat:
      case ListSep::CommaFSep:
        // parsecLeadingCommaList from 2.2: a leading comma means no trailing
        // one; without it a trailing comma is allowed. Before: parsecCommaList.
        if (spec >= CabalSpec::V2_2) {
          if (cur_.eat(',')) {
            cur_.skip_spaces();
            commas_ = Commas::Required;
            leading_comma_ = true;
            return true;  // an item must follow a leading comma
          }
          commas_ = Commas::RequiredTrailing;
        } else {
          if (!cur_.at_end() && cur_.peek() == ',')
            return fail_comma("a leading comma in this list needs cabal-version 2.2 or later");
          commas_ = Commas::Required;
        }
        break;
      case ListSep::VCat:
      case ListSep::FSep:
        // parsecLeadingOptCommaList from 3.0: commas between all items or
        // none; with a leading comma, no trailing one. Before:
        // parsecOptCommaList, where each comma is optional.
        if (spec >= CabalSpec::V3_0) {
          if (cur_.eat(',')) {
            cur_.skip_spaces();
            commas_ = Commas::Required;
            leading_comma_ = true;
            return true;
          }
          commas_ = Commas::Undecided;
        } else {
          if (!cur_.at_end() && cur_.peek() == ',')
            return fail_comma("a leading comma in this list needs cabal-version 3.0 or later");
          commas_ = Commas::Optional;
        }
        break;
      case ListSep::NoCommaFSep:
        commas_ = Commas::None;
        break;
    }
    return !cur_.at_end();  // an empty value is an empty list
  }

  switch (commas_) {
    case Commas::Required:
      if (!cur_.eat(',')) return finish();
      cur_.skip_spaces();
      if (cur_.at_end())
        return fail_comma(leading_comma_ ? "a list that starts with a comma cannot end with one"
                          : sep_ == ListSep::CommaVCat || sep_ == ListSep::CommaFSep
                              ? "a trailing comma in this list needs cabal-version 2.2 or later"
                              : "a trailing comma in this list needs cabal-version 3.0 or later");
      return true;
    case Commas::RequiredTrailing:
      if (!cur_.eat(',')) return finish();
      cur_.skip_spaces();
      return !cur_.at_end();
    case Commas::Optional: {
      bool comma = cur_.eat(',');
      if (comma) cur_.skip_spaces();
      if (comma && cur_.at_end()) return fail_comma("a trailing comma in this list needs cabal-version 3.0 or later");
      return comma || !cur_.at_end();
    }
    case Commas::Undecided:
      // The first separator decides for the whole list.
      if (cur_.eat(',')) {
        cur_.skip_spaces();
        commas_ = Commas::RequiredTrailing;
        return !cur_.at_end();
      }
      commas_ = Commas::None;
      return !cur_.at_end();
    case Commas::None:
      return !cur_.at_end();
  }
  return false;
}

}  // namespace detail

bool parse_file_path(ValueCursor& c, std::string& out) {
  size_t start = c.offset();
  if (!c.token(out, false, "a file path")) return false;
  // Only a quoted "" can be empty.
  if (out.empty()) return c.fail_at(start, "empty file path (\"\")");
  return true;
}

bool parse_token_list(ValueCursor& cur, ListSep sep, TokenKind kind, std::vector<std::string>& out) {
  switch (kind) {
    case TokenKind::Token:
      return parse_list(cur, sep, [](ValueCursor& c, std::string& s) { return c.token(s, false); }, out);
    case TokenKind::TokenPrime:
      return parse_list(cur, sep, [](ValueCursor& c, std::string& s) { return c.token(s, true); }, out);
    case TokenKind::FilePath:
      return parse_list(cur, sep, parse_file_path, out);
  }
  return false;
}

bool parse_module_name_list(ValueCursor& cur, ListSep sep, std::vector<std::string>& out) {
  return parse_list(cur, sep, [](ValueCursor& c, std::string& s) {
    // MQuoted: the name may stand in double quotes (no escapes inside).
    if (!c.eat('"')) return parse_module_name(c, s);
    if (!parse_module_name(c, s)) return false;
    if (!c.eat('"')) return c.fail_expecting("'\"' closing the quoted module name");
    return true;
  }, out);
}

}  // namespace mhu::cabal
