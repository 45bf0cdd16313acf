#include "planner/unit.h"

#include <tuple>

namespace mhu::planner {

using cabal::ComponentKind;

namespace {

// The rank of a component kind in stack's NamedComponent order.
int stack_rank(const Unit& u) {
  switch (u.kind) {
    case ComponentKind::Library: return u.component_name.empty() ? 0 : 1;
    case ComponentKind::ForeignLibrary: return 2;
    case ComponentKind::Executable: return 3;
    case ComponentKind::TestSuite: return 4;
    case ComponentKind::Benchmark: return 5;
  }
  return 6;
}

}  // namespace

std::string inplace_unit_id(const std::string& package, const cabal::Version& version,
                            ComponentKind kind, const std::string& component) {
  std::string id = package + "-" + cabal::to_string(version) + "-inplace";
  if (!(kind == ComponentKind::Library && component.empty())) id += "-" + component;
  return id;
}

std::string component_selector(const Unit& u) {
  if (u.kind == ComponentKind::Library && u.component_name.empty()) return "lib";
  return std::string(cabal::component_kind_name(u.kind)) + ":" + u.component_name;
}

std::string stack_target(const Unit& u) {
  if (u.kind == ComponentKind::Library)
    return u.component_name.empty() ? u.package_name + ":lib"
                                    : u.package_name + ":sub-lib:" + u.component_name;
  return u.package_name + ":" + cabal::component_kind_name(u.kind) + ":" + u.component_name;
}

bool stack_order_less(const Unit& a, const Unit& b) {
  return std::make_tuple(a.package_name, stack_rank(a), a.component_name) <
         std::make_tuple(b.package_name, stack_rank(b), b.component_name);
}

}  // namespace mhu::planner
