// The transition graph: the actions that take the cluster from what runs now to the
// scheduled placement, and the ordering edges between them. Source: "Pacemaker
// Explained" 2.1, "Ordering Constraints" (first/then, kind Mandatory/Optional/Serialize,
// symmetrical: the inverse actions in the inverse order) and the implicit orderings
// Pacemaker adds: stop before start of a resource, demote before stop, start before
// promote, group members started in order and stopped in reverse, fencing a node before
// anything that was running on it starts elsewhere, and every fencing of the transition
// before the starts and promotions of resources that require fencing (by default all but
// fence devices while stonith-enabled: `requires`). What runs on an unclean node
// that is not being fenced (no quorum) is blocked: no action for it. A resource active on
// several nodes is stopped everywhere and started once (multiple-active=stop_start, the
// default; the other values are not modelled).
#pragma once

#include "models/placement/cluster_state.hpp"
#include "models/placement/scheduler.hpp"

#include <string>
#include <vector>

namespace halab::placement {

struct Action {
  std::string task;  // stop, start, promote, demote, fence
  std::string rsc;   // empty for fence
  std::string node;
  bool implied = false;  // a stop implied by fencing the node (nothing is run)
};

struct Transition {
  std::vector<Action> actions;               // in creation order
  std::vector<std::pair<int, int>> edges;    // (before, after) indices into actions
  std::vector<int> order;                    // a topological order of all actions
};

// Throws ConfigError naming the actions on a cycle when the orderings cannot all hold.
Transition plan_transition(const ClusterState& state, const Schedule& schedule);

}  // namespace halab::placement
