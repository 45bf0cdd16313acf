#include <catch2/catch.hpp>

#include "stack/package_yaml_internal.h"
#include "tests/temp_dir.h"

using namespace mhu::stack;
using namespace mhu::stack::hpack;
using Kind = Value::Kind;

namespace {

struct Loaded {
  mhu::cabal::Diagnostics diags;
  PackageYamlOptions options;
  Context ctx{diags, options};
  Value value;
  bool ok = false;
  explicit Loaded(std::string_view text, const std::string& dir = "/nonexistent") {
    ctx.package_dir = dir;
    ok = load_yaml(ctx, text, 0, dir, value);
  }
  const Value& at(std::string_view key) const {
    const Member* m = value.find(key);
    REQUIRE(m);
    return m->value;
  }
  bool warned(std::string_view needle) const {
    for (const auto& d : diags.items)
      if (d.severity == mhu::cabal::Severity::Warning && d.message.find(needle) != std::string::npos) return true;
    return false;
  }
};

}  // namespace

TEST_CASE("package.yaml scalars are typed as Data.Yaml types them", "[package-yaml]") {
  Loaded l(R"(plain-version: 1.10
quoted-version: '1.10'
double-quoted: "yes"
yes-word: yes
off-word: Off
true-upper: TRUE
mixed-case: tRUE
null-word: null
tilde: ~
empty:
hex: 0x10
octal: 0o17
exponent: 1e2
negative-exponent: 1.5e-1
leading-zeros: 00.1
minus-zero: -0
trailing-dot: 1.
leading-dot: .5
three-parts: 1.2.3
tagged: !!str 3
literal-block: |
  true
)");
  REQUIRE(l.ok);
  auto check = [&](std::string_view key, Kind kind, std::string_view text) {
    INFO(key);
    const Value& v = l.at(key);
    CHECK(v.kind == kind);
    if (kind == Kind::String || kind == Kind::Number) CHECK(v.text == text);
  };
  check("plain-version", Kind::Number, "1.10");
  check("quoted-version", Kind::String, "1.10");
  check("double-quoted", Kind::String, "yes");
  check("yes-word", Kind::Bool, "");
  check("off-word", Kind::Bool, "");
  check("true-upper", Kind::Bool, "");
  check("mixed-case", Kind::String, "tRUE");
  check("null-word", Kind::Null, "");
  check("tilde", Kind::Null, "");
  check("empty", Kind::Null, "");
  check("hex", Kind::Number, "16");
  check("octal", Kind::Number, "15");
  check("exponent", Kind::Number, "100");
  check("negative-exponent", Kind::Number, "0.15");
  check("leading-zeros", Kind::Number, "0.1");
  check("minus-zero", Kind::Number, "0");
  check("trailing-dot", Kind::String, "1.");
  check("leading-dot", Kind::String, ".5");
  check("three-parts", Kind::String, "1.2.3");
  check("tagged", Kind::String, "3");
  check("literal-block", Kind::String, "true\n");
  CHECK(l.at("yes-word").boolean);
  CHECK_FALSE(l.at("off-word").boolean);
}

TEST_CASE("package.yaml objects: merge keys, duplicates, positions", "[package-yaml]") {
  Loaded l(R"(base: &base
  a: 1
  b: 2
other: &other
  c: 3
merged:
  <<: [*base, *other]
  b: 20
dup: 1
dup: 2
)");
  REQUIRE(l.ok);
  const Value& m = l.at("merged");
  REQUIRE(m.members.size() == 3);
  CHECK(m.find("a")->value.text == "1");
  CHECK(m.find("b")->value.text == "20");
  CHECK(m.find("c")->value.text == "3");
  CHECK(l.at("dup").text == "2");
  CHECK(l.warned("Duplicate field $.dup"));
  CHECK_FALSE(l.warned("Duplicate field $.merged.b"));
  const Member* dup = l.value.find("dup");
  CHECK(dup->key_loc.line == 10);
  CHECK(dup->key_loc.col == 1);
  CHECK(dup->value.loc.line == 10);
  CHECK(dup->value.loc.col == 6);
}

TEST_CASE("package.yaml syntax errors and several documents are errors", "[package-yaml]") {
  Loaded bad("name: [a, b\n");
  CHECK_FALSE(bad.ok);
  REQUIRE(bad.diags.first_error());
  CHECK(bad.diags.first_error()->pos.line >= 1);

  Loaded two("a: 1\n---\nb: 2\n");
  CHECK_FALSE(two.ok);
  CHECK(two.diags.first_error()->message.find("multiple YAML documents") != std::string::npos);

  Loaded empty("");
  CHECK(empty.ok);
  CHECK(empty.value.kind == Kind::Null);
}

TEST_CASE("package.yaml !include reads a file relative to the including one", "[package-yaml]") {
  mhu::test::TempDir tmp;
  tmp.file("parts/lib.yaml", "source-dirs: src\nmore: !include deeper.yaml\n");
  tmp.file("parts/deeper.yaml", "x: 1\n");
  Loaded l("library: !include parts/lib.yaml\n", tmp.str());
  REQUIRE(l.ok);
  const Value& lib = l.at("library");
  REQUIRE(lib.kind == Kind::Object);
  CHECK(lib.find("source-dirs")->value.text == "src");
  CHECK(lib.find("more")->value.find("x")->value.text == "1");
  // Positions inside the included file name that file.
  CHECK(l.ctx.files.at(static_cast<size_t>(lib.find("source-dirs")->key_loc.file)).find("lib.yaml") != std::string::npos);

  Loaded missing("library: !include nowhere.yaml\n", tmp.str());
  CHECK_FALSE(missing.ok);
}

TEST_CASE("package.yaml anchors of an !include'd file can be used after it", "[package-yaml]") {
  mhu::test::TempDir tmp;
  tmp.file("version.yaml", "version: &version 1.2.3\n_deps: &deps [base, text]\n");
  Loaded l(R"(<<: !include version.yaml
description: |
  * a block scalar, not an alias
quoted: '*not-an-alias'
deps: *deps
tests:
  spec:
    dependencies:
      self: *version # *comment
)",
           tmp.str());
  REQUIRE(l.ok);
  CHECK(l.at("version").text == "1.2.3");
  CHECK(l.at("description").text == "* a block scalar, not an alias\n");
  CHECK(l.at("quoted").text == "*not-an-alias");
  REQUIRE(l.at("deps").items.size() == 2);
  CHECK(l.at("deps").items[1].text == "text");
  CHECK(l.at("tests").find("spec")->value.find("dependencies")->value.find("self")->value.text == "1.2.3");

  Loaded unknown("a: *nowhere\n", tmp.str());
  CHECK_FALSE(unknown.ok);
  CHECK(unknown.diags.first_error()->message.find("unknown alias *nowhere") != std::string::npos);
}

TEST_CASE("package.yaml unknown fields are reported as hpack does", "[package-yaml]") {
  Loaded l("name: x\nfoo: 1\n_hidden: 2\n");
  REQUIRE(l.ok);
  ObjectReader r(l.ctx, l.value, "$");
  CHECK(r.get("name"));
  r.finish();
  CHECK(l.warned("Ignoring unrecognized field $.foo"));
  CHECK_FALSE(l.warned("_hidden"));
}

TEST_CASE("package.yaml Data.Version parsing for spec-version", "[package-yaml]") {
  CHECK(parse_data_version("0.36.0") == std::vector<int>{0, 36, 0});
  CHECK(parse_data_version("2") == std::vector<int>{2});
  CHECK(parse_data_version("1.2-beta") == std::vector<int>{1, 2});
  CHECK_FALSE(parse_data_version("1.").has_value());
  CHECK_FALSE(parse_data_version(">= 2").has_value());
  CHECK_FALSE(parse_data_version("").has_value());
}
