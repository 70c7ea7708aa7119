// One LVS director of the request path (docs/six-tiers.md) as a member process of the one
// loop: the kernel's IPVS. A new connection (each request is one) goes to the real server
// the scheduler (models/balance/ipvs_scheduler) picks, or to the one the client's
// persistence template names; nothing reads the request, so nothing retries it. With DR
// the answer goes from the real server straight to the caller; with NAT it comes back
// through the director. keepalived's checkers on the director (models/balance/
// real_server_check) remove a real server from the table and add it back. The entry
// director forwards only while its host holds the cluster's floating IP.
#pragma once

#include "sim/run/run_context.hpp"
#include "sim/stack/tier_run.hpp"

namespace halab {

// The process of instance `instance` of a director tier.
std::unique_ptr<ProcessLoop> make_director(RunContext& ctx, TierRun& tier, std::size_t instance);

}  // namespace halab
