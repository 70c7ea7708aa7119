#include "sim/cluster/service_ip.hpp"

#include <memory>

namespace halab {

void take_ip(RunContext& ctx, HostId host, double now, const std::string& reason, TraceEvent extra) {
  TraceEvent role{{"node", ctx.name(host)}, {"role", "primary"}, {"reason", reason}};
  for (const auto& [k, v] : extra.items()) role[k] = v;
  ctx.trace.emit(now, "role", role);
  ctx.vip.take(host);
  ctx.trace.emit(now, "ip.take", {{"node", ctx.name(host)}, {"ip", ctx.scenario.service.vip}, {"reason", reason}});
}

void release_ip(RunContext& ctx, HostId host, double now, const std::string& reason) {
  ctx.trace.emit(now, "role", {{"node", ctx.name(host)}, {"role", "standby"}, {"reason", reason}});
  ctx.vip.release(host);
  ctx.trace.emit(now, "ip.release", {{"node", ctx.name(host)}, {"ip", ctx.scenario.service.vip}, {"reason", reason}});
}

void reply_to(RunContext& ctx, HostId server, const Message& request) {
  ctx.network.send(request.from, std::make_unique<Message>(Message{Message::Kind::reply, server, 0, false, request.id, nullptr}),
                   kReplyBytes);
}

} // namespace halab
