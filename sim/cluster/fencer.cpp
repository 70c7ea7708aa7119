#include "sim/cluster/fencer.hpp"

#include "sim/cluster/member_lifecycle.hpp"

#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Engine.hpp>

#include <memory>

namespace halab {
namespace sg4 = simgrid::s4u;

void start_fencing(RunContext& ctx, std::size_t requester, std::size_t target) {
  const FenceDeviceConfig& device = ctx.scenario.cluster.fencing.device;
  Instant now = Instant::at_seconds(sg4::Engine::get_clock());
  FenceOperation op = plan_fence(device, target, now, ctx.fence_rng);
  HostId by = ctx.member_hosts[requester];
  HostId victim = ctx.member_hosts[target];
  std::uint32_t incarnation = ctx.incarnations[requester];
  ctx.trace.emit(now.to_seconds(), "fence.request",
                 {{"by", ctx.name(by)}, {"target", ctx.name(victim)}, {"fires_at_s", op.fires_at.to_seconds()}});

  sg4::Actor::create("fence:" + ctx.name(victim), ctx.platform.host(ctx.name(by)), [&ctx, op, requester, target, by,
                                                                                      victim, incarnation, &device] {
    auto requester_alive = [&] {
      return ctx.member_actors[requester] && ctx.incarnations[requester] == incarnation;
    };
    sg4::this_actor::sleep_until(op.fires_at.to_seconds());
    if (!requester_alive()) {
      ctx.trace.emit(sg4::Engine::get_clock(), "fence.abandon", {{"by", ctx.name(by)}, {"target", ctx.name(victim)}});
      return;
    }
    bool succeeds = op.succeeds && !ctx.fence_device_failing;
    double done = succeeds ? op.completes_at.to_seconds() : op.fires_at.to_seconds() + device.timeout.to_seconds();
    ctx.trace.emit(sg4::Engine::get_clock(), "fence.fire", {{"by", ctx.name(by)}, {"target", ctx.name(victim)}});
    sg4::this_actor::sleep_until(done);
    double t = sg4::Engine::get_clock();
    ctx.trace.emit(t, "fence.done",
                   {{"by", ctx.name(by)}, {"target", ctx.name(victim)}, {"success", succeeds},
                    {"kind", device.kind == FenceDeviceConfig::Kind::power ? "power" : "storage"}});
    if (succeeds) {
      if (device.kind == FenceDeviceConfig::Kind::storage) {
        ctx.storage.fence(target);
      } else if (ctx.member_actors[target]) {
        crash_member(ctx, target);
        if (device.action == FenceDeviceConfig::Action::reboot) restart_member_after(ctx, target, device.reboot_time);
      }
    }
    if (requester_alive())
      ctx.network.post(by, make_message(by, 0, msg::FenceResult{target, succeeds}));
    // The CRM's fencer tells every node of a completed fencing (the CIB records it), so
    // a DC elected later does not fence the node again.
    if (succeeds && ctx.scenario.cluster.crm) {
      for (std::size_t m = 0; m < ctx.member_hosts.size(); ++m) {
        if (m == requester || m == target || !ctx.member_actors[m]) continue;
        ctx.network.post(ctx.member_hosts[m],
                         make_message(by, 0, msg::FenceResult{target, true}));
      }
    }
  })->daemonize();
}

} // namespace halab
