#include "stack/yaml_emit.h"

namespace mhu::stack {

namespace {

void emit(YAML::Emitter& e, const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Map:
      e << YAML::BeginMap;
      for (const auto& kv : n) {
        e << YAML::Key;
        emit(e, kv.first);
        e << YAML::Value;
        emit(e, kv.second);
      }
      e << YAML::EndMap;
      return;
    case YAML::NodeType::Sequence:
      e << YAML::BeginSeq;
      for (const auto& item : n) emit(e, item);
      e << YAML::EndSeq;
      return;
    case YAML::NodeType::Scalar: {
      const std::string& tag = n.Tag();
      if (tag == "!") {
        e << YAML::DoubleQuoted << n.Scalar();
      } else if (tag.size() > 1 && tag[0] == '!' && tag[1] != '<') {
        e << YAML::LocalTag(tag.substr(1)) << n.Scalar();
      } else {
        e << n.Scalar();
      }
      return;
    }
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
      e << YAML::Null;
      return;
  }
}

}  // namespace

bool emit_yaml(const YAML::Node& node, std::string& out, std::string& error) {
  YAML::Emitter e;
  emit(e, node);
  if (!e.good()) {
    error = e.GetLastError();
    return false;
  }
  out = e.c_str();
  return true;
}

}  // namespace mhu::stack
