// Carries out the scenario's fault schedule at its simulated times: crashes and restarts of
// members, partitions and their healing, link degradations and physical link cuts (SimGrid
// Link::turn_off) and their end. Each fault is a
// trace event at the instant it takes effect.
#pragma once

#include "sim/run/run_context.hpp"

#include <functional>
#include <vector>

namespace halab {

class FaultInjector {
public:
  explicit FaultInjector(RunContext& ctx);
  void operator()();

  static simgrid::s4u::ActorPtr spawn(RunContext& ctx);

private:
  struct Step {
    double at_s;
    std::function<void()> apply;
  };
  void schedule(const FaultSpec& fault, int index);
  // Steps capture the RunContext, never `this`: SimGrid copies the injector into its actor.
  static void crash(RunContext& ctx, HostId h, int index);
  static void restart(RunContext& ctx, HostId h, int index);

  RunContext* ctx_;
  std::vector<Step> steps_;
};

} // namespace halab
