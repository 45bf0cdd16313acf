#include "cabal/pretty.h"

#include <catch2/catch.hpp>

using namespace mhu::cabal;

TEST_CASE("show_token quotes names Cabal would misread") {
  CHECK(show_token("tests") == "tests");
  CHECK(show_token("metric-tests:") == "\"metric-tests:\"");
  CHECK(show_token("--x") == "\"--x\"");
  CHECK(show_token("a b") == "\"a b\"");
  CHECK(show_token("a,b") == "\"a,b\"");
  CHECK(show_token("") == "\"\"");
}

TEST_CASE("haskell_show_string escapes as Haskell's show") {
  CHECK(haskell_show_string("a\"b\\c") == "\"a\\\"b\\\\c\"");
  CHECK(haskell_show_string("\n\t") == "\"\\n\\t\"");
  CHECK(haskell_show_string("\xC3\xA9" "1") == "\"\\233\\&1\"");
  CHECK(haskell_show_string("\x0EH") == "\"\\SO\\&H\"");
}
