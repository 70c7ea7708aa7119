// Reading /cluster/crm: the cluster resource manager's configuration in the lab's
// placement JSON form (docs/placement.md: resources, constraints, topology, properties,
// rsc_defaults; nodes default to the members), plus what only a run needs: the
// primitive carrying the service IP, agent timings and cluster-recheck-interval.
// The members' quorum policy and fencing are carried into the CRM's properties.
#pragma once

#include "sim/scenario/fields.hpp"
#include "sim/scenario/scenario.hpp"

namespace halab {

void read_crm_settings(const Fields& cluster, ClusterSpec& spec);

// The keys of an "agent-fail" fault other than kind, at and until.
void read_agent_fault(const Fields& f, const ClusterSpec& spec, FaultSpec& fault);

}  // namespace halab
