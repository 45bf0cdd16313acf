// Every fixtures/cabal/{errors,warnings}/NAME.cabal is read and its
// diagnostics, formatted as the CLI prints them, must equal NAME.expected.
// The cases mirror Cabal's own ParserTests/errors and ParserTests/warnings.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cabal/package_parser.h"

namespace fs = std::filesystem;
using namespace mhu::cabal;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void check_dir(const std::string& dir, bool expect_error) {
  fs::path root = fs::path(MHU_SOURCE_DIR) / "fixtures" / "cabal" / dir;
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(root))
    if (e.path().extension() == ".cabal") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  REQUIRE(!files.empty());
  for (const auto& f : files) {
    GenericPackageDescription gpd;
    Diagnostics d;
    bool ok = parse_package_description(slurp(f), gpd, d);
    std::string got;
    for (const auto& x : d.items) got += format_diagnostic(f.filename().string(), x) + "\n";
    fs::path expected = f;
    expected.replace_extension(".expected");
    INFO(f.string());
    CHECK(ok == !expect_error);
    // Each case is there for its diagnostic: an error, or (accepted) a warning.
    CHECK(got.find(expect_error ? ": error: " : ": warning: ") != std::string::npos);
    CHECK(got == slurp(expected));
  }
}

}  // namespace

TEST_CASE("Cabal's parser error cases are rejected with our messages") { check_dir("errors", true); }
TEST_CASE("Cabal's parser warning cases are accepted with our warnings") { check_dir("warnings", false); }
