// Runs one scenario to completion in this process and returns its trace.
//
// SimGrid allows one engine per process: call simulate() at most once per process. To run
// several scenarios or seeds, use run_in_child() (fork per run).
#pragma once

#include "sim/metrics/summary.hpp"
#include "sim/net/network.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/trace/trace.hpp"

#include <simgrid/s4u/Engine.hpp>

#include <cstdint>
#include <memory>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

namespace halab {

struct RunResult {
  std::vector<TraceEvent> events;  // none when they went to an observer
  NetworkStats network;
  double loop_cpu_s = 0;  // CPU seconds of the simulation loop (SimGrid's engine run)
};

// A run whose simulated time stopped advancing (a process woke over and over at one instant).
struct SimulationStalled : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Throws SimulationStalled if the run stops advancing. `trace_stream`, when set, receives
// each event as JSON Lines as it happens; `observer`, when set, takes each event instead of
// the result; `deliveries`, when set, gets every message the network accepted.
RunResult simulate(const Scenario& scenario, std::uint64_t seed, std::ostream* trace_stream = nullptr,
                   TraceObserver observer = {}, std::vector<Delivery>* deliveries = nullptr);

// A builder for the summary of a run of `scenario`, as it goes: a request's outcome comes at
// most the clients' timeout after its send (clients are never paused nor crashed), and a
// second more leaves room for rounding.
SummaryBuilder summary_builder_for(const Scenario& scenario, double outages_from_s = 0);

// A run summarised as it goes: its events are not kept (the trace file, if any, has them).
Summary simulate_and_summarize(const Scenario& scenario, std::uint64_t seed, std::ostream* trace_stream = nullptr);

// CPU seconds (user + system) this process has used so far.
double process_cpu_s();

// SimGrid's context factory: the environment's HALAB_CONTEXT_FACTORY (raw, ucontext,
// thread), else the build's default (raw, the fastest; thread under sanitizers, which take
// raw and ucontext stack switches for errors).
std::string context_factory();

// The process's SimGrid engine with the settings every halab run uses (CM02: links give
// their configured latencies; no cross-traffic; errors only in SimGrid's log) and the
// context factory above.
std::unique_ptr<simgrid::s4u::Engine> create_engine();

} // namespace halab
