// A client host's actor: open-loop requests to the floating IP at the scenario's rate
// (evenly spaced or Poisson), each resolved through the network's ARP entry for the IP, each
// recorded as a trace event when it succeeds, times out or finds no route.
#pragma once

#include "sim/run/run_context.hpp"

namespace halab {

class ClientAgent {
public:
  ClientAgent(RunContext& ctx, HostId host) : ctx_(&ctx), host_(host) {}
  void operator()() const;

  static simgrid::s4u::ActorPtr spawn(RunContext& ctx, HostId host);

private:
  RunContext* ctx_;
  HostId host_;
};

} // namespace halab
