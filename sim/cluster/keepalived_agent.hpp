// The keepalived manager's member: one VRRP router (models/failover/vrrp_router) per member
// process, its tracked scripts, and the floating IP bound while it is Master. Only the
// Master sends adverts (to every other member, as VRRP's multicast does); a Backup is
// silent. All decisions are the model's.
#pragma once

#include "sim/run/run_context.hpp"

#include <cstddef>

namespace halab {

// Starts (or restarts) the member's process under the keepalived manager.
void spawn_keepalived_member(RunContext& ctx, ServiceRun& service, std::size_t member);

} // namespace halab
