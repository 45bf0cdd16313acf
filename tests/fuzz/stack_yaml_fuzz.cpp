// The stack.yaml reader (yaml-cpp underneath), and the probe made from what it
// read (stack/stack_yaml_probe.h): a probe must read back as a stack.yaml
// without errors, with no packages and the same snapshot kind.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "fuzz_dir.h"
#include "stack/stack_yaml.h"
#include "stack/stack_yaml_probe.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  mhu::stack::StackYaml yaml;
  mhu::cabal::Diagnostics diags;
  const std::string file = mhu::fuzz::scratch_dir() + "/stack.yaml";
  bool ok = mhu::stack::parse_stack_yaml(text, file, yaml, diags);
  if (ok == diags.has_error()) std::abort();
  if (!ok) return 0;
  std::vector<std::string> locals;
  for (const auto& p : yaml.packages) locals.push_back(p.path);
  std::string probe, why_not;
  if (!mhu::stack::make_stack_probe(yaml, locals, probe, why_not)) return 0;
  mhu::stack::StackYaml back;
  mhu::cabal::Diagnostics back_diags;
  if (!mhu::stack::parse_stack_yaml(probe, file, back, back_diags)) std::abort();
  if (!back.packages.empty() || back.snapshot.empty() != yaml.snapshot.empty()) std::abort();
  return 0;
}
