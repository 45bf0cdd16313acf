#include "cli/project_loader.h"

#include <stdlib.h>

#include <catch2/catch.hpp>

#include "planner/planner_test_support.h"
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

TEST_CASE("choose_project_kind: mhu.toml's front-end when both project files exist", "[mhu_toml]") {
  TempDir t;
  t.file("cabal.project", "packages: .\n");
  t.file("stack.yaml", "snapshot: ghc-9.10.3\n");
  CHECK(kind_at(t.str()) == ProjectKind::Cabal);
  t.file("mhu.toml", "front-end = \"stack\"\n");
  CHECK(kind_at(t.str()) == ProjectKind::Stack);
  LoadOptions c;
  c.kind = ProjectKind::Cabal;
  CHECK(kind_at(t.str(), c) == ProjectKind::Cabal);  // the command line wins
  t.file("mhu.toml", "front-end = \"cabal\"\n");
  CHECK(kind_at(t.str()) == ProjectKind::Cabal);
  // stack.yaml nearer: the mhu.toml beside it decides, else the other one.
  t.file("sub/stack.yaml", "snapshot: ghc-9.10.3\n");
  CHECK(kind_at(t.dir("sub")) == ProjectKind::Cabal);
  t.file("sub/mhu.toml", "front-end = \"stack\"\n");
  CHECK(kind_at(t.dir("sub")) == ProjectKind::Stack);
  t.file("mhu.toml", "");
  t.file("sub/mhu.toml", "");
  CHECK(kind_at(t.dir("sub")) == ProjectKind::Stack);  // none says: the nearer
}

TEST_CASE("project_settings: mhu.toml's ghc as -w, relative to the root; bad mhu.toml", "[mhu_toml]") {
  unsetenv("STACK_YAML");
  TempDir t;
  t.file("cabal.project", "packages: p\n");
  t.file("mhu.toml", "ghc = \"tools/ghc\"\n");
  std::string sub = t.dir("p/src");
  ProjectSettings s;
  std::vector<std::string> messages;
  REQUIRE(project_settings(sub, {}, s, messages));
  CHECK(messages.empty());
  CHECK(s.kind == ProjectKind::Cabal);
  CHECK(s.root == t.str());
  CHECK(s.toml.file == t.str() + "/mhu.toml");
  CHECK(s.options.with_compiler == t.str() + "/tools/ghc");
  LoadOptions w;
  w.with_compiler = "/usr/bin/ghc-9.10";
  REQUIRE(project_settings(sub, w, s, messages));
  CHECK(s.options.with_compiler == "/usr/bin/ghc-9.10");
  t.file("mhu.toml", "ghc = \"ghc-9.10\"\n");
  ProjectSettings bare;
  REQUIRE(project_settings(sub, {}, bare, messages));
  CHECK(bare.options.with_compiler == "ghc-9.10");  // looked for on PATH

  t.file("mhu.toml", "ghc = \"ghc\"\ncolour = true\n");
  ProjectSettings warned;
  messages.clear();
  REQUIRE(project_settings(sub, {}, warned, messages));
  REQUIRE(messages.size() == 1);
  CHECK(messages[0].rfind(t.str() + "/mhu.toml:2:1: warning: unknown key `colour`", 0) == 0);

  t.file("mhu.toml", "ghc = [\"ghc\"]\n");
  ProjectSettings bad;
  messages.clear();
  CHECK_FALSE(project_settings(sub, {}, bad, messages));
  REQUIRE(messages.size() == 1);
  CHECK(messages[0] == t.str() + "/mhu.toml:1:7: error: `ghc` must be a string, not an array");
}

TEST_CASE("mhu.toml: dist-dir, default targets, ghci-options per unit", "[mhu_toml]") {
  LoadedProject p;
  p.config.location.root_dir = "/proj";
  CHECK(dist_dir(p) == "/proj/dist-mhu");
  p.toml.dist_dir = "build/mhu/";
  CHECK(dist_dir(p) == "/proj/build/mhu");
  p.toml.dist_dir = "/var/tmp/d";
  CHECK(dist_dir(p) == "/var/tmp/d");

  CHECK(effective_targets({}, p.toml).empty());
  p.toml.targets = {"all"};
  CHECK(effective_targets({}, p.toml) == std::vector<std::string>{"all"});
  CHECK(effective_targets({"exe:x"}, p.toml) == std::vector<std::string>{"exe:x"});

  p.toml.all.ghci_options = {"-a"};
  p.toml.packages["foo"].ghci_options = {"-b"};
  p.toml.units["foo:exe:x"].ghci_options = {"-c"};
  mhu::planner::Unit exe;
  exe.package_name = "foo";
  exe.kind = mhu::cabal::ComponentKind::Executable;
  exe.component_name = "x";
  CHECK(toml_ghci_options(p.toml, exe) == std::vector<std::string>{"-a", "-b", "-c"});
  mhu::planner::Unit other = exe;
  other.package_name = "bar";
  CHECK(toml_ghci_options(p.toml, other) == std::vector<std::string>{"-a"});
}

TEST_CASE("missing_packages_error names the project's constraints on a missing package", "[stack]") {
  LoadedProject p;
  p.kind = ProjectKind::Stack;
  mhu::planner::MissingPackage m;
  m.package = "streaming-commons";
  m.requirements.push_back({"streaming-commons", mhu::planner::test::version_range(">=0.2.3.0"), {""}, "x-1-inplace"});
  mhu::cabal::Version v;
  REQUIRE(mhu::cabal::parse_version("0.2.3.1", v));
  m.installed.push_back(v);
  p.graph.missing.push_back(m);
  mhu::cabal::UserConstraint c;
  c.package = "streaming-commons";
  c.range = mhu::planner::test::version_range("==0.2.3.0");
  c.file = "/p/stack.yaml";
  c.pos = {17, 3};
  p.config.constraints.push_back(c);
  std::string text = missing_packages_error(p, {"x-1-inplace"});
  CHECK(text.find("streaming-commons (installed: 0.2.3.1)") != std::string::npos);
  CHECK(text.find(">=0.2.3.0  needed by x-1-inplace") != std::string::npos);
  CHECK(text.find("==0.2.3.0  required by /p/stack.yaml:17:3") != std::string::npos);
  CHECK(missing_packages_error(p, {"other-unit"}).empty());
}
