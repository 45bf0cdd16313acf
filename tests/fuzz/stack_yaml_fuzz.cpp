// The stack.yaml reader (yaml-cpp underneath).
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "fuzz_dir.h"
#include "stack/stack_yaml.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  mhu::stack::StackYaml yaml;
  mhu::cabal::Diagnostics diags;
  bool ok = mhu::stack::parse_stack_yaml(text, mhu::fuzz::scratch_dir() + "/stack.yaml", yaml, diags);
  if (ok == diags.has_error()) std::abort();
  return 0;
}
