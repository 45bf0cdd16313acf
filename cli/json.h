// A small JSON writer: mhu prints JSON for tools (describe --json, targets
// --json); keys are written in the order given.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mhu::cli {

// `s` as the body of a JSON string (quotes, backslashes and control
// characters escaped), appended to `out`; json_string adds the quotes.
void json_escaped(std::string& out, std::string_view s);
void json_string(std::string& out, std::string_view s);

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  void begin_object() { value_prefix(); out_ += '{'; first_.push_back(true); }
  void end_object() { out_ += '}'; first_.pop_back(); }
  void begin_array() { value_prefix(); out_ += '['; first_.push_back(true); }
  void end_array() { out_ += ']'; first_.pop_back(); }
  void key(std::string_view k) {
    comma();
    write_string(k);
    out_ += ':';
    after_key_ = true;
  }
  void string(std::string_view s) { value_prefix(); write_string(s); }
  void boolean(bool b) { value_prefix(); out_ += b ? "true" : "false"; }
  void strings(const std::vector<std::string>& xs) {
    begin_array();
    for (const auto& x : xs) string(x);
    end_array();
  }

 private:
  void comma() {
    if (!first_.empty()) {
      if (!first_.back()) out_ += ',';
      first_.back() = false;
    }
  }
  void value_prefix() {
    if (after_key_) after_key_ = false;
    else comma();
  }
  void write_string(std::string_view s);

  std::string& out_;
  std::vector<bool> first_;
  bool after_key_ = false;
};

}  // namespace mhu::cli
