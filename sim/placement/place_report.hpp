// What `halab place` prints: the placement, the ordered actions and (optionally) the
// allocation scores, as text for people or as one JSON object for tools:
// {"placement": {ID: NODE or "stopped", CLONE_ID: [NODES…]}, "actions": [...],
//  "scores": {RSC: {NODE: SCORE}}}.
#pragma once

#include "models/placement/scheduler.hpp"
#include "models/placement/transition.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace halab {

// One key per non-cloned primitive (group members individually) with its node or
// "stopped", and one sorted node list per clone.
nlohmann::json placement_json(const placement::Schedule& schedule);
nlohmann::json place_json(const placement::Schedule& schedule, const placement::Transition& transition);
std::string place_text(const placement::Schedule& schedule, const placement::Transition& transition, bool scores);

}  // namespace halab
