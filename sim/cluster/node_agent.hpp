// The actor of one cluster member: it sends heartbeats, feeds the failure detectors and the
// active/passive controller from models/, carries out their actions on the floating IP, and
// answers client requests while it holds the IP. All decisions are the models'.
#pragma once

#include "sim/run/run_context.hpp"

#include <simgrid/s4u/Actor.hpp>

#include <cstddef>

namespace halab {

// Starts (or restarts) the member's actor under the keepalived manager.
simgrid::s4u::ActorPtr spawn_keepalived_member(RunContext& ctx, std::size_t member);

} // namespace halab
