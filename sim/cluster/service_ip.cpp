#include "sim/cluster/service_ip.hpp"

#include "sim/stack/database_run.hpp"
#include "sim/trace/event_names.hpp"

#include <memory>

namespace halab {

void take_ip(RunContext& ctx, ServiceRun& svc, HostId host, double now, const std::string& reason, TraceEvent extra, bool announce) {
  TraceEvent role{{"node", ctx.name(host)}, {"role", "primary"}, {"reason", reason}};
  for (const auto& [k, v] : extra.items()) role[k] = v;
  svc.emit(ctx.trace, now, event::role, role);
  TraceEvent take{{"node", ctx.name(host)}, {"ip", svc.service.vip}, {"reason", reason}};
  if (announce) {
    svc.vip.take(host);
  } else {
    svc.vip.bind(host);
    take["announced"] = false;
  }
  svc.emit(ctx.trace, now, event::ip_take, take);
  promote_on_ip_take(ctx, svc, host, now);
}

void announce_ip(RunContext& ctx, ServiceRun& svc, HostId host, double now) {
  if (!svc.vip.holds(host) || svc.vip.arp_owner() == host) return;
  svc.vip.announce(host);
  svc.emit(ctx.trace, now, event::ip_arp, {{"node", ctx.name(host)}, {"ip", svc.service.vip}});
}

void release_ip(RunContext& ctx, ServiceRun& svc, HostId host, double now, const std::string& reason) {
  svc.emit(ctx.trace, now, event::role, {{"node", ctx.name(host)}, {"role", "standby"}, {"reason", reason}});
  svc.vip.release(host);
  svc.emit(ctx.trace, now, event::ip_release, {{"node", ctx.name(host)}, {"ip", svc.service.vip}, {"reason", reason}});
}

void reply_to(RunContext& ctx, HostId server, HostId client, const msg::Request& request) {
  ctx.network.send(client, make_message(server, 0, msg::Reply{request.id}), kReplyBytes);
}

} // namespace halab
