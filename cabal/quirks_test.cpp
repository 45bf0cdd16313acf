#include "cabal/quirks.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <optional>
#include <sstream>
#include <string>

#include "cabal/md5.h"

#ifndef MHU_SOURCE_DIR
#define MHU_SOURCE_DIR "/work/main"
#endif

using namespace mhu::cabal;

namespace {

// The shared Hackage corpus sits beside the repository (as for the corpus test).
std::optional<std::string> corpus_file(const std::string& name) {
  std::ifstream in(std::string(MHU_SOURCE_DIR) + "/../shared/corpus/hackage/" + name,
                   std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

TEST_CASE("quirks: DSTM-0.1.2 gets its 'Other modules:' line commented out", "[quirks]") {
  auto text = corpus_file("DSTM-0.1.2.cabal");
  if (!text) {
    WARN("shared corpus not found; skipping");
    return;
  }
  // The table entry's pre-fingerprint, as Cabal writes it.
  REQUIRE(md5_fingerprint(*text) == Md5Fingerprint{6919263071548559054ULL, 9050746360708965827ULL});

  std::string out;
  REQUIRE(patch_quirks(*text, out));
  CHECK(md5_fingerprint(out) ==
        Md5Fingerprint{17015177514298962556ULL, 11943164891661867280ULL});
  CHECK(out.find("Other modules:") == std::string::npos);
  CHECK(out.find("  --   DSTM, NameService\n") != std::string::npos);
  // bsReplace "Other modules:" "-- ": 14 bytes become 3.
  CHECK(out.size() == text->size() - 11);

  QuirkResult r = patch_quirks(*text);
  CHECK(r.patched);
  CHECK(r.text == out);
}

TEST_CASE("quirks: a matching prefix with different content is not patched", "[quirks]") {
  auto text = corpus_file("DSTM-0.1.2.cabal");
  if (!text) {
    WARN("shared corpus not found; skipping");
    return;
  }
  REQUIRE(text->size() > 256);
  std::string edited = *text + "\n";  // same first 256 bytes, different MD5
  std::string out = "untouched";
  CHECK_FALSE(patch_quirks(edited, out));
  CHECK(out == "untouched");
  CHECK_FALSE(patch_quirks(edited).patched);

  // The prefix alone (exactly 256 bytes) is not the file either.
  CHECK_FALSE(patch_quirks(std::string_view(*text).substr(0, 256), out));
}

TEST_CASE("quirks: ordinary files are not patched", "[quirks]") {
  std::string out = "untouched";
  CHECK_FALSE(patch_quirks("", out));
  CHECK_FALSE(patch_quirks("name: foo\nversion: 1.0\n", out));
  std::string longer = "cabal-version: 2.4\nname: foo\nversion: 1.0\n" + std::string(400, '-') + "\n";
  CHECK_FALSE(patch_quirks(longer, out));
  CHECK(out == "untouched");

  if (auto text = corpus_file("DSTM-0.1.2.cabal")) {
    // A DSTM file whose first line differs misses on the prefix.
    std::string other = *text;
    other[0] = 'n';
    CHECK_FALSE(patch_quirks(other, out));
  }
}
