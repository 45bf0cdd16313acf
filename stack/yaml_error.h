// The message of a yaml-cpp exception as mhu reports it.
#pragma once

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/exceptions.h>

#include <string>

namespace mhu::stack {

// yaml-cpp's own text, except for its nesting limit (DeepRecursion, whose
// message is only "bad file"): that one says what happened.
inline std::string yaml_error_message(const YAML::Exception& e) {
  if (auto* deep = dynamic_cast<const YAML::DeepRecursion*>(&e))
    return "YAML nested too deeply (yaml-cpp reads at most " + std::to_string(deep->depth() - 1) +
           " levels)";
  return e.msg;
}

}  // namespace mhu::stack
