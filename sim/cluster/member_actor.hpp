// Starting the actor of one member: a fresh instance of `Process` (the state of one
// incarnation of the member's process, which dies with the actor) running on its host.
#pragma once

#include "sim/run/run_context.hpp"

#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Engine.hpp>

namespace halab {

template <class Process>
simgrid::s4u::ActorPtr spawn_member_actor(RunContext& ctx, std::size_t member) {
  HostId h = ctx.member_hosts[member];
  simgrid::s4u::ActorPtr actor = simgrid::s4u::Actor::create(
      "member:" + ctx.name(h), ctx.platform.host(ctx.name(h)), [&ctx, member] { Process(ctx, member).run(); });
  actor->daemonize();
  ctx.member_actors[member] = actor;
  ctx.started_s[member] = simgrid::s4u::Engine::get_clock();
  return actor;
}

} // namespace halab
