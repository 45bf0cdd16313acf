#include "cabal/extension.h"

#include <catch2/catch.hpp>

using namespace mhu::cabal;

namespace {

// Parse one item from the start of text; returns the pretty string, or
// "ERROR" when the parser failed. *rest gets what was left unconsumed.
std::string ext(std::string_view text, std::string* rest = nullptr) {
  ValueDiags diags;
  ValueCursor cur(text, CabalSpec::V3_12, diags);
  std::string out;
  if (!parse_extension(cur, out)) {
    REQUIRE(!diags.empty());
    CHECK(diags.back().is_error);
    return "ERROR";
  }
  if (rest) *rest = std::string(text.substr(cur.offset()));
  return out;
}

std::string lang(std::string_view text) {
  ValueDiags diags;
  ValueCursor cur(text, CabalSpec::V3_12, diags);
  std::string out;
  if (!parse_language(cur, out)) return "ERROR";
  return out;
}

}  // namespace

TEST_CASE("extensions print back as written") {
  CHECK(ext("OverloadedStrings") == "OverloadedStrings");
  CHECK(ext("NoImplicitPrelude") == "NoImplicitPrelude");  // DisableExtension ImplicitPrelude
  CHECK(ext("RecordPuns") == "RecordPuns");                // deprecated, still EnableExtension
  CHECK(ext("NondecreasingIndentation") == "NondecreasingIndentation");  // known, not "No" + ...
  CHECK(ext("SomeFutureExtension") == "SomeFutureExtension");            // UnknownExtension
  CHECK(ext("overloadedstrings") == "overloadedstrings");  // case-sensitive: unknown
  CHECK(ext("NoSuchThing") == "NoSuchThing");
}

TEST_CASE("extension tokens are alphanumeric runs, optionally quoted") {
  std::string rest;
  CHECK(ext("CPP, TemplateHaskell", &rest) == "CPP");
  CHECK(rest == ", TemplateHaskell");
  CHECK(ext("Foo-Bar", &rest) == "Foo");
  CHECK(rest == "-Bar");
  CHECK(ext("Foo_Bar", &rest) == "Foo");
  CHECK(ext("\"LambdaCase\" x", &rest) == "LambdaCase");
  CHECK(rest == " x");
  CHECK(ext("Caf\xC3\xA9") == "Caf\xC3\xA9");  // Unicode isAlphaNum
  CHECK(ext("") == "ERROR");
  CHECK(ext("-XCPP") == "ERROR");
  CHECK(ext("\"LambdaCase") == "ERROR");  // unterminated quote
  CHECK(ext("\"\"") == "ERROR");
}

TEST_CASE("languages") {
  CHECK(lang("Haskell2010") == "Haskell2010");
  CHECK(lang("GHC2024") == "GHC2024");
  CHECK(lang("Haskell2020") == "Haskell2020");  // UnknownLanguage, kept
  CHECK(lang("\"Haskell98\"") == "Haskell98");
  CHECK(lang(" Haskell98") == "ERROR");  // leading spaces are the caller's business
  CHECK(classify_language("Haskell98") == LanguageKind::Haskell98);
  CHECK(classify_language("GHC2021") == LanguageKind::GHC2021);
  CHECK(classify_language("haskell2010") == LanguageKind::Unknown);
}

TEST_CASE("classify_extension") {
  std::string_view known;
  CHECK(classify_extension("CPP", &known) == ExtensionKind::Enable);
  CHECK(known == "CPP");
  CHECK(classify_extension("NoCPP", &known) == ExtensionKind::Disable);
  CHECK(known == "CPP");
  CHECK(classify_extension("NondecreasingIndentation") == ExtensionKind::Enable);
  CHECK(classify_extension("NoNondecreasingIndentation") == ExtensionKind::Disable);
  CHECK(classify_extension("No") == ExtensionKind::Unknown);
  CHECK(classify_extension("NoFoo") == ExtensionKind::Unknown);
  CHECK(classify_extension("ListTuplePuns") == ExtensionKind::Enable);
  CHECK(classify_extension("AllowAmbiguousTypes") == ExtensionKind::Enable);
  CHECK(classify_extension("ZZZ") == ExtensionKind::Unknown);
  CHECK(is_known_extension("GeneralisedNewtypeDeriving"));
  CHECK_FALSE(is_known_extension("NoCPP"));
  CHECK(deprecated_extension_replacement("RecordPuns") == "NamedFieldPuns");
  CHECK(deprecated_extension_replacement("PatternSignatures") == "ScopedTypeVariables");
  CHECK(deprecated_extension_replacement("CPP").empty());
}
