// A home unit as JSON (`mhu units --json`, `mhu targets --json`).
#pragma once

#include "cli/json.h"
#include "planner/unit.h"

namespace mhu::cli {

void write_unit_json(JsonWriter& w, const planner::Unit& u);

}  // namespace mhu::cli
