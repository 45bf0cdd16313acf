#include "stack/yaml_emit.h"

#include <catch2/catch.hpp>

using mhu::stack::emit_yaml;

TEST_CASE("emit_yaml: quoted scalars stay strings, tags stay", "[stack]") {
  YAML::Node n = YAML::Load("a: \"true\"\nb: '1.0'\nc: yes\nd: !include x.yaml\ne: [1, \"2\"]\nf: ~\ng: {h: -O2}\n");
  std::string text, error;
  REQUIRE(emit_yaml(n, text, error));
  YAML::Node back = YAML::Load(text);
  CHECK(back["a"].Tag() == "!");
  CHECK(back["a"].Scalar() == "true");
  CHECK(back["b"].Tag() == "!");
  CHECK(back["c"].Tag() == "?");
  CHECK(back["d"].Tag() == "!include");
  CHECK(back["d"].Scalar() == "x.yaml");
  CHECK(back["e"][0].Tag() == "?");
  CHECK(back["e"][1].Tag() == "!");
  CHECK(back["f"].IsNull());
  CHECK(back["g"]["h"].Scalar() == "-O2");
}
