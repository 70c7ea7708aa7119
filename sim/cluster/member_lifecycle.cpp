#include "sim/cluster/member_lifecycle.hpp"

#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Engine.hpp>

namespace halab {
namespace sg4 = simgrid::s4u;

void crash_member(RunContext& ctx, std::size_t member) {
  HostId h = ctx.member_hosts[member];
  double now = sg4::Engine::get_clock();
  ++ctx.crashes[member];  // a reboot pending from an earlier death does not undo this one
  ctx.network.set_down(h, true);
  if (ctx.vip.holds(h)) {
    ctx.vip.crashed(h);
    ctx.trace.emit(now, "ip.release", {{"node", ctx.name(h)}, {"ip", ctx.scenario.service.vip}, {"reason", kCrashReason}});
  }
  sg4::ActorPtr actor = ctx.member_actors[member];
  ctx.member_actors[member] = nullptr;
  if (actor) actor->kill();
}

void restart_member(RunContext& ctx, std::size_t member) {
  HostId h = ctx.member_hosts[member];
  ctx.network.set_down(h, false);
  // Messages that were in flight to the dead process must not reach the new one.
  ctx.network.clear(h);
  ++ctx.incarnations[member];
  ctx.spawn_member(member);
}

void restart_member_after(RunContext& ctx, std::size_t member, Duration delay) {
  double at = sg4::Engine::get_clock() + delay.to_seconds();
  std::uint32_t incarnation = ctx.incarnations[member];
  std::uint32_t crashes = ctx.crashes[member];
  sg4::Actor::create("reboot:" + ctx.name(ctx.member_hosts[member]), ctx.platform.host(ctx.host_names.front()),
                     [&ctx, member, at, incarnation, crashes] {
                       sg4::this_actor::sleep_until(at);
                       // Only if nothing else restarted it meanwhile, and it did not die
                       // again (a crash without restart leaves it dead).
                       if (ctx.incarnations[member] != incarnation || ctx.crashes[member] != crashes ||
                           ctx.member_actors[member])
                         return;
                       ctx.trace.emit(sg4::Engine::get_clock(), "node.boot", {{"node", ctx.name(ctx.member_hosts[member])}});
                       restart_member(ctx, member);
                     })
      ->daemonize();
}

} // namespace halab
