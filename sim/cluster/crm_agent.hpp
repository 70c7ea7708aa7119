// The process of one member when the "pacemaker" manager runs the full cluster resource
// manager (a "crm" section; docs/crm.md). Every node runs the membership stack and a
// local resource manager; each partition's view elects a DC (designated coordinator: the
// longest-running controller, then the lowest host name), which gathers what every node runs (the join), runs
// crm::Coordinator — Pacemaker's scheduler and transition engine — and sends operations
// to the nodes' resource managers and fencing requests to the fencer. The DC replicates
// its CIB status (what runs where, fail counts, members) to the other nodes, so that a
// new DC starts from it. Sources: "Pacemaker Explained" 2.1 (the controller and DC,
// transitions, failure handling) and Pacemaker's controller (election.c; the join, then
// the scheduler on the joined status).
#pragma once

#include "sim/run/run_context.hpp"

namespace halab {

void spawn_crm_member(RunContext& ctx, ServiceRun& service, std::size_t member);

}  // namespace halab
