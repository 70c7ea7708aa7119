#include "sim/cluster/service_ip.hpp"

#include <memory>

namespace halab {

void take_ip(RunContext& ctx, HostId host, double now, const std::string& reason, TraceEvent extra, bool announce) {
  TraceEvent role{{"node", ctx.name(host)}, {"role", "primary"}, {"reason", reason}};
  for (const auto& [k, v] : extra.items()) role[k] = v;
  ctx.trace.emit(now, "role", role);
  TraceEvent take{{"node", ctx.name(host)}, {"ip", ctx.scenario.service.vip}, {"reason", reason}};
  if (announce) {
    ctx.vip.take(host);
  } else {
    ctx.vip.bind(host);
    take["announced"] = false;
  }
  ctx.trace.emit(now, "ip.take", take);
}

void announce_ip(RunContext& ctx, HostId host, double now) {
  if (!ctx.vip.holds(host) || ctx.vip.arp_owner() == host) return;
  ctx.vip.announce(host);
  ctx.trace.emit(now, "ip.arp", {{"node", ctx.name(host)}, {"ip", ctx.scenario.service.vip}});
}

void release_ip(RunContext& ctx, HostId host, double now, const std::string& reason) {
  ctx.trace.emit(now, "role", {{"node", ctx.name(host)}, {"role", "standby"}, {"reason", reason}});
  ctx.vip.release(host);
  ctx.trace.emit(now, "ip.release", {{"node", ctx.name(host)}, {"ip", ctx.scenario.service.vip}, {"reason", reason}});
}

void reply_to(RunContext& ctx, HostId server, HostId client, const msg::Request& request) {
  ctx.network.send(client, make_message(server, 0, msg::Reply{request.id}), kReplyBytes);
}

} // namespace halab
