#include "cabal/field_grammar.h"

#include <catch2/catch.hpp>

using namespace mhu::cabal;

namespace {

using Strings = std::vector<std::string>;

struct Result {
  ComponentData data;
  Diagnostics diags;
  bool ok = false;
};

// The top-level fields of `text` read as the fields of one block.
Result run(BlockKind block, CabalSpec spec, std::string_view text) {
  std::vector<Field> fs;
  Diagnostics read_diags;
  REQUIRE(read_fields(text, fs, read_diags));
  std::vector<const Field*> ptrs;
  for (const auto& f : fs) ptrs.push_back(&f);
  Result r;
  r.ok = parse_component_fields(block, group_fields(ptrs), spec, r.data, r.diags);
  return r;
}

std::vector<std::string> messages(const Diagnostics& d, Severity s) {
  std::vector<std::string> out;
  for (const auto& x : d.items)
    if (x.severity == s) out.push_back(x.message);
  return out;
}
std::vector<std::string> warnings(const Result& r) { return messages(r.diags, Severity::Warning); }
std::vector<std::string> errors(const Result& r) { return messages(r.diags, Severity::Error); }

bool contains(const std::string& s, std::string_view part) { return s.find(part) != std::string::npos; }

constexpr auto Lib = BlockKind::MainLibrary;
constexpr auto SubLib = BlockKind::SubLibrary;
constexpr auto Exe = BlockKind::Executable;

}  // namespace

TEST_CASE("group_fields: sorted by name, occurrences in file order; find_field") {
  std::vector<Field> fs;
  Diagnostics d;
  REQUIRE(read_fields("b: 1\na: 2\nc: 3\nb: 4\nlibrary\n  d: 5\n", fs, d));
  std::vector<const Field*> ptrs;
  for (const auto& f : fs) ptrs.push_back(&f);
  auto map = group_fields(ptrs);
  REQUIRE(map.size() == 4);
  CHECK(map[0].name == "a");
  CHECK(map[1].name == "b");
  CHECK(map[2].name == "c");
  CHECK(map[3].name == "library");
  REQUIRE(map[1].occurrences.size() == 2);
  CHECK(map[1].occurrences[0]->lines[0].text == "1");
  CHECK(map[1].occurrences[1]->lines[0].text == "4");

  const FieldGroup* b = find_field(map, "b");
  REQUIRE(b);
  CHECK(b->occurrences.size() == 2);
  REQUIRE(find_field(map, "library"));
  CHECK(find_field(map, "d") == nullptr);  // a section's children are not the block's fields
  CHECK(find_field(map, "") == nullptr);
  CHECK(find_field(map, "bb") == nullptr);
  CHECK(find_field(map, "z") == nullptr);
  CHECK(find_field(FieldMap{}, "a") == nullptr);
}

TEST_CASE("value_position maps offsets of a joined multi-line value back to the file") {
  std::vector<Field> fs;
  Diagnostics d;
  REQUIRE(read_fields("ghc-options: -Wall\n    -O2 -fno-x\nempty:\n", fs, d));
  REQUIRE(fs.size() == 2);
  const Field& f = fs[0];
  REQUIRE(join_field_lines(f.lines) == "-Wall\n-O2 -fno-x");
  CHECK(value_position(f, 0) == Position{1, 14});
  CHECK(value_position(f, 3) == Position{1, 17});
  CHECK(value_position(f, 5) == Position{1, 19});  // the joining '\n': end of line 1
  CHECK(value_position(f, 6) == Position{2, 5});
  CHECK(value_position(f, 10) == Position{2, 9});
  CHECK(value_position(f, 16) == Position{2, 15});  // the end of the value
  CHECK(value_position(f, 100) == Position{2, 15});
  CHECK(value_position(fs[1], 0) == fs[1].pos);  // no value lines: the field itself
}

TEST_CASE("value errors are reported where they are in a multi-line value") {
  auto r = run(Exe, CabalSpec::V3_0, "other-modules:\n  Foo\n  Bar.baz\n");
  CHECK_FALSE(r.ok);
  REQUIRE(r.diags.first_error());
  CHECK(r.diags.first_error()->pos.line == 3);
  CHECK(r.diags.first_error()->pos.col >= 3);
  CHECK(contains(r.diags.first_error()->message, "other-modules"));
}

TEST_CASE("availableSince: too early a field is ignored with a warning") {
  auto old = run(Lib, CabalSpec::V1_12, "autogen-modules: Paths_p\nmixins: base\n");
  CHECK(old.ok);
  CHECK(old.data.build_info.autogen_modules.empty());
  CHECK(old.data.build_info.mixins.empty());
  REQUIRE(warnings(old).size() == 2);
  CHECK(warnings(old)[0] == "The field \"autogen-modules\" is available only since the Cabal specification "
                            "version 2.0. This field will be ignored.");
  CHECK(old.diags.items[0].pos == Position{1, 1});
  CHECK(old.diags.items[1].pos == Position{2, 1});

  auto now = run(Lib, CabalSpec::V2_0, "autogen-modules: Paths_p\n");
  CHECK(now.diags.items.empty());
  CHECK(now.data.build_info.autogen_modules == Strings{"Paths_p"});

  // Ignored means not even parsed: a bad value is no error.
  auto bad = run(Lib, CabalSpec::V2_0, "cxx-sources: \"unterminated\n");
  CHECK(bad.ok);
  CHECK(contains(warnings(bad).at(0), "since the Cabal specification version 2.2"));

  auto lang = run(Lib, CabalSpec::V1_8, "default-language: Haskell2010\n");
  CHECK(lang.ok);
  CHECK_FALSE(lang.data.build_info.default_language);
}

TEST_CASE("availableSinceWarn: other-extensions before 1.10 warns but is read") {
  auto r = run(Lib, CabalSpec::V1_8, "other-extensions: CPP\n");
  CHECK(r.ok);
  CHECK(r.data.build_info.other_extensions == Strings{"CPP"});
  CHECK(warnings(r) == Strings{"The field \"other-extensions\" is available only since the Cabal specification version 1.10."});
  CHECK(run(Lib, CabalSpec::V1_10, "other-extensions: CPP\n").diags.items.empty());
}

TEST_CASE("deprecatedSince warns and reads; removedIn is an error") {
  SECTION("extensions") {
    auto before = run(Lib, CabalSpec::V1_10, "extensions: CPP\n");
    CHECK(before.diags.items.empty());
    CHECK(before.data.build_info.old_extensions == Strings{"CPP"});
    auto deprecated = run(Lib, CabalSpec::V1_12, "extensions: CPP\n");
    CHECK(deprecated.ok);
    CHECK(deprecated.data.build_info.old_extensions == Strings{"CPP"});
    CHECK(warnings(deprecated) == Strings{"The field \"extensions\" is deprecated in the Cabal specification version 1.12. "
                                          "Please use 'default-extensions' or 'other-extensions' fields."});
    auto removed = run(Lib, CabalSpec::V3_0, "extensions: CPP\n");
    CHECK_FALSE(removed.ok);
    CHECK(errors(removed) == Strings{"The field \"extensions\" is removed in the Cabal specification version 3.0. "
                                     "Please use 'default-extensions' or 'other-extensions' fields."});
  }
  SECTION("build-tools: Cabal words the deprecation and the removal differently") {
    auto deprecated = run(Exe, CabalSpec::V2_4, "build-tools: happy\n");
    CHECK(deprecated.ok);
    CHECK(deprecated.data.build_info.build_tools.size() == 1);
    CHECK(warnings(deprecated) == Strings{"The field \"build-tools\" is deprecated in the Cabal specification version 2.0. "
                                          "Please use 'build-tool-depends' field"});
    auto removed = run(Exe, CabalSpec::V3_0, "build-tools: happy\nbuild-tools: alex\n");
    CHECK_FALSE(removed.ok);
    REQUIRE(errors(removed).size() == 2);  // every occurrence
    CHECK(errors(removed)[0] == "The field \"build-tools\" is removed in the Cabal specification version 3.0. "
                                "Please use 'build-tool-depends' field.");
    CHECK(removed.diags.items[1].pos == Position{2, 1});
  }
  SECTION("hs-source-dir: read after hs-source-dirs, as Cabal's grammar combines them") {
    auto r = run(Lib, CabalSpec::V1_12, "hs-source-dir: a\nhs-source-dirs: b c\n");
    CHECK(r.ok);
    CHECK(r.data.build_info.hs_source_dirs == Strings{"b", "c", "a"});
    CHECK(warnings(r) == Strings{"The field \"hs-source-dir\" is deprecated in the Cabal specification version 1.2. "
                                 "Please use 'hs-source-dirs'"});
    auto removed = run(Lib, CabalSpec::V3_0, "hs-source-dirs: b\nhs-source-dir: a\n");
    CHECK_FALSE(removed.ok);
    CHECK(removed.diags.first_error()->pos == Position{2, 1});
  }
}

TEST_CASE("a singular field given twice: a warning, the last one wins") {
  auto r = run(Exe, CabalSpec::V3_0, "buildable: False\nmain-is: A.hs\nbuildable: True\n");
  CHECK(r.ok);
  CHECK(r.data.build_info.buildable);
  CHECK(warnings(r) == Strings{"The field \"buildable\" is specified more than once at positions 1:1, 3:1"});
  CHECK(r.diags.items[0].pos == Position{1, 1});

  auto lang = run(Lib, CabalSpec::V3_0, "default-language: Haskell98\ndefault-language: GHC2021\n");
  CHECK(lang.data.build_info.default_language == "GHC2021");
  CHECK(warnings(lang).size() == 1);

  // Monoidal fields accumulate instead, silently.
  auto opts = run(Lib, CabalSpec::V3_0, "ghc-options: -Wall\nghc-options: -O2\n");
  CHECK(opts.diags.items.empty());
  CHECK(opts.data.build_info.ghc_options == Strings{"-Wall", "-O2"});

  // Cabal parses only the occurrences after the first (`traverse parseOne (y :| ys)`).
  auto bad_first = run(Lib, CabalSpec::V3_0, "buildable: maybe\nbuildable: False\n");
  CHECK(bad_first.ok);
  CHECK_FALSE(bad_first.data.build_info.buildable);
  auto bad_last = run(Lib, CabalSpec::V3_0, "buildable: False\nbuildable: maybe\n");
  CHECK_FALSE(bad_last.ok);
  CHECK(bad_last.diags.first_error()->pos.line == 2);
}

TEST_CASE("optional fields: an empty value means not given") {
  auto r = run(Lib, CabalSpec::V3_0, "default-language:\n");
  CHECK(r.ok);
  CHECK(r.diags.items.empty());
  CHECK_FALSE(r.data.build_info.default_language);

  auto last_empty = run(Lib, CabalSpec::V3_0, "default-language: Haskell2010\ndefault-language:\n");
  CHECK(last_empty.ok);
  CHECK_FALSE(last_empty.data.build_info.default_language);

  auto exe = run(Exe, CabalSpec::V3_0, "main-is:\nscope:\n");
  CHECK(exe.ok);
  CHECK(exe.data.main_is.empty());
  CHECK_FALSE(exe.data.private_scope);
  auto scoped = run(Exe, CabalSpec::V3_0, "scope: private\n");
  CHECK(scoped.data.private_scope);

  auto sub = run(SubLib, CabalSpec::V3_0, "visibility: public\nvisibility:\n");
  CHECK(sub.ok);
  CHECK_FALSE(sub.data.public_visibility);  // the default, private

  // A boolean has a default but no empty form.
  auto b = run(Lib, CabalSpec::V3_0, "buildable:\n");
  CHECK_FALSE(b.ok);
  CHECK(contains(b.diags.first_error()->message, "buildable"));
}

TEST_CASE("fields specific to a kind of component") {
  SECTION("visibility: sub-libraries only, from 3.0") {
    auto sub = run(SubLib, CabalSpec::V3_0, "visibility: public\n");
    CHECK(sub.ok);
    CHECK(sub.diags.items.empty());
    CHECK(sub.data.public_visibility);
    auto main = run(Lib, CabalSpec::V3_0, "visibility: public\n");
    CHECK(main.ok);
    CHECK(warnings(main) == Strings{"Unknown field: \"visibility\""});
    CHECK_FALSE(main.data.public_visibility);
    auto early = run(SubLib, CabalSpec::V2_4, "visibility: public\n");
    CHECK(contains(warnings(early).at(0), "available only since the Cabal specification version 3.0"));
    CHECK_FALSE(early.data.public_visibility);
  }
  SECTION("library fields are unknown in executables and common stanzas") {
    auto exe = run(Exe, CabalSpec::V3_0, "exposed-modules: A\nmain-is: M.hs\n");
    CHECK(exe.ok);
    CHECK(warnings(exe) == Strings{"Unknown field: \"exposed-modules\""});
    CHECK(exe.data.exposed_modules.empty());
    CHECK(exe.data.main_is == "M.hs");
    auto common = run(BlockKind::Common, CabalSpec::V3_0, "exposed-modules: A\nghc-options: -Wall\n");
    CHECK(warnings(common) == Strings{"Unknown field: \"exposed-modules\""});
    CHECK(common.data.build_info.ghc_options == Strings{"-Wall"});
    auto lib = run(Lib, CabalSpec::V3_0, "exposed-modules: A\nmain-is: M.hs\n");
    CHECK(lib.data.exposed_modules == Strings{"A"});
    CHECK(warnings(lib) == Strings{"Unknown field: \"main-is\""});
  }
  SECTION("`type` is read by each kind in its own way") {
    auto test = run(BlockKind::TestSuite, CabalSpec::V3_0, "type: exitcode-stdio-1.0\n");
    CHECK(test.ok);
    CHECK(test.data.type_name == "exitcode-stdio-1.0");
    auto flib = run(BlockKind::ForeignLibrary, CabalSpec::V3_0, "type: native-shared\nlib-version-info: 1:2:3\n");
    CHECK(flib.ok);
    CHECK(flib.diags.items.empty());
    CHECK(flib.data.foreign_type == "native-shared");
    CHECK(flib.data.type_name.empty());
    auto exe = run(Exe, CabalSpec::V3_0, "type: exitcode-stdio-1.0\n");
    CHECK(warnings(exe) == Strings{"Unknown field: \"type\""});
    CHECK(exe.data.type_name.empty());
  }
  SECTION("block_kind") {
    CHECK(block_kind(ComponentKind::Library, false) == BlockKind::MainLibrary);
    CHECK(block_kind(ComponentKind::Library, true) == BlockKind::SubLibrary);
    CHECK(block_kind(ComponentKind::Benchmark, false) == BlockKind::Benchmark);
    CHECK(is_library_field("exposed-modules"));
    CHECK(is_library_field("build-depends"));
    CHECK_FALSE(is_library_field("main-is"));
    CHECK_FALSE(is_library_field("visibility"));
  }
}

TEST_CASE("unknown fields warn; x- fields are accepted silently in components and packages only") {
  auto r = run(Lib, CabalSpec::V3_0, "x-custom: anything at all\nxfield: x\nX-Upper: y\n");
  CHECK(r.ok);
  CHECK(warnings(r) == Strings{"Unknown field: \"xfield\""});
  // Fields Cabal knows but ignores.
  CHECK(run(Lib, CabalSpec::V3_0, "hugs-options: -98\nnhc98-options: x\njhc-options: y\n").diags.items.empty());

  std::vector<Field> fs;
  Diagnostics d;
  REQUIRE(read_fields("name: p\nversion: 1\nx-stack: yes\nfoo: 1\n", fs, d));
  std::vector<const Field*> ptrs;
  for (const auto& f : fs) ptrs.push_back(&f);
  GenericPackageDescription gpd;
  CHECK(parse_package_fields(group_fields(ptrs), CabalSpec::V3_0, gpd, d));
  CHECK(messages(d, Severity::Warning) == Strings{"Unknown field: \"foo\""});

  // flagFieldGrammar and sourceRepoFieldGrammar have no prefixedFields "x-".
  std::vector<Field> flag_fs;
  Diagnostics fd;
  REQUIRE(read_fields("default: False\nx-note: hi\n", flag_fs, fd));
  std::vector<const Field*> flag_ptrs;
  for (const auto& f : flag_fs) flag_ptrs.push_back(&f);
  PackageFlag flag;
  CHECK(parse_flag_fields(group_fields(flag_ptrs), CabalSpec::V3_0, flag, fd));
  CHECK_FALSE(flag.default_value);
  CHECK(messages(fd, Severity::Warning) == Strings{"Unknown field: \"x-note\""});
  SourceRepo repo;
  Diagnostics rd;
  CHECK(parse_source_repo_fields(group_fields(flag_ptrs), CabalSpec::V3_0, repo, rd));
  CHECK(messages(rd, Severity::Warning) == Strings{"Unknown field: \"default\"", "Unknown field: \"x-note\""});
}
