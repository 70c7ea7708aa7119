// What `halab place` prints: the placement, the ordered actions and (optionally) the
// allocation scores, as text for people or as one JSON object for tools:
// {"placement": {ID: NODE or "stopped", CLONE_ID: [NODES…]}, "actions": [...],
//  "scores": {RSC: {NODE: SCORE}}}.
#pragma once

#include "models/placement/cluster_state.hpp"
#include "models/placement/scheduler.hpp"
#include "models/placement/transition.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace halab {

// One key per non-cloned primitive (group members individually) with its node or
// "stopped", and one sorted node list per clone.
nlohmann::json placement_json(const placement::Schedule& schedule);
nlohmann::json place_json(const placement::Schedule& schedule, const placement::Transition& transition);
// The configuration part of a cluster state in the lab's JSON form (resources,
// constraints, rsc_defaults): what a topology template expands to.
nlohmann::json configuration_json(const placement::ClusterState& state);
std::string place_text(const placement::Schedule& schedule, const placement::Transition& transition, bool scores);

}  // namespace halab
