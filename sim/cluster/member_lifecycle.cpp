#include "sim/cluster/member_lifecycle.hpp"

#include "sim/service/member_spawn.hpp"
#include "sim/trace/event_names.hpp"

#include "sim/stack/tier_process.hpp"

#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Engine.hpp>

namespace halab {
namespace sg4 = simgrid::s4u;

void crash_member(RunContext& ctx, ServiceRun& svc, std::size_t member) {
  HostId h = svc.member_hosts[member];
  double now = sg4::Engine::get_clock();
  ++svc.crashes[member];  // a reboot pending from an earlier death does not undo this one
  ctx.network.set_down(h, true);
  if (svc.vip.holds(h)) {
    svc.vip.crashed(h);
    svc.emit(ctx.trace, now, event::ip_release, {{"node", ctx.name(h)}, {"ip", svc.service.vip}, {"reason", kCrashReason}});
  }
  if (svc.swim_tally) svc.swim_tally->crashed(now, member);
  svc.member_processes[member].reset();
  crash_tier_on(ctx, h);  // the host's other process, if it runs a tier
}

void restart_member(RunContext& ctx, ServiceRun& svc, std::size_t member) {
  HostId h = svc.member_hosts[member];
  ctx.network.set_down(h, false);
  ctx.network.set_closed(h, false);
  // Messages that were in flight to the dead process must not reach the new one.
  ctx.network.clear(h);
  ++svc.incarnations[member];
  spawn_member(ctx, svc, member);
  restart_tier_on(ctx, h);
}

void restart_member_after(RunContext& ctx, ServiceRun& svc, std::size_t member, Duration delay) {
  double at = sg4::Engine::get_clock() + delay.to_seconds();
  std::uint32_t incarnation = svc.incarnations[member];
  std::uint32_t crashes = svc.crashes[member];
  sg4::Actor::create("reboot:" + ctx.name(svc.member_hosts[member]), ctx.platform.host(ctx.host_names.front()),
                     [&ctx, &svc, member, at, incarnation, crashes] {
                       sg4::this_actor::sleep_until(at);
                       // Only if nothing else restarted it meanwhile, and it did not die
                       // again (a crash without restart leaves it dead).
                       if (svc.incarnations[member] != incarnation || svc.crashes[member] != crashes ||
                           svc.running(member))
                         return;
                       svc.emit(ctx.trace, sg4::Engine::get_clock(), event::node_boot, {{"node", ctx.name(svc.member_hosts[member])}});
                       restart_member(ctx, svc, member);
                     })
      ->daemonize();
}

} // namespace halab
