// Starting the actor of one member: a fresh instance of `Process` (the state of one
// incarnation of the member's process, which dies with the actor) running on its host,
// driven by the one member loop (process_loop.hpp).
#pragma once

#include "sim/service/process_loop.hpp"
#include "sim/run/run_context.hpp"

#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Engine.hpp>

namespace halab {

template <MemberProcess Process>
simgrid::s4u::ActorPtr spawn_member_actor(RunContext& ctx, ServiceRun& service, std::size_t member) {
  HostId h = service.member_hosts[member];
  simgrid::s4u::ActorPtr actor = simgrid::s4u::Actor::create(
      "member:" + ctx.name(h), ctx.platform.host(ctx.name(h)), [&ctx, &service, member, h] {
        Process process(ctx, service, member);
        run_process(ctx.network, h, process);
      });
  actor->daemonize();
  service.member_actors[member] = actor;
  service.started_s[member] = simgrid::s4u::Engine::get_clock();
  return actor;
}

} // namespace halab
