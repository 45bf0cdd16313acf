#include "cli/json.h"

#include <catch2/catch.hpp>

using mhu::cli::JsonWriter;

namespace {
std::string str(std::string_view s) {
  std::string out;
  JsonWriter w(out);
  w.string(s);
  return out;
}
}  // namespace

TEST_CASE("JSON strings: quotes, backslashes and control characters are escaped") {
  CHECK(str("") == R"("")");
  CHECK(str("plain text") == R"("plain text")");
  CHECK(str("say \"hi\"") == R"("say \"hi\"")");
  CHECK(str("C:\\dir\\") == R"("C:\\dir\\")");
  CHECK(str("a\nb\tc\rd") == R"("a\nb\tc\rd")");
  CHECK(str(std::string_view("\0", 1)) == R"("\u0000")");
  CHECK(str("\x01\x08\x0c\x1f") == R"("\u0001\u0008\u000c\u001f")");
  // Escapes at the start, the end and next to each other.
  CHECK(str("\"\\\n") == R"("\"\\\n")");
  CHECK(str("x\"") == R"("x\"")");
  CHECK(str("\"x") == R"("\"x")");
  // Not escaped: space, DEL, slash, and UTF-8 (even invalid bytes pass through).
  CHECK(str(" \x7f/") == "\" \x7f/\"");
  CHECK(str("caf\xc3\xa9 \xe2\x86\x92") == "\"caf\xc3\xa9 \xe2\x86\x92\"");
  CHECK(str("\xff") == "\"\xff\"");
}

TEST_CASE("JSON objects and arrays: commas between members, none after keys or at the ends") {
  std::string out;
  JsonWriter w(out);
  w.begin_object();
  w.key("name");
  w.string("p");
  w.key("ok");
  w.boolean(true);
  w.key("no");
  w.boolean(false);
  w.key("empty");
  w.strings({});
  w.key("list");
  w.strings({"a", "b", "c"});
  w.key("obj");
  w.begin_object();
  w.end_object();
  w.key("objs");
  w.begin_array();
  for (int i = 0; i < 3; ++i) {
    w.begin_object();
    w.key("i");
    w.string(std::to_string(i));
    w.key("xs");
    w.strings({"x"});
    w.end_object();
  }
  w.end_array();
  w.key("nested");
  w.begin_array();
  w.begin_array();
  w.end_array();
  w.begin_array();
  w.boolean(true);
  w.end_array();
  w.string("after");
  w.end_array();
  w.key("last");
  w.string("");
  w.end_object();
  CHECK(out == R"({"name":"p","ok":true,"no":false,"empty":[],"list":["a","b","c"],"obj":{},)"
               R"("objs":[{"i":"0","xs":["x"]},{"i":"1","xs":["x"]},{"i":"2","xs":["x"]}],)"
               R"("nested":[[],[true],"after"],"last":""})");
}

TEST_CASE("JSON keys are escaped like strings; the writer appends to what is there") {
  std::string out = "prefix ";
  JsonWriter w(out);
  w.begin_object();
  w.key("a\"b\n");
  w.string("v");
  w.end_object();
  CHECK(out == "prefix {\"a\\\"b\\n\":\"v\"}");
}

TEST_CASE("JSON: an object as the first value of an array, then a comma before the next") {
  std::string out;
  JsonWriter w(out);
  w.begin_array();
  w.begin_object();
  w.end_object();
  w.begin_object();
  w.key("k");
  w.begin_array();
  w.end_array();
  w.end_object();
  w.string("s");
  w.end_array();
  CHECK(out == R"([{},{"k":[]},"s"])");
}
