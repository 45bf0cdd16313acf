// Cabal's way of printing names that could be misread (Distribution.Pretty's
// showToken), used where describe reports names as Cabal prints them.
#pragma once

#include <string>
#include <string_view>

namespace mhu::cabal {

// Haskell's `show` of a String: quoted, with Haskell escapes (non-ASCII as
// decimal escapes, `\&` where a digit follows one).
std::string haskell_show_string(std::string_view utf8);

// The name as is, or shown in quotes when it is empty, starts with `--`, ends
// with `:`, or holds white space or a comma.
std::string show_token(std::string_view s);

}  // namespace mhu::cabal
