// The memberlist manager's member: one SWIM member with Lifeguard
// (models/membership/swim_member) per member process, its packets carried by the network as
// UDP datagrams, its view's changes tallied per member for the trace (SwimTally). It keeps
// membership only: no floating IP, nothing placed. All decisions are the model's.
#pragma once

#include "sim/run/run_context.hpp"

#include <cstddef>

namespace halab {

// Starts (or restarts) the member's process under the memberlist manager.
void spawn_memberlist_member(RunContext& ctx, ServiceRun& service, std::size_t member);

}  // namespace halab
