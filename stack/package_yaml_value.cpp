// YAML to hpack's Value: Data.Yaml's typing of scalars (textToValue), merge
// keys (`<<`), duplicate keys (the last wins, with a warning), Data.Yaml.Include's
// `!include`; and the field access hpack's FromValue does on top of it.
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "cabal/file_io.h"
#include "stack/package_yaml_internal.h"
#include "stack/yaml_value_cache.h"
#include "stack/yaml_error.h"

namespace mhu::stack::hpack {

namespace fs = std::filesystem;

const Member* Value::find(std::string_view key) const {
  auto it = std::lower_bound(members.begin(), members.end(), key,
                             [](const Member& m, std::string_view k) { return m.key < k; });
  return it != members.end() && it->key == key ? &*it : nullptr;
}

const char* kind_name(Value::Kind k) {
  switch (k) {
    case Value::Kind::Null: return "Null";
    case Value::Kind::Bool: return "Boolean";
    case Value::Kind::Number: return "Number";
    case Value::Kind::String: return "String";
    case Value::Kind::Array: return "Array";
    case Value::Kind::Object: return "Object";
  }
  return "?";
}

// ---- context ------------------------------------------------------------------

void Context::error(Loc at, std::string message) {
  failed = true;
  cabal::Position p{at.line, at.col};
  if (at.file == 0) diags.error(p, std::move(message));
  else diags.error_in(files[at.file], p, std::move(message));
}

void Context::warning(Loc at, std::string message) {
  cabal::Position p{at.line, at.col};
  if (at.file == 0) diags.warning(p, std::move(message));
  else diags.warning_in(files[at.file], p, std::move(message));
}

int Context::add_file(const std::string& path) {
  files.push_back(path);
  return static_cast<int>(files.size()) - 1;
}

bool Context::read_file(const std::string& path, std::string& out, std::string& error) const {
  if (options.read_file) return options.read_file(path, out, error);
  std::string why;
  if (cabal::read_regular_file(path, out, why)) return true;
  error = "cannot read " + path + ": " + why;
  return false;
}

// ---- scalars ------------------------------------------------------------------

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// An exact decimal (coefficient digits and base-10 exponent, as attoparsec's
// `scientific` reads it, not normalised) written as hpack's
// scientificToVersion: fixed notation with as many decimals as the negative
// exponent.
std::string fixed_decimal(bool negative, std::string digits, long exponent) {
  size_t nz = digits.find_first_not_of('0');
  digits = nz == std::string::npos ? "0" : digits.substr(nz);
  bool zero = digits == "0";
  std::string out;
  if (exponent >= 0) {
    out = digits;
    if (!zero) out.append(static_cast<size_t>(exponent), '0');
  } else {
    size_t decimals = static_cast<size_t>(-exponent);
    if (digits.size() <= decimals) digits.insert(0, decimals - digits.size() + 1, '0');
    out = digits.substr(0, digits.size() - decimals) + "." + digits.substr(digits.size() - decimals);
  }
  return (negative && !zero ? "-" : "") + out;
}

// Data.Yaml's textToScientific: 0x hex, 0o octal, or attoparsec's scientific
// ([+-]digits[.digits][(e|E)[+-]digits]), the whole text. The number as
// scientificToVersion shows it.
std::optional<std::string> yaml_number(std::string_view t) {
  auto integer = [](std::string_view ds, int base) -> std::optional<std::string> {
    if (ds.empty() || ds.size() > 15) return std::nullopt;
    uint64_t n = 0;
    for (char c : ds) {
      int d = is_digit(c) ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : (c >= 'A' && c <= 'F') ? c - 'A' + 10 : 99;
      if (d >= base) return std::nullopt;
      n = n * static_cast<uint64_t>(base) + static_cast<uint64_t>(d);
    }
    return std::to_string(n);
  };
  if (t.substr(0, 2) == "0x") return integer(t.substr(2), 16);
  if (t.substr(0, 2) == "0o") return integer(t.substr(2), 8);
  size_t i = 0;
  bool negative = false;
  if (i < t.size() && (t[i] == '+' || t[i] == '-')) negative = t[i++] == '-';
  size_t start = i;
  while (i < t.size() && is_digit(t[i])) ++i;
  if (i == start) return std::nullopt;
  std::string digits(t.substr(start, i - start));
  long exponent = 0;
  if (i + 1 < t.size() && t[i] == '.' && is_digit(t[i + 1])) {
    size_t f = ++i;
    while (i < t.size() && is_digit(t[i])) ++i;
    digits += t.substr(f, i - f);
    exponent = -static_cast<long>(i - f);
  }
  if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
    size_t j = i + 1;
    bool eneg = false;
    if (j < t.size() && (t[j] == '+' || t[j] == '-')) eneg = t[j++] == '-';
    size_t es = j;
    while (j < t.size() && is_digit(t[j])) ++j;
    if (j > es && j - es < 6) {
      long e = std::stol(std::string(t.substr(es, j - es)));
      exponent += eneg ? -e : e;
      i = j;
    }
  }
  if (i != t.size()) return std::nullopt;
  if (exponent > 1000 || exponent < -1000) return std::nullopt;
  return fixed_decimal(negative, digits, exponent);
}

bool is_like(std::string_view t, std::string_view ref) {
  std::string upper(ref), title(ref);
  for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  title[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(title[0])));
  return t == ref || t == upper || t == title;
}

// Data.Yaml's textToValue for a plain scalar (and any not forced to a string).
void type_scalar(const std::string& t, Value& v) {
  if (t == "null" || t == "Null" || t == "NULL" || t == "~" || t.empty()) {
    v.kind = Value::Kind::Null;
    return;
  }
  for (auto ref : {"y", "yes", "on", "true"})
    if (is_like(t, ref)) {
      v.kind = Value::Kind::Bool;
      v.boolean = true;
      v.text = "true";
      return;
    }
  for (auto ref : {"n", "no", "off", "false"})
    if (is_like(t, ref)) {
      v.kind = Value::Kind::Bool;
      v.boolean = false;
      v.text = "false";
      return;
    }
  if (auto n = yaml_number(t)) {
    v.kind = Value::Kind::Number;
    v.text = *n;
    return;
  }
  v.kind = Value::Kind::String;
  v.text = t;
}

std::string path_key(const std::string& path, const std::string& key) { return path + "." + key; }

// Data.Yaml reads one event stream, with `!include`d files spliced in: an
// anchor defined anywhere before (in any of the files) can be referred to.
using Anchors = std::map<std::string, Value>;

// yaml-cpp rejects an alias to an anchor it has not seen in the same file. For
// such a file, aliases are rewritten as `!mhu-alias NAME` scalars and resolved
// from the anchors of all files read so far. An alias starts a node, so it is
// a `*` where a node may start: after indentation, "- ", ": ", "? ", '[', '{'
// or ','; not in a quoted scalar, a block scalar (| or >) or a comment.
std::string rewrite_aliases(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 64);
  char quote = 0;
  int block_indent = -1;  // in a block scalar: its parent's indentation
  size_t pos = 0;
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view line = text.substr(pos, eol - pos);
    std::string_view rest = eol < text.size() ? "\n" : "";
    pos = eol + 1;
    size_t indent = line.find_first_not_of(' ');
    bool blank = indent == std::string_view::npos || line[indent] == '#';
    if (block_indent >= 0 && !quote) {
      if (blank || static_cast<int>(indent) > block_indent) {
        out.append(line).append(rest);
        continue;
      }
      block_indent = -1;
    }
    // The column of the line's node: after its sequence dashes.
    size_t key_col = indent == std::string_view::npos ? 0 : indent;
    while (key_col + 1 < line.size() && line[key_col] == '-' && line[key_col + 1] == ' ') {
      size_t next = line.find_first_not_of(' ', key_col + 1);
      if (next == std::string_view::npos || line[next] == '|' || line[next] == '>') break;
      key_col = next;
    }
    char prev_sig = '\n';  // last significant character on the line ('\n': none)
    size_t content_end = line.size();  // before a comment
    for (size_t i = 0; i < line.size(); ++i) {
      char c = line[i];
      if (quote) {
        out += c;
        if (quote == '"' && c == '\\' && i + 1 < line.size()) {
          out += line[++i];
        } else if (c == quote) {
          if (quote == '\'' && i + 1 < line.size() && line[i + 1] == '\'') out += line[++i];
          else quote = 0;
          prev_sig = c;
        }
        continue;
      }
      bool after_space = i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t';
      if (c == '#' && after_space) {
        content_end = i;
        out.append(line.substr(i));
        break;
      }
      bool node_start = prev_sig == '\n' || prev_sig == '[' || prev_sig == '{' || prev_sig == ',' ||
                        ((prev_sig == '-' || prev_sig == ':' || prev_sig == '?') && after_space);
      if ((c == '\'' || c == '"') && node_start) {
        quote = c;
        out += c;
        continue;
      }
      if (c == '*' && node_start) {
        size_t j = i + 1;
        while (j < line.size() && line[j] != ' ' && line[j] != '\t' &&
               std::string_view(",[]{}").find(line[j]) == std::string_view::npos)
          ++j;
        out += "!mhu-alias ";
        out.append(line.substr(i + 1, j - i - 1));
        prev_sig = 'a';
        i = j - 1;
        continue;
      }
      if (c != ' ' && c != '\t') prev_sig = c;
      out += c;
    }
    out.append(rest);
    // Does a block scalar start here (`key: |`, `- >-`, `|2`)?
    if (!quote) {
      std::string_view content = line.substr(0, content_end);
      while (!content.empty() && (content.back() == ' ' || content.back() == '\t')) content.remove_suffix(1);
      size_t k = content.size();
      while (k > 0 && (content[k - 1] == '-' || content[k - 1] == '+' || std::isdigit(static_cast<unsigned char>(content[k - 1]))))
        --k;
      if (k > 0 && (content[k - 1] == '|' || content[k - 1] == '>')) {
        size_t ind = k - 1;
        bool starts_value = ind == 0 || content[ind - 1] == ' ';
        std::string_view before = content.substr(0, ind);
        while (!before.empty() && before.back() == ' ') before.remove_suffix(1);
        if (starts_value && (before.empty() || before.back() == ':' || before.back() == '-'))
          block_indent = static_cast<int>(key_col);
      }
    }
  }
  return out;
}

class Builder : public YAML::EventHandler {
 public:
  Builder(Context& ctx, int file, std::string dir, std::vector<std::string> seen, Anchors& anchors)
      : ctx_(ctx), file_(file), dir_(std::move(dir)), seen_(std::move(seen)), anchors_(anchors) {}

  bool ok() const { return ok_; }
  int documents() const { return documents_; }
  const YAML::Mark& second_document() const { return second_document_; }
  Value& result() { return result_; }

  void OnDocumentStart(const YAML::Mark& mark) override {
    if (documents_ == 1) second_document_ = mark;
    ++documents_;
  }
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    Value v;
    v.loc = loc(mark);
    start_anchor(anchor);
    complete(std::move(v), "", anchor);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    auto it = id_names_.find(anchor);
    resolve_alias(mark, it == id_names_.end() ? "" : it->second);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    if (!ok_) return;
    if (tag == "!mhu-alias") {
      resolve_alias(mark, value);
      return;
    }
    start_anchor(anchor);
    Value v;
    v.loc = loc(mark);
    if (tag == "!include" && !expecting_key()) {
      include(value, v);
    } else if (tag == "!" || tag == "tag:yaml.org,2002:str") {
      v.kind = Value::Kind::String;
      v.text = value;
    } else {
      type_scalar(value, v);
    }
    complete(std::move(v), value, anchor);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    start_anchor(anchor);
    Frame f;
    f.path = child_path();
    f.value.kind = Value::Kind::Array;
    f.value.loc = loc(mark);
    f.anchor = anchor;
    stack_.push_back(std::move(f));
  }
  void OnSequenceEnd() override { finish_frame(); }

  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    start_anchor(anchor);
    Frame f;
    f.path = child_path();
    f.value.kind = Value::Kind::Object;
    f.value.loc = loc(mark);
    f.anchor = anchor;
    f.is_map = true;
    stack_.push_back(std::move(f));
  }
  void OnMapEnd() override { finish_frame(); }

  void OnAnchor(const YAML::Mark&, const std::string& name) override { pending_anchor_ = name; }

 private:
  struct Frame {
    Value value;
    std::string path;
    YAML::anchor_t anchor = 0;
    bool is_map = false;
    // A map's entries in order: key text, where, value.
    std::vector<Member> entries;
    bool have_key = false;
    Member key;
  };

  Loc loc(const YAML::Mark& m) const { return {file_, m.is_null() ? 0 : m.line + 1, m.is_null() ? 0 : m.column + 1}; }

  bool expecting_key() const { return !stack_.empty() && stack_.back().is_map && !stack_.back().have_key; }

  std::string child_path() const {
    if (stack_.empty()) return "$";
    const Frame& f = stack_.back();
    if (f.is_map) return f.have_key ? path_key(f.path, f.key.key) : f.path;
    return f.path + "[" + std::to_string(f.value.items.size()) + "]";
  }

  void start_anchor(YAML::anchor_t anchor) {
    if (anchor != 0 && !pending_anchor_.empty()) id_names_[anchor] = pending_anchor_;
    pending_anchor_.clear();
  }

  void resolve_alias(const YAML::Mark& mark, const std::string& name) {
    auto it = anchors_.find(name);
    if (it == anchors_.end()) {
      fail(loc(mark), "unknown alias *" + name + " (no anchor &" + name + " before it)");
      return;
    }
    Value v = it->second;
    std::string raw = v.is(Value::Kind::String) ? v.text : "";
    if (expecting_key() && !v.is(Value::Kind::String)) {
      fail(loc(mark), "the alias *" + name + " used as a key is not a string");
      return;
    }
    complete(std::move(v), raw, 0);
  }

  void fail(Loc at, std::string message) {
    if (ok_) ctx_.error(at, std::move(message));
    ok_ = false;
  }

  void complete(Value v, const std::string& raw, YAML::anchor_t anchor) {
    if (!ok_) return;
    if (anchor != 0) {
      auto it = id_names_.find(anchor);
      if (it != id_names_.end()) anchors_[it->second] = v;
    }
    if (stack_.empty()) {
      result_ = std::move(v);
      return;
    }
    Frame& f = stack_.back();
    if (!f.is_map) {
      f.value.items.push_back(std::move(v));
      return;
    }
    if (!f.have_key) {
      if (v.is(Value::Kind::Array) || v.is(Value::Kind::Object)) {
        fail(v.loc, "a key in " + f.path + " is not a string");
        return;
      }
      f.key = Member{raw, v.loc, {}};
      f.have_key = true;
      return;
    }
    f.key.value = std::move(v);
    f.entries.push_back(std::move(f.key));
    f.have_key = false;
  }

  void finish_frame() {
    if (!ok_ || stack_.empty()) return;
    Frame f = std::move(stack_.back());
    stack_.pop_back();
    if (f.is_map) build_object(f);
    complete(std::move(f.value), "", f.anchor);
  }

  // Data.Yaml's parseM: the last of duplicate keys wins (with a warning);
  // `<<: {..}` / `<<: [{..}, ..]` merges the keys not given before it.
  void build_object(Frame& f) {
    std::map<std::string, Member> front;
    std::set<std::string> merged;
    for (auto& e : f.entries) {
      const Value& v = e.value;
      if (e.key == "<<" && (v.is(Value::Kind::Object) || v.is(Value::Kind::Array))) {
        std::map<std::string, Member> xs;
        auto take = [&](const Value& obj) {
          for (const auto& mem : obj.members) xs.emplace(mem.key, mem);  // earlier wins
        };
        if (v.is(Value::Kind::Object)) take(v);
        else
          for (const auto& item : v.items)
            if (item.is(Value::Kind::Object)) take(item);
        for (auto& [name, mem] : xs) {
          if (front.count(name)) continue;
          merged.insert(name);
          front.emplace(name, mem);
        }
        continue;
      }
      auto it = front.find(e.key);
      if (it != front.end()) {
        if (!merged.count(e.key)) ctx_.warning(e.key_loc, "Duplicate field " + path_key(f.path, e.key));
        merged.erase(e.key);
        it->second = std::move(e);
      } else {
        std::string k = e.key;
        front.emplace(k, std::move(e));
      }
    }
    for (auto& [name, mem] : front) f.value.members.push_back(std::move(mem));
  }

  void include(const std::string& name, Value& out) {
    fs::path p = fs::path(name).is_absolute() ? fs::path(name) : fs::path(dir_) / name;
    std::error_code ec;
    fs::path canon = fs::weakly_canonical(p, ec);
    std::string file = (ec ? p : canon).string();
    if (std::find(seen_.begin(), seen_.end(), file) != seen_.end()) {
      fail(out.loc, "cyclic includes: " + file);
      return;
    }
    std::string text, err;
    if (!ctx_.read_file(file, text, err)) {
      fail(out.loc, "Yaml file not found: " + file + " (!include " + name + "): " + err);
      return;
    }
    int index = ctx_.add_file(file);
    std::vector<std::string> seen = seen_;
    seen.push_back(file);
    Loc at = out.loc;
    if (!parse_file(ctx_, text, index, fs::path(file).parent_path().string(), seen, anchors_, out)) {
      ok_ = false;
      return;
    }
    if (out.loc.line == 0) out.loc = at;
  }

 public:
  static bool parse_file(Context& ctx, std::string_view text, int file, const std::string& dir,
                         const std::vector<std::string>& seen, Anchors& anchors, Value& out) {
    std::string rewritten;
    size_t diags_before = ctx.diags.items.size(), files_before = ctx.files.size();
    bool failed_before = ctx.failed;
    for (int attempt = 0; attempt < 2; ++attempt) {
      if (attempt == 1) {
        // Read again from the start: forget what the first attempt reported.
        ctx.diags.items.resize(diags_before);
        ctx.files.resize(files_before);
        ctx.failed = failed_before;
      }
      Builder b(ctx, file, dir, seen, anchors);
      try {
        std::istringstream in(attempt == 0 ? std::string(text) : rewritten);
        YAML::Parser parser(in);
        while (parser.HandleNextDocument(b)) {
          if (!b.ok()) return false;
          // One document is all hpack reads. Stopping at the second also
          // keeps yaml-cpp 0.7 from looping forever on a token it never
          // consumes (a ',' outside a flow collection: an endless stream of
          // empty documents at the same place).
          if (b.documents() > 1) break;
        }
      } catch (const YAML::Exception& e) {
        if (attempt == 0 && e.msg == YAML::ErrorMsg::UNKNOWN_ANCHOR) {
          rewritten = rewrite_aliases(text);
          continue;
        }
        ctx.error({file, e.mark.line + 1, e.mark.column + 1}, yaml_error_message(e));
        return false;
      }
      if (!b.ok()) return false;
      if (b.documents() > 1) {
        const YAML::Mark& m = b.second_document();
        size_t at = static_cast<size_t>(std::max(m.pos, 0));
        std::string_view read = attempt == 0 ? text : std::string_view(rewritten);
        if (at < read.size() && read[at] == ',')
          ctx.error({file, m.line + 1, m.column + 1}, "unexpected ',' outside a flow collection ([...] or {...})");
        else
          ctx.error({file, 0, 0}, "multiple YAML documents in one file; expected one");
        return false;
      }
      out = Value{};
      out.loc = {file, 1, 1};
      if (b.documents() == 1) out = std::move(b.result());
      return true;
    }
    return false;
  }

 private:
  Context& ctx_;
  int file_;
  std::string dir_;
  std::vector<std::string> seen_;
  Anchors& anchors_;
  std::vector<Frame> stack_;
  std::map<YAML::anchor_t, std::string> id_names_;
  std::string pending_anchor_;
  Value result_;
  int documents_ = 0;
  YAML::Mark second_document_;
  bool ok_ = true;
};

}  // namespace

// ---- values kept in a YamlValueCache -------------------------------------------
// Each value: kind letter, boolean, loc, text, item and member counts, then
// the items and the members (key, key loc, value); numbers end in ' '.

namespace {

const char kKinds[] = "NBXSAO";  // Value::Kind's order

void put_number(std::string& out, long n) {
  out += std::to_string(n);
  out += ' ';
}

void put_loc(std::string& out, const Loc& l) {
  put_number(out, l.file);
  put_number(out, l.line);
  put_number(out, l.col);
}

void put_text(std::string& out, const std::string& s) {
  put_number(out, static_cast<long>(s.size()));
  out += s;
}

void encode_value(std::string& out, const Value& v) {
  out += kKinds[static_cast<int>(v.kind)];
  out += v.boolean ? '1' : '0';
  put_loc(out, v.loc);
  put_text(out, v.text);
  put_number(out, static_cast<long>(v.items.size()));
  put_number(out, static_cast<long>(v.members.size()));
  for (const auto& item : v.items) encode_value(out, item);
  for (const auto& m : v.members) {
    put_text(out, m.key);
    put_loc(out, m.key_loc);
    encode_value(out, m.value);
  }
}

struct Decoder {
  std::string_view in;
  bool number(long& n) {
    size_t sp = in.find(' ');
    if (sp == std::string_view::npos) return false;
    auto [end, ec] = std::from_chars(in.data(), in.data() + sp, n);
    if (ec != std::errc() || end != in.data() + sp || n < 0) return false;
    in.remove_prefix(sp + 1);
    return true;
  }
  bool integer(int& n) {
    long l;
    if (!number(l) || l > 1 << 30) return false;
    n = static_cast<int>(l);
    return true;
  }
  bool loc(Loc& l) { return integer(l.file) && integer(l.line) && integer(l.col); }
  bool text(std::string& s) {
    long n;
    if (!number(n) || static_cast<size_t>(n) > in.size()) return false;
    s.assign(in.substr(0, static_cast<size_t>(n)));
    in.remove_prefix(static_cast<size_t>(n));
    return true;
  }
  bool value(Value& v, int depth) {
    if (depth > 1000 || in.size() < 2) return false;
    const char* k = std::strchr(kKinds, in[0]);
    if (!k || !*k || (in[1] != '0' && in[1] != '1')) return false;
    v.kind = static_cast<Value::Kind>(k - kKinds);
    v.boolean = in[1] == '1';
    in.remove_prefix(2);
    long items, members;
    if (!loc(v.loc) || !text(v.text) || !number(items) || !number(members)) return false;
    if (static_cast<size_t>(items) > in.size() || static_cast<size_t>(members) > in.size()) return false;
    v.items.resize(static_cast<size_t>(items));
    for (auto& item : v.items)
      if (!value(item, depth + 1)) return false;
    v.members.resize(static_cast<size_t>(members));
    for (auto& m : v.members)
      if (!text(m.key) || !loc(m.key_loc) || !value(m.value, depth + 1)) return false;
    return true;
  }
};

}  // namespace

bool load_yaml(Context& ctx, std::string_view text, int file, const std::string& dir, Value& out) {
  YamlValueCache* cache = file == 0 ? ctx.options.value_cache : nullptr;
  if (cache)
    if (auto kept = cache->lookup(text)) {
      Decoder d{*kept};
      Value v;
      if (d.value(v, 0) && d.in.empty()) return out = std::move(v), true;
    }
  std::vector<std::string> seen;
  std::string self = file == 0 ? (fs::path(ctx.package_dir) / "package.yaml").string() : ctx.files[file];
  if (!self.empty()) seen.push_back(self);
  Anchors anchors;
  size_t diags_before = ctx.diags.items.size(), files_before = ctx.files.size();
  if (!Builder::parse_file(ctx, text, file, dir, seen, anchors, out)) return false;
  // Only a result that depends on the text alone is kept: no file included,
  // nothing reported.
  if (cache && ctx.diags.items.size() == diags_before && ctx.files.size() == files_before && !ctx.failed) {
    std::string encoded;
    encode_value(encoded, out);
    cache->store(text, std::move(encoded));
  }
  return true;
}

// ---- field access -------------------------------------------------------------

const Member* ObjectReader::get(std::string_view key) {
  auto it = std::lower_bound(object_.members.begin(), object_.members.end(), key,
                             [](const Member& m, std::string_view k) { return m.key < k; });
  if (it == object_.members.end() || it->key != key) return nullptr;
  consumed_[static_cast<size_t>(it - object_.members.begin())] = true;
  return &*it;
}

const Member* ObjectReader::get_alias(std::string_view key, std::string_view alias, bool deprecated) {
  if (has(alias) && !has(key)) {
    const Member* m = get(alias);
    if (deprecated)
      ctx_.warning(m->key_loc, path_of(alias) + " is deprecated, use " + path_of(key) + " instead");
    return m;
  }
  return get(key);
}

void ObjectReader::finish() {
  for (size_t i = 0; i < object_.members.size(); ++i) {
    if (consumed_[i]) continue;
    const Member& m = object_.members[i];
    if (!m.key.empty() && m.key[0] == '_') continue;
    ctx_.warning(m.key_loc, "Ignoring unrecognized field " + path_of(m.key));
  }
}

bool read_string(Context& ctx, const Value& v, const std::string& path, Str& out) {
  if (!v.is(Value::Kind::String)) {
    ctx.type_mismatch(v, path, "String");
    return false;
  }
  out = Str{v.text, v.loc};
  return true;
}

bool read_bool(Context& ctx, const Value& v, const std::string& path, bool& out) {
  if (!v.is(Value::Kind::Bool)) {
    ctx.type_mismatch(v, path, "Bool");
    return false;
  }
  out = v.boolean;
  return true;
}

bool read_string_list(Context& ctx, const Value& v, const std::string& path, Strs& out) {
  if (!v.is(Value::Kind::Array)) {
    Str s;
    if (!read_string(ctx, v, path, s)) return false;
    out.push_back(std::move(s));
    return true;
  }
  bool ok = true;
  for (size_t i = 0; i < v.items.size(); ++i) {
    Str s;
    if (read_string(ctx, v.items[i], path + "[" + std::to_string(i) + "]", s)) out.push_back(std::move(s));
    else ok = false;
  }
  return ok;
}

bool read_version_text(Context& ctx, const Value& v, const std::string& path, Str& out) {
  if (!v.is(Value::Kind::Number) && !v.is(Value::Kind::String)) {
    ctx.type_mismatch(v, path, "Number or String");
    return false;
  }
  out = Str{v.text, v.loc};
  return true;
}

std::optional<std::vector<int>> parse_data_version(std::string_view s) {
  // Data.Version.parseVersion via ReadP, one complete parse: digits (no
  // leading zeros beyond "0"... ReadP's `read` accepts them) separated by
  // dots, then optional "-tag" parts.
  std::vector<int> out;
  size_t i = 0;
  while (true) {
    size_t start = i;
    while (i < s.size() && is_digit(s[i])) ++i;
    if (i == start || i - start > 9) return std::nullopt;
    out.push_back(std::stoi(std::string(s.substr(start, i - start))));
    if (i < s.size() && s[i] == '.' && i + 1 < s.size() && is_digit(s[i + 1])) {
      ++i;
      continue;
    }
    break;
  }
  while (i < s.size() && s[i] == '-') {
    size_t start = ++i;
    while (i < s.size() && std::isalnum(static_cast<unsigned char>(s[i]))) ++i;
    if (i == start) return std::nullopt;
  }
  if (i != s.size()) return std::nullopt;
  return out;
}

std::string show_version(const std::vector<int>& v) {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) out += (i ? "." : "") + std::to_string(v[i]);
  return out;
}

}  // namespace mhu::stack::hpack
