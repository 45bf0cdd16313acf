// YAML to hpack's Value: Data.Yaml's typing of scalars (textToValue), merge
// keys (`<<`), duplicate keys (the last wins, with a warning), Data.Yaml.Include's
// `!include`; and the field access hpack's FromValue does on top of it.
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "stack/package_yaml_internal.h"

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
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "cannot open " + path;
    return false;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return true;
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

class Converter {
 public:
  Converter(Context& ctx, int file, std::string dir, std::vector<std::string> seen)
      : ctx_(ctx), file_(file), dir_(std::move(dir)), seen_(std::move(seen)) {}

  bool convert(const YAML::Node& n, const std::string& path, Value& out) {
    auto m = n.Mark();
    out.loc = {file_, m.is_null() ? 0 : m.line + 1, m.is_null() ? 0 : m.column + 1};
    switch (n.Type()) {
      case YAML::NodeType::Undefined:
      case YAML::NodeType::Null:
        out.kind = Value::Kind::Null;
        return true;
      case YAML::NodeType::Scalar: {
        const std::string& tag = n.Tag();
        if (tag == "!include") return include(n.Scalar(), out);
        if (tag == "!" || tag == "tag:yaml.org,2002:str") {
          out.kind = Value::Kind::String;
          out.text = n.Scalar();
        } else {
          type_scalar(n.Scalar(), out);
        }
        return true;
      }
      case YAML::NodeType::Sequence: {
        out.kind = Value::Kind::Array;
        size_t i = 0;
        for (const auto& item : n) {
          out.items.emplace_back();
          if (!convert(item, path + "[" + std::to_string(i++) + "]", out.items.back())) return false;
        }
        return true;
      }
      case YAML::NodeType::Map:
        return convert_map(n, path, out);
    }
    return true;
  }

 private:
  // Data.Yaml's parseM: the last of duplicate keys wins (with a warning);
  // `<<: {..}` / `<<: [{..}, ..]` merges keys not given before it.
  bool convert_map(const YAML::Node& n, const std::string& path, Value& out) {
    out.kind = Value::Kind::Object;
    std::map<std::string, Member> front;
    std::set<std::string> merged;
    for (const auto& kv : n) {
      const YAML::Node& k = kv.first;
      if (k.Type() != YAML::NodeType::Scalar) {
        auto m = k.Mark();
        ctx_.error({file_, m.line + 1, m.column + 1}, "non-string key in " + path + " (keys must be strings)");
        return false;
      }
      std::string key = k.Scalar();
      auto km = k.Mark();
      Loc key_loc{file_, km.line + 1, km.column + 1};
      Value v;
      if (!convert(kv.second, path_key(path, key), v)) return false;
      if (key == "<<" && (v.is(Value::Kind::Object) || v.is(Value::Kind::Array))) {
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
      auto it = front.find(key);
      if (it != front.end()) {
        if (!merged.count(key)) ctx_.warning(key_loc, "Duplicate field " + path_key(path, key));
        merged.erase(key);
        it->second = Member{key, key_loc, std::move(v)};
      } else {
        front.emplace(key, Member{key, key_loc, std::move(v)});
      }
    }
    for (auto& [name, mem] : front) out.members.push_back(std::move(mem));
    return true;
  }

  bool include(const std::string& name, Value& out) {
    fs::path p = fs::path(name).is_absolute() ? fs::path(name) : fs::path(dir_) / name;
    std::error_code ec;
    fs::path canon = fs::weakly_canonical(p, ec);
    std::string file = (ec ? p : canon).string();
    if (std::find(seen_.begin(), seen_.end(), file) != seen_.end()) {
      ctx_.error(out.loc, "cyclic includes: " + file);
      return false;
    }
    std::string text, err;
    if (!ctx_.read_file(file, text, err)) {
      ctx_.error(out.loc, "Yaml file not found: " + file + " (!include " + name + "): " + err);
      return false;
    }
    int index = ctx_.add_file(file);
    std::vector<std::string> seen = seen_;
    seen.push_back(file);
    YAML::Node node;
    try {
      node = YAML::Load(text);
    } catch (const YAML::Exception& e) {
      ctx_.error({index, e.mark.line + 1, e.mark.column + 1}, e.msg);
      return false;
    }
    Converter sub(ctx_, index, fs::path(file).parent_path().string(), seen);
    Loc at = out.loc;
    if (!sub.convert(node, "$", out)) return false;
    if (out.loc.line == 0) out.loc = at;
    return true;
  }

  Context& ctx_;
  int file_;
  std::string dir_;
  std::vector<std::string> seen_;
};

}  // namespace

bool load_yaml(Context& ctx, std::string_view text, int file, const std::string& dir, Value& out) {
  std::vector<YAML::Node> docs;
  try {
    docs = YAML::LoadAll(std::string(text));
  } catch (const YAML::Exception& e) {
    ctx.error({file, e.mark.line + 1, e.mark.column + 1}, e.msg);
    return false;
  }
  if (docs.size() > 1) {
    ctx.error({file, 0, 0}, "multiple YAML documents in one file; expected one");
    return false;
  }
  out = Value{};
  out.loc = {file, 1, 1};
  if (docs.empty()) return true;
  std::vector<std::string> seen;
  std::string name = ctx.files[file].empty() ? "" : ctx.files[file];
  if (!name.empty()) seen.push_back(name);
  Converter c(ctx, file, dir, seen);
  return c.convert(docs[0], "$", out);
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
