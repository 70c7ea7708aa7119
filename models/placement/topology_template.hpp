// Cluster topologies as templates: the resources and constraints that make a Pacemaker
// cluster behave as active/passive, active/active, N+1, N+M, N-to-1 or N-to-N (concepts
// 17-22 of the lab; "Pacemaker Explained" 2.1 for the constraint vocabulary, and the
// ClusterLabs "Clusters from Scratch" patterns for active/passive and active/active).
// Nodes are taken in order: the first `active` nodes each host one service (its "home"),
// the rest are spares (standbys).
// - active-passive: one service on 2 nodes, preferring the first; stickiness keeps it
//   where it runs after a failover (no failback).
// - active-active: one anonymous clone, an instance on every node.
// - n+1, n+m: N services, one per active node, never two on one node (-INFINITY
//   anti-colocation of each service with the ones before it); any spare takes over a
//   failed active's service; no failback, so the repaired node becomes the spare.
// - n-to-1: N services share one standby, which holds one at a time; each may run only
//   at home or on the standby (which the lower-numbered service gets when several are
//   down: each avoids the ones before it), and fails back home as soon as it can
//   (INFINITY at home outweighs any stickiness), freeing the standby.
// - n-to-n: N services on N nodes with shared storage: every node may host any service;
//   a failed node's services spread over the survivors; no failback.
#pragma once

#include "models/placement/cluster_state.hpp"

#include <optional>
#include <string>
#include <vector>

namespace halab::placement {

enum class TopologyKind { active_passive, active_active, n_plus_1, n_plus_m, n_to_1, n_to_n };

std::optional<TopologyKind> parse_topology_kind(std::string_view text);  // "active-passive", "n+1", …
const char* topology_kind_name(TopologyKind kind);

struct TopologyTemplate {
  TopologyKind kind = TopologyKind::active_passive;
  int active = 1;   // services (active nodes)
  int spares = 1;   // standby nodes (n+m: m; n+1 and n-to-1: 1; active-passive: 1)
};

// How many nodes the template needs.
int nodes_needed(const TopologyTemplate& t);

// Adds the template's resources, constraints and defaults to `state`, whose nodes must
// already be listed (at least nodes_needed). Throws std::invalid_argument otherwise.
void apply_topology(const TopologyTemplate& t, ClusterState& state);

}  // namespace halab::placement
