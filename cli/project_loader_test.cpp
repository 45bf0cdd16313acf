#include "cli/project_loader.h"

#include <stdlib.h>

#include <catch2/catch.hpp>

#include "tests/temp_dir.h"

using namespace mhu::cli;
using mhu::test::TempDir;

namespace {

ProjectKind kind_at(const std::string& cwd, const LoadOptions& o = {}) {
  unsetenv("STACK_YAML");
  ProjectKind k = ProjectKind::Auto;
  std::string error;
  INFO(error);
  REQUIRE(choose_project_kind(cwd, o, k, error));
  return k;
}

}  // namespace

TEST_CASE("choose_project_kind: the nearer of cabal.project and stack.yaml; cabal.project on a tie", "[stack]") {
  TempDir t;
  t.file("only-cabal/cabal.project", "packages: .\n");
  t.file("only-stack/stack.yaml", "snapshot: ghc-9.10.3\n");
  t.file("both/cabal.project", "packages: .\n");
  t.file("both/stack.yaml", "snapshot: ghc-9.10.3\n");
  t.file("nested/cabal.project", "packages: sub\n");
  t.file("nested/sub/stack.yaml", "snapshot: ghc-9.10.3\n");
  t.file("nested2/stack.yaml", "snapshot: ghc-9.10.3\n");
  t.file("nested2/sub/cabal.project", "packages: .\n");
  t.file("implicit/stack.yaml", "snapshot: ghc-9.10.3\n");
  t.file("implicit/pkg/pkg.cabal", "name: pkg\n");
  t.file("none/pkg.cabal", "name: pkg\n");
  CHECK(kind_at(t.str() + "/only-cabal") == ProjectKind::Cabal);
  CHECK(kind_at(t.str() + "/only-stack") == ProjectKind::Stack);
  CHECK(kind_at(t.str() + "/both") == ProjectKind::Cabal);
  CHECK(kind_at(t.dir("nested/sub/deeper")) == ProjectKind::Stack);
  CHECK(kind_at(t.str() + "/nested") == ProjectKind::Cabal);
  CHECK(kind_at(t.str() + "/nested2/sub") == ProjectKind::Cabal);
  CHECK(kind_at(t.str() + "/implicit/pkg") == ProjectKind::Stack);
  // Only when no stack.yaml is above the temporary directory.
  if (mhu::cli::ProjectKind k = kind_at(t.str() + "/none"); k != ProjectKind::Cabal) WARN("a stack.yaml above /tmp");
}

TEST_CASE("choose_project_kind: options decide, and contradicting ones are errors", "[stack]") {
  TempDir t;
  t.file("cabal.project", "packages: .\n");
  LoadOptions o;
  o.stack_yaml = "stack.yaml";
  CHECK(kind_at(t.str(), o) == ProjectKind::Stack);
  LoadOptions s;
  s.kind = ProjectKind::Stack;
  CHECK(kind_at(t.str(), s) == ProjectKind::Stack);
  LoadOptions c;
  c.project_file = "cabal.project";
  CHECK(kind_at(t.str(), c) == ProjectKind::Cabal);

  ProjectKind k;
  std::string error;
  LoadOptions both;
  both.stack_yaml = "stack.yaml";
  both.project_file = "cabal.project";
  CHECK_FALSE(choose_project_kind(t.str(), both, k, error));
  LoadOptions cabal_stack_yaml;
  cabal_stack_yaml.kind = ProjectKind::Cabal;
  cabal_stack_yaml.stack_yaml = "stack.yaml";
  CHECK_FALSE(choose_project_kind(t.str(), cabal_stack_yaml, k, error));
  CHECK(error == "--cabal and --stack-yaml exclude each other");
}

TEST_CASE("take_load_options: --stack, --cabal, --stack-yaml", "[stack]") {
  std::vector<std::string> args = {"--stack-yaml", "s.yaml", "all", "--stack"};
  LoadOptions o;
  std::string error;
  REQUIRE(take_load_options(args, o, error));
  CHECK(args == std::vector<std::string>{"all"});
  CHECK(o.stack_yaml == "s.yaml");
  CHECK(o.kind == ProjectKind::Stack);
  std::vector<std::string> bad = {"--stack", "--cabal"};
  LoadOptions p;
  CHECK_FALSE(take_load_options(bad, p, error));
  std::vector<std::string> eq = {"--stack-yaml=x.yaml", "--cabal"};
  LoadOptions q;
  REQUIRE(take_load_options(eq, q, error));
  CHECK(q.stack_yaml == "x.yaml");
  CHECK(q.kind == ProjectKind::Cabal);
}
