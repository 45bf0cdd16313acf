// Parsed package.yaml documents kept from run to run. Parsing the YAML
// (yaml-cpp) is most of the time of reading a package.yaml, and its result
// depends on the text alone when the document includes no other file and
// draws no diagnostic: such results are kept, keyed by the whole text, in a
// form the reader decodes again (stack/package_yaml_value.cpp). The rest of
// reading a package.yaml (hpack's rules, which look at the package's files)
// runs every time.
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace mhu::stack {

class YamlValueCache {
 public:
  // The entries of `data`, a previous save() with the same `key` (e.g. what
  // identifies the program that wrote it); false, and no entries, when
  // `data` is not that.
  bool load(std::string_view data, const std::string& key);
  // The entries looked up or stored since load(), under `key`.
  std::string save(const std::string& key) const;
  // Whether save() would differ from what load() read: an entry was stored,
  // or one loaded was not looked up.
  bool changed() const;

  // Both safe to call from several threads.
  std::optional<std::string> lookup(std::string_view text);
  void store(std::string_view text, std::string encoded);

 private:
  struct Entry {
    std::string encoded;
    bool used = false;
  };
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
  bool stored_ = false;
};

}  // namespace mhu::stack
