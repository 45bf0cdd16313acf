#include "cabal/project_values.h"

#include <catch2/catch.hpp>

using namespace mhu::cabal;
using namespace mhu::cabal::project_detail;

namespace {

struct Parsed {
  bool ok;
  std::vector<LocatedToken> tokens;
  ValueDiags diags;
};

Parsed locations(std::string_view text) {
  Parsed p;
  ValueCursor cur(text, kLatestCabalSpec, p.diags);
  p.ok = parse_package_locations(cur, p.tokens);
  return p;
}

std::vector<std::string> texts(const Parsed& p) {
  std::vector<std::string> out;
  for (const auto& t : p.tokens) out.push_back(t.text);
  return out;
}

struct ConstraintResult {
  bool ok;
  UserConstraint c;
  bool setup = false;
  std::string error;
};

ConstraintResult constraint(std::string_view text) {
  ConstraintResult r;
  ValueDiags vd;
  ValueCursor cur(text, kLatestCabalSpec, vd);
  r.ok = parse_user_constraint(cur, r.c, r.setup);
  if (r.ok && !cur.at_end()) {
    r.ok = false;
    r.error = "left over: " + std::string(text.substr(cur.offset()));
  }
  for (const auto& d : vd)
    if (d.is_error) r.error = d.message;
  return r;
}

}  // namespace

TEST_CASE("packages: entries separated by spaces, commas and new lines", "[project]") {
  auto p = locations("a b,c , d\n  e/*.cabal");
  REQUIRE(p.ok);
  CHECK(texts(p) == std::vector<std::string>{"a", "b", "c", "d", "e/*.cabal"});
  CHECK(p.tokens[0].offset == 0);
  CHECK(p.tokens[1].offset == 2);
  CHECK(p.tokens[4].offset == 12);
}

TEST_CASE("packages: quoted entries and braces with commas", "[project]") {
  auto p = locations("\"dir with space\" pkgs/{a,b}/ {x,{y,z}}*.cabal");
  REQUIRE(p.ok);
  CHECK(texts(p) == std::vector<std::string>{"dir with space", "pkgs/{a,b}/", "{x,{y,z}}*.cabal"});
}

TEST_CASE("packages: empty value and trailing spaces are fine", "[project]") {
  CHECK(locations("").ok);
  CHECK(locations("").tokens.empty());
  auto p = locations("a   ");
  REQUIRE(p.ok);
  CHECK(texts(p) == std::vector<std::string>{"a"});
}

TEST_CASE("packages: a trailing comma or an unbalanced brace is an error", "[project]") {
  auto p = locations("a,");
  CHECK_FALSE(p.ok);
  REQUIRE_FALSE(p.diags.empty());
  CHECK(p.diags[0].message.find("a package location after ','") != std::string::npos);

  auto q = locations("pkgs/{a,b");
  CHECK_FALSE(q.ok);
  REQUIRE_FALSE(q.diags.empty());
  CHECK(q.diags[0].offset == 5);
  CHECK(q.diags[0].message.find("unbalanced '{'") != std::string::npos);

  CHECK_FALSE(locations("a}").ok);
}

TEST_CASE("flags: every flag needs its sign; names lower-cased; later wins", "[project]") {
  FlagAssignment fa;
  ValueDiags vd;
  {
    ValueCursor cur("+Foo -bar\n +baz_1 -foo", kLatestCabalSpec, vd);
    REQUIRE(parse_project_flags(cur, fa));
  }
  CHECK(fa == FlagAssignment{{"foo", false}, {"bar", false}, {"baz_1", true}});

  FlagAssignment empty;
  ValueCursor e("", kLatestCabalSpec, vd);
  CHECK(parse_project_flags(e, empty));
  CHECK(empty.empty());

  FlagAssignment bad;
  ValueDiags bd;
  ValueCursor b("+a bare", kLatestCabalSpec, bd);
  CHECK_FALSE(parse_project_flags(b, bad));
  REQUIRE_FALSE(bd.empty());
  CHECK(bd[0].offset == 3);
  CHECK(bd[0].message.find("every flag needs its sign") != std::string::npos);
}

TEST_CASE("booleans: True and False in any case", "[project]") {
  bool b = false;
  CHECK(parse_project_bool("True", b));
  CHECK(b);
  CHECK(parse_project_bool(" false ", b));
  CHECK_FALSE(b);
  CHECK(parse_project_bool("TRUE", b));
  CHECK(b);
  CHECK_FALSE(parse_project_bool("yes", b));
  CHECK_FALSE(parse_project_bool("", b));
}

TEST_CASE("program options split as cabal's splitArgs", "[project]") {
  CHECK(split_args("-O2  -Wall\n-threaded") == std::vector<std::string>{"-O2", "-Wall", "-threaded"});
  CHECK(split_args("\"-with-rtsopts=-N -A64m\" -x") == std::vector<std::string>{"-with-rtsopts=-N -A64m", "-x"});
  CHECK(split_args("a\"b c\"d") == std::vector<std::string>{"ab cd"});
  CHECK(split_args("\"say \\\"hi\\\"\"") == std::vector<std::string>{"say \"hi\""});
  CHECK(split_args("\"\" x") == std::vector<std::string>{"x"});
  CHECK(split_args("").empty());
}

TEST_CASE("constraints: version ranges", "[project]") {
  auto r = constraint("foo ==1.2.*");
  REQUIRE(r.ok);
  CHECK(r.c.package == "foo");
  CHECK(r.c.kind == UserConstraint::Kind::Range);
  CHECK(to_string(r.c.range) == ">=1.2 && <1.3");
  CHECK_FALSE(r.setup);

  auto s = constraint("bar>=2");
  REQUIRE(s.ok);
  CHECK(s.c.package == "bar");
  CHECK(to_string(s.c.range) == ">=2");
}

TEST_CASE("constraints: flags and keywords", "[project]") {
  auto f = constraint("foo +Bar -baz");
  REQUIRE(f.ok);
  CHECK(f.c.kind == UserConstraint::Kind::Flags);
  CHECK(f.c.flags == FlagAssignment{{"bar", true}, {"baz", false}});

  CHECK(constraint("foo installed").c.kind == UserConstraint::Kind::Installed);
  CHECK(constraint("foo source").c.kind == UserConstraint::Kind::Source);
  CHECK(constraint("foo test").c.kind == UserConstraint::Kind::Test);
  CHECK(constraint("foo bench").c.kind == UserConstraint::Kind::Bench);
}

TEST_CASE("constraints: qualifiers", "[project]") {
  auto any = constraint("any.foo ==1");
  REQUIRE(any.ok);
  CHECK(any.c.package == "foo");
  CHECK_FALSE(any.setup);

  auto setup = constraint("setup.Cabal >=3");
  REQUIRE(setup.ok);
  CHECK(setup.c.package == "Cabal");
  CHECK(setup.setup);

  auto qualified = constraint("foo:setup.bar installed");
  REQUIRE(qualified.ok);
  CHECK(qualified.c.package == "bar");
  CHECK(qualified.setup);
}

TEST_CASE("constraints: errors", "[project]") {
  auto q = constraint("foo.bar ==1");
  CHECK_FALSE(q.ok);
  CHECK(q.error.find("unknown constraint qualifier 'foo.'") != std::string::npos);

  auto none = constraint("foo");
  CHECK_FALSE(none.ok);
  CHECK(none.error.find("a version range, '+FLAG'/'-FLAG', 'installed'") != std::string::npos);

  auto colon = constraint("foo:bar.baz ==1");
  CHECK_FALSE(colon.ok);
  CHECK(colon.error.find("'setup.' after 'foo:'") != std::string::npos);

  CHECK_FALSE(constraint("==1").ok);
}

TEST_CASE("section arguments joined as cabal's legacy parser does", "[project]") {
  std::vector<SectionArg> args{{SectionArg::Kind::Name, {1, 9}, "foo"}};
  CHECK(section_args_string(args) == "foo");
  args.push_back({SectionArg::Kind::Str, {1, 13}, "a b"});
  CHECK(section_args_string(args) == "foo \"a b\"");
  CHECK(section_args_string({}) == "");
}

TEST_CASE("URLs among package locations and imports", "[project]") {
  CHECK(is_url("https://example.com/x.tar.gz"));
  CHECK(is_url("git+ssh://host/repo"));
  CHECK(is_url("file:///tmp/x"));
  CHECK_FALSE(is_url("./pkgs/*.cabal"));
  CHECK_FALSE(is_url("c:/x"));
  CHECK_FALSE(is_url("1ab://x"));  // a scheme starts with a letter
  CHECK_FALSE(is_url(""));
}
