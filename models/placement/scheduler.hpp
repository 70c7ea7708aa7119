// One run of Pacemaker's scheduler over a cluster snapshot: where every resource should
// be, in which role, and the scores that decided it.
//
// Source: "Pacemaker Explained" 2.1 (scores, resource-stickiness, migration-threshold,
// constraints, groups, clones, promotable clones) and the assignment order of the
// Pacemaker 2.1 scheduler (libpacemaker pcmk_sched_*.c): resources are assigned in
// priority order, then by their score on the node they run on, then by their scores on
// the nodes in node order; a primitive first assigns the resources it is colocated
// with, applies their placement, merges the (attenuated) preferences of the resources
// colocated with it, and takes the best-scored available node, breaking ties by the
// fewest resources assigned so far and then by node name, staying put when its current
// node ties with a positive score. Negative scores never run a resource. Groups are
// chains of members colocated with their predecessor; clone instances are first kept
// where they run, then spread over the best nodes up to clone-node-max each; promotable
// instances are promoted by promotion score ("master-<id>" node attribute) plus
// role-specific constraints, up to promoted-max. Stickiness and location scores add up
// per member of a group, which is why a group's stickiness is the sum of its members'.
#pragma once

#include "models/placement/cluster_state.hpp"

#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace halab::placement {

// A cluster state that the scheduler cannot read (unknown resource in a constraint,
// clone of a group, ...). `where` names the offending item.
struct ConfigError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The most clone instances the lab unpacks (clone-max=INFINITY would ask for a million).
inline constexpr int kMaxCloneInstances = 10000;

struct NodeScore {
  std::string node;
  Score score = 0;
};

// The allocation scores of one resource (or clone instance) at the moment it was
// assigned, in node order — what `crm_simulate -s` prints.
struct ResourceScores {
  std::string rsc;
  std::vector<NodeScore> scores;
};

// Where one primitive (or clone instance) will be after the transition.
struct Assignment {
  std::string rsc;        // primitive id, or "clone-child:N" for clone instances
  std::string clone;      // the clone it belongs to, or empty
  std::string node;       // empty: stopped
  Role role = Role::stopped;
  std::vector<std::string> current_nodes;  // where it is active now
  Role current_role = Role::stopped;
  bool recover = false;   // active but failed: restart even if it stays
};

struct Schedule {
  std::vector<Assignment> assignments;     // in resource configuration order
  std::vector<ResourceScores> scores;      // in assignment order
  std::vector<std::string> fence;          // nodes to fence
  std::vector<std::string> warnings;       // what Pacemaker would log as errors
};

// Throws ConfigError when the state cannot be scheduled.
Schedule schedule(const ClusterState& state);
// The scheduler's own checks of a configuration (meta attributes, references, ids), as
// schedule() makes them while unpacking, without assigning anything: throws ConfigError.
void check_configuration(const ClusterState& state);

}  // namespace halab::placement
