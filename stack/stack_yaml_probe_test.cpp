#include "stack/stack_yaml_probe.h"

#include <yaml-cpp/yaml.h>

#include <catch2/catch.hpp>

using namespace mhu::stack;

namespace {

StackYaml read(const std::string& text) {
  StackYaml y;
  mhu::cabal::Diagnostics d;
  REQUIRE(parse_stack_yaml(text, "/proj/stack.yaml", y, d));
  return y;
}

struct Probe {
  bool ok;
  YAML::Node node;
  std::string text, why_not;
};

Probe probe(const std::string& text, const std::vector<std::string>& locals) {
  Probe p;
  p.ok = make_stack_probe(read(text), locals, p.text, p.why_not);
  if (p.ok) p.node = YAML::Load(p.text);
  return p;
}

std::vector<std::string> strings(const YAML::Node& n) {
  std::vector<std::string> out;
  for (const auto& item : n) out.push_back(item.IsScalar() ? item.Scalar() : "<" + YAML::Dump(item) + ">");
  return out;
}

}  // namespace

TEST_CASE("stack probe: no packages, the local ones dropped from the snapshot instead") {
  Probe p = probe(
      "snapshot: lts-22.43\n"
      "packages: [core, app]\n"
      "extra-deps:\n"
      "- ./vendor/mylib\n"
      "- acme-missiles-0.3@rev:0\n"
      "- git: https://github.com/x/y\n"
      "  commit: abc\n"
      "drop-packages: [zlib]\n"
      "flags:\n"
      "  core: {fast: true}\n"
      "  text: {simdutf: false}\n"
      "ghc-options:\n"
      "  \"$everything\": -O2\n"
      "  app: -threaded\n"
      "  aeson: -O0\n"
      "system-ghc: true\n",
      {"core", "app", "mylib"});
  REQUIRE(p.ok);
  CHECK(p.node["snapshot"].Scalar() == "lts-22.43");
  CHECK(p.node["packages"].IsSequence());
  CHECK(p.node["packages"].size() == 0);
  CHECK(strings(p.node["extra-deps"]) ==
        std::vector<std::string>{"acme-missiles-0.3@rev:0", "<git: https://github.com/x/y\ncommit: abc>"});
  CHECK(strings(p.node["drop-packages"]) == std::vector<std::string>{"app", "core", "mylib", "zlib"});
  CHECK(!p.node["flags"]["core"]);
  CHECK(p.node["flags"]["text"]["simdutf"].Scalar() == "false");
  CHECK(p.node["ghc-options"]["$everything"].Scalar() == "-O2");
  CHECK(!p.node["ghc-options"]["app"]);
  CHECK(p.node["ghc-options"]["aeson"].Scalar() == "-O0");
  CHECK(p.node["system-ghc"].Scalar() == "true");
}

TEST_CASE("stack probe: relative paths it keeps are made absolute") {
  Probe p = probe(
      "resolver: snapshots/my.yaml\n"
      "extra-package-dbs: [dbs/one]\n"
      "extra-lib-dirs: [/usr/local/lib, lib]\n"
      "work-dir: .stack-work-mhu\n",
      {});
  REQUIRE(p.ok);
  CHECK(p.node["resolver"].Scalar() == "/proj/snapshots/my.yaml");
  CHECK(strings(p.node["extra-package-dbs"]) == std::vector<std::string>{"/proj/dbs/one"});
  CHECK(strings(p.node["extra-lib-dirs"]) == std::vector<std::string>{"/usr/local/lib", "/proj/lib"});
  CHECK(p.node["work-dir"].Scalar() == ".stack-work-mhu");
  CHECK(!p.node["drop-packages"]);

  Probe m = probe("snapshot: {filepath: ../snap.yaml}\n", {});
  REQUIRE(m.ok);
  CHECK(m.node["snapshot"]["filepath"].Scalar() == "/snap.yaml");
  Probe url = probe("snapshot: https://example.com/s.yaml\n", {});
  REQUIRE(url.ok);
  CHECK(url.node["snapshot"].Scalar() == "https://example.com/s.yaml");
}

TEST_CASE("stack probe: what it cannot carry means asking stack about the project") {
  auto why = [](const std::string& text) {
    Probe p = probe(text, {});
    CHECK(!p.ok);
    return p.why_not;
  };
  CHECK(why("snapshot: ghc-9.10.3\nextra-deps: [vendor/foo-1.0.tar.gz]\n") ==
        "extra-dep 'vendor/foo-1.0.tar.gz' is a relative path");
  CHECK(why("snapshot: ghc-9.10.3\ndocker: {enable: true}\n") == "it sets `docker`");
  CHECK(why("snapshot: ghc-9.10.3\nnix: {enable: true, shell-file: shell.nix}\n") ==
        "its nix settings name a shell-file");
  CHECK(why("snapshot: ghc-9.10.3\nextra-deps:\n- archive: ../foo-1.0.tar.gz\n  sha256: x\n  size: 1\n") ==
        "extra-dep '../foo-1.0.tar.gz' is a relative path");
  CHECK(why("snapshot: ghc-9.10.3\nextra-deps:\n- git: ../repo\n  commit: abc\n") ==
        "extra-dep '../repo@abc' is a relative path");
  CHECK(why("snapshot: ghc-9.10.3\nlocal-programs-path: programs\n") == "its local-programs-path is a relative path");
  CHECK(why("snapshot: ghc-9.10.3\nwork-dir: ../elsewhere\n") == "its work-dir is not a directory inside the project");
  Probe abs = probe("snapshot: ghc-9.10.3\nlocal-programs-path: /opt/stack-programs\n", {});
  CHECK(abs.ok);
  // Not paths: github repositories, URLs, scp-like git remotes; nix without a shell file.
  Probe remote = probe(
      "snapshot: ghc-9.10.3\n"
      "extra-deps:\n"
      "- github: snoyberg/filelock\n  commit: abc\n"
      "- location: https://hackage.haskell.org/package/a-1/a-1.tar.gz\n  sha256: x\n  size: 1\n"
      "- git: git@github.com:x/y.git\n  commit: abc\n"
      "nix: {packages: [zlib]}\n",
      {});
  CHECK(remote.ok);
  CHECK(remote.node["extra-deps"].size() == 3);
  CHECK(remote.node["nix"]["packages"][0].Scalar() == "zlib");
}

TEST_CASE("stack probe: the same stack.yaml gives the same text") {
  const std::string text = "snapshot: ghc-9.10.3\npackages: [b, a]\nflags: {c: {x: true}}\n";
  std::string one, two, why;
  REQUIRE(make_stack_probe(read(text), {"b", "a"}, one, why));
  REQUIRE(make_stack_probe(read(text), {"a", "b"}, two, why));
  CHECK(one == two);
  CHECK(one.starts_with("# written by mhu from /proj/stack.yaml"));
}

TEST_CASE("stack probe: reads back as a stack.yaml without packages") {
  std::string text, why;
  REQUIRE(make_stack_probe(read("snapshot: ghc-9.10.3\npackages: [a]\nghc-options: {\"$locals\": -Wall}\n"), {"a"},
                           text, why));
  StackYaml back;
  mhu::cabal::Diagnostics d;
  REQUIRE(parse_stack_yaml(text, "/cache/probe/stack.yaml", back, d));
  CHECK(!d.has_error());
  CHECK(back.packages.empty());
  CHECK(back.snapshot == "ghc-9.10.3");
  CHECK(back.drop_packages == std::vector<std::string>{"a"});
  CHECK(back.ghc_options.locals == std::vector<std::string>{"-Wall"});
}
