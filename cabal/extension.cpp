#include "cabal/extension.h"

#include <algorithm>
#include <iterator>

namespace mhu::cabal {

namespace {

// The constructors of Cabal-syntax 3.12's KnownExtension
// (Language/Haskell/Extension.hs), whose Show is the name; sorted by bytes.
// When moving to a newer Cabal-syntax, regenerate with:
//   awk '/^data KnownExtension/,/^  deriving/' Extension.hs |
//     grep -oE '^\s+([|=] )?[A-Z][A-Za-z0-9]*\s*$' | sed -E 's/^\s+([|=] )?//' | LC_ALL=C sort
constexpr std::string_view kKnownExtensions[] = {
    "AllowAmbiguousTypes",
    "AlternativeLayoutRule",
    "AlternativeLayoutRuleTransitional",
    "ApplicativeDo",
    "Arrows",
    "AutoDeriveTypeable",
    "BangPatterns",
    "BinaryLiterals",
    "BlockArguments",
    "CApiFFI",
    "CPP",
    "CUSKs",
    "ConstrainedClassMethods",
    "ConstraintKinds",
    "DataKinds",
    "DatatypeContexts",
    "DeepSubsumption",
    "DefaultSignatures",
    "DeriveAnyClass",
    "DeriveDataTypeable",
    "DeriveFoldable",
    "DeriveFunctor",
    "DeriveGeneric",
    "DeriveLift",
    "DeriveTraversable",
    "DerivingStrategies",
    "DerivingVia",
    "DisambiguateRecordFields",
    "DoAndIfThenElse",
    "DoRec",
    "DuplicateRecordFields",
    "EmptyCase",
    "EmptyDataDecls",
    "EmptyDataDeriving",
    "ExistentialQuantification",
    "ExplicitForAll",
    "ExplicitNamespaces",
    "ExtendedDefaultRules",
    "ExtendedLiterals",
    "ExtensibleRecords",
    "FieldSelectors",
    "FlexibleContexts",
    "FlexibleInstances",
    "ForeignFunctionInterface",
    "FunctionalDependencies",
    "GADTSyntax",
    "GADTs",
    "GHCForeignImportPrim",
    "GeneralisedNewtypeDeriving",
    "GeneralizedNewtypeDeriving",
    "Generics",
    "HereDocuments",
    "HexFloatLiterals",
    "ImplicitParams",
    "ImplicitPrelude",
    "ImportQualifiedPost",
    "ImpredicativeTypes",
    "IncoherentInstances",
    "InstanceSigs",
    "InterruptibleFFI",
    "JavaScriptFFI",
    "KindSignatures",
    "LambdaCase",
    "LexicalNegation",
    "LiberalTypeSynonyms",
    "LinearTypes",
    "ListTuplePuns",
    "MagicHash",
    "MonadComprehensions",
    "MonadFailDesugaring",
    "MonoLocalBinds",
    "MonoPatBinds",
    "MonomorphismRestriction",
    "MultiParamTypeClasses",
    "MultiWayIf",
    "NPlusKPatterns",
    "NamedFieldPuns",
    "NamedWildCards",
    "NegativeLiterals",
    "NewQualifiedOperators",
    "NondecreasingIndentation",
    "NullaryTypeClasses",
    "NumDecimals",
    "NumericUnderscores",
    "OverlappingInstances",
    "OverloadedLabels",
    "OverloadedLists",
    "OverloadedRecordDot",
    "OverloadedRecordUpdate",
    "OverloadedStrings",
    "PackageImports",
    "ParallelArrays",
    "ParallelListComp",
    "PartialTypeSignatures",
    "PatternGuards",
    "PatternSignatures",
    "PatternSynonyms",
    "PolyKinds",
    "PolymorphicComponents",
    "PostfixOperators",
    "QualifiedDo",
    "QuantifiedConstraints",
    "QuasiQuotes",
    "Rank2Types",
    "RankNTypes",
    "RebindableSyntax",
    "RecordPuns",
    "RecordWildCards",
    "RecursiveDo",
    "RegularPatterns",
    "RelaxedLayout",
    "RelaxedPolyRec",
    "RequiredTypeArguments",
    "RestrictedTypeSynonyms",
    "RoleAnnotations",
    "Safe",
    "SafeImports",
    "ScopedTypeVariables",
    "StandaloneDeriving",
    "StandaloneKindSignatures",
    "StarIsType",
    "StaticPointers",
    "Strict",
    "StrictData",
    "TemplateHaskell",
    "TemplateHaskellQuotes",
    "TraditionalRecordSyntax",
    "TransformListComp",
    "Trustworthy",
    "TupleSections",
    "TypeAbstractions",
    "TypeApplications",
    "TypeData",
    "TypeFamilies",
    "TypeFamilyDependencies",
    "TypeInType",
    "TypeOperators",
    "TypeSynonymInstances",
    "UnboxedSums",
    "UnboxedTuples",
    "UndecidableInstances",
    "UndecidableSuperClasses",
    "UnicodeSyntax",
    "UnliftedDatatypes",
    "UnliftedFFITypes",
    "UnliftedNewtypes",
    "Unsafe",
    "ViewPatterns",
    "XmlSyntax",
};

// Cabal's parser for both: P.munch1 isAlphaNum, wrapped in parsecMaybeQuoted
// (`"` name `"` or a bare name) by the MQuoted newtype every field uses.
bool alnum_name(ValueCursor& cur, std::string& out, const char* what) {
  bool quoted = cur.eat('"');
  auto name = cur.munch(is_hs_alnum);
  if (name.empty()) return cur.fail_expecting(what);
  if (quoted && !cur.eat('"'))
    return cur.fail(std::string("expecting closing '\"' after ") + what + " \"" + std::string(name) + "\"");
  out.assign(name);
  return true;
}

}  // namespace

bool parse_language(ValueCursor& cur, std::string& out) {
  // classifyLanguage: a known name or UnknownLanguage name; either prints as written.
  return alnum_name(cur, out, "a language name (e.g. Haskell2010)");
}

bool parse_extension(ValueCursor& cur, std::string& out) {
  // classifyExtension: Enable, Disable ("No" prefix) or UnknownExtension; all print as written.
  return alnum_name(cur, out, "a language extension name (e.g. OverloadedStrings)");
}

LanguageKind classify_language(std::string_view name) {
  if (name == "Haskell98") return LanguageKind::Haskell98;
  if (name == "Haskell2010") return LanguageKind::Haskell2010;
  if (name == "GHC2021") return LanguageKind::GHC2021;
  if (name == "GHC2024") return LanguageKind::GHC2024;
  return LanguageKind::Unknown;
}

bool is_known_extension(std::string_view name) {
  return std::binary_search(std::begin(kKnownExtensions), std::end(kKnownExtensions), name);
}

ExtensionKind classify_extension(std::string_view name, std::string_view* known) {
  if (is_known_extension(name)) {
    if (known) *known = name;
    return ExtensionKind::Enable;
  }
  if (name.size() > 2 && name.substr(0, 2) == "No" && is_known_extension(name.substr(2))) {
    if (known) *known = name.substr(2);
    return ExtensionKind::Disable;
  }
  return ExtensionKind::Unknown;
}

std::string_view deprecated_extension_replacement(std::string_view name) {
  if (name == "RecordPuns") return "NamedFieldPuns";
  if (name == "PatternSignatures") return "ScopedTypeVariables";
  return {};
}

}  // namespace mhu::cabal
