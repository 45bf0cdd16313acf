#include "planner/plan_json.h"

#include <cstdlib>
#include <memory>
#include <string_view>

#include "cabal/value_cursor.h"

namespace mhu::planner {

namespace {

// A JSON value: just enough of a document model to read plan.json.
struct JsonMember;

struct Json {
  enum class Kind { Null, Bool, Number, String, Array, Object } kind = Kind::Null;
  bool boolean = false;
  std::string text;  // a string's value, a number's spelling
  std::vector<Json> items;
  // A struct rather than std::pair: clang 14 (the fuzzing build) cannot
  // instantiate std::pair<std::string, Json> inside Json.
  std::vector<JsonMember> members;

  const Json* get(std::string_view key) const;
  std::string str(std::string_view key) const;
};

struct JsonMember {
  std::string key;
  Json value;
};

const Json* Json::get(std::string_view key) const {
  for (const auto& [k, v] : members)
    if (k == key) return &v;
  return nullptr;
}

std::string Json::str(std::string_view key) const {
  const Json* v = get(key);
  return v && v->kind == Kind::String ? v->text : std::string();
}

class JsonReader {
 public:
  explicit JsonReader(std::string_view s) : s_(s) {}

  bool document(Json& out, std::string& error) {
    if (!value(out, 0) || (ws(), i_ != s_.size())) {
      error = "plan.json: invalid JSON at offset " + std::to_string(i_);
      return false;
    }
    return true;
  }

 private:
  void ws() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r'))
      ++i_;
  }
  bool eat(char c) {
    ws();
    if (i_ < s_.size() && s_[i_] == c) return ++i_, true;
    return false;
  }
  bool literal(std::string_view word) {
    if (s_.substr(i_, word.size()) != word) return false;
    i_ += word.size();
    return true;
  }

  bool value(Json& v, int depth) {
    ws();
    if (i_ >= s_.size() || depth > 200) return false;
    char c = s_[i_];
    if (c == '{') return v.kind = Json::Kind::Object, object(v, depth);
    if (c == '[') return v.kind = Json::Kind::Array, array(v, depth);
    if (c == '"') return v.kind = Json::Kind::String, string(v.text);
    if (c == 't') return v.kind = Json::Kind::Bool, v.boolean = true, literal("true");
    if (c == 'f') return v.kind = Json::Kind::Bool, literal("false");
    if (c == 'n') return literal("null");
    return v.kind = Json::Kind::Number, number(v.text);
  }

  bool object(Json& v, int depth) {
    ++i_;
    if (eat('}')) return true;
    do {
      std::string key;
      Json member;
      if (!(ws(), string(key)) || !eat(':') || !value(member, depth + 1)) return false;
      v.members.push_back({std::move(key), std::move(member)});
    } while (eat(','));
    return eat('}');
  }

  bool array(Json& v, int depth) {
    ++i_;
    if (eat(']')) return true;
    do {
      v.items.emplace_back();
      if (!value(v.items.back(), depth + 1)) return false;
    } while (eat(','));
    return eat(']');
  }

  bool number(std::string& out) {
    size_t start = i_;
    while (i_ < s_.size() &&
           std::string_view("+-.eE0123456789").find(s_[i_]) != std::string_view::npos)
      ++i_;
    out = s_.substr(start, i_ - start);
    return i_ > start;
  }

  bool hex4(unsigned long& v) {
    if (i_ + 4 > s_.size()) return false;
    char buf[5] = {s_[i_], s_[i_ + 1], s_[i_ + 2], s_[i_ + 3], 0};
    char* end = nullptr;
    v = std::strtoul(buf, &end, 16);
    if (end != buf + 4) return false;
    i_ += 4;
    return true;
  }

  bool unicode_escape(std::string& out) {
    unsigned long c = 0, lo = 0;
    if (!hex4(c)) return false;
    if (c >= 0xD800 && c < 0xDC00 && s_.substr(i_, 2) == "\\u") {
      size_t save = i_;
      i_ += 2;
      if (hex4(lo) && lo >= 0xDC00 && lo < 0xE000)
        c = 0x10000 + ((c - 0xD800) << 10) + (lo - 0xDC00);
      else
        i_ = save;
    }
    cabal::append_utf8(out, static_cast<char32_t>(c));
    return true;
  }

  bool string(std::string& out) {
    if (i_ >= s_.size() || s_[i_] != '"') return false;
    ++i_;
    while (i_ < s_.size()) {
      size_t run = s_.find_first_of("\"\\", i_);
      if (run == std::string_view::npos) return false;
      out.append(s_.substr(i_, run - i_));
      i_ = run + 1;
      if (s_[run] == '"') return true;
      if (i_ >= s_.size()) return false;
      char e = s_[i_++];
      static constexpr std::string_view from = "\"\\/bfnrt", to = "\"\\/\b\f\n\r\t";
      if (auto k = from.find(e); k != std::string_view::npos)
        out += to[k];
      else if (e != 'u' || !unicode_escape(out))
        return false;
    }
    return false;
  }

  std::string_view s_;
  size_t i_ = 0;
};

// ---------------------------------------------------------------------------
// From JSON to the plan.

std::vector<std::string> strings(const Json* v) {
  std::vector<std::string> r;
  if (v)
    for (const auto& x : v->items)
      if (x.kind == Json::Kind::String) r.push_back(x.text);
  return r;
}

PlanUnit unit_base(const Json& u) {
  PlanUnit p;
  p.id = u.str("id");
  p.pkg_name = u.str("pkg-name");
  p.pkg_version = u.str("pkg-version");
  p.style = u.str("style");
  p.type = u.str("type");
  p.dist_dir = u.str("dist-dir");
  if (const Json* src = u.get("pkg-src")) p.pkg_src_path = src->str("path");
  if (const Json* flags = u.get("flags"))
    for (const auto& [name, value] : flags->members) p.flags.emplace_back(name, value.boolean);
  return p;
}

void component_fields(const Json& c, PlanUnit& p) {
  p.depends = strings(c.get("depends"));
  p.exe_depends = strings(c.get("exe-depends"));
  p.bin_file = c.str("bin-file");
}

void add_unit(const Json& u, std::vector<PlanUnit>& out) {
  PlanUnit base = unit_base(u);
  const Json* components = u.get("components");
  if (!components || components->kind != Json::Kind::Object) {
    base.component = u.str("component-name");
    component_fields(u, base);
    out.push_back(std::move(base));
    return;
  }
  for (const auto& [name, c] : components->members) {
    PlanUnit p = base;
    p.component = name;
    component_fields(c, p);
    out.push_back(std::move(p));
  }
}

}  // namespace

bool parse_plan_json(const std::string& text, Plan& out, std::string& error) {
  Json doc;
  if (!JsonReader(text).document(doc, error)) return false;
  const Json* plan = doc.get("install-plan");
  if (doc.kind != Json::Kind::Object || !plan || plan->kind != Json::Kind::Array) {
    error = "plan.json: no \"install-plan\" array";
    return false;
  }
  Plan p;
  p.cabal_version = doc.str("cabal-version");
  p.compiler_id = doc.str("compiler-id");
  p.os = doc.str("os");
  p.arch = doc.str("arch");
  for (const auto& u : plan->items)
    if (u.kind == Json::Kind::Object) add_unit(u, p.units);
  out = std::move(p);
  return true;
}

}  // namespace mhu::planner
