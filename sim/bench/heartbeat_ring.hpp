// The heartbeat benchmark's workload: N nodes in a ring plus one monitor; every interval
// each node sends a heartbeat to its ring successor and to the monitor. Run twice on the
// same platform: through halab's layers (Network with its fault filter, the agent receive
// loop with deadlines, a failure detector fed per heartbeat) and as plain SimGrid code
// (a sender and a receiver actor per node on raw mailboxes). Each call needs a fresh
// process (one SimGrid engine per process).
#pragma once

#include <cstdint>

namespace halab {

struct RingSample {
  std::uint64_t messages = 0;  // heartbeats delivered
  double wall_s = 0;           // wall time of the simulation loop
};

RingSample run_ring_halab(int nodes, double simulated_s);
RingSample run_ring_plain(int nodes, double simulated_s);

} // namespace halab
