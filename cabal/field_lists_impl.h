// The template half of field_lists.h: the separator rules live in ListReader
// (field_lists.cpp); parse_list only runs the item parser where it says.
#pragma once

#include <utility>
#include <vector>

#include "cabal/field_lists.h"

namespace mhu::cabal {

namespace detail {

// Walks the separators of one list value. next() skips what lies between
// items and returns true when an item must be read at the cursor; false when
// the list is over, with ok() telling whether it ended well (an error has then
// been recorded on the cursor).
class ListReader {
 public:
  ListReader(ValueCursor& cur, ListSep sep);
  bool next();
  bool ok() const { return ok_; }

 private:
  // How commas are treated for the rest of the list.
  enum class Commas {
    Required,         // p (, p)*             : sepBy
    RequiredTrailing, // p (, p)* ,?          : sepEndBy
    Optional,         // p (,? p)*            : parsecOptCommaList
    Undecided,        // after the first item of parsecLeadingOptCommaList
    None,             // p p p                : many
  };
  bool finish();              // the list is over: only the end may follow
  bool fail_separator();
  // A comma where the list's syntax (for this spec version) has none: the
  // item parser would fail right there; we say why instead.
  bool fail_comma(const char* what);

  ValueCursor& cur_;
  ListSep sep_;
  Commas commas_ = Commas::Required;
  bool first_ = true;
  bool leading_comma_ = false;  // the list started with a comma
  bool ok_ = true;
};

}  // namespace detail

// Items are appended to `out` (existing elements are kept). Each item is read
// into a fresh element made by make() (the item parser must set all of it),
// or T{} for parse_list.
template <class T, class ItemParser, class Make>
bool parse_list_made(ValueCursor& cur, ListSep sep, Make make, ItemParser item, std::vector<T>& out) {
  detail::ListReader reader(cur, sep);
  while (reader.next()) {
    size_t before = cur.offset();
    // Read in place: a failed item is taken back off.
    T& value = out.emplace_back(make());
    if (!item(cur, value)) {
      out.pop_back();
      return false;
    }
    // An item that reads nothing would repeat forever (Parsec's `many`
    // rejects such parsers too).
    if (cur.offset() == before) {
      out.pop_back();
      return cur.fail_expecting("a list item");
    }
  }
  return reader.ok();
}

template <class T, class ItemParser>
bool parse_list(ValueCursor& cur, ListSep sep, ItemParser item, std::vector<T>& out) {
  return parse_list_made(cur, sep, [] { return T{}; }, item, out);
}

}  // namespace mhu::cabal
