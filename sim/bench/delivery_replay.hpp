// `halab bench --scenario`: what halab costs per message running a real scenario, against
// raw SimGrid delivering the very same messages with the same simplification.
//
// The halab side is the scenario run as `halab run` runs it (every agent, every fault, the
// summary built as the trace goes); its network records each message it accepts (when,
// from which host, to which). The raw side builds the same scenario's platform and replays
// those messages with plain S4U and nothing else: per host, a sender actor that sleeps
// until each of its sends and puts a 0-byte message into the receiver's mailbox
// (detached), and a receiver actor that gets messages until it has all of its own. A
// 0-byte transfer takes the route's latency: the simplification halab's delivery makes
// (halab adds the bytes over the bottleneck, under a microsecond for these sizes), with no
// bandwidth sharing on either side. Each figure is the CPU time of SimGrid's engine run
// alone (setup excluded), in a fresh process (one engine per process).
#pragma once

#include "sim/net/network.hpp"
#include "sim/scenario/scenario.hpp"

#include <cstdint>
#include <vector>

namespace halab {

struct ReplaySample {
  std::uint64_t messages = 0;  // accepted by halab's network / received on raw SimGrid
  double loop_cpu_s = 0;
};

// `log`, when set, gets every message the network accepted.
ReplaySample run_scenario_halab(const Scenario& scenario, std::uint64_t seed, std::vector<Delivery>* log);
ReplaySample run_deliveries_plain(const Scenario& scenario, const std::vector<Delivery>& log);

}  // namespace halab
