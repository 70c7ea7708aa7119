// The process of one member under the "pacemaker" manager: heartbeats feed the failure
// detectors, detector verdicts feed the membership view (plain or corosync timing), the view
// and the quorum device feed votequorum, and all of it feeds the ClusterNode controller from
// models/, whose actions this agent carries out: start and stop the service (its floating
// IP and its writes to shared storage), fence through the fence device, fence itself.
// Every change of what the node believes is a `belief` trace event.
#pragma once

#include "sim/run/run_context.hpp"

namespace halab {

// Starts (or restarts) the member's process under the pacemaker manager.
void spawn_pacemaker_member(RunContext& ctx, ServiceRun& service, std::size_t member);

} // namespace halab
