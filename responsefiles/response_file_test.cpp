#include "responsefiles/response_file.h"

#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "planner/process.h"

using namespace mhu::responsefiles;
namespace fs = std::filesystem;
using Strings = std::vector<std::string>;

namespace {

std::string render_ok(const Strings& args) {
  std::string out, error;
  REQUIRE(render_response_file(args, out, error));
  return out;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A fresh directory below /tmp (seen at the same path by the chrooted GHC).
struct TempDir {
  std::string path;
  TempDir() {
    char tmpl[] = "/tmp/mhu-rf-test.XXXXXX";
    REQUIRE(::mkdtemp(tmpl) != nullptr);
    path = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

// Arguments that need every escaping rule.
const Strings kTricky = {
    "plain",
    "with space",
    "tab\there",
    "new\nline",
    "cr\rlf\r\n",
    "vt\vff\f",
    "double\"quote",
    "single'quote",
    "back\\slash",
    "trailing\\",
    "\\",
    "\"",
    "'",
    "\"\"",
    "''",
    "  leading and trailing  ",
    "/tmp/dir with spaces/file.hs",
    "-optP-DNAME=\"value with spaces\"",
    "C:\\Windows\\path",
    "caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac",      // café 日本
    "nbsp\xc2\xa0here",                          // U+00A0
    "ideographic\xe3\x80\x80space",              // U+3000
    "en\xe2\x80\x82quad\xe2\x80\xafnarrow",      // U+2002, U+202F
    "line\xe2\x80\xa8sep",                       // U+2028: not a space to Haskell
    "nel\xc2\x85",                               // U+0085: not a space to Haskell
    "emoji \xf0\x9f\x98\x80",
    "#not-a-comment",
    "@not-a-response-file",
};

}  // namespace

TEST_CASE("render_response_file writes one escaped argument per line", "[responsefiles]") {
  CHECK(render_ok({}) == "");
  CHECK(render_ok({"-this-unit-id", "a-0.1-inplace"}) == "-this-unit-id\na-0.1-inplace\n");
  CHECK(render_ok({"a b"}) == "a\\ b\n");
  CHECK(render_ok({"x\"y'z\\"}) == "x\\\"y\\'z\\\\\n");
  CHECK(render_ok({"t\tn\nr\r"}) == "t\\\tn\\\nr\\\r\n");
  // Haskell's isSpace: U+00A0 and the Unicode space separators are escaped,
  // other non-ASCII characters are not.
  CHECK(render_ok({"a\xc2\xa0" "b"}) == "a\\\xc2\xa0" "b\n");
  CHECK(render_ok({"a\xe3\x80\x80" "b"}) == "a\\\xe3\x80\x80" "b\n");
  CHECK(render_ok({"caf\xc3\xa9"}) == "caf\xc3\xa9\n");
  CHECK(render_ok({"a\xe2\x80\xa8" "b"}) == "a\xe2\x80\xa8" "b\n");
}

TEST_CASE("render_response_file refuses what GHC cannot read back", "[responsefiles]") {
  std::string out = "untouched", error;
  CHECK_FALSE(render_response_file({"a", "", "b"}, out, error));
  CHECK(error.find("argument 2 is empty") != std::string::npos);
  CHECK(out == "untouched");
  CHECK_FALSE(render_response_file({"ok", "bad\xff"}, out, error));
  CHECK(error.find("argument 2 is not valid UTF-8") != std::string::npos);
  CHECK_FALSE(render_response_file({"\xc0\xaf"}, out, error));         // overlong '/'
  CHECK_FALSE(render_response_file({"\xed\xa0\x80"}, out, error));     // a surrogate
  CHECK_FALSE(render_response_file({"\xf4\x90\x80\x80"}, out, error)); // above U+10FFFF
  CHECK_FALSE(render_response_file({"cut\xe6\x97"}, out, error));      // truncated
}

TEST_CASE("parse_response_file follows GHC.ResponseFile.unescapeArgs", "[responsefiles]") {
  // base's own example (getArgsWithResponseFiles).
  CHECK(parse_response_file("--one 1\n--'two' 2\n--\"three\" 3\n") ==
        Strings{"--one", "1", "--two", "2", "--three", "3"});
  // Whitespace of any kind and amount separates; empty arguments vanish.
  CHECK(parse_response_file("  a \t b\n\n\r\nc  ") == Strings{"a", "b", "c"});
  CHECK(parse_response_file("") == Strings{});
  CHECK(parse_response_file("\"\" '' x") == Strings{"x"});
  // Quotes join; a backslash escapes inside quotes too; the other quote is literal.
  CHECK(parse_response_file("'a b'\"c d\"e") == Strings{"a bc de"});
  CHECK(parse_response_file("\"it's\" 'say \"hi\"'") == Strings{"it's", "say \"hi\""});
  CHECK(parse_response_file("\"a\\\"b\" 'c\\'d'") == Strings{"a\"b", "c'd"});
  CHECK(parse_response_file("a\\\nb") == Strings{"a\nb"});
  CHECK(parse_response_file("a\\b") == Strings{"ab"});
  // Unterminated quote, trailing backslash: the input just ends.
  CHECK(parse_response_file("x 'open quote") == Strings{"x", "open quote"});
  CHECK(parse_response_file("x y\\") == Strings{"x", "y"});
  // Unicode spaces separate; U+2028 does not.
  CHECK(parse_response_file("a\xc2\xa0" "b\xe3\x80\x80" "c") == Strings{"a", "b", "c"});
  CHECK(parse_response_file("a\xe2\x80\xa8" "b") == Strings{"a\xe2\x80\xa8" "b"});
  // Invalid bytes are kept as they are.
  CHECK(parse_response_file("a\xff b") == Strings{"a\xff", "b"});
}

TEST_CASE("response files round-trip every argument", "[responsefiles]") {
  CHECK(parse_response_file(render_ok(kTricky)) == kTricky);
  for (const auto& a : kTricky) CHECK(parse_response_file(render_ok({a})) == Strings{a});

  // Random arguments over an alphabet of special and ordinary characters.
  const Strings alphabet = {" ", "\t", "\n", "\r", "\v", "\f", "\"", "'", "\\", "a", "Z", "0", "-", "@",
                            "\xc2\xa0", "\xe3\x80\x80", "\xc3\xa9", "\xe2\x80\xa8", "\xf0\x9f\x98\x80"};
  std::mt19937 rng(12345);
  for (int round = 0; round < 300; ++round) {
    Strings args;
    int n = 1 + static_cast<int>(rng() % 6);
    for (int i = 0; i < n; ++i) {
      std::string a;
      int len = 1 + static_cast<int>(rng() % 10);
      for (int k = 0; k < len; ++k) a += alphabet[rng() % alphabet.size()];
      args.push_back(a);
    }
    std::string text = render_ok(args);
    INFO("round " << round);
    REQUIRE(parse_response_file(text) == args);
    CHECK(render_ok(args) == text);  // deterministic
  }
}

TEST_CASE("write_if_changed writes atomically and only when the content differs", "[responsefiles]") {
  TempDir tmp;
  std::string path = tmp.path + "/deep/er/unit";
  std::string error;
  bool changed = false;
  REQUIRE(write_if_changed(path, "one\n", error, &changed));
  CHECK(changed);
  CHECK(slurp(path) == "one\n");

  // Unchanged: the file is not touched (same inode, same mtime).
  auto before_time = fs::last_write_time(path);
  struct stat st1 {};
  ::stat(path.c_str(), &st1);
  REQUIRE(write_if_changed(path, "one\n", error, &changed));
  CHECK_FALSE(changed);
  struct stat st2 {};
  ::stat(path.c_str(), &st2);
  CHECK(st1.st_ino == st2.st_ino);
  CHECK(fs::last_write_time(path) == before_time);

  // Changed: replaced by rename (a new inode), no temporary file left behind.
  REQUIRE(write_if_changed(path, "two\n", error, &changed));
  CHECK(changed);
  CHECK(slurp(path) == "two\n");
  int entries = 0;
  for (const auto& e : fs::directory_iterator(tmp.path + "/deep/er")) entries += e.is_regular_file() ? 1 : 0;
  CHECK(entries == 1);

  // Empty content, and a prefix of the old content, are changes too.
  REQUIRE(write_if_changed(path, "tw", error, &changed));
  CHECK(changed);
  REQUIRE(write_if_changed(path, "", error, &changed));
  CHECK(changed);
  CHECK(fs::file_size(path) == 0);
  REQUIRE(write_if_changed(path, "", error, &changed));
  CHECK_FALSE(changed);

  // A parent that is a file: an error naming it.
  std::string blocked = path + "/below";
  CHECK_FALSE(write_if_changed(blocked, "x", error));
  CHECK(error.find(path) != std::string::npos);
}

TEST_CASE("GHC reads back the response files mhu writes", "[responsefiles]") {
  const std::string ghc = "/var/cache/mhu/bin/ghc";
  if (!fs::exists(ghc)) {
    WARN("skipped: " << ghc << " does not exist");
    SUCCEED();
    return;
  }
  // Each payload is printed by one `-e` expression (followed by a NUL). The
  // expressions hold spaces, quotes and backslashes (the string literals),
  // and a comment with raw tabs, newlines and Unicode spaces: if GHC read any
  // argument differently, an expression would not parse or would print
  // something else.
  const Strings payloads = {"x y", "quote\"d", "single'q", "back\\slash\\", "tab\tnew\nline",
                            "caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac", "nbsp\xc2\xa0ideo\xe3\x80\x80", "''\"\""};
  auto literal = [](const std::string& s) {
    std::string lit = "\"";
    for (unsigned char c : s) {
      if (c == '"') lit += "\\\"";
      else if (c == '\\') lit += "\\\\";
      else if (c == '\n') lit += "\\n";
      else if (c == '\t') lit += "\\t";
      else lit += static_cast<char>(c);
    }
    return lit + "\"";
  };
  Strings args;
  std::string expected;
  for (const auto& p : payloads) {
    args.push_back("-e");
    args.push_back("putStr (" + literal(p) + " ++ \"\\0\") {- raw:\t\n\r\xc2\xa0\xe3\x80\x80 '\" \\ -}");
    expected += p + '\0';
  }
  TempDir tmp;
  std::string file = tmp.path + "/args with space";
  std::string text, error;
  REQUIRE(render_response_file(args, text, error));
  REQUIRE(write_if_changed(file, text, error));
  mhu::planner::ProcessResult r;
  REQUIRE(mhu::planner::run_process({ghc, "@" + file}, r, error));
  INFO("stderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out == expected);
}

TEST_CASE("write_if_changed's temporary files are recognised and swept", "[responsefiles]") {
  CHECK(is_temp_file_name("Foo.hs.tmp-123-0"));
  CHECK(is_temp_file_name("unit-0.1-inplace.tmp-9-17"));
  CHECK_FALSE(is_temp_file_name("Foo.hs"));
  CHECK_FALSE(is_temp_file_name(".tmp-1-2"));
  CHECK_FALSE(is_temp_file_name("Foo.tmp-12"));
  CHECK_FALSE(is_temp_file_name("Foo.tmp-a-1"));
  CHECK_FALSE(is_temp_file_name("Foo.tmp-1-"));

  char tmpl[] = "/tmp/mhu_sweep_XXXXXX";
  std::string dir = ::mkdtemp(tmpl);
  std::string error;
  REQUIRE(write_if_changed(dir + "/units/a", "x\n", error));
  REQUIRE(write_if_changed(dir + "/build/u/autogen/M/N.hs", "module M.N where\n", error));
  std::ofstream(dir + "/units/a.tmp-4242-0") << "half";
  std::ofstream(dir + "/build/u/autogen/M/N.hs.tmp-4242-3") << "half";
  CHECK(remove_temp_files(dir) == 2);
  CHECK(fs::exists(dir + "/units/a"));
  CHECK(fs::exists(dir + "/build/u/autogen/M/N.hs"));
  CHECK_FALSE(fs::exists(dir + "/units/a.tmp-4242-0"));
  CHECK(remove_temp_files(dir + "/no-such-dir") == 0);
  fs::remove_all(dir);
}
