// Starting the process of one member: a fresh instance of `Process` (the state of one
// incarnation of the member's process, which dies with it) at its host's endpoint, driven
// by the one loop (process_loop.hpp).
#pragma once

#include "sim/service/process_loop.hpp"
#include "sim/run/run_context.hpp"

#include <simgrid/s4u/Engine.hpp>

#include <memory>

namespace halab {

template <MemberProcess Process>
void spawn_member_process(RunContext& ctx, ServiceRun& service, std::size_t member) {
  HostId h = service.member_hosts[member];
  service.member_processes[member] =
      std::make_unique<LoopOf<Process>>(ctx.network, h, "member:" + ctx.name(h), ctx, service, member);
  service.started_s[member] = simgrid::s4u::Engine::get_clock();
}

} // namespace halab
