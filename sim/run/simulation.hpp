// Runs one scenario to completion in this process and returns its trace.
//
// SimGrid allows one engine per process: call simulate() at most once per process. To run
// several scenarios or seeds, use run_in_child() (fork per run).
#pragma once

#include "sim/net/network.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/trace/trace.hpp"

#include <cstdint>
#include <ostream>
#include <vector>

namespace halab {

struct RunResult {
  std::vector<TraceEvent> events;
  NetworkStats network;
};

// `trace_stream`, when set, receives each event as JSON Lines as it happens.
RunResult simulate(const Scenario& scenario, std::uint64_t seed, std::ostream* trace_stream = nullptr);

// The SimGrid settings every halab run uses (see the SimGrid notes: CM02 gives configured
// latencies; cross-traffic off lets one-way faults and replies travel independently).
std::vector<std::string> simgrid_arguments();

} // namespace halab
