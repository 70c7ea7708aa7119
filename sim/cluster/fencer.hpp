// One fencing operation as Pacemaker's fencer carries it out for a requesting node: wait
// the configured delays, fire the device (only if the requester is still alive then: a dead
// node sends no command), wait for the device, then act on the target — power it off (and
// back on after its reboot time) or cut it from the storage — and report to the requester.
// A command already fired completes even if the requester dies meanwhile: that is how both
// nodes of a two-node cluster can shoot each other (a fence race).
#pragma once

#include "sim/run/run_context.hpp"

namespace halab {

void start_fencing(RunContext& ctx, ServiceRun& svc, std::size_t requester, std::size_t target);

} // namespace halab
