#include "sim/cluster/fencer.hpp"

#include "sim/cluster/member_lifecycle.hpp"
#include "sim/trace/event_names.hpp"

#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Engine.hpp>

#include <memory>

namespace halab {
namespace sg4 = simgrid::s4u;

void start_fencing(RunContext& ctx, ServiceRun& svc, std::size_t requester, std::size_t target) {
  const FenceDeviceConfig& device = svc.spec.fencing.device;
  Instant now = Instant::at_seconds(sg4::Engine::get_clock());
  FenceOperation op = plan_fence(device, target, now, svc.fence_rng);
  HostId by = svc.member_hosts[requester];
  HostId victim = svc.member_hosts[target];
  std::uint32_t incarnation = svc.incarnations[requester];
  svc.emit(ctx.trace, now.to_seconds(), event::fence_request,
                 {{"by", ctx.name(by)}, {"target", ctx.name(victim)}, {"fires_at_s", op.fires_at.to_seconds()}});

  sg4::Actor::create("fence:" + ctx.name(victim), ctx.platform.host(ctx.name(by)), [&ctx, &svc, op, requester, target, by,
                                                                                      victim, incarnation, &device] {
    auto requester_alive = [&] {
      return svc.running(requester) && svc.incarnations[requester] == incarnation;
    };
    sg4::this_actor::sleep_until(op.fires_at.to_seconds());
    if (!requester_alive()) {
      svc.emit(ctx.trace, sg4::Engine::get_clock(), event::fence_abandon, {{"by", ctx.name(by)}, {"target", ctx.name(victim)}});
      return;
    }
    bool succeeds = op.succeeds && !svc.fence_device_failing;
    double done = succeeds ? op.completes_at.to_seconds() : op.fires_at.to_seconds() + device.timeout.to_seconds();
    svc.emit(ctx.trace, sg4::Engine::get_clock(), event::fence_fire, {{"by", ctx.name(by)}, {"target", ctx.name(victim)}});
    sg4::this_actor::sleep_until(done);
    double t = sg4::Engine::get_clock();
    svc.emit(ctx.trace, t, event::fence_done,
                   {{"by", ctx.name(by)}, {"target", ctx.name(victim)}, {"success", succeeds},
                    {"kind", device.kind == FenceDeviceConfig::Kind::power ? "power" : "storage"}});
    if (succeeds) {
      if (device.kind == FenceDeviceConfig::Kind::storage) {
        svc.storage.fence(target);
      } else if (svc.running(target)) {
        crash_member(ctx, svc, target);
        if (device.action == FenceDeviceConfig::Action::reboot) restart_member_after(ctx, svc, target, device.reboot_time);
      }
    }
    if (requester_alive())
      ctx.network.post(by, make_message(by, 0, msg::FenceResult{target, succeeds}));
    // The CRM's fencer tells every node of a completed fencing (the CIB records it), so
    // a DC elected later does not fence the node again.
    if (succeeds && svc.spec.crm) {
      for (std::size_t m = 0; m < svc.member_hosts.size(); ++m) {
        if (m == requester || m == target || !svc.running(m)) continue;
        ctx.network.post(svc.member_hosts[m],
                         make_message(by, 0, msg::FenceResult{target, true}));
      }
    }
  })->daemonize();
}

} // namespace halab
