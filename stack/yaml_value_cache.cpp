#include "stack/yaml_value_cache.h"

#include <charconv>

namespace mhu::stack {

namespace {

constexpr std::string_view kMagic = "mhu-yaml-values 1\n";

void put(std::string& out, std::string_view s) {
  out += std::to_string(s.size());
  out += '\n';
  out += s;
}

// A length-prefixed string at the front of `data`, consumed.
bool take(std::string_view& data, std::string_view& out) {
  size_t eol = data.find('\n');
  if (eol == std::string_view::npos) return false;
  size_t n = 0;
  auto [end, ec] = std::from_chars(data.data(), data.data() + eol, n);
  if (ec != std::errc() || end != data.data() + eol || n > data.size() - eol - 1) return false;
  out = data.substr(eol + 1, n);
  data.remove_prefix(eol + 1 + n);
  return true;
}

}  // namespace

bool YamlValueCache::load(std::string_view data, const std::string& key) {
  std::lock_guard<std::mutex> lock(mutex_);
  entries_.clear();
  stored_ = false;
  std::string_view k;
  if (data.substr(0, kMagic.size()) != kMagic) return false;
  data.remove_prefix(kMagic.size());
  if (!take(data, k) || k != key) return false;
  std::unordered_map<std::string, Entry> entries;
  while (!data.empty()) {
    std::string_view text, encoded;
    if (!take(data, text) || !take(data, encoded)) return false;
    entries[std::string(text)] = Entry{std::string(encoded), false};
  }
  entries_ = std::move(entries);
  return true;
}

std::string YamlValueCache::save(const std::string& key) const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::string out(kMagic);
  put(out, key);
  for (const auto& [text, e] : entries_)
    if (e.used) put(out, text), put(out, e.encoded);
  return out;
}

bool YamlValueCache::changed() const {
  std::lock_guard<std::mutex> lock(mutex_);
  if (stored_) return true;
  for (const auto& [text, e] : entries_)
    if (!e.used) return true;
  return false;
}

std::optional<std::string> YamlValueCache::lookup(std::string_view text) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = entries_.find(std::string(text));
  if (it == entries_.end()) return std::nullopt;
  it->second.used = true;
  return it->second.encoded;
}

void YamlValueCache::store(std::string_view text, std::string encoded) {
  std::lock_guard<std::mutex> lock(mutex_);
  entries_[std::string(text)] = Entry{std::move(encoded), true};
  stored_ = true;
}

}  // namespace mhu::stack
