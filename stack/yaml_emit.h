// YAML nodes (yaml-cpp) back to text for stack to read: a scalar that was
// quoted stays quoted (yaml-cpp's own emitter writes "true" as true, which
// Data.Yaml then reads as a boolean), other tags (`!include`) are kept.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>

namespace mhu::stack {

// The document's text; "" with `error` when yaml-cpp cannot write it.
bool emit_yaml(const YAML::Node& node, std::string& out, std::string& error);

}  // namespace mhu::stack
