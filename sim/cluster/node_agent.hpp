// The actor of one cluster member: it sends heartbeats, feeds the failure detectors and the
// active/passive controller from models/, carries out their actions on the floating IP, and
// answers client requests while it holds the IP. All decisions are the models'.
#pragma once

#include "sim/run/run_context.hpp"

#include <cstddef>

namespace halab {

class NodeAgent {
public:
  NodeAgent(RunContext& ctx, std::size_t member) : ctx_(&ctx), member_(member) {}
  void operator()() const;

  // Starts (or restarts) the member's actor; returns it.
  static simgrid::s4u::ActorPtr spawn(RunContext& ctx, std::size_t member);

private:
  RunContext* ctx_;
  std::size_t member_;
};

} // namespace halab
