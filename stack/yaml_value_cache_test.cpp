#include "stack/yaml_value_cache.h"

#include <catch2/catch.hpp>

#include "stack/package_yaml.h"
#include "tests/temp_dir.h"

using namespace mhu::stack;

namespace {

// A package.yaml with the YAML a real one has: anchors, merge keys, numbers
// kept as written, booleans, nulls, nested lists and objects, `when`.
const char* kYaml = R"(name: demo
version: 1.10
_common: &common
  ghc-options: -Wall
  dependencies: [base >= 4 && < 5, "text"]
library:
  <<: *common
  source-dirs: src
  exposed-modules: Foo
  when:
    - condition: flag(fast)
      cpp-options: -DFAST
flags:
  fast:
    manual: true
    default: false
executables:
  demo:
    main: Main.hs
    source-dirs: app
    dependencies:
      - demo
      - {name: containers, version: ">= 0.6"}
    verbatim:
      x-note: ~
tests:
  spec:
    main: Spec.hs
    source-dirs: test
    dependencies: demo
    ghc-options: [-threaded, "-rtsopts"]
)";

struct Rendered {
  bool ok = false;
  RenderedCabal r;
  mhu::cabal::Diagnostics d;
  Rendered(const std::string& dir, std::string_view yaml, YamlValueCache* cache) {
    PackageYamlOptions o;
    o.value_cache = cache;
    ok = render_package_yaml(yaml, dir, r, d, o);
  }
};

void check_same(const Rendered& a, const Rendered& b) {
  CHECK(a.ok == b.ok);
  CHECK(a.r.text == b.r.text);
  CHECK(a.r.files == b.r.files);
  REQUIRE(a.r.lines.size() == b.r.lines.size());
  for (size_t i = 0; i < a.r.lines.size(); ++i) {
    REQUIRE(a.r.lines[i].size() == b.r.lines[i].size());
    for (size_t k = 0; k < a.r.lines[i].size(); ++k) {
      const auto &x = a.r.lines[i][k], &y = b.r.lines[i][k];
      CHECK(x.col == y.col);
      CHECK(x.file == y.file);
      CHECK(x.at.line == y.at.line);
      CHECK(x.at.col == y.at.col);
    }
  }
  CHECK(a.d.items.size() == b.d.items.size());
}

}  // namespace

TEST_CASE("YamlValueCache: a kept parse renders the package as a fresh one", "[package-yaml]") {
  mhu::test::TempDir tmp;
  tmp.file("src/Foo.hs");
  tmp.file("src/Foo/Internal.hs");
  tmp.file("app/Main.hs");
  tmp.file("test/Spec.hs");
  Rendered plain(tmp.str(), kYaml, nullptr);
  REQUIRE(plain.ok);

  YamlValueCache first;
  Rendered stored(tmp.str(), kYaml, &first);
  check_same(plain, stored);
  CHECK(first.changed());
  std::string data = first.save("key");

  YamlValueCache second;
  REQUIRE(second.load(data, "key"));
  CHECK(second.changed());  // loaded but not looked up yet
  Rendered kept(tmp.str(), kYaml, &second);
  check_same(plain, kept);
  CHECK_FALSE(second.changed());  // found, nothing new: nothing to write
  CHECK(second.save("key") == data);

  // Module inference still looks at the directory: a new module shows.
  tmp.file("src/Foo/New.hs");
  Rendered again(tmp.str(), kYaml, &second);
  CHECK(again.r.text.find("Foo.New") != std::string::npos);
  CHECK_FALSE(second.changed());

  // Another program's cache, or something else, is not read.
  YamlValueCache other;
  CHECK_FALSE(other.load(data, "other key"));
  CHECK_FALSE(other.load("mhu-yaml-values 1\n3\nkey5\nab", "key"));
  CHECK_FALSE(other.changed());
}

TEST_CASE("YamlValueCache: a damaged entry is parsed again", "[package-yaml]") {
  mhu::test::TempDir tmp;
  tmp.file("src/Foo.hs");
  Rendered plain(tmp.str(), kYaml, nullptr);
  YamlValueCache c;
  c.store(kYaml, "O0 not a value");
  Rendered damaged(tmp.str(), kYaml, &c);
  check_same(plain, damaged);
  YamlValueCache d;
  d.store(kYaml, "");
  Rendered empty(tmp.str(), kYaml, &d);
  check_same(plain, empty);
}

TEST_CASE("YamlValueCache: parses with diagnostics or includes are not kept", "[package-yaml]") {
  mhu::test::TempDir tmp;
  tmp.file("src/Foo.hs");
  // A duplicate key draws hpack's warning: it must be shown every time.
  std::string dup = "name: demo\nname: demo\nlibrary:\n  source-dirs: src\n";
  YamlValueCache c;
  Rendered first(tmp.str(), dup, &c);
  REQUIRE(first.ok);
  CHECK_FALSE(first.d.items.empty());
  CHECK_FALSE(c.changed());

  // An included file may change on its own.
  tmp.file("common.yaml", "dependencies: base\n");
  std::string inc = "name: demo\n_common: !include common.yaml\nlibrary:\n  source-dirs: src\n";
  Rendered included(tmp.str(), inc, &c);
  REQUIRE(included.ok);
  CHECK_FALSE(c.changed());
}
