// A client host's process: open-loop requests to the floating IP at the scenario's rate
// (evenly spaced or Poisson), each resolved through the network's ARP entry for the IP, each
// recorded as a trace event when it succeeds, times out or finds no route.
#pragma once

#include "sim/run/run_context.hpp"

namespace halab {

// Starts the client on `host` (kept in ctx.clients for the run).
void spawn_client(RunContext& ctx, HostId host);

} // namespace halab
